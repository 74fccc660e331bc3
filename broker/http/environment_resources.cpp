#include "broker/http/resources.hpp"

#include "broker/http/domain_problem.hpp"
#include "broker/http/hal.hpp"
#include "broker/http/json_body.hpp"
#include "broker/http/problem.hpp"
#include "broker/http/representations.hpp"


namespace pact::broker::http {
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

// Deployed and released versions

template <typename Item, typename Render>
nlohmann::json embedded_list(const resource_request& request, std::string_view key, const std::vector<Item>& items, Render render,
                             std::string self, std::string title) {
    auto rendered = nlohmann::json::array();
    for (const auto& item : items) rendered.push_back(render(request.urls, item));
    return {{"_embedded", {{std::string(key), std::move(rendered)}}}, {"_links", {{"self", link(std::move(self), std::move(title))}}}};
}

std::optional<std::string_view> pacticipant_filter(const std::optional<std::string>& name) {
    return name ? std::optional<std::string_view>(*name) : std::nullopt;
}

resource_response currently_deployed(const resource_request& request, domain::broker_services& services) {
    const auto& uuid = request.parameter("uuid");
    auto environment = value_or_throw(services.environments.find_environment(uuid));
    auto pacticipant = request.query.first("pacticipant");
    auto deployed = value_or_throw(services.environments.currently_deployed(uuid, pacticipant_filter(pacticipant)));
    auto self = request.urls.environment(uuid) + "/deployed-versions/currently-deployed";
    return {200, embedded_list(request, "deployedVersions", deployed, deployed_version_resource, std::move(self),
                               (std::string("Currently deployed versions for ") + environment.display_name))};
}

resource_response currently_supported(const resource_request& request, domain::broker_services& services) {
    const auto& uuid = request.parameter("uuid");
    auto environment = value_or_throw(services.environments.find_environment(uuid));
    auto pacticipant = request.query.first("pacticipant");
    auto released = value_or_throw(services.environments.currently_supported(uuid, pacticipant_filter(pacticipant)));
    auto self = request.urls.environment(uuid) + "/released-versions/currently-supported";
    return {200, embedded_list(request, "releasedVersions", released, released_version_resource, std::move(self),
                               (std::string("Currently supported released versions for ") + environment.display_name))};
}

resource_response record_deployment(const resource_request& request, domain::broker_services& services) {
    auto body = json_body::parse(request, "broker-deployment");
    // The official CLI sends the instance as both `applicationInstance` and its older name `target`.
    auto instance = body.optional_string("applicationInstance");
    if (!instance) instance = body.optional_string("target");
    auto deployed = value_or_throw(services.environments.record_deployment(request.parameter("pacticipant"), request.parameter("version"),
                                                                         request.parameter("uuid"), instance));
    return {201, deployed_version_resource(request.urls, deployed)};
}

resource_response record_release(const resource_request& request, domain::broker_services& services) {
    static_cast<void>(json_body::parse(request, "broker-deployment"));
    auto released = value_or_throw(
        services.environments.record_release(request.parameter("pacticipant"), request.parameter("version"), request.parameter("uuid")));
    return {201, released_version_resource(request.urls, released)};
}

resource_response deployments_of_version(const resource_request& request, domain::broker_services& services) {
    const auto& pacticipant = request.parameter("pacticipant");
    const auto& version = request.parameter("version");
    auto deployed = value_or_throw(services.environments.deployments_of_version(pacticipant, version));
    return {200, embedded_list(request, "deployedVersions", deployed, deployed_version_resource,
                               request.urls.version(pacticipant, version) + "/deployed-versions", "Deployed versions")};
}

resource_response releases_of_version(const resource_request& request, domain::broker_services& services) {
    const auto& pacticipant = request.parameter("pacticipant");
    const auto& version = request.parameter("version");
    auto released = value_or_throw(services.environments.releases_of_version(pacticipant, version));
    return {200, embedded_list(request, "releasedVersions", released, released_version_resource,
                               request.urls.version(pacticipant, version) + "/released-versions", "Released versions")};
}

resource_response get_deployed_version(const resource_request& request, domain::broker_services& services) {
    return {200, deployed_version_resource(request.urls, value_or_throw(services.environments.find_deployed_version(request.parameter("uuid"))))};
}

// Merge-patch: only `currentlyDeployed: false` changes anything (a deployment cannot be revived).
resource_response patch_deployed_version(const resource_request& request, domain::broker_services& services) {
    const auto& uuid = request.parameter("uuid");
    auto currently_deployed = json_body::parse(request, "broker-deployment").optional_boolean("currentlyDeployed");
    if (currently_deployed == true) throw invalid_field("currentlyDeployed", "can only be set to false (record a new deployment instead)");
    auto deployed = currently_deployed ? value_or_throw(services.environments.record_undeployment(uuid))
                                       : value_or_throw(services.environments.find_deployed_version(uuid));
    return {200, deployed_version_resource(request.urls, deployed)};
}

resource_response get_released_version(const resource_request& request, domain::broker_services& services) {
    return {200, released_version_resource(request.urls, value_or_throw(services.environments.find_released_version(request.parameter("uuid"))))};
}

resource_response patch_released_version(const resource_request& request, domain::broker_services& services) {
    const auto& uuid = request.parameter("uuid");
    auto currently_supported = json_body::parse(request, "broker-deployment").optional_boolean("currentlySupported");
    if (currently_supported == true) throw invalid_field("currentlySupported", "can only be set to false (record a new release instead)");
    auto released = currently_supported ? value_or_throw(services.environments.record_support_ended(uuid))
                                        : value_or_throw(services.environments.find_released_version(uuid));
    return {200, released_version_resource(request.urls, released)};
}

}  // namespace

void add_environment_routes(route_table& routes, domain::broker_services& services) {
    routes.add("GET", "/environments", with_services(services, list_environments));
    routes.add("POST", "/environments", with_services(services, create_environment));
    routes.add("GET", "/environments/{uuid}", with_services(services, get_environment));
    routes.add("PUT", "/environments/{uuid}", with_services(services, put_environment));
    routes.add("DELETE", "/environments/{uuid}", with_services(services, delete_environment));
    routes.add("GET", "/environments/{uuid}/deployed-versions/currently-deployed", with_services(services, currently_deployed));
    routes.add("GET", "/environments/{uuid}/released-versions/currently-supported", with_services(services, currently_supported));

    const std::string version = "/pacticipants/{pacticipant}/versions/{version+}";
    routes.add("POST", version + "/deployed-versions/environment/{uuid}", with_services(services, record_deployment));
    routes.add("POST", version + "/released-versions/environment/{uuid}", with_services(services, record_release));
    routes.add("GET", version + "/deployed-versions", with_services(services, deployments_of_version));
    routes.add("GET", version + "/released-versions", with_services(services, releases_of_version));

    routes.add("GET", "/deployed-versions/{uuid}", with_services(services, get_deployed_version));
    routes.add("PATCH", "/deployed-versions/{uuid}", with_services(services, patch_deployed_version));
    routes.add("GET", "/released-versions/{uuid}", with_services(services, get_released_version));
    routes.add("PATCH", "/released-versions/{uuid}", with_services(services, patch_released_version));
}

}  // namespace pact::broker::http
