#include "broker/api/resources.hpp"

#include "broker/api/domain_problem.hpp"
#include "broker/api/hal_links.hpp"
#include "broker/api/matrix_query_string.hpp"
#include "broker/api/problem.hpp"
#include "broker/api/representations.hpp"

namespace pact::broker::api {
namespace {

nlohmann::json names_json(const std::vector<std::string>& names) {
    auto array = nlohmann::json::array();
    for (const auto& name : names) array.push_back({{"name", name}});
    return array;
}

nlohmann::json matrix_version_json(const resource_urls& urls, std::string_view pacticipant, const domain::matrix_version& version) {
    nlohmann::json json = {
        {"number", version.number},
        {"branch", version.branches.empty() ? nlohmann::json(nullptr) : nlohmann::json(version.branches.front())},
        {"branchVersions", names_json(version.branches)},
        {"tags", names_json(version.tags)},
        {"environments", names_json(version.environments)},
        {"createdAt", version.created_at},
        {"_links", {{"self", link(urls.version(pacticipant, version.number), "Version", version.number)}}},
    };
    return json;
}

// A row as the official client reads it: consumer/provider `name` always, `provider.version` null
// when no provider version is known, `verificationResult` null when never verified.
nlohmann::json matrix_row_json(const resource_urls& urls, const domain::matrix_row& row) {
    nlohmann::json consumer = pacticipant_summary(urls, row.consumer_name);
    consumer["version"] = matrix_version_json(urls, row.consumer_name, row.consumer_version);
    nlohmann::json provider = pacticipant_summary(urls, row.provider_name);
    provider["version"] = row.provider_version ? matrix_version_json(urls, row.provider_name, *row.provider_version) : nlohmann::json(nullptr);

    nlohmann::json verification = nullptr;
    if (row.verification) {
        // A comparison with the provider's contract links to its findings; a verifier's result to itself.
        const bool compared = row.verification->kind == domain::verification_kind::contract_comparison;
        const auto self = compared && row.provider_version
                              ? urls.contract_comparison(row.consumer_name, row.consumer_version.number, row.provider_name, row.provider_version->number)
                              : urls.verification_result(row.provider_name, row.consumer_name, row.pact_version_sha, row.verification->number);
        verification = {
            {"success", row.verification->success},
            {"verifiedAt", row.verification->verified_at},
            {"verificationType", domain::to_string(row.verification->kind)},
            {"_links", {{"self", link(self)}}},
        };
        if (row.verification->build_url) verification["buildUrl"] = *row.verification->build_url;
    }
    nlohmann::json json = {
        {"consumer", std::move(consumer)},
        {"provider", std::move(provider)},
        {"pact",
         {{"createdAt", row.pact_created_at},
          {"_links", {{"self", link(urls.pact(row.provider_name, row.consumer_name, row.consumer_version.number))}}}}},
        {"verificationResult", std::move(verification)},
    };
    if (row.ignored) json["ignored"] = true;
    return json;
}

nlohmann::json matrix_answer(const resource_urls& urls, const domain::matrix_result& result) {
    const auto& summary = result.summary;
    auto rows = nlohmann::json::array();
    for (const auto& row : result.rows) rows.push_back(matrix_row_json(urls, row));
    auto explanations = nlohmann::json::array();
    for (const auto& doubt : result.doubts) {
        const auto explanation = domain::explain(doubt, urls.base());
        explanations.push_back({{"code", explanation.code}, {"text", explanation.text}, {"command", explanation.command}});
    }
    return {
        {"summary",
         {{"deployable", summary.deployable ? nlohmann::json(*summary.deployable) : nlohmann::json(nullptr)},
          {"reason", summary.reason},
          {"success", summary.success},
          {"failed", summary.failed},
          {"unknown", summary.unknown},
          {"ignored", summary.ignored}}},
        {"notices", notices_json(result.notices)},
        {"explanations", std::move(explanations)},
        {"matrix", std::move(rows)},
    };
}

resource_response matrix(const resource_request& request, domain::broker_services& services) {
    auto query = value_or_throw(parse_matrix_query(request.query.pairs()));
    return {200, matrix_answer(request.urls, value_or_throw(services.matrix.matrix(query)))};
}

// Every row between the two, as /matrix with a selector for each and no other condition. An unknown pacticipant is a 404 here (the resource is not there), where /matrix answers 400 (a bad query).
resource_response pair_matrix(const resource_request& request, domain::broker_services& services) {
    for (const char* role : {"consumer", "provider"}) static_cast<void>(value_or_throw(services.pacticipants.find_pacticipant(request.parameter(role))));
    domain::matrix_query query;
    query.selectors = {{.pacticipant = request.parameter("consumer")}, {.pacticipant = request.parameter("provider")}};
    return {200, matrix_answer(request.urls, value_or_throw(services.matrix.matrix(query)))};
}

resource_response can_i_deploy(const resource_request& request, domain::broker_services& services) {
    auto pacticipant = request.query.first("pacticipant");
    auto version = request.query.first("version");
    if (!pacticipant || pacticipant->empty()) throw invalid_field("pacticipant", "can't be blank");
    if (!version || version->empty()) throw invalid_field("version", "can't be blank");
    auto environment = request.query.first("environment");
    auto to_tag = request.query.first("to");
    if (!environment && !to_tag) throw invalid_field("environment", "give an environment or a tag (to=TAG) to deploy to");
    auto result = value_or_throw(services.matrix.can_i_deploy(*pacticipant, *version, environment, to_tag));
    return {200, matrix_answer(request.urls, result)};
}

resource_response can_i_deploy_latest_tagged(const resource_request& request, domain::broker_services& services) {
    auto result = value_or_throw(
        services.matrix.can_i_deploy_latest_with_tag(request.parameter("pacticipant"), request.parameter("tag"), request.parameter("to")));
    return {200, matrix_answer(request.urls, result)};
}

resource_response can_i_deploy_latest_on_branch(const resource_request& request, domain::broker_services& services) {
    auto result = value_or_throw(
        services.matrix.can_i_deploy_latest_on_branch(request.parameter("pacticipant"), request.parameter("branch"), request.parameter("environment")));
    return {200, matrix_answer(request.urls, result)};
}

}  // namespace

void add_matrix_routes(route_table& routes, domain::broker_services& services) {
    routes.add("GET", "/matrix", with_services(services, matrix));
    routes.add("GET", "/matrix/provider/{provider}/consumer/{consumer}", with_services(services, pair_matrix));
    routes.add("GET", "/can-i-deploy", with_services(services, can_i_deploy));
    routes.add("GET", "/pacticipants/{pacticipant}/latest-version/{tag}/can-i-deploy/to/{to}", with_services(services, can_i_deploy_latest_tagged));
    routes.add("GET", "/pacticipants/{pacticipant}/branches/{branch+}/latest-version/can-i-deploy/to-environment/{environment}",
               with_services(services, can_i_deploy_latest_on_branch));
}

}  // namespace pact::broker::api
