#include "broker/domain/field_usage_service.hpp"

#include "broker/domain/field_places.hpp"
#include "broker/domain/store_views.hpp"
#include "pact/pact_reader.hpp"

#include <algorithm>
#include <map>
#include <tuple>

namespace pact::broker::domain {
namespace {

// The places of stored content; content that no longer reads as a pact relies on nothing.
std::vector<store::field_usage_record> places_of_content(const nlohmann::json& content) {
    auto pact = pact::read_pact(content, "the stored pact");
    return pact ? field_places(*pact) : std::vector<store::field_usage_record>{};
}

std::vector<store::field_usage_record> places_of_text(const std::string& text) {
    auto content = nlohmann::json::parse(text, nullptr, false);
    return content.is_discarded() ? std::vector<store::field_usage_record>{} : places_of_content(content);
}

// A consumer version that counts, with the content it published for the provider.
struct counted_version {
    store::row_id version_id = 0;
    store::row_id pact_version_id = 0;
    relying_version why;
};

struct counted_consumer {
    std::string name;
    std::vector<counted_version> versions;
};

class counted_versions_builder {
public:
    counted_versions_builder(store::store_reader& reader, store::row_id provider_id) : reader_(reader), provider_id_(provider_id) {}

    void add_branch_head(const store::pacticipant_record& consumer, const std::string& branch) {
        if (auto head = reader_.pacts().latest_publication_on_branch(consumer.id, provider_id_, branch)) {
            entry(consumer, head->consumer_version_id, head->pact_version_id).why.branch = branch;
        }
    }
    void add_in_environment(const store::pacticipant_record& consumer, const store::environment_record& environment) {
        std::vector<store::row_id> version_ids;
        for (const auto& deployed : reader_.environments().currently_deployed(environment.id, consumer.id)) version_ids.push_back(deployed.version_id);
        for (const auto& released : reader_.environments().currently_supported(environment.id, consumer.id)) version_ids.push_back(released.version_id);
        for (const auto version_id : version_ids) {
            auto publication = reader_.pacts().find_pact_publication(version_id, provider_id_);
            if (!publication) continue;
            auto& environments = entry(consumer, version_id, publication->pact_version_id).why.environments;
            if (std::ranges::find(environments, environment.name) == environments.end()) environments.push_back(environment.name);
        }
    }
    [[nodiscard]] std::vector<counted_consumer> take() {
        for (auto& consumer : consumers_) std::ranges::sort(consumer.versions, {}, &counted_version::version_id);
        std::ranges::sort(consumers_, {}, &counted_consumer::name);
        return std::move(consumers_);
    }

private:
    counted_version& entry(const store::pacticipant_record& consumer, store::row_id version_id, store::row_id pact_version_id) {
        if (consumers_.empty() || consumers_.back().name != consumer.name) consumers_.push_back({consumer.name, {}});
        auto& versions = consumers_.back().versions;
        for (auto& version : versions) {
            if (version.version_id == version_id) return version;
        }
        auto number = reader_.pacticipants().find_version(version_id);
        versions.push_back({version_id, pact_version_id, {number ? number->number : "", std::nullopt, {}}});
        return versions.back();
    }

    store::store_reader& reader_;
    store::row_id provider_id_;
    std::vector<counted_consumer> consumers_;
};

result<std::vector<store::environment_record>> environments_asked(store::store_reader& reader, const field_usage_query& query) {
    if (query.branch) return std::vector<store::environment_record>{};
    if (!query.environment) return reader.environments().list_environments();
    auto environment = reader.environments().find_environment_by_name(*query.environment);
    if (!environment) environment = reader.environments().find_environment_by_uuid(*query.environment);
    if (!environment) return failure(domain_error::not_found("Environment with name '" + *query.environment + "' does not exist"));
    return std::vector<store::environment_record>{*environment};
}

}  // namespace

field_usage_service::field_usage_service(store::store& store) : store_(store) {}

result<std::vector<field_usage>> field_usage_service::field_usages(std::string_view provider, const field_usage_query& query) {
    if (query.environment && query.branch) {
        return failure(domain_error::invalid_field("branch", "Give an environment or a branch, not both"));
    }
    if (query.field && query.field->empty()) return failure(domain_error::invalid_field("field", "The field must not be empty"));
    auto reader = store_.read();
    auto provider_record = views::require_pacticipant(*reader, provider);
    if (!provider_record) return failure(provider_record.error());
    auto environments = environments_asked(*reader, query);
    if (!environments) return failure(environments.error());

    counted_versions_builder builder(*reader, provider_record->id);
    std::vector<store::pacticipant_record> consumers;
    for (const auto consumer_id : reader->pacts().consumers_of(provider_record->id)) {
        if (auto consumer = reader->pacticipants().find_pacticipant(consumer_id)) consumers.push_back(std::move(*consumer));
    }
    for (const auto& consumer : consumers) {
        if (!query.environment) {
            const auto& branch = query.branch ? query.branch : consumer.main_branch;
            if (branch) builder.add_branch_head(consumer, *branch);
        }
        for (const auto& environment : *environments) builder.add_in_environment(consumer, environment);
    }
    const auto counted = builder.take();

    // Each content's places once, however many versions published it.
    std::map<store::row_id, std::vector<store::field_usage_record>> places;
    for (const auto& consumer : counted) {
        for (const auto& version : consumer.versions) {
            if (places.contains(version.pact_version_id)) continue;
            auto indexed = reader->field_usages().field_usages_of(version.pact_version_id);
            if (!indexed) {
                // Not indexed yet (the start's indexing has not reached it): read from the content this once.
                auto content = reader->pacts().find_pact_version(version.pact_version_id);
                indexed = content ? places_of_text(content->content) : std::vector<store::field_usage_record>{};
            }
            places.emplace(version.pact_version_id, std::move(*indexed));
        }
    }

    using usage_key = std::tuple<std::string, std::string, std::string, std::string>;  // target, method, field, rule
    std::map<usage_key, field_usage> usages;
    for (const auto& consumer : counted) {
        for (const auto& version : consumer.versions) {
            for (const auto& place : places.at(version.pact_version_id)) {
                if (query.field && !field_is_within(place.field, *query.field)) continue;
                auto [found, added] = usages.try_emplace({place.target, place.method.value_or(""), place.field, place.rule},
                                                         field_usage{place.method, place.target, place.field, place.rule, {}});
                auto& relying = found->second.consumers;
                if (relying.empty() || relying.back().name != consumer.name) relying.push_back({consumer.name, {}});
                // A content relying twice on a place (two interactions of one request) names the version once.
                if (relying.back().versions.empty() || relying.back().versions.back() != version.why) relying.back().versions.push_back(version.why);
            }
        }
    }
    std::vector<field_usage> listed;
    listed.reserve(usages.size());
    for (auto& [key, usage] : usages) listed.push_back(std::move(usage));
    return listed;
}

std::int64_t field_usage_service::index_unindexed_pact_versions(std::stop_token stop) {
    constexpr std::int64_t batch = 100;
    std::int64_t indexed = 0;
    while (!stop.stop_requested()) {
        auto writer = store_.write();
        const auto unindexed = writer->field_usages().unindexed_pact_versions(batch);
        if (unindexed.empty()) break;
        for (const auto pact_version_id : unindexed) {
            auto content = writer->pacts().find_pact_version(pact_version_id);
            writer->field_usages().index_pact_version(pact_version_id, content ? places_of_text(content->content) : std::vector<store::field_usage_record>{});
        }
        writer->commit();
        indexed += static_cast<std::int64_t>(unindexed.size());
    }
    return indexed;
}

void index_field_usages(store::store_writer& writer, store::row_id pact_version_id, const nlohmann::json& pact) {
    writer.field_usages().index_pact_version(pact_version_id, places_of_content(pact));
}

}  // namespace pact::broker::domain
