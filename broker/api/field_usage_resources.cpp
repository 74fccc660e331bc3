// Who relies on a provider's fields: GET /pacticipants/{provider}/field-usage[?field=&environment=&branch=]
// (`pact broker field-usage`), read from the field-usage index (domain/field_usage_service).

#include "broker/api/resources.hpp"

#include "broker/api/domain_problem.hpp"
#include "broker/api/hal_links.hpp"
#include "http/url.hpp"

#include <algorithm>
#include <array>

namespace pact::broker::api {
namespace {

constexpr std::array<std::string_view, 3> field_usage_parameters{"field", "environment", "branch"};

domain::field_usage_query field_usage_query_of(const resource_request& request) {
    for (const auto& [name, value] : request.query.pairs()) {
        if (std::ranges::find(field_usage_parameters, name) == field_usage_parameters.end()) {
            throw invalid_field(name, "Unknown parameter '" + name + "': the field usage takes field, environment and branch");
        }
    }
    return {request.query.first("field"), request.query.first("environment"), request.query.first("branch")};
}

// Every consumer version that counts, each with why (the branch it heads, the environments it is in), grouped by consumer.
nlohmann::json counted_consumers_json(const resource_urls& urls, const std::vector<domain::counted_consumer_version>& versions) {
    auto consumers = nlohmann::json::array();
    for (const auto& version : versions) {
        if (consumers.empty() || consumers.back()["name"] != version.consumer) {
            consumers.push_back({{"name", version.consumer}, {"versions", nlohmann::json::array()},
                                 {"_links", {{"self", link(urls.pacticipant(version.consumer), "Consumer", version.consumer)}}}});
        }
        nlohmann::json entry = {{"number", version.number}, {"environments", version.environments},
                                {"_links", {{"self", link(urls.version(version.consumer, version.number), "Version", version.number)}}}};
        if (version.branch) entry["branch"] = *version.branch;
        consumers.back()["versions"].push_back(std::move(entry));
    }
    return consumers;
}

// The consumers relying on a field, each with the numbers of its versions that do (described in `consumers`).
nlohmann::json relying_consumers_json(const domain::field_usage_report& report, const domain::field_usage& usage) {
    auto consumers = nlohmann::json::array();
    const std::string* previous = nullptr;
    for (const auto position : usage.versions) {
        const auto& version = report.versions[position];
        if (previous == nullptr || *previous != version.consumer) {
            consumers.push_back({{"name", version.consumer}, {"versions", nlohmann::json::array()}});
            previous = &version.consumer;
        }
        consumers.back()["versions"].push_back(version.number);
    }
    return consumers;
}

nlohmann::json field_usage_json(const domain::field_usage_report& report, const domain::field_usage& usage) {
    nlohmann::json request = usage.method ? nlohmann::json{{"method", *usage.method}, {"path", usage.target}}
                                          : nlohmann::json{{"message", usage.target}};
    return {{"request", std::move(request)},
            {"field", usage.field},
            {"rule", usage.rule},
            {"consumers", relying_consumers_json(report, usage)}};
}

std::string field_usage_self(const resource_request& request, const std::string& provider, const domain::field_usage_query& query) {
    std::string self = request.urls.of({"pacticipants", provider, "field-usage"});
    char separator = '?';
    const std::array<std::pair<std::string_view, const std::optional<std::string>*>, 3> parameters{
        {{"field", &query.field}, {"environment", &query.environment}, {"branch", &query.branch}}};
    for (const auto& [name, value] : parameters) {
        if (!*value) continue;
        self += separator + std::string(name) + "=" + pact::http::percent_encode_component(**value);
        separator = '&';
    }
    return self;
}

resource_response field_usage(const resource_request& request, domain::broker_services& services) {
    const auto& provider = request.parameter("provider");
    const auto query = field_usage_query_of(request);
    const auto report = value_or_throw(services.field_usages.field_usages(provider, query));
    auto fields = nlohmann::json::array();
    for (const auto& usage : report.fields) fields.push_back(field_usage_json(report, usage));
    nlohmann::json scope = nlohmann::json::object();
    if (query.environment) scope["environment"] = *query.environment;
    if (query.branch) scope["branch"] = *query.branch;
    if (query.field) scope["field"] = *query.field;
    return {200,
            {{"provider", provider},
             {"scope", std::move(scope)},
             {"consumers", counted_consumers_json(request.urls, report.versions)},
             {"fields", std::move(fields)},
             {"_links",
              {{"self", link(field_usage_self(request, provider, query), "Fields of " + provider + " its consumers rely on")},
               {"pb:provider", link(request.urls.pacticipant(provider), "Provider", provider)}}}}};
}

}  // namespace

void add_field_usage_routes(route_table& routes, domain::broker_services& services) {
    routes.add("GET", "/pacticipants/{provider}/field-usage", with_services(services, field_usage));
}

}  // namespace pact::broker::api
