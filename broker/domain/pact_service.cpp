#include "broker/domain/pact_service.hpp"

#include "broker/domain/store_views.hpp"

#include <algorithm>

namespace pact::broker::domain {
namespace {

std::unexpected<domain_error> failure(domain_error error) { return std::unexpected(std::move(error)); }

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

domain_error no_pact(std::string_view consumer, std::string_view provider, const std::string& qualifier) {
    return domain_error::not_found("No pact between " + std::string(consumer) + " and " + std::string(provider) + qualifier + " found");
}

}  // namespace

pact_service::pact_service(store::store& store, const broker_config& config) : store_(store), config_(config) {}

result<pact_publication> pact_service::latest_pact(std::string_view consumer, std::string_view provider) {
    auto reader = store_.read();
    auto pair = require_pair(*reader, consumer, provider);
    if (!pair) return failure(pair.error());
    auto found = reader->latest_publication(pair->consumer.id, pair->provider.id);
    if (!found) return failure(no_pact(consumer, provider, ""));
    return views::load_publication(*reader, *found);
}

result<pact_publication> pact_service::latest_pact_with_tag(std::string_view consumer, std::string_view provider, std::string_view tag) {
    auto reader = store_.read();
    auto pair = require_pair(*reader, consumer, provider);
    if (!pair) return failure(pair.error());
    auto found = reader->latest_publication_with_tag(pair->consumer.id, pair->provider.id, tag);
    if (!found) return failure(no_pact(consumer, provider, " with consumer version tag '" + std::string(tag) + "'"));
    return views::load_publication(*reader, *found);
}

result<pact_publication> pact_service::latest_pact_for_branch(std::string_view consumer, std::string_view provider, std::string_view branch) {
    auto reader = store_.read();
    auto pair = require_pair(*reader, consumer, provider);
    if (!pair) return failure(pair.error());
    auto found = reader->latest_publication_on_branch(pair->consumer.id, pair->provider.id, branch);
    if (!found) return failure(no_pact(consumer, provider, " for consumer branch '" + std::string(branch) + "'"));
    return views::load_publication(*reader, *found);
}

result<pact_publication> pact_service::pact_for_consumer_version(std::string_view consumer, std::string_view provider, std::string_view consumer_version) {
    auto reader = store_.read();
    auto pair = require_pair(*reader, consumer, provider);
    if (!pair) return failure(pair.error());
    auto version = reader->find_version(pair->consumer.id, consumer_version);
    auto found = version ? reader->find_pact_publication(version->id, pair->provider.id) : std::nullopt;
    if (!found) return failure(no_pact(consumer, provider, " for consumer version " + std::string(consumer_version)));
    return views::load_publication(*reader, *found);
}

result<void> pact_service::delete_pact(std::string_view consumer, std::string_view provider, std::string_view consumer_version) {
    auto writer = store_.write();
    auto pair = require_pair(*writer, consumer, provider);
    if (!pair) return failure(pair.error());
    auto version = writer->find_version(pair->consumer.id, consumer_version);
    auto found = version ? writer->find_pact_publication(version->id, pair->provider.id) : std::nullopt;
    if (!found) return failure(no_pact(consumer, provider, " for consumer version " + std::string(consumer_version)));
    writer->delete_pact_publication(found->id);
    writer->commit();
    return {};
}

result<pact_publication> pact_service::pact_by_sha(std::string_view consumer, std::string_view provider, std::string_view sha) {
    auto reader = store_.read();
    auto pact_version = views::require_pact_version(*reader, consumer, provider, sha);
    if (!pact_version) return failure(pact_version.error());
    auto publications = reader->publications_of_pact_version(pact_version->id);
    if (publications.empty()) return failure(no_pact(consumer, provider, " with content version " + std::string(sha)));
    return views::load_publication(*reader, publications.front());
}

result<std::vector<pact_publication>> pact_service::pact_versions(std::string_view consumer, std::string_view provider) {
    auto reader = store_.read();
    auto pair = require_pair(*reader, consumer, provider);
    if (!pair) return failure(pair.error());
    std::vector<pact_publication> all;
    for (const auto& record : reader->publications_of_pair(pair->consumer.id, pair->provider.id)) all.push_back(views::load_publication(*reader, record));
    return all;
}

result<std::vector<pact_publication>> pact_service::latest_pacts_for_provider(std::string_view provider, std::optional<std::string_view> tag) {
    auto reader = store_.read();
    auto provider_record = views::require_pacticipant(*reader, provider);
    if (!provider_record) return failure(provider_record.error());
    std::vector<pact_publication> latest;
    for (store::row_id consumer_id : reader->consumers_of(provider_record->id)) {
        auto found = tag ? reader->latest_publication_with_tag(consumer_id, provider_record->id, *tag)
                         : reader->latest_publication(consumer_id, provider_record->id);
        if (found) latest.push_back(views::load_publication(*reader, *found));
    }
    std::ranges::sort(latest, {}, &pact_publication::consumer_name);
    return latest;
}

std::vector<pact_publication> pact_service::latest_pacts() {
    auto reader = store_.read();
    std::vector<pact_publication> latest;
    for (const auto& record : reader->latest_publications()) latest.push_back(views::load_publication(*reader, record));
    std::ranges::sort(latest, [](const pact_publication& a, const pact_publication& b) {
        return std::tie(a.consumer_name, a.provider_name) < std::tie(b.consumer_name, b.provider_name);
    });
    return latest;
}

}  // namespace pact::broker::domain
