#include "broker/api/resources.hpp"

#include "broker/api/domain_problem.hpp"
#include "broker/api/hal_links.hpp"
#include "broker/api/list_paging.hpp"
#include "broker/api/representations.hpp"

namespace pact::broker::api {
namespace {

// The Pact Broker's shape: each integration names its consumer and provider and links to their matrix.
nlohmann::json integration_json(const resource_urls& urls, const domain::integration& integration) {
    const auto& consumer = integration.consumer_name;
    const auto& provider = integration.provider_name;
    return {{"consumer", pacticipant_summary(urls, consumer)},
            {"provider", pacticipant_summary(urls, provider)},
            {"createdAt", integration.created_at},
            {"_links",
             {{"pb:matrix", link(urls.of({"matrix", "provider", provider, "consumer", consumer}),
                                 "Matrix of pacts/verification results for " + consumer + " and " + provider)},
              {"pb:latest-pact", link(urls.latest_pact(provider, consumer), "The latest pact between " + consumer + " and " + provider)},
              {"pb:delete-integration", link(urls.of({"integrations", "provider", provider, "consumer", consumer}),
                                             "Delete the integration between " + consumer + " and " + provider)}}}};
}

// A whole-list client (a dashboard script) gets the largest page when it asks for none.
resource_response list_integrations(const resource_request& request, domain::broker_services& services) {
    const auto listed = services.pacts.integrations(requested_page(request, maximum_page_size));
    auto integrations = nlohmann::json::array();
    for (const auto& integration : listed.items) integrations.push_back(integration_json(request.urls, integration));
    const auto self = request.urls.of({"integrations"});
    nlohmann::json body{{"_embedded", {{"integrations", std::move(integrations)}}}, {"_links", {{"self", link(self, "All integrations")}}}};
    add_page_links(body, request, self, listed.request, listed.total);
    return {200, std::move(body)};
}

// 204 without a body, as the Pact Broker answers a deletion.
resource_response delete_integration(const resource_request& request, domain::broker_services& services) {
    value_or_throw(services.pacts.delete_integration(request.parameter("consumer"), request.parameter("provider")));
    return {204, nlohmann::json::object()};
}

resource_response delete_all_integrations(const resource_request&, domain::broker_services& services) {
    services.pacts.delete_all_integrations();
    return {204, nlohmann::json::object()};
}

}  // namespace

void add_integration_routes(route_table& routes, domain::broker_services& services) {
    routes.add("GET", "/integrations", with_services(services, list_integrations));
    routes.add("DELETE", "/integrations", with_services(services, delete_all_integrations));
    routes.add("DELETE", "/integrations/provider/{provider}/consumer/{consumer}", with_services(services, delete_integration));
}

}  // namespace pact::broker::api
