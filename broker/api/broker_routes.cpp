#include "broker/api/resources.hpp"

namespace pact::broker::api {

route_table broker_routes(domain::broker_services& services) {
    route_table routes;
    add_index_routes(routes);
    add_pacticipant_routes(routes, services);
    add_version_routes(routes, services);
    add_publication_routes(routes, services);
    add_pact_routes(routes, services);
    add_branch_pact_routes(routes, services);
    add_pacts_for_verification_routes(routes, services);
    add_verification_routes(routes, services);
    add_environment_routes(routes, services);
    add_matrix_routes(routes, services);
    add_integration_routes(routes, services);
    add_dashboard_routes(routes, services);
    add_webhook_routes(routes, services);
    add_diagnostic_routes(routes, services);
    add_field_usage_routes(routes, services);
    add_provider_contract_routes(routes, services);
    return routes;
}

}  // namespace pact::broker::api
