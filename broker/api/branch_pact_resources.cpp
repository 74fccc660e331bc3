// A provider's pacts by consumer branch (what `pact broker get-pacts` asks for) and the provider states its
// consumers' pacts use (`pact broker provider-states list`).

#include "broker/api/resources.hpp"

#include "broker/api/domain_problem.hpp"
#include "broker/api/hal_links.hpp"
#include "broker/api/representations.hpp"
#include "http/url.hpp"

namespace pact::broker::api {
namespace {

std::string segment(std::string_view name) { return pact::http::percent_encode_component(name); }

// What a route fixes of the query: whether its path names a consumer and a branch (else each consumer's
// main branch), and whether it lists only the latest pact of each consumer.
struct branch_route {
    bool of_consumer = false;
    bool named_branch = false;
    bool latest_only = false;
};

std::string branch_pacts_title(const std::string& provider, const domain::consumer_branch_pacts_query& query) {
    std::string title = query.latest_only ? "Latest pact versions" : "All pact versions";
    title += query.consumer ? " between " + *query.consumer + " and " + provider : " for the provider " + provider;
    title += query.branch ? " with consumer version branch '" + *query.branch + "'" : std::string(" from the consumer's main branch");
    return title;
}

// The canonical URL of the list, whichever of the Pact Broker's or the official CLI's paths asked for it.
std::string branch_pacts_url(const resource_urls& urls, const std::string& provider, const domain::consumer_branch_pacts_query& query) {
    std::string url = urls.of({"pacts", "provider", provider});
    if (query.consumer) url += "/consumer/" + segment(*query.consumer);
    url += "/branch";
    if (query.branch) url += "/" + segment(*query.branch);
    if (query.latest_only) url += "/latest";
    return url;
}

resource_function branch_pacts(domain::broker_services& services, branch_route route) {
    return [&services, route](const resource_request& request) -> resource_response {
        const auto& provider = request.parameter("provider");
        domain::consumer_branch_pacts_query query;
        if (route.of_consumer) query.consumer = request.parameter("consumer");
        if (route.named_branch) query.branch = request.parameter("branch");
        query.latest_only = route.latest_only;
        auto pacts = value_or_throw(services.pacts.pacts_for_consumer_branch(provider, query));
        return {200, provider_pacts_resource(request.urls, provider, pacts, branch_pacts_url(request.urls, provider, query),
                                             branch_pacts_title(provider, query))};
    };
}

nlohmann::json provider_states_json(const std::vector<domain::provider_state_usage>& usages) {
    auto states = nlohmann::json::array();
    for (const auto& usage : usages) {
        nlohmann::json state = {{"name", usage.name}, {"consumers", usage.consumers}};
        if (usage.params) state["params"] = *usage.params;
        states.push_back(std::move(state));
    }
    return states;
}

resource_response provider_states(const resource_request& request, domain::broker_services& services) {
    const auto& provider = request.parameter("provider");
    domain::provider_states_scope scope;
    std::string self = request.urls.of({"pacts", "provider", provider, "provider-states"});
    if (request.path.contains("branch")) {
        scope.branch = request.parameter("branch");
        self += "/branch/" + segment(*scope.branch);
    } else if (request.path.contains("environment")) {
        scope.environment = request.parameter("environment");
        self += "/environment/" + segment(*scope.environment);
    }
    auto usages = value_or_throw(services.pacts.provider_states(provider, scope));
    return {200,
            {{"providerStates", provider_states_json(usages)},
             {"_links",
              {{"self", link(std::move(self), "Provider states of the pacts of " + provider)},
               {"pb:provider", link(request.urls.pacticipant(provider), "Provider", provider)}}}}};
}

}  // namespace

void add_branch_pact_routes(route_table& routes, domain::broker_services& services) {
    // The Pact Broker's paths, and those the official CLI builds itself (`…/consumer/{c}/branch[/latest]`);
    // a branch named "latest" is therefore only reachable by the paths that end in /latest.
    const std::string provider_pacts = "/pacts/provider/{provider}/branch";
    routes.add("GET", provider_pacts, branch_pacts(services, {false, false, false}));
    routes.add("GET", provider_pacts + "/latest", branch_pacts(services, {false, false, true}));
    routes.add("GET", provider_pacts + "/{branch+}", branch_pacts(services, {false, true, false}));
    routes.add("GET", provider_pacts + "/{branch+}/latest", branch_pacts(services, {false, true, true}));

    const std::string pair_pacts = "/pacts/provider/{provider}/consumer/{consumer}/branch";
    for (const char* suffix : {"", "/versions"}) routes.add("GET", pair_pacts + suffix, branch_pacts(services, {true, false, false}));
    for (const char* suffix : {"/latest", "/latest/versions"}) routes.add("GET", pair_pacts + suffix, branch_pacts(services, {true, false, true}));
    routes.add("GET", pair_pacts + "/{branch+}", branch_pacts(services, {true, true, false}));
    routes.add("GET", pair_pacts + "/{branch+}/latest/versions", branch_pacts(services, {true, true, true}));
    // `…/consumer/{c}/branch/{b}/latest` is the pact itself (pact_resources.cpp).

    const std::string states = "/pacts/provider/{provider}/provider-states";
    routes.add("GET", states, with_services(services, provider_states));
    routes.add("GET", states + "/branch/{branch+}", with_services(services, provider_states));
    routes.add("GET", states + "/environment/{environment}", with_services(services, provider_states));
}

}  // namespace pact::broker::api
