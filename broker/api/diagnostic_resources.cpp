// What operators probe: GET /diagnostic/status/dependencies (200 when the database answers a query, 503 with
// a JSON body naming the problem when it does not) and GET /metrics (the Prometheus text format).

#include "broker/api/metrics.hpp"
#include "broker/api/resources.hpp"

#include "broker/api/hal_links.hpp"

namespace pact::broker::api {
namespace {

resource_response dependencies(const resource_request& request, domain::broker_services& services) {
    const auto check = services.diagnostics.check_database();
    nlohmann::json database = {{"ok", check.ok}, {"durationMs", check.took.count()}};
    if (!check.ok) database["error"] = check.problem;
    nlohmann::json body = {{"ok", check.ok},
                           {"dependencies", {{"database", std::move(database)}}},
                           {"_links", {{"self", link(request.urls.of({"diagnostic", "status", "dependencies"}))}}}};
    if (check.ok) return {200, std::move(body)};
    body["errors"] = nlohmann::json::array({"The broker's database is unavailable: " + check.problem});
    return {503, std::move(body), {{"Retry-After", "1"}}};
}

}  // namespace

void add_diagnostic_routes(route_table& routes, domain::broker_services& services) {
    routes.add("GET", "/diagnostic/status/dependencies", with_services(services, dependencies));
}

void add_metrics_route(route_table& routes, domain::broker_services& services, const broker_metrics& metrics) {
    routes.add("GET", "/metrics", [&services, &metrics](const resource_request&) {
        return resource_response{.status = 200,
                                 .content_type = std::string(prometheus_text_content_type),
                                 .text = metrics.exposition(services.diagnostics.statistics())};
    }, route_access::public_metrics);
}

}  // namespace pact::broker::api
