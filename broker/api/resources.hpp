#pragma once
// The broker's resources, one family per file, each adding its routes to the table. A resource is a
// plain function of a resource_request (and the domain services it captures) returning a
// resource_response; it reports a client's mistake by throwing request_problem.

#include "broker/domain/broker_services.hpp"
#include "broker/api/route_table.hpp"

namespace pact::broker::api {

void add_index_routes(route_table& routes);                                                  // /, heartbeat
void add_pacticipant_routes(route_table& routes, domain::broker_services& services);         // pacticipants
void add_version_routes(route_table& routes, domain::broker_services& services);             // versions, tags, branches
void add_publication_routes(route_table& routes, domain::broker_services& services);         // publishing pacts
void add_pact_routes(route_table& routes, domain::broker_services& services);                // reading pacts
void add_branch_pact_routes(route_table& routes, domain::broker_services& services);         // pacts by consumer branch, provider states
void add_pacts_for_verification_routes(route_table& routes, domain::broker_services& services);
void add_verification_routes(route_table& routes, domain::broker_services& services);        // verification results
void add_environment_routes(route_table& routes, domain::broker_services& services);         // environments, deployments, releases
void add_matrix_routes(route_table& routes, domain::broker_services& services);              // matrix, can-i-deploy
void add_integration_routes(route_table& routes, domain::broker_services& services);         // integrations
void add_dashboard_routes(route_table& routes, domain::broker_services& services);           // the dashboard
void add_webhook_routes(route_table& routes, domain::broker_services& services);             // webhooks, deliveries, logs
void add_diagnostic_routes(route_table& routes, domain::broker_services& services);          // dependencies check
void add_field_usage_routes(route_table& routes, domain::broker_services& services);         // who relies on a provider's fields
void add_provider_contract_routes(route_table& routes, domain::broker_services& services);   // OpenAPI provider contracts (bi-directional)

class broker_metrics;
// GET /metrics, over the metrics the broker's requests are observed into; not one of broker_routes.
void add_metrics_route(route_table& routes, domain::broker_services& services, const broker_metrics& metrics);

// A resource function of (request, services) bound to the services, for route_table::add.
template <typename Function>
[[nodiscard]] resource_function with_services(domain::broker_services& services, Function function) {
    return [&services, function](const resource_request& request) { return function(request, services); };
}

// Every route of the broker.
[[nodiscard]] route_table broker_routes(domain::broker_services& services);

}  // namespace pact::broker::api
