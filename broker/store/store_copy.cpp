#include "broker/store/store_copy.hpp"

#include <algorithm>
#include <optional>
#include <sstream>
#include <unordered_map>
#include <utility>

namespace pact::broker::store {
namespace {

// "Latest" means the largest id (records.hpp), so rows are inserted in the source's id order: the target's
// ids, though different, then put them in the same order.
template <typename Record>
void sort_by_id(std::vector<Record>& rows) {
    std::ranges::sort(rows, {}, &Record::id);
}

template <typename Record>
void append(std::vector<Record>& to, std::vector<Record> rows) {
    to.insert(to.end(), std::make_move_iterator(rows.begin()), std::make_move_iterator(rows.end()));
}

// Source ids to target ids, for one table.
class id_map {
public:
    explicit id_map(std::string_view table) : table_(table) {}
    void add(row_id source, row_id target) { ids_[source] = target; }
    // The source's foreign keys guarantee the row was copied before; a miss means the source changed under its snapshot.
    [[nodiscard]] row_id operator[](row_id source) const {
        const auto found = ids_.find(source);
        if (found == ids_.end()) throw store_failure("the source refers to " + table_ + " " + std::to_string(source) + ", which it does not have");
        return found->second;
    }

private:
    std::string table_;
    std::unordered_map<row_id, row_id> ids_;
};

class copier {
public:
    copier(store_reader& from, store_writer& to) : from_(from), to_(to) {}

    void run() {
        copy_pacticipants();
        copy_versions();
        copy_branches();
        copy_memberships_and_tags();
        copy_pact_versions();
        copy_publications();
        copy_integrations();
        copy_verifications();
        copy_provider_contracts();
        copy_environments();
        copy_deployments();
        copy_releases();
        copy_webhooks();
        copy_triggered_webhooks();
        copy_executions();
    }

    row_counts copied{};
    row_counts already_there{};

private:
    void count(row_kind kind, bool inserted) { ++count_of(inserted ? copied : already_there, kind); }

    void copy_pacticipants() {
        pacticipants_ = from_.pacticipants().list_pacticipants();
        sort_by_id(pacticipants_);
        for (const auto& source : pacticipants_) {
            const auto found = to_.pacticipants().find_pacticipant(source.name);
            const row_id id = found ? found->id : to_.pacticipants().insert_pacticipant(source);
            count(row_kind::pacticipants, !found);
            pacticipant_ids_.add(source.id, id);
            for (const auto& label : from_.pacticipants().labels_of(source.id))
                count(row_kind::labels, to_.pacticipants().add_label(id, label.name, label.created_at));
        }
    }

    void copy_versions() {
        for (const auto& pacticipant : pacticipants_) append(versions_, from_.pacticipants().list_versions(pacticipant.id));
        sort_by_id(versions_);
        for (const auto& source : versions_) {
            version_record copy = source;
            copy.pacticipant_id = pacticipant_ids_[source.pacticipant_id];
            const auto found = to_.pacticipants().find_version(copy.pacticipant_id, copy.number);
            version_ids_.add(source.id, found ? found->id : to_.pacticipants().insert_version(copy));
            count(row_kind::versions, !found);
        }
    }

    void copy_branches() {
        std::vector<branch_record> branches;
        for (const auto& pacticipant : pacticipants_) append(branches, from_.pacticipants().list_branches(pacticipant.id));
        sort_by_id(branches);
        for (const auto& source : branches) {
            branch_record copy = source;
            copy.pacticipant_id = pacticipant_ids_[source.pacticipant_id];
            const bool found = to_.pacticipants().find_branch(copy.pacticipant_id, copy.name).has_value();
            if (!found) (void)to_.pacticipants().insert_branch(copy);
            count(row_kind::branches, !found);
        }
    }

    // The branches exist by now, so adding a version to one keeps the membership's own time.
    void copy_memberships_and_tags() {
        for (const auto& source : versions_) {
            const row_id pacticipant = pacticipant_ids_[source.pacticipant_id];
            const row_id version = version_ids_[source.id];
            for (const auto& membership : from_.pacticipants().branches_of_version(source.id))
                count(row_kind::branch_versions, to_.pacticipants().add_version_to_branch(pacticipant, membership.branch_name, version, membership.created_at));
            for (const auto& tag : from_.pacticipants().tags_of_version(source.id))
                count(row_kind::tags, to_.pacticipants().add_tag(pacticipant, version, tag.name, tag.created_at));
        }
    }

    // One consumer's content in memory at a time. Nothing orders pact versions by id, only their publications.
    void copy_pact_versions() {
        for (const auto& consumer : pacticipants_) {
            for (auto& source : from_.pacts().pact_versions_of_consumer(consumer.id)) {
                const row_id source_id = source.id;
                source.consumer_id = pacticipant_ids_[source.consumer_id];
                source.provider_id = pacticipant_ids_[source.provider_id];
                const auto found = to_.pacts().find_pact_version(source.consumer_id, source.provider_id, source.sha);
                pact_version_ids_.add(source_id, found ? found->id : to_.pacts().insert_pact_version(source));
                count(row_kind::pact_versions, !found);
            }
        }
    }

    void copy_publications() {
        std::vector<pact_publication_record> publications;
        for (const auto& version : versions_) append(publications, from_.pacts().publications_of_consumer_version(version.id));
        sort_by_id(publications);
        for (const auto& source : publications) {
            pact_publication_record copy = source;
            copy.consumer_id = pacticipant_ids_[source.consumer_id];
            copy.provider_id = pacticipant_ids_[source.provider_id];
            copy.consumer_version_id = version_ids_[source.consumer_version_id];
            copy.pact_version_id = pact_version_ids_[source.pact_version_id];
            const bool found = to_.pacts().find_pact_publication(copy.consumer_version_id, copy.provider_id).has_value();
            if (!found) (void)to_.pacts().insert_pact_publication(copy);
            count(row_kind::pact_publications, !found);
        }
    }

    void copy_integrations() {
        for (const auto& source : from_.pacts().list_integrations()) {
            const row_id consumer = pacticipant_ids_[source.consumer_id];
            const row_id provider = pacticipant_ids_[source.provider_id];
            const auto providers = to_.pacts().providers_of(consumer);
            const bool found = std::ranges::find(providers, provider) != providers.end();
            if (!found) to_.pacts().add_integration(consumer, provider, source.created_at);
            count(row_kind::integrations, !found);
        }
    }

    void copy_verifications() {
        std::vector<verification_record> verifications;
        for (const auto& version : versions_) append(verifications, from_.verifications().verifications_by_provider_version(version.id));
        sort_by_id(verifications);
        for (const auto& source : verifications) {
            verification_record copy = source;  // with its number, which insert_verification keeps
            copy.pact_version_id = pact_version_ids_[source.pact_version_id];
            copy.provider_version_id = version_ids_[source.provider_version_id];
            const bool found = to_.verifications().find_verification(copy.pact_version_id, copy.number).has_value();
            if (!found) (void)to_.verifications().insert_verification(copy);
            count(row_kind::verifications, !found);
        }
    }

    // A contract has one row per provider version, and a comparison one per (contract, pact content): both are found
    // again by those keys. A contract the target already has keeps its comparisons (saving it again would drop them).
    void copy_provider_contracts() {
        for (const auto& version : versions_) {
            auto source = from_.provider_contracts().provider_contract_of_version(version.id);
            if (!source) continue;
            const row_id source_id = source->id;
            source->provider_id = pacticipant_ids_[source->provider_id];
            source->provider_version_id = version_ids_[source->provider_version_id];
            const auto found = to_.provider_contracts().provider_contract_of_version(source->provider_version_id);
            const row_id target_id = found ? found->id : to_.provider_contracts().save_provider_contract(*source);
            count(row_kind::provider_contracts, !found);
            for (auto comparison : from_.provider_contracts().comparisons_of_contract(source_id)) {
                comparison.provider_contract_id = target_id;
                comparison.pact_version_id = pact_version_ids_[comparison.pact_version_id];
                const bool there = to_.provider_contracts().find_comparison(target_id, comparison.pact_version_id).has_value();
                if (!there) to_.provider_contracts().save_comparison(comparison);
                count(row_kind::contract_comparisons, !there);
            }
        }
    }

    void copy_environments() {
        auto environments = from_.environments().list_environments();
        sort_by_id(environments);
        for (const auto& source : environments) {
            auto found = to_.environments().find_environment_by_uuid(source.uuid);
            if (!found && to_.environments().find_environment_by_name(source.name))
                throw copy_conflict("the target has an environment named '" + source.name + "' whose uuid is not the source's " + source.uuid);
            environment_ids_.add(source.id, found ? found->id : to_.environments().insert_environment(source));
            count(row_kind::environments, !found);
        }
    }

    void copy_deployments() {
        std::vector<deployed_version_record> deployments;
        for (const auto& version : versions_) append(deployments, from_.environments().deployments_of_version(version.id));
        sort_by_id(deployments);
        for (const auto& source : deployments) {
            const auto found = to_.environments().find_deployed_version(source.uuid);
            if (found) {
                if (source.undeployed_at && !found->undeployed_at) to_.environments().mark_undeployed(found->id, *source.undeployed_at);
            } else {
                deployed_version_record copy = source;
                copy.version_id = version_ids_[source.version_id];
                copy.pacticipant_id = pacticipant_ids_[source.pacticipant_id];
                copy.environment_id = environment_ids_[source.environment_id];
                const row_id id = to_.environments().insert_deployed_version(copy);
                if (source.undeployed_at) to_.environments().mark_undeployed(id, *source.undeployed_at);
            }
            count(row_kind::deployed_versions, !found);
        }
    }

    void copy_releases() {
        std::vector<released_version_record> releases;
        for (const auto& version : versions_) append(releases, from_.environments().releases_of_version(version.id));
        sort_by_id(releases);
        for (const auto& source : releases) {
            const auto found = to_.environments().find_released_version(source.uuid);
            if (found) {
                // A release's support can end and, released again, start once more: the target follows.
                if (source.support_ended_at && !found->support_ended_at) to_.environments().mark_support_ended(found->id, *source.support_ended_at);
                if (!source.support_ended_at && found->support_ended_at) to_.environments().mark_supported_again(found->id);
            } else {
                released_version_record copy = source;
                copy.version_id = version_ids_[source.version_id];
                copy.pacticipant_id = pacticipant_ids_[source.pacticipant_id];
                copy.environment_id = environment_ids_[source.environment_id];
                if (to_.environments().find_release(copy.version_id, copy.environment_id))
                    throw copy_conflict("the target has a release of the version released as " + source.uuid + " under another uuid");
                const row_id id = to_.environments().insert_released_version(copy);
                if (source.support_ended_at) to_.environments().mark_support_ended(id, *source.support_ended_at);
            }
            count(row_kind::released_versions, !found);
        }
    }

    void copy_webhooks() {
        webhooks_ = from_.webhooks().list_webhooks();
        sort_by_id(webhooks_);
        for (const auto& source : webhooks_) {
            const auto found = to_.webhooks().find_webhook(source.uuid);
            webhook_ids_.add(source.id, found ? found->id : to_.webhooks().insert_webhook(source));
            count(row_kind::webhooks, !found);
        }
    }

    // A delivery's status, attempts and claim change as it is attempted: one the source attempted since the
    // last copy takes the source's state, so that the target neither repeats nor forgets it.
    void copy_triggered_webhooks() {
        for (const auto& webhook : webhooks_) append(triggered_, from_.webhooks().triggered_webhooks_of(webhook.id));
        sort_by_id(triggered_);
        for (const auto& source : triggered_) {
            triggered_webhook_record copy = source;
            copy.webhook_id = webhook_ids_[source.webhook_id];
            const auto found = to_.webhooks().find_triggered_webhook(source.uuid);
            if (found && source.updated_at > found->updated_at) {
                copy.id = found->id;
                to_.webhooks().update_triggered_webhook(copy);
            }
            triggered_ids_.add(source.id, found ? found->id : to_.webhooks().insert_triggered_webhook(copy));
            count(row_kind::triggered_webhooks, !found);
        }
    }

    // Executions have no key of their own: one of the same delivery with the same time and logs is the same.
    void copy_executions() {
        for (const auto& triggered : triggered_) {
            const row_id target = triggered_ids_[triggered.id];
            const auto existing = to_.webhooks().executions_of(target);
            for (auto source : from_.webhooks().executions_of(triggered.id)) {
                const bool found = std::ranges::any_of(existing, [&](const webhook_execution_record& there) {
                    return there.created_at == source.created_at && there.logs == source.logs;
                });
                source.triggered_webhook_id = target;
                if (!found) (void)to_.webhooks().insert_webhook_execution(source);
                count(row_kind::webhook_executions, !found);
            }
        }
    }

    store_reader& from_;
    store_writer& to_;
    // The source's rows every later step walks, by id.
    std::vector<pacticipant_record> pacticipants_;
    std::vector<version_record> versions_;
    std::vector<webhook_record> webhooks_;
    std::vector<triggered_webhook_record> triggered_;
    id_map pacticipant_ids_{"pacticipant"};
    id_map version_ids_{"version"};
    id_map pact_version_ids_{"pact version"};
    id_map environment_ids_{"environment"};
    id_map webhook_ids_{"webhook"};
    id_map triggered_ids_{"triggered webhook"};
};

// The latest pact of every integration of the source, compared with the target's latest of the same pair.
void compare_latest_pacts(store_reader& source, store_reader& target, std::vector<std::string>& disagreements) {
    for (const auto& latest : source.pacts().latest_publications()) {
        const auto consumer = source.pacticipants().find_pacticipant(latest.consumer_id);
        const auto provider = source.pacticipants().find_pacticipant(latest.provider_id);
        const auto version = source.pacticipants().find_version(latest.consumer_version_id);
        const auto content = source.pacts().find_pact_version(latest.pact_version_id);
        if (!consumer || !provider || !version || !content) throw store_failure("the source's latest pacts refer to rows it does not have");
        const std::string pair = "between " + consumer->name + " and " + provider->name;

        const auto target_consumer = target.pacticipants().find_pacticipant(consumer->name);
        const auto target_provider = target.pacticipants().find_pacticipant(provider->name);
        const auto target_latest = target_consumer && target_provider
                                       ? target.pacts().latest_publication(target_consumer->id, target_provider->id)
                                       : std::nullopt;
        if (!target_latest) {
            disagreements.push_back("the target has no pact " + pair);
            continue;
        }
        const auto target_version = target.pacticipants().find_version(target_latest->consumer_version_id);
        const auto target_content = target.pacts().find_pact_version(target_latest->pact_version_id);
        if (!target_version || target_version->number != version->number)
            disagreements.push_back("the latest pact " + pair + " is version " + version->number + "'s on the source but version " +
                                    (target_version ? target_version->number : std::string("?")) + "'s on the target");
        else if (!target_content || target_content->content != content->content)
            disagreements.push_back("the latest pact " + pair + " (version " + version->number + ") has other content on the target");
    }
}

}  // namespace

std::string_view row_kind_name(row_kind kind) {
    static constexpr std::array<std::string_view, row_kind_count> names{
        "pacticipants",       "labels",           "versions",          "branches",           "branch memberships",   "tags",
        "pact versions",      "pact publications", "integrations",     "verifications",      "provider contracts",   "contract comparisons",
        "environments",       "deployed versions", "released versions", "webhooks",          "triggered webhooks",   "webhook executions"};
    return names[static_cast<std::size_t>(kind)];
}

row_counts count_rows(store_reader& reader) {
    row_counts counts{};
    const auto add = [&counts](row_kind kind, std::size_t how_many) { count_of(counts, kind) += static_cast<std::int64_t>(how_many); };
    const auto pacticipants = reader.pacticipants().list_pacticipants();
    add(row_kind::pacticipants, pacticipants.size());
    for (const auto& pacticipant : pacticipants) {
        add(row_kind::labels, reader.pacticipants().labels_of(pacticipant.id).size());
        add(row_kind::branches, reader.pacticipants().list_branches(pacticipant.id).size());
        add(row_kind::pact_versions, reader.pacts().pact_versions_of_consumer(pacticipant.id).size());
        const auto versions = reader.pacticipants().list_versions(pacticipant.id);
        add(row_kind::versions, versions.size());
        for (const auto& version : versions) {
            add(row_kind::branch_versions, reader.pacticipants().branches_of_version(version.id).size());
            add(row_kind::tags, reader.pacticipants().tags_of_version(version.id).size());
            add(row_kind::pact_publications, reader.pacts().publications_of_consumer_version(version.id).size());
            add(row_kind::verifications, reader.verifications().verifications_by_provider_version(version.id).size());
            if (const auto contract = reader.provider_contracts().provider_contract_of_version(version.id)) {
                add(row_kind::provider_contracts, 1);
                add(row_kind::contract_comparisons, reader.provider_contracts().comparisons_of_contract(contract->id).size());
            }
            add(row_kind::deployed_versions, reader.environments().deployments_of_version(version.id).size());
            add(row_kind::released_versions, reader.environments().releases_of_version(version.id).size());
        }
    }
    add(row_kind::integrations, reader.pacts().list_integrations().size());
    add(row_kind::environments, reader.environments().list_environments().size());
    const auto webhooks = reader.webhooks().list_webhooks();
    add(row_kind::webhooks, webhooks.size());
    for (const auto& webhook : webhooks) {
        const auto triggered = reader.webhooks().triggered_webhooks_of(webhook.id);
        add(row_kind::triggered_webhooks, triggered.size());
        for (const auto& delivery : triggered) add(row_kind::webhook_executions, reader.webhooks().executions_of(delivery.id).size());
    }
    return counts;
}

copy_report copy_store(store& from, store& to) {
    copy_report report;
    {
        const auto reader = from.read();
        const auto writer = to.write();
        copier copy(*reader, *writer);
        copy.run();
        writer->commit();
        report.copied = copy.copied;
        report.already_there = copy.already_there;
    }
    // Fresh snapshots: the check reads what the target made durable, not what the transaction saw.
    const auto source = from.read();
    const auto target = to.read();
    report.source_counts = count_rows(*source);
    report.target_counts = count_rows(*target);
    for (std::size_t index = 0; index < row_kind_count; ++index) {
        if (report.source_counts[index] == report.target_counts[index]) continue;
        report.disagreements.push_back("the source has " + std::to_string(report.source_counts[index]) + " " +
                                       std::string(row_kind_name(static_cast<row_kind>(index))) + ", the target " +
                                       std::to_string(report.target_counts[index]));
    }
    compare_latest_pacts(*source, *target, report.disagreements);
    return report;
}

std::string format_report(const copy_report& report) {
    std::ostringstream text;
    std::int64_t copied = 0, already_there = 0;
    for (std::size_t index = 0; index < row_kind_count; ++index) {
        const auto name = row_kind_name(static_cast<row_kind>(index));
        text << name << std::string(22 - name.size(), ' ') << report.source_counts[index] << " (copied " << report.copied[index]
             << ", already there " << report.already_there[index] << ")\n";
        copied += report.copied[index];
        already_there += report.already_there[index];
    }
    text << "in all: copied " << copied << ", already there " << already_there << "\n";
    if (report.agrees()) {
        text << "checked: counts agree, latest pacts agree\n";
    } else {
        text << "checked: the copy disagrees with the source:\n";
        for (const auto& disagreement : report.disagreements) text << "  " << disagreement << "\n";
    }
    return text.str();
}

}  // namespace pact::broker::store
