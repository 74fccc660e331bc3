#include "broker/domain/pact_service.hpp"

#include "broker/domain/store_views.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

namespace pact::broker::domain {
namespace {

struct pair_records {
    store::pacticipant_record consumer;
    store::pacticipant_record provider;
};

result<pair_records> require_pair(store::store_reader& reader, std::string_view consumer, std::string_view provider) {
    auto consumer_record = views::require_pacticipant(reader, consumer);
    if (!consumer_record) return failure(consumer_record.error());
    auto provider_record = views::require_pacticipant(reader, provider);
    if (!provider_record) return failure(provider_record.error());
    return pair_records{*consumer_record, *provider_record};
}

// The pair's publications, or those of consumer versions with the tag; newest first.
std::vector<store::pact_publication_record> publications_of(store::store_reader& reader, const pair_records& pair, std::optional<std::string_view> tag) {
    return tag ? reader.pacts().publications_with_tag(pair.consumer.id, pair.provider.id, *tag)
               : reader.pacts().publications_of_pair(pair.consumer.id, pair.provider.id);
}

domain_error no_pact(std::string_view consumer, std::string_view provider, const std::string& qualifier) {
    return domain_error::not_found("No pact between " + std::string(consumer) + " and " + std::string(provider) + qualifier + " found");
}

// No versions, no integrations either way, no webhook naming it.
bool is_orphan(store::store_reader& reader, const store::pacticipant_record& pacticipant) {
    if (reader.pacticipants().latest_version(pacticipant.id)) return false;
    if (!reader.pacts().consumers_of(pacticipant.id).empty() || !reader.pacts().providers_of(pacticipant.id).empty()) return false;
    return std::ranges::none_of(reader.webhooks().list_webhooks(), [&](const store::webhook_record& webhook) {
        return webhook.consumer_name == pacticipant.name || webhook.provider_name == pacticipant.name;
    });
}

}  // namespace

pact_service::pact_service(store::store& store, const broker_config& config) : store_(store), config_(config) {}

result<pact_publication> pact_service::latest_pact(std::string_view consumer, std::string_view provider) {
    auto reader = store_.read();
    auto pair = require_pair(*reader, consumer, provider);
    if (!pair) return failure(pair.error());
    auto found = reader->pacts().latest_publication(pair->consumer.id, pair->provider.id);
    if (!found) return failure(no_pact(consumer, provider, ""));
    return views::load_publication(*reader, *found);
}

result<pact_publication> pact_service::latest_pact_with_tag(std::string_view consumer, std::string_view provider, std::string_view tag) {
    auto reader = store_.read();
    auto pair = require_pair(*reader, consumer, provider);
    if (!pair) return failure(pair.error());
    auto found = reader->pacts().latest_publication_with_tag(pair->consumer.id, pair->provider.id, tag);
    if (!found) return failure(no_pact(consumer, provider, " with consumer version tag '" + std::string(tag) + "'"));
    return views::load_publication(*reader, *found);
}

result<pact_publication> pact_service::latest_pact_for_branch(std::string_view consumer, std::string_view provider, std::string_view branch) {
    auto reader = store_.read();
    auto pair = require_pair(*reader, consumer, provider);
    if (!pair) return failure(pair.error());
    auto found = reader->pacts().latest_publication_on_branch(pair->consumer.id, pair->provider.id, branch);
    if (!found) return failure(no_pact(consumer, provider, " for consumer branch '" + std::string(branch) + "'"));
    return views::load_publication(*reader, *found);
}

result<pact_publication> pact_service::pact_for_consumer_version(std::string_view consumer, std::string_view provider, std::string_view consumer_version) {
    auto reader = store_.read();
    auto pair = require_pair(*reader, consumer, provider);
    if (!pair) return failure(pair.error());
    auto version = reader->pacticipants().find_version(pair->consumer.id, consumer_version);
    auto found = version ? reader->pacts().find_pact_publication(version->id, pair->provider.id) : std::nullopt;
    if (!found) return failure(no_pact(consumer, provider, " for consumer version " + std::string(consumer_version)));
    return views::load_publication(*reader, *found);
}

result<void> pact_service::delete_pact(std::string_view consumer, std::string_view provider, std::string_view consumer_version) {
    auto writer = store_.write();
    auto pair = require_pair(*writer, consumer, provider);
    if (!pair) return failure(pair.error());
    auto version = writer->pacticipants().find_version(pair->consumer.id, consumer_version);
    auto found = version ? writer->pacts().find_pact_publication(version->id, pair->provider.id) : std::nullopt;
    if (!found) return failure(no_pact(consumer, provider, " for consumer version " + std::string(consumer_version)));
    writer->pacts().delete_pact_publication(found->id);
    writer->pacts().delete_integrations_without_publications();  // an integration goes with its last publication
    writer->commit();
    return {};
}

result<pact_publication> pact_service::pact_by_sha(std::string_view consumer, std::string_view provider, std::string_view sha) {
    auto reader = store_.read();
    auto pact_version = views::require_pact_version(*reader, consumer, provider, sha);
    if (!pact_version) return failure(pact_version.error());
    auto publications = reader->pacts().publications_of_pact_version(pact_version->id);
    if (publications.empty()) return failure(no_pact(consumer, provider, " with content version " + std::string(sha)));
    return views::load_publication(*reader, publications.front());
}

page<integration> pact_service::integrations(page_request request) {
    auto reader = store_.read();
    const auto name_of = [&](store::row_id id) {
        auto found = reader->pacticipants().find_pacticipant(id);
        return found ? found->name : std::string();
    };
    auto records = reader->pacts().list_integrations(request.window());
    return views::to_page(records, request, [&](const store::integration_record& record) {
        return integration{.consumer_name = name_of(record.consumer_id), .provider_name = name_of(record.provider_id), .created_at = record.created_at};
    });
}

result<void> pact_service::delete_integration(std::string_view consumer, std::string_view provider) {
    auto writer = store_.write();
    auto pair = require_pair(*writer, consumer, provider);
    if (!pair) return failure(pair.error());
    writer->pacts().delete_pact_versions_of_pair(pair->consumer.id, pair->provider.id);
    writer->pacts().delete_integrations_without_publications();
    writer->webhooks().delete_webhooks_of_pair(pair->consumer.name, pair->provider.name);
    for (const auto* pacticipant : {&pair->consumer, &pair->provider}) writer->pacticipants().delete_versions_without_contracts(pacticipant->id);
    for (const auto* pacticipant : {&pair->consumer, &pair->provider})
        if (is_orphan(*writer, *pacticipant)) writer->pacticipants().delete_pacticipant(pacticipant->id);
    writer->commit();
    return {};
}

void pact_service::delete_all_integrations() {
    auto writer = store_.write();
    for (const auto& webhook : writer->webhooks().list_webhooks()) writer->webhooks().delete_webhook(webhook.id);
    for (const auto& pacticipant : writer->pacticipants().list_pacticipants()) writer->pacticipants().delete_pacticipant(pacticipant.id);
    writer->commit();
}

result<std::vector<pact_publication>> pact_service::pact_versions(std::string_view consumer, std::string_view provider,
                                                                  std::optional<std::string_view> tag) {
    auto reader = store_.read();
    auto pair = require_pair(*reader, consumer, provider);
    if (!pair) return failure(pair.error());
    std::vector<pact_publication> all;
    for (const auto& record : publications_of(*reader, *pair, tag)) all.push_back(views::load_publication(*reader, record));
    return all;
}

std::optional<pact_publication> pact_service::previous_distinct_pact(const pact_publication& publication) {
    auto history = pact_versions(publication.consumer_name, publication.provider_name);
    if (!history) return std::nullopt;
    // Newest first: the first publication after this content's own ones that has other content.
    const auto own = std::ranges::find(*history, publication.pact_version_sha, &pact_publication::pact_version_sha);
    const auto previous = std::find_if(own, history->end(), [&](const pact_publication& candidate) { return candidate.pact_version_sha != publication.pact_version_sha; });
    if (own == history->end() || previous == history->end()) return std::nullopt;
    return std::move(*previous);
}

result<void> pact_service::delete_pacts(std::string_view consumer, std::string_view provider, std::optional<std::string_view> tag) {
    auto writer = store_.write();
    auto pair = require_pair(*writer, consumer, provider);
    if (!pair) return failure(pair.error());
    for (const auto& record : publications_of(*writer, *pair, tag)) writer->pacts().delete_pact_publication(record.id);
    writer->pacts().delete_integrations_without_publications();
    writer->commit();
    return {};
}

result<std::vector<pact_publication>> pact_service::latest_pacts_for_provider(std::string_view provider, std::optional<std::string_view> tag) {
    auto reader = store_.read();
    auto provider_record = views::require_pacticipant(*reader, provider);
    if (!provider_record) return failure(provider_record.error());
    std::vector<pact_publication> latest;
    for (store::row_id consumer_id : reader->pacts().consumers_of(provider_record->id)) {
        auto found = tag ? reader->pacts().latest_publication_with_tag(consumer_id, provider_record->id, *tag)
                         : reader->pacts().latest_publication(consumer_id, provider_record->id);
        if (found) latest.push_back(views::load_publication(*reader, *found));
    }
    std::ranges::sort(latest, {}, &pact_publication::consumer_name);
    return latest;
}

result<std::vector<pact_publication>> pact_service::pacts_for_consumer_branch(std::string_view provider,
                                                                              const consumer_branch_pacts_query& query) {
    auto reader = store_.read();
    auto provider_record = views::require_pacticipant(*reader, provider);
    if (!provider_record) return failure(provider_record.error());
    std::vector<store::pacticipant_record> consumers;
    if (query.consumer) {
        auto consumer = views::require_pacticipant(*reader, *query.consumer);
        if (!consumer) return failure(consumer.error());
        consumers.push_back(*consumer);
    } else {
        for (store::row_id consumer_id : reader->pacts().consumers_of(provider_record->id))
            if (auto consumer = reader->pacticipants().find_pacticipant(consumer_id)) consumers.push_back(*consumer);
    }
    std::ranges::sort(consumers, {}, &store::pacticipant_record::name);

    std::vector<pact_publication> pacts;
    for (const auto& consumer : consumers) {
        const auto& branch = query.branch ? query.branch : consumer.main_branch;
        if (!branch) continue;
        std::vector<store::pact_publication_record> records;
        if (query.latest_only) {
            if (auto latest = reader->pacts().latest_publication_on_branch(consumer.id, provider_record->id, *branch)) records.push_back(*latest);
        } else {
            records = reader->pacts().publications_on_branch(consumer.id, provider_record->id, *branch);
        }
        // The store answers newest first; the list reads oldest first, as the Pact Broker's does.
        for (auto record = records.rbegin(); record != records.rend(); ++record) pacts.push_back(views::load_publication(*reader, *record));
    }
    return pacts;
}

result<std::vector<pact_publication>> pact_service::pacts_in_environment(std::string_view provider, std::string_view environment) {
    auto reader = store_.read();
    auto provider_record = views::require_pacticipant(*reader, provider);
    if (!provider_record) return failure(provider_record.error());
    auto environment_record = reader->environments().find_environment_by_name(environment);
    if (!environment_record) environment_record = reader->environments().find_environment_by_uuid(environment);
    if (!environment_record) return failure(domain_error::not_found("Environment with name '" + std::string(environment) + "' does not exist"));

    std::vector<pact_publication> pacts;
    std::set<store::row_id> seen_versions;  // a version both deployed and released counts once
    auto add = [&](store::row_id consumer_version_id) {
        if (!seen_versions.insert(consumer_version_id).second) return;
        if (auto found = reader->pacts().find_pact_publication(consumer_version_id, provider_record->id)) pacts.push_back(views::load_publication(*reader, *found));
    };
    for (store::row_id consumer_id : reader->pacts().consumers_of(provider_record->id)) {
        for (const auto& deployed : reader->environments().currently_deployed(environment_record->id, consumer_id)) add(deployed.version_id);
        for (const auto& released : reader->environments().currently_supported(environment_record->id, consumer_id)) add(released.version_id);
    }
    std::ranges::stable_sort(pacts, {}, &pact_publication::consumer_name);
    return pacts;
}

result<std::vector<provider_state_usage>> pact_service::provider_states(std::string_view provider, const provider_states_scope& scope) {
    auto pacts = scope.environment ? pacts_in_environment(provider, *scope.environment)
                                   : pacts_for_consumer_branch(provider, {std::nullopt, scope.branch, true});
    if (!pacts) return failure(pacts.error());
    return aggregate_provider_states(*pacts);
}

std::vector<pact_publication> pact_service::latest_pacts() {
    auto reader = store_.read();
    std::vector<pact_publication> latest;
    for (const auto& record : reader->pacts().latest_publications()) latest.push_back(views::load_publication(*reader, record));
    std::ranges::sort(latest, [](const pact_publication& a, const pact_publication& b) {
        return std::tie(a.consumer_name, a.provider_name) < std::tie(b.consumer_name, b.provider_name);
    });
    return latest;
}

page<pact_publication> pact_service::latest_pacts(page_request request) {
    auto reader = store_.read();
    const auto integrations = reader->pacts().list_integrations(request.window());
    page<pact_publication> latest{{}, request, integrations.total};
    for (const auto& integration : integrations.records)
        if (auto found = reader->pacts().latest_publication(integration.consumer_id, integration.provider_id))
            latest.items.push_back(views::load_publication(*reader, *found));
    return latest;
}

}  // namespace pact::broker::domain
