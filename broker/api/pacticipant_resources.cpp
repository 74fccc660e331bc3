#include "broker/api/resources.hpp"

#include "broker/api/domain_problem.hpp"
#include "broker/api/hal_links.hpp"
#include "broker/api/json_body.hpp"
#include "broker/api/list_paging.hpp"
#include "broker/api/representations.hpp"

namespace pact::broker::api {
namespace {

enum class update_style { merge_patch, replace };

// PATCH (merge-patch): an absent member stays as it is, null clears it. PUT: absent also clears it.
domain::field_update<std::string> field_update(const json_body& body, std::string_view member, update_style style) {
    if (style == update_style::merge_patch && !body.json().contains(member)) return std::nullopt;
    return std::optional<std::string>(body.optional_string(member));
}

domain::pacticipant_changes changes_from(const json_body& body, update_style style) {
    return {field_update(body, "displayName", style), field_update(body, "mainBranch", style),
            field_update(body, "repositoryUrl", style)};
}

// A collection of pacticipants, shaped as GET /pacticipants (the Pact Broker lists pacticipants with a
// label in the same shape).
nlohmann::json pacticipant_collection(const resource_request& request, const domain::page<domain::pacticipant>& listed, const std::string& self) {
    const auto& urls = request.urls;
    auto pacticipants = nlohmann::json::array();
    auto links = nlohmann::json::array();
    for (const auto& pacticipant : listed.items) {
        pacticipants.push_back(pacticipant_resource(urls, pacticipant));
        links.push_back(link(urls.pacticipant(pacticipant.name), pacticipant.display_name, pacticipant.name));
    }
    // The official CLI reads the deprecated top-level copy and the Ruby client the deprecated `pacticipants`
    // relation; HAL clients read _embedded and pb:pacticipants.
    nlohmann::json body{{"pacticipants", pacticipants},
                        {"_embedded", {{"pacticipants", pacticipants}}},
                        {"_links", {{"self", link(self, "Pacticipants")}, {"pb:pacticipants", links}, {"pacticipants", links}}}};
    add_page_links(body, request, self, listed.request, listed.total);
    return body;
}

// The official CLI's list-pacticipants reads one answer whole, so an unpaged request gets the largest page.
resource_response list_pacticipants(const resource_request& request, domain::broker_services& services) {
    const auto listed = services.pacticipants.list_pacticipants(requested_page(request, maximum_page_size));
    return {200, pacticipant_collection(request, listed, request.urls.of({"pacticipants"}))};
}

resource_response list_pacticipants_with_label(const resource_request& request, domain::broker_services& services) {
    const auto& label = request.parameter("label");
    const auto listed = services.pacticipants.pacticipants_with_label(label, requested_page(request, maximum_page_size));
    return {200, pacticipant_collection(request, listed, request.urls.of({"pacticipants", "label", label}))};
}

resource_response create_pacticipant(const resource_request& request, domain::broker_services& services) {
    auto body = json_body::parse(request, "broker-pacticipant");
    domain::pacticipant_input input{body.required_string("name"), body.optional_string("displayName"),
                                    body.optional_string("mainBranch"), body.optional_string("repositoryUrl")};
    auto created = value_or_throw(services.pacticipants.create_pacticipant(input));
    return {201, pacticipant_resource(request.urls, created)};
}

resource_response get_pacticipant(const resource_request& request, domain::broker_services& services) {
    return {200, pacticipant_resource(request.urls, value_or_throw(services.pacticipants.find_pacticipant(request.parameter("pacticipant"))))};
}

resource_response update_pacticipant(const resource_request& request, domain::broker_services& services, update_style style) {
    auto body = json_body::parse(request, "broker-pacticipant");
    auto result = value_or_throw(
        services.pacticipants.create_or_update_pacticipant(request.parameter("pacticipant"), changes_from(body, style)));
    return {result.created ? 201u : 200u, pacticipant_resource(request.urls, result.value)};
}

resource_response patch_pacticipant(const resource_request& request, domain::broker_services& services) {
    return update_pacticipant(request, services, update_style::merge_patch);
}

resource_response put_pacticipant(const resource_request& request, domain::broker_services& services) {
    return update_pacticipant(request, services, update_style::replace);
}

// With everything that belongs to it (see pacticipant_service::delete_pacticipant); 204 as the Pact Broker.
resource_response delete_pacticipant(const resource_request& request, domain::broker_services& services) {
    value_or_throw(services.pacticipants.delete_pacticipant(request.parameter("pacticipant")));
    return {204, nlohmann::json::object()};
}

resource_response get_label(const resource_request& request, domain::broker_services& services) {
    return {200, label_resource(request.urls, value_or_throw(services.pacticipants.find_label(request.parameter("pacticipant"), request.parameter("label"))))};
}

// Creates the pacticipant too when it is missing; 201 with a Location when the label is new, 200 if present.
resource_response put_label(const resource_request& request, domain::broker_services& services) {
    static_cast<void>(json_body::parse(request));  // nothing or `{}`; refuse anything that is not JSON
    auto result = value_or_throw(services.pacticipants.add_label(request.parameter("pacticipant"), request.parameter("label")));
    resource_response response{result.created ? 201u : 200u, label_resource(request.urls, result.value)};
    if (result.created) response.headers.emplace_back("Location", request.urls.label(result.value.pacticipant_name, result.value.name));
    return response;
}

resource_response delete_label(const resource_request& request, domain::broker_services& services) {
    value_or_throw(services.pacticipants.delete_label(request.parameter("pacticipant"), request.parameter("label")));
    return {204, nlohmann::json::object()};
}

// Every label in use, each once, as the Pact Broker lists them (without the links of one pacticipant's label).
resource_response list_labels(const resource_request& request, domain::broker_services& services) {
    auto labels = nlohmann::json::array();
    for (const auto& name : services.pacticipants.label_names()) labels.push_back({{"name", name}});
    return {200, {{"_embedded", {{"labels", std::move(labels)}}}, {"_links", {{"self", link(request.urls.of({"labels"}), "Labels")}}}}};
}

}  // namespace

void add_pacticipant_routes(route_table& routes, domain::broker_services& services) {
    routes.add("GET", "/pacticipants", with_services(services, list_pacticipants));
    routes.add("POST", "/pacticipants", with_services(services, create_pacticipant));
    routes.add("GET", "/pacticipants/{pacticipant}", with_services(services, get_pacticipant));
    routes.add("PATCH", "/pacticipants/{pacticipant}", with_services(services, patch_pacticipant));
    routes.add("PUT", "/pacticipants/{pacticipant}", with_services(services, put_pacticipant));
    routes.add("DELETE", "/pacticipants/{pacticipant}", with_services(services, delete_pacticipant));
    routes.add("GET", "/pacticipants/label/{label}", with_services(services, list_pacticipants_with_label));
    routes.add("GET", "/labels", with_services(services, list_labels));
    routes.add("GET", "/pacticipants/{pacticipant}/labels/{label}", with_services(services, get_label));
    routes.add("PUT", "/pacticipants/{pacticipant}/labels/{label}", with_services(services, put_label));
    routes.add("DELETE", "/pacticipants/{pacticipant}/labels/{label}", with_services(services, delete_label));
}

}  // namespace pact::broker::api
