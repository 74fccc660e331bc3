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
    counted_consumer_version described;
};

// The versions that count, each once with every reason it counts for, by consumer name and then oldest first.
std::vector<counted_version> merge_counted(const std::vector<store::counted_version_record>& branch_heads,
                                           const std::vector<store::counted_version_record>& in_environments) {
    std::vector<counted_version> versions;
    std::map<store::row_id, std::size_t> positions;
    const auto entry = [&](const store::counted_version_record& record) -> counted_consumer_version& {
        auto [found, added] = positions.try_emplace(record.version_id, versions.size());
        if (added) versions.push_back({record.version_id, record.pact_version_id, {record.consumer_name, record.number, std::nullopt, {}}});
        return versions[found->second].described;
    };
    for (const auto& head : branch_heads) entry(head).branch = head.counted_for;
    for (const auto& present : in_environments) {
        auto& environments = entry(present).environments;
        if (std::ranges::find(environments, present.counted_for) == environments.end()) environments.push_back(present.counted_for);
    }
    for (auto& version : versions) std::ranges::sort(version.described.environments);
    std::ranges::sort(versions, [](const counted_version& left, const counted_version& right) {
        return std::tie(left.described.consumer, left.version_id) < std::tie(right.described.consumer, right.version_id);
    });
    return versions;
}

// The environment named (by name or uuid), or none for every environment.
result<std::optional<store::row_id>> environment_asked(store::store_reader& reader, const std::optional<std::string>& name) {
    if (!name) return std::optional<store::row_id>{};
    auto environment = reader.environments().find_environment_by_name(*name);
    if (!environment) environment = reader.environments().find_environment_by_uuid(*name);
    if (!environment) return failure(domain_error::not_found("Environment with name '" + *name + "' does not exist"));
    return std::optional(environment->id);
}

}  // namespace

result<std::vector<counted_pact>> counted_pacts(store::store_reader& reader, const store::pacticipant_record& provider,
                                                const std::optional<std::string>& environment, const std::optional<std::string>& branch) {
    auto environment_id = environment_asked(reader, environment);
    if (!environment_id) return failure(environment_id.error());
    auto& index = reader.field_usages();
    const auto branch_heads = environment ? std::vector<store::counted_version_record>{} : index.branch_heads(provider.id, branch);
    const auto in_environments = branch ? std::vector<store::counted_version_record>{} : index.versions_in_environments(provider.id, *environment_id);
    std::vector<counted_pact> counted;
    for (auto& version : merge_counted(branch_heads, in_environments)) counted.push_back({version.pact_version_id, std::move(version.described)});
    return counted;
}

field_usage_service::field_usage_service(store::store& store) : store_(store) {}

result<field_usage_report> field_usage_service::field_usages(std::string_view provider, const field_usage_query& query) {
    if (query.environment && query.branch) {
        return failure(domain_error::invalid_field("branch", "Give an environment or a branch, not both"));
    }
    if (query.field && query.field->empty()) return failure(domain_error::invalid_field("field", "The field must not be empty"));
    auto reader = store_.read();
    auto provider_record = views::require_pacticipant(*reader, provider);
    if (!provider_record) return failure(provider_record.error());
    auto found = counted_pacts(*reader, *provider_record, query.environment, query.branch);
    if (!found) return failure(found.error());
    auto& counted = *found;

    // Each content's places once, however many versions published it.
    std::map<store::row_id, std::vector<store::field_usage_record>> places;
    for (const auto& version : counted) {
        if (places.contains(version.pact_version_id)) continue;
        auto indexed = reader->field_usages().field_usages_of(version.pact_version_id);
        if (!indexed) {
            // Not indexed yet (the start's indexing has not reached it): read from the content this once.
            auto content = reader->pacts().find_pact_version(version.pact_version_id);
            indexed = content ? places_of_text(content->content) : std::vector<store::field_usage_record>{};
        }
        places.emplace(version.pact_version_id, std::move(*indexed));
    }

    // Views into `places`, which outlives the grouping: a place is copied once, for the answer.
    using usage_key = std::tuple<std::string_view, std::string_view, std::string_view, std::string_view>;  // target, method, field, rule
    std::map<usage_key, field_usage> usages;
    for (std::size_t position = 0; position < counted.size(); ++position) {
        for (const auto& place : places.at(counted[position].pact_version_id)) {
            if (query.field && !field_is_within(place.field, *query.field)) continue;
            const usage_key key{place.target, place.method ? std::string_view(*place.method) : std::string_view(), place.field, place.rule};
            auto found = usages.find(key);
            if (found == usages.end()) found = usages.emplace(key, field_usage{place.method, place.target, place.field, place.rule, {}}).first;
            // A content relying twice on a place (two interactions of one request) names the version once.
            auto& versions = found->second.versions;
            if (versions.empty() || versions.back() != position) versions.push_back(position);
        }
    }
    field_usage_report report;
    report.fields.reserve(usages.size());
    for (auto& [key, usage] : usages) report.fields.push_back(std::move(usage));
    report.versions.reserve(counted.size());
    for (auto& version : counted) report.versions.push_back(std::move(version.version));
    return report;
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
