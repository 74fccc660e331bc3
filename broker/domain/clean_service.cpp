#include "broker/domain/clean_service.hpp"

#include "broker/domain/store_views.hpp"

#include <algorithm>
#include <thread>
#include <functional>
#include <map>
#include <memory>
#include <sstream>
#include <unordered_map>
#include <unordered_set>
#include <utility>

namespace pact::broker::domain {
namespace {

using nlohmann::json;
using store::row_id;

constexpr std::string_view lease_name = "clean";
// Renewed by every batch; outlives only a clean whose process died.
constexpr std::chrono::minutes lease_duration{10};
constexpr std::chrono::milliseconds pause_between_batches{2};

// ---------------------------------------------------------------------------------------------------------
// Selectors from JSON

std::string snake_case(std::string_view key) {
    std::string result;
    for (const char character : key) {
        if (character >= 'A' && character <= 'Z') {
            result += '_';
            result += static_cast<char>(character - 'A' + 'a');
        } else {
            result += character;
        }
    }
    return result;
}

// `true`, or a name, or false/null for "not asked".
std::expected<void, std::string> read_name_or_true(const json& value, std::string_view key, bool& any, std::optional<std::string>& name) {
    if (value.is_boolean()) any = value.get<bool>();
    else if (value.is_string()) name = value.get<std::string>();
    else if (!value.is_null()) return std::unexpected("\"" + std::string(key) + "\" must be true or a name");
    return {};
}

std::expected<keep_selector, std::string> read_selector(const json& object) {
    if (!object.is_object()) return std::unexpected("each keep selector must be a JSON object, as {\"branch\": true, \"latest\": true}");
    keep_selector selector;
    selector.source = object;
    for (const auto& [original_key, value] : object.items()) {
        const std::string key = snake_case(original_key);
        const auto flag = [&](bool& field) -> std::expected<void, std::string> {
            if (!value.is_boolean()) return std::unexpected("\"" + original_key + "\" must be true or false");
            field = value.get<bool>();
            return {};
        };
        const auto name = [&](std::optional<std::string>& field) -> std::expected<void, std::string> {
            if (!value.is_string()) return std::unexpected("\"" + original_key + "\" must be a name");
            field = value.get<std::string>();
            return {};
        };
        std::expected<void, std::string> read;
        if (key == "pacticipant" || key == "pacticipant_name") read = name(selector.pacticipant);
        else if (key == "branch") read = read_name_or_true(value, original_key, selector.any_branch, selector.branch);
        else if (key == "tag") read = read_name_or_true(value, original_key, selector.any_tag, selector.tag);
        else if (key == "main_branch") read = flag(selector.main_branch);
        else if (key == "latest") read = flag(selector.latest);
        else if (key == "deployed") read = flag(selector.deployed);
        else if (key == "released") read = flag(selector.released);
        else if (key == "deployed_or_released") read = flag(selector.deployed_or_released);
        else if (key == "environment" || key == "environment_name") read = name(selector.environment);
        else if (key == "max_age") {
            if (!value.is_number_integer() || value.get<std::int64_t>() < 0 || value.get<std::int64_t>() > 100'000)
                read = std::unexpected("\"" + original_key + "\" must be a whole number of days");
            else selector.max_age_days = value.get<int>();
        } else {
            read = std::unexpected("\"" + original_key + "\" is not a keep selector key (known: pacticipant, branch, mainBranch, tag, latest, "
                                   "deployed, released, deployedOrReleased, environment, max_age)");
        }
        if (!read) return std::unexpected(read.error());
    }
    return selector;
}

keep_selector selector_of(const json& object) { return *read_selector(object); }

bool keeps_deployed(const keep_selector& selector) {
    return (selector.deployed || selector.deployed_or_released) && !selector.pacticipant && !selector.environment && !selector.max_age_days &&
           !selector.latest && !selector.any_branch && !selector.branch && !selector.main_branch && !selector.any_tag && !selector.tag;
}
bool keeps_released(const keep_selector& selector) {
    return (selector.released || selector.deployed_or_released) && !selector.pacticipant && !selector.environment && !selector.max_age_days &&
           !selector.latest && !selector.any_branch && !selector.branch && !selector.main_branch && !selector.any_tag && !selector.tag;
}

// What is deployed or released is always kept, whatever the selectors say (the Pact Broker adds the same two).
std::vector<keep_selector> with_deployed_and_released(std::vector<keep_selector> keep) {
    if (std::ranges::none_of(keep, keeps_deployed)) keep.push_back(selector_of({{"deployed", true}}));
    if (std::ranges::none_of(keep, keeps_released)) keep.push_back(selector_of({{"released", true}}));
    return keep;
}

// ---------------------------------------------------------------------------------------------------------
// Which versions the selectors keep

struct version_facts {
    store::version_fact_record record;
    std::vector<std::string> tags;
    std::vector<std::string> branches;
    std::vector<std::string> deployed_to;
    std::vector<std::string> released_to;
};

bool contains(const std::vector<std::string>& names, std::string_view name) { return std::ranges::find(names, name) != names.end(); }

// What a version's own facts were when it was judged: if they differ when it is about to be deleted, it is not.
struct version_facts_count {
    std::size_t tags = 0;
    std::size_t branches = 0;
    std::size_t deployments = 0;
    std::size_t releases = 0;
    bool operator==(const version_facts_count&) const = default;
};

version_facts_count counts_of(const version_facts& version) {
    return {version.tags.size(), version.branches.size(), version.deployed_to.size(), version.released_to.size()};
}
version_facts_count counts_of(const store::version_dependents_record& dependents) {
    const auto size = [](std::int64_t count) { return static_cast<std::size_t>(count); };
    return {size(dependents.tags), size(dependents.branch_memberships), size(dependents.current_deployments), size(dependents.current_releases)};
}

class fact_base {
public:
    explicit fact_base(store::maintenance_reader& maintenance) {
        for (auto& record : maintenance.versions()) {
            position_[record.id] = versions_.size();
            versions_.push_back({std::move(record), {}, {}, {}, {}});
        }
        const auto add = [this](std::vector<store::version_name_record> rows, std::vector<std::string> version_facts::*names) {
            for (auto& row : rows)
                if (auto found = position_.find(row.version_id); found != position_.end()) (versions_[found->second].*names).push_back(std::move(row.name));
        };
        add(maintenance.tags(), &version_facts::tags);
        add(maintenance.branch_memberships(), &version_facts::branches);
        add(maintenance.current_deployments(), &version_facts::deployed_to);
        add(maintenance.current_releases(), &version_facts::released_to);
        for (const auto& version : versions_)
            for (const auto& branch : version.branches) {
                auto& head = branch_heads_[{version.record.pacticipant_id, branch}];
                head = std::max(head, version.record.id);
            }
    }

    [[nodiscard]] const std::vector<version_facts>& versions() const { return versions_; }  // oldest first

    // Whether each version (by position) is kept by one of the selectors; `cutoff` is now - max_age per selector.
    [[nodiscard]] std::vector<bool> kept_by(const std::vector<keep_selector>& keep, const std::function<std::string(int)>& cutoff) const {
        std::vector<bool> kept(versions_.size(), false);
        for (const auto& selector : keep) {
            const auto since = selector.max_age_days ? std::optional(cutoff(*selector.max_age_days)) : std::nullopt;
            mark(selector, since, kept);
        }
        return kept;
    }

private:
    [[nodiscard]] bool is_head(const version_facts& version, std::string_view branch) const {
        const auto found = branch_heads_.find({version.record.pacticipant_id, std::string(branch)});
        return found != branch_heads_.end() && found->second == version.record.id;
    }

    // The keys other than `latest`, AND-ed; a branch's or the main branch's `latest` asks for its head.
    [[nodiscard]] bool selects(const keep_selector& selector, const std::optional<std::string>& since, const version_facts& version) const {
        const auto& record = version.record;
        if (selector.pacticipant && record.pacticipant_name != *selector.pacticipant) return false;
        if (since && record.created_at < *since) return false;
        if (selector.tag && !contains(version.tags, *selector.tag)) return false;
        if (selector.any_tag && version.tags.empty()) return false;
        if (selector.branch && !(contains(version.branches, *selector.branch) && (!selector.latest || is_head(version, *selector.branch))))
            return false;
        if (selector.any_branch &&
            !std::ranges::any_of(version.branches, [&](const std::string& branch) { return !selector.latest || is_head(version, branch); }))
            return false;
        if (selector.main_branch &&
            !(record.main_branch && contains(version.branches, *record.main_branch) && (!selector.latest || is_head(version, *record.main_branch))))
            return false;
        const auto in = [&](const std::vector<std::string>& environments) {
            return selector.environment ? contains(environments, *selector.environment) : !environments.empty();
        };
        if (selector.deployed && !in(version.deployed_to)) return false;
        if (selector.released && !in(version.released_to)) return false;
        const bool environment_only = !selector.deployed && !selector.released;
        if ((selector.deployed_or_released || (selector.environment && environment_only)) && !in(version.deployed_to) && !in(version.released_to))
            return false;
        return true;
    }

    void mark(const keep_selector& selector, const std::optional<std::string>& since, std::vector<bool>& kept) const {
        // `latest` of a branch is its head, decided in selects(); otherwise the latest among the selected versions,
        // of each pacticipant, or of each pacticipant's tag when any tag is asked for.
        const bool latest_among_selected = selector.latest && !selector.branch && !selector.any_branch && !selector.main_branch;
        std::map<std::pair<row_id, std::string>, std::size_t> latest;
        for (std::size_t position = 0; position < versions_.size(); ++position) {
            const auto& version = versions_[position];
            if (!selects(selector, since, version)) continue;
            if (!latest_among_selected) {
                kept[position] = true;
            } else if (selector.any_tag) {
                for (const auto& tag : version.tags) latest[{version.record.pacticipant_id, tag}] = position;  // oldest first: the last one wins
            } else {
                latest[{version.record.pacticipant_id, {}}] = position;
            }
        }
        for (const auto& [group, position] : latest) kept[position] = true;
    }

    std::vector<version_facts> versions_;
    std::unordered_map<row_id, std::size_t> position_;
    std::map<std::pair<row_id, std::string>, row_id> branch_heads_;
};

std::int64_t epoch_milliseconds(std::chrono::system_clock::time_point time) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(time.time_since_epoch()).count();
}

// The writes of a run: a write transaction per batch, committed; or on a dry run one transaction for the whole
// run, never committed, so that its counts are exactly what a real run would delete.
class batches {
public:
    batches(store::store& store, bool dry_run, std::string holder) : store_(store), holder_(std::move(holder)) {
        if (dry_run) dry_run_writer_ = store_.write();
    }
    ~batches() {
        if (dry_run_writer_ || !leased_) return;
        try {
            auto writer = store_.write();
            writer->maintenance().release_lease(lease_name, holder_);
            writer->commit();
        } catch (const std::exception&) {
            // The lease expires by itself.
        }
    }
    batches(const batches&) = delete;
    batches& operator=(const batches&) = delete;

    // False when another clean holds the lease.
    bool take_lease() {
        if (dry_run_writer_) return true;  // deletes nothing
        return run([](store::store_writer&) {});
    }

    // Runs `step` in a batch's transaction, renewing the lease with it; false (and nothing written) when the lease was lost.
    template <typename Step>
    bool run(Step&& step) {
        if (dry_run_writer_) {
            step(*dry_run_writer_);
            return true;
        }
        auto writer = store_.write();
        const auto now = std::chrono::system_clock::now();
        if (!writer->maintenance().take_lease(lease_name, holder_, epoch_milliseconds(now), epoch_milliseconds(now + lease_duration))) return false;
        leased_ = true;
        step(*writer);
        writer->commit();
        writer.reset();
        // Asking for the writer again at once would take it before the broker's writers waiting for it (PostgreSQL's
        // advisory lock is no queue): a publish would wait for the whole clean instead of one batch.
        std::this_thread::sleep_for(pause_between_batches);
        return true;
    }

private:
    store::store& store_;
    std::string holder_;
    std::unique_ptr<store::store_writer> dry_run_writer_;
    bool leased_ = false;
};

// Deletes up to `limit` rows that `find` names, batch by batch; `remove` deletes one and counts what went, `finish`
// ends each batch.
template <typename Find, typename Remove, typename Finish = void (*)(store::store_writer&)>
void delete_in_batches(batches& runs, std::int64_t limit, std::int64_t batch_size, Find&& find, Remove&& remove,
                       Finish&& finish = [](store::store_writer&) {}) {
    std::int64_t done = 0;
    bool more = true;
    while (more && done < limit) {
        const bool leased = runs.run([&](store::store_writer& writer) {
            const auto ids = find(writer, std::min(batch_size, limit - done));
            more = !ids.empty();
            for (const auto id : ids) remove(writer, id);
            finish(writer);
            done += static_cast<std::int64_t>(ids.size());
        });
        if (!leased) return;
    }
}

std::string selectors_text(const std::vector<json>& keep) {
    std::string text;
    for (const auto& selector : keep) text += (text.empty() ? "" : ", ") + selector.dump();
    return "[" + text + "]";
}

}  // namespace

std::vector<keep_selector> default_keep_selectors() {
    return {selector_of({{"tag", true}, {"latest", true}}), selector_of({{"branch", true}, {"latest", true}}), selector_of({{"latest", true}}),
            selector_of({{"deployed", true}}),           selector_of({{"released", true}}),           selector_of({{"max_age", 90}})};
}

std::expected<std::vector<keep_selector>, std::string> parse_keep_selectors(std::string_view json_text) {
    const json parsed = json::parse(json_text, nullptr, false);
    if (parsed.is_discarded()) return std::unexpected("the keep version selectors are not JSON");
    if (!parsed.is_array() || parsed.empty())
        return std::unexpected("the keep version selectors must be a non-empty JSON list of objects, as [{\"branch\": true, \"latest\": true}]");
    std::vector<keep_selector> keep;
    for (const auto& object : parsed) {
        auto selector = read_selector(object);
        if (!selector) return std::unexpected("keep selector " + object.dump() + ": " + selector.error());
        keep.push_back(std::move(*selector));
    }
    return keep;
}

clean_report clean_service::clean(const clean_options& options) {
    clean_report report;
    report.dry_run = options.dry_run;
    const auto keep = with_deployed_and_released(options.keep);
    for (const auto& selector : keep) report.keep.push_back(selector.source);

    const auto now = config_.clock();
    const auto days_ago = [&](int days) { return views::timestamp(now - std::chrono::days(days)); };
    const auto limit = std::max<std::int64_t>(options.deletion_limit, 0);
    const auto batch_size = std::max<std::int64_t>(options.batch_size, 1);
    batches runs(store_, options.dry_run, views::new_uuid());
    if (!runs.take_lease()) {
        report.performed = false;
        return report;
    }

    // Versions: the oldest unkept ones, planned once; each batch deletes those of the plan that are still unkept
    // then. A planned version whose own tags, branches, deployments or releases changed since stays (for the next
    // run); the selectors are evaluated again when a change elsewhere could keep one (another process deleted an
    // older version or changed a main branch).
    std::vector<row_id> planned;
    std::size_t next_planned = 0;  // the plan before it is deleted or skipped
    std::unordered_map<row_id, version_facts_count> unkept;  // with the facts they were judged by
    std::string generation;  // of the data `unkept` was computed from, as this run's last batch left it
    row_id newest_planned = 0;
    const auto judge = [&](store::maintenance_reader& maintenance, bool first) {
        const fact_base facts(maintenance);
        const auto kept = facts.kept_by(keep, days_ago);
        unkept.clear();
        for (std::size_t position = 0; position < kept.size(); ++position)
            if (!kept[position]) unkept.emplace(facts.versions()[position].record.id, counts_of(facts.versions()[position]));
        if (!first) return;
        report.versions_kept = static_cast<std::int64_t>(kept.size() - unkept.size());
        for (const auto& version : facts.versions())
            if (unkept.contains(version.record.id) && std::cmp_less(planned.size(), limit)) planned.push_back(version.record.id);
        if (!planned.empty()) newest_planned = planned.back();
    };
    if (!options.dry_run) {
        // Planned from a reader's snapshot, so that reading the whole history holds no writer.
        auto reader = store_.read();
        judge(reader->maintenance(), true);
        generation = reader->maintenance().selection_generation(newest_planned);
    }
    delete_in_batches(
        runs, limit, batch_size,
        [&](store::store_writer& writer, std::int64_t count) {
            if (generation.empty()) judge(writer.maintenance(), true);
            else if (writer.maintenance().selection_generation(newest_planned) != generation) judge(writer.maintenance(), false);
            std::vector<row_id> batch;
            for (; next_planned < planned.size() && std::cmp_less(batch.size(), count); ++next_planned)
                if (unkept.contains(planned[next_planned])) batch.push_back(planned[next_planned]);
            return batch;
        },
        [&](store::store_writer& writer, row_id version_id) {
            const auto dependents = writer.maintenance().dependents_of_version(version_id);
            if (!(counts_of(dependents) == unkept.at(version_id))) return;  // tagged, deployed, ... meanwhile
            report.tags += dependents.tags;
            report.branch_memberships += dependents.branch_memberships;
            report.pact_publications += dependents.pact_publications;
            report.verifications += dependents.verifications;
            writer.pacticipants().delete_version(version_id);
            ++report.versions;
        },
        [&](store::store_writer& writer) {
            writer.pacts().delete_integrations_without_publications();  // an integration goes with its last publication
            generation = writer.maintenance().selection_generation(newest_planned);
        });

    const auto overwritten_before = days_ago(options.overwritten_data_max_age_days);
    delete_in_batches(
        runs, limit, batch_size,
        [&](store::store_writer& writer, std::int64_t count) { return writer.maintenance().superseded_verifications(overwritten_before, count); },
        [&](store::store_writer& writer, row_id id) {
            writer.maintenance().delete_verification(id);
            ++report.superseded_verifications;
        });
    delete_in_batches(
        runs, limit, batch_size,
        [&](store::store_writer& writer, std::int64_t count) { return writer.maintenance().superseded_triggered_webhooks(overwritten_before, count); },
        [&](store::store_writer& writer, row_id id) {
            report.webhook_executions += writer.maintenance().execution_count(id);
            writer.maintenance().delete_triggered_webhook(id);
            ++report.triggered_webhooks;
        });
    // Last: the content the deletions above left without publications and verifications.
    delete_in_batches(
        runs, limit, batch_size, [&](store::store_writer& writer, std::int64_t count) { return writer.maintenance().unreferenced_pact_versions(count); },
        [&](store::store_writer& writer, row_id id) {
            writer.maintenance().delete_pact_version(id);
            ++report.pact_versions;
        });
    return report;
}

std::string format_clean_report(const clean_report& report) {
    std::ostringstream text;
    const std::string prefix = report.dry_run ? "[DRY RUN] " : "";
    if (!report.performed) {
        text << prefix << "Clean not performed: another clean is in progress\n";
        return text.str();
    }
    text << prefix << "Keeping the versions these selectors select: " << selectors_text(report.keep) << "\n";
    text << prefix << "Versions kept by the selectors: " << report.versions_kept << "\n";
    text << prefix << (report.dry_run ? "Would delete:" : "Deleted:") << "\n";
    const std::pair<std::string_view, std::int64_t> counts[] = {
        {"versions", report.versions},
        {"tags", report.tags},
        {"branch memberships", report.branch_memberships},
        {"pact publications", report.pact_publications},
        {"verifications of deleted versions", report.verifications},
        {"superseded verifications", report.superseded_verifications},
        {"triggered webhooks", report.triggered_webhooks},
        {"webhook executions", report.webhook_executions},
        {"pact versions (content)", report.pact_versions},
    };
    for (const auto& [kind, count] : counts) text << prefix << "  " << kind << ": " << count << "\n";
    return text.str();
}

}  // namespace pact::broker::domain
