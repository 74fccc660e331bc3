#include "broker/api/resources.hpp"

#include "broker/api/domain_problem.hpp"
#include "broker/api/hal_links.hpp"
#include "broker/api/json_body.hpp"
#include "broker/api/list_paging.hpp"
#include "broker/api/problem.hpp"
#include "broker/api/representations.hpp"


namespace pact::broker::api {
namespace {

domain::environment_input environment_from(const json_body& body) {
    domain::environment_input input{body.required_string("name"), body.optional_string("displayName"),
                                    body.optional_boolean("production").value_or(false), nlohmann::json::array()};
    if (const auto* contacts = body.optional_array("contacts")) input.contacts = *contacts;
    return input;
}

// Environments

resource_response list_environments(const resource_request& request, domain::broker_services& services) {
    auto name = request.query.first("name");
    auto environments = nlohmann::json::array();
    auto links = nlohmann::json::array();
    for (const auto& environment : services.environments.list_environments()) {
        if (name && environment.name != *name) continue;
        environments.push_back(environment_resource(request.urls, environment));
        links.push_back(link(request.urls.environment(environment.uuid), "Environment", environment.name));
    }
    return {200,
            {{"_embedded", {{"environments", std::move(environments)}}},
             {"_links", {{"self", link(request.urls.of({"environments"}), "Environments")}, {"pb:environments", std::move(links)}}}}};
}

resource_response create_environment(const resource_request& request, domain::broker_services& services) {
    auto created = value_or_throw(services.environments.create_environment(environment_from(json_body::parse(request, "broker-environment"))));
    return {201, environment_resource(request.urls, created)};
}

resource_response get_environment(const resource_request& request, domain::broker_services& services) {
    return {200, environment_resource(request.urls, value_or_throw(services.environments.find_environment(request.parameter("uuid"))))};
}

resource_response put_environment(const resource_request& request, domain::broker_services& services) {
    auto updated = value_or_throw(
        services.environments.update_environment(request.parameter("uuid"), environment_from(json_body::parse(request, "broker-environment"))));
    return {200, environment_resource(request.urls, updated)};
}

resource_response delete_environment(const resource_request& request, domain::broker_services& services) {
    value_or_throw(services.environments.delete_environment(request.parameter("uuid")));
    return {200, nlohmann::json::object()};
}

// Deployed and released versions: the same resources over two kinds of record, described once each here.

template <typename Record>
struct placement_kind {
    std::string_view embedded_key;      // "deployedVersions"
    std::string_view current_field;     // "currentlyDeployed", the only field a PATCH may change
    std::string_view revive_hint;       // why it cannot be set back to true
    std::string_view collection_path;   // under an environment: "deployed-versions/currently-deployed"
    std::string_view collection_title;  // "Currently deployed versions for "
    std::string_view version_path;      // under a version: "deployed-versions"
    std::string_view version_title;
    domain::result<Record> (domain::environment_service::*find)(std::string_view);
    domain::result<Record> (domain::environment_service::*end)(std::string_view);
    domain::result<std::vector<Record>> (domain::environment_service::*current)(std::string_view, std::optional<std::string_view>);
    domain::result<std::vector<Record>> (domain::environment_service::*of_version)(std::string_view, std::string_view);
    nlohmann::json (*render)(const resource_urls&, const Record&);
};

constexpr placement_kind<domain::deployed_version> deployed{
    "deployedVersions", "currentlyDeployed", "can only be set to false (record a new deployment instead)",
    "deployed-versions/currently-deployed", "Currently deployed versions for ", "deployed-versions", "Deployed versions",
    &domain::environment_service::find_deployed_version, &domain::environment_service::record_undeployment,
    &domain::environment_service::currently_deployed, &domain::environment_service::deployments_of_version, deployed_version_resource};

constexpr placement_kind<domain::released_version> released{
    "releasedVersions", "currentlySupported", "can only be set to false (record a new release instead)",
    "released-versions/currently-supported", "Currently supported released versions for ", "released-versions", "Released versions",
    &domain::environment_service::find_released_version, &domain::environment_service::record_support_ended,
    &domain::environment_service::currently_supported, &domain::environment_service::releases_of_version, released_version_resource};

// What is deployed in an environment is bounded by its applications, not by history: read whole, served a
// page at a time.
template <typename Record>
nlohmann::json embedded_list(const resource_request& request, const placement_kind<Record>& kind, std::vector<Record> items,
                             const std::string& self, std::string title) {
    const auto listed = domain::page<Record>::of(std::move(items), requested_page(request));
    auto rendered = nlohmann::json::array();
    for (const auto& item : listed.items) rendered.push_back(kind.render(request.urls, item));
    nlohmann::json body{{"_embedded", {{std::string(kind.embedded_key), std::move(rendered)}}}, {"_links", {{"self", link(self, std::move(title))}}}};
    add_page_links(body, request, self, listed.request, listed.total);
    return body;
}

// GET /environments/{uuid}/deployed-versions/currently-deployed[?pacticipant=] and its released twin.
template <const auto& kind>
resource_response current_in_environment(const resource_request& request, domain::broker_services& services) {
    const auto& uuid = request.parameter("uuid");
    auto environment = value_or_throw(services.environments.find_environment(uuid));
    auto pacticipant = request.query.first("pacticipant");
    auto filter = pacticipant ? std::optional<std::string_view>(*pacticipant) : std::nullopt;
    auto items = value_or_throw((services.environments.*kind.current)(uuid, filter));
    return {200, embedded_list(request, kind, std::move(items), request.urls.environment(uuid) + "/" + std::string(kind.collection_path),
                               std::string(kind.collection_title) + environment.display_name)};
}

// GET /pacticipants/{p}/versions/{v}/deployed-versions and its released twin.
template <const auto& kind>
resource_response of_version(const resource_request& request, domain::broker_services& services) {
    const auto& pacticipant = request.parameter("pacticipant");
    const auto& version = request.parameter("version");
    auto items = value_or_throw((services.environments.*kind.of_version)(pacticipant, version));
    return {200, embedded_list(request, kind, std::move(items), request.urls.version(pacticipant, version) + "/" + std::string(kind.version_path),
                               std::string(kind.version_title))};
}

template <const auto& kind>
resource_response get_placement(const resource_request& request, domain::broker_services& services) {
    return {200, kind.render(request.urls, value_or_throw((services.environments.*kind.find)(request.parameter("uuid"))))};
}

// Merge-patch: only `currentlyDeployed` / `currentlySupported: false` changes anything (it cannot be revived).
template <const auto& kind>
resource_response patch_placement(const resource_request& request, domain::broker_services& services) {
    const auto& uuid = request.parameter("uuid");
    const std::string field(kind.current_field);
    auto current = json_body::parse(request, "broker-deployment").optional_boolean(field);
    if (current == true) throw invalid_field(field, std::string(kind.revive_hint));
    auto record = current ? value_or_throw((services.environments.*kind.end)(uuid)) : value_or_throw((services.environments.*kind.find)(uuid));
    return {200, kind.render(request.urls, record)};
}

resource_response record_deployment(const resource_request& request, domain::broker_services& services) {
    auto body = json_body::parse(request, "broker-deployment");
    // The official CLI sends the instance as both `applicationInstance` and its older name `target`.
    auto instance = body.optional_string("applicationInstance");
    if (!instance) instance = body.optional_string("target");
    auto recorded = value_or_throw(services.environments.record_deployment(request.parameter("pacticipant"), request.parameter("version"),
                                                                         request.parameter("uuid"), instance));
    return {201, deployed_version_resource(request.urls, recorded)};
}

resource_response record_release(const resource_request& request, domain::broker_services& services) {
    static_cast<void>(json_body::parse(request, "broker-deployment"));
    auto recorded = value_or_throw(
        services.environments.record_release(request.parameter("pacticipant"), request.parameter("version"), request.parameter("uuid")));
    return {201, released_version_resource(request.urls, recorded)};
}

}  // namespace

void add_environment_routes(route_table& routes, domain::broker_services& services) {
    routes.add("GET", "/environments", with_services(services, list_environments));
    routes.add("POST", "/environments", with_services(services, create_environment));
    routes.add("GET", "/environments/{uuid}", with_services(services, get_environment));
    routes.add("PUT", "/environments/{uuid}", with_services(services, put_environment));
    routes.add("DELETE", "/environments/{uuid}", with_services(services, delete_environment));
    routes.add("GET", "/environments/{uuid}/deployed-versions/currently-deployed", with_services(services, current_in_environment<deployed>));
    routes.add("GET", "/environments/{uuid}/released-versions/currently-supported", with_services(services, current_in_environment<released>));

    const std::string version = "/pacticipants/{pacticipant}/versions/{version+}";
    routes.add("POST", version + "/deployed-versions/environment/{uuid}", with_services(services, record_deployment));
    routes.add("POST", version + "/released-versions/environment/{uuid}", with_services(services, record_release));
    routes.add("GET", version + "/deployed-versions", with_services(services, of_version<deployed>));
    routes.add("GET", version + "/released-versions", with_services(services, of_version<released>));

    routes.add("GET", "/deployed-versions/{uuid}", with_services(services, get_placement<deployed>));
    routes.add("PATCH", "/deployed-versions/{uuid}", with_services(services, patch_placement<deployed>));
    routes.add("GET", "/released-versions/{uuid}", with_services(services, get_placement<released>));
    routes.add("PATCH", "/released-versions/{uuid}", with_services(services, patch_placement<released>));
}

}  // namespace pact::broker::api
