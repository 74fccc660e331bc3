#include "broker/api/resources.hpp"

#include "broker/api/domain_problem.hpp"
#include "broker/api/hal_links.hpp"
#include "broker/api/json_body.hpp"
#include "broker/api/list_paging.hpp"
#include "broker/api/representations.hpp"

namespace pact::broker::api {
namespace {

nlohmann::json version_with_links(const resource_request& request, domain::broker_services& services, const domain::version& version) {
    return version_resource(request.urls, version, services.environments.list_environments());
}

nlohmann::json version_list(const resource_request& request, const domain::page<domain::version>& versions, const std::string& self) {
    auto embedded = nlohmann::json::array();
    auto links = nlohmann::json::array();
    for (const auto& version : versions.items) {
        embedded.push_back(version_summary(request.urls, version.pacticipant_name, version.number));
        embedded.back()["createdAt"] = version.created_at;
        links.push_back(link(request.urls.version(version.pacticipant_name, version.number), "Version", version.number));
    }
    nlohmann::json body{{"_embedded", {{"versions", std::move(embedded)}}},
                        {"_links", {{"self", link(self, "Versions")}, {"pb:versions", std::move(links)}}}};
    add_page_links(body, request, self, versions.request, versions.total);
    return body;
}

// Versions

resource_response list_versions(const resource_request& request, domain::broker_services& services) {
    const auto& pacticipant = request.parameter("pacticipant");
    auto versions = value_or_throw(services.pacticipants.list_versions(pacticipant, requested_page(request)));
    return {200, version_list(request, versions, request.urls.pacticipant(pacticipant) + "/versions")};
}

resource_response get_version(const resource_request& request, domain::broker_services& services) {
    auto version = value_or_throw(services.pacticipants.find_version(request.parameter("pacticipant"), request.parameter("version")));
    return {200, version_with_links(request, services, version)};
}

resource_response put_version(const resource_request& request, domain::broker_services& services) {
    auto body = json_body::parse(request, "broker-version");
    domain::version_input input{body.optional_string("branch"), body.optional_string("buildUrl"), body.string_array("tags")};
    auto result = value_or_throw(
        services.pacticipants.create_or_update_version(request.parameter("pacticipant"), request.parameter("version"), input));
    return {result.created ? 201u : 200u, version_with_links(request, services, result.value)};
}

// The tags of a merge patch are the Pact Broker's embedded ones, `{"_embedded": {"tags": [{"name": "prod"}]}}`.
std::optional<std::vector<std::string>> patched_tags(const json_body& body) {
    const auto* embedded = body.optional_object("_embedded");
    if (embedded == nullptr || !embedded->contains("tags") || embedded->at("tags").is_null()) return std::nullopt;
    const auto& tags = embedded->at("tags");
    if (!tags.is_array()) throw invalid_field("_embedded.tags", "must be an array of tags");
    std::vector<std::string> names;
    for (const auto& tag : tags) {
        if (!tag.is_object() || !tag.contains("name") || !tag.at("name").is_string())
            throw invalid_field("_embedded.tags", "each tag must be an object with a string name");
        names.push_back(tag.at("name").get<std::string>());
    }
    return names;
}

// PATCH (merge-patch): an absent buildUrl stays, null clears it; the Pact Broker lets nothing else of a version change.
resource_response patch_version(const resource_request& request, domain::broker_services& services) {
    auto body = json_body::parse(request);
    domain::version_changes changes;
    if (body.json().contains("buildUrl")) changes.build_url = body.optional_string("buildUrl");
    changes.tags = patched_tags(body);
    auto result = value_or_throw(services.pacticipants.patch_version(request.parameter("pacticipant"), request.parameter("version"), changes));
    return {result.created ? 201u : 200u, version_with_links(request, services, result.value)};
}

resource_response latest_version(const resource_request& request, domain::broker_services& services) {
    return {200, version_with_links(request, services, value_or_throw(services.pacticipants.latest_version(request.parameter("pacticipant"))))};
}

resource_response latest_tagged_version(const resource_request& request, domain::broker_services& services) {
    auto version = value_or_throw(services.pacticipants.latest_version_with_tag(request.parameter("pacticipant"), request.parameter("tag")));
    return {200, version_with_links(request, services, version)};
}

resource_response latest_branch_version(const resource_request& request, domain::broker_services& services) {
    auto version = value_or_throw(services.pacticipants.latest_version_on_branch(request.parameter("pacticipant"), request.parameter("branch")));
    return {200, version_with_links(request, services, version)};
}

resource_response list_tag_versions(const resource_request& request, domain::broker_services& services) {
    const auto& pacticipant = request.parameter("pacticipant");
    const auto& tag = request.parameter("tag");
    auto versions = value_or_throw(services.pacticipants.versions_with_tag(pacticipant, tag, requested_page(request)));
    return {200, version_list(request, versions, request.urls.of({"pacticipants", pacticipant, "tags", tag, "versions"}))};
}

// Tags

resource_response get_tag(const resource_request& request, domain::broker_services& services) {
    const auto& pacticipant = request.parameter("pacticipant");
    const auto& version = request.parameter("version");
    auto tag = value_or_throw(services.pacticipants.find_tag(pacticipant, version, request.parameter("tag")));
    return {200, tag_resource(request.urls, pacticipant, version, tag)};
}

resource_response put_tag(const resource_request& request, domain::broker_services& services) {
    static_cast<void>(json_body::parse(request));  // `{}` or `{"name": tag}`; refuse anything that is not JSON
    const auto& pacticipant = request.parameter("pacticipant");
    const auto& version = request.parameter("version");
    auto result = value_or_throw(services.pacticipants.add_tag(pacticipant, version, request.parameter("tag")));
    return {result.created ? 201u : 200u, tag_resource(request.urls, pacticipant, version, result.value)};
}

resource_response delete_tag(const resource_request& request, domain::broker_services& services) {
    value_or_throw(services.pacticipants.delete_tag(request.parameter("pacticipant"), request.parameter("version"), request.parameter("tag")));
    return {200, nlohmann::json::object()};
}

// Branches

resource_response list_branches(const resource_request& request, domain::broker_services& services) {
    const auto& pacticipant = request.parameter("pacticipant");
    const auto branches = value_or_throw(services.pacticipants.list_branches(pacticipant, requested_page(request)));
    auto embedded = nlohmann::json::array();
    for (const auto& branch : branches.items) embedded.push_back(branch_resource(request.urls, branch));
    const auto self = request.urls.pacticipant(pacticipant) + "/branches";
    nlohmann::json body{{"_embedded", {{"branches", std::move(embedded)}}}, {"_links", {{"self", link(self, "Branches")}}}};
    add_page_links(body, request, self, branches.request, branches.total);
    return {200, std::move(body)};
}

resource_response get_branch(const resource_request& request, domain::broker_services& services) {
    auto branch = value_or_throw(services.pacticipants.find_branch(request.parameter("pacticipant"), request.parameter("branch")));
    return {200, branch_resource(request.urls, branch)};
}

// Deletions answer 204 without a body, as the Pact Broker does.
resource_response delete_branch(const resource_request& request, domain::broker_services& services) {
    value_or_throw(services.pacticipants.delete_branch(request.parameter("pacticipant"), request.parameter("branch")));
    return {204, nlohmann::json::object()};
}

resource_response delete_version(const resource_request& request, domain::broker_services& services) {
    value_or_throw(services.pacticipants.delete_version(request.parameter("pacticipant"), request.parameter("version")));
    return {204, nlohmann::json::object()};
}

resource_response list_branch_versions(const resource_request& request, domain::broker_services& services) {
    const auto& pacticipant = request.parameter("pacticipant");
    const auto& branch = request.parameter("branch");
    auto versions = value_or_throw(services.pacticipants.branch_versions(pacticipant, branch, requested_page(request)));
    return {200, version_list(request, versions, request.urls.branch(pacticipant, branch) + "/versions")};
}

resource_response get_branch_version(const resource_request& request, domain::broker_services& services) {
    const auto& branch = request.parameter("branch");
    auto version = value_or_throw(
        services.pacticipants.find_branch_version(request.parameter("pacticipant"), branch, request.parameter("version")));
    return {200, branch_version_resource(request.urls, branch, version)};
}

// The verifier PUTs `{}` here once per pact and skips publishing its results unless the answer is JSON.
resource_response put_branch_version(const resource_request& request, domain::broker_services& services) {
    static_cast<void>(json_body::parse(request));
    const auto& branch = request.parameter("branch");
    auto result = value_or_throw(
        services.pacticipants.add_version_to_branch(request.parameter("pacticipant"), branch, request.parameter("version")));
    return {result.created ? 201u : 200u, branch_version_resource(request.urls, branch, result.value)};
}

resource_response delete_branch_version(const resource_request& request, domain::broker_services& services) {
    value_or_throw(services.pacticipants.remove_version_from_branch(request.parameter("pacticipant"), request.parameter("branch"),
                                                                    request.parameter("version")));
    return {204, nlohmann::json::object()};
}

}  // namespace

void add_version_routes(route_table& routes, domain::broker_services& services) {
    routes.add("GET", "/pacticipants/{pacticipant}/versions", with_services(services, list_versions));
    routes.add("GET", "/pacticipants/{pacticipant}/versions/{version+}", with_services(services, get_version));
    routes.add("PUT", "/pacticipants/{pacticipant}/versions/{version+}", with_services(services, put_version));
    routes.add("PATCH", "/pacticipants/{pacticipant}/versions/{version+}", with_services(services, patch_version));
    routes.add("DELETE", "/pacticipants/{pacticipant}/versions/{version+}", with_services(services, delete_version));
    routes.add("GET", "/pacticipants/{pacticipant}/latest-version", with_services(services, latest_version));
    routes.add("GET", "/pacticipants/{pacticipant}/latest-version/{tag}", with_services(services, latest_tagged_version));

    routes.add("GET", "/pacticipants/{pacticipant}/tags/{tag}/versions", with_services(services, list_tag_versions));
    routes.add("GET", "/pacticipants/{pacticipant}/versions/{version+}/tags/{tag}", with_services(services, get_tag));
    routes.add("PUT", "/pacticipants/{pacticipant}/versions/{version+}/tags/{tag}", with_services(services, put_tag));
    routes.add("DELETE", "/pacticipants/{pacticipant}/versions/{version+}/tags/{tag}", with_services(services, delete_tag));

    routes.add("GET", "/pacticipants/{pacticipant}/branches", with_services(services, list_branches));
    routes.add("GET", "/pacticipants/{pacticipant}/branches/{branch+}", with_services(services, get_branch));
    routes.add("DELETE", "/pacticipants/{pacticipant}/branches/{branch+}", with_services(services, delete_branch));
    routes.add("GET", "/pacticipants/{pacticipant}/branches/{branch+}/latest-version", with_services(services, latest_branch_version));
    routes.add("GET", "/pacticipants/{pacticipant}/branches/{branch+}/versions", with_services(services, list_branch_versions));
    routes.add("GET", "/pacticipants/{pacticipant}/branches/{branch+}/versions/{version+}", with_services(services, get_branch_version));
    routes.add("PUT", "/pacticipants/{pacticipant}/branches/{branch+}/versions/{version+}", with_services(services, put_branch_version));
    routes.add("DELETE", "/pacticipants/{pacticipant}/branches/{branch+}/versions/{version+}", with_services(services, delete_branch_version));
}

}  // namespace pact::broker::api
