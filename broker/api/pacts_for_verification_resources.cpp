#include "broker/api/resources.hpp"

#include "broker/api/domain_problem.hpp"
#include "broker/api/hal_links.hpp"
#include "broker/api/json_body.hpp"
#include "broker/api/pact_metadata.hpp"
#include "broker/api/representations.hpp"

namespace pact::broker::api {
namespace {

// The verifier drops the whole list if an entry breaks its rules (broker-api.md 6.3): every entry has
// a `shortDescription`, `_links` holds objects only, and every notice value is a string.
// A WIP pact is handed out under a URL marked `w=true`, so that results published from it are known to be
// made while it was work in progress (they do not end its WIP status).
std::string entry_url(const resource_urls& urls, const domain::pact_for_verification& entry) {
    auto url = urls.pact_version(entry.pact.provider_name, entry.pact.consumer_name, entry.pact.pact_version_sha);
    return entry.wip ? url + "/metadata/" + encode_pact_metadata("w=true") : url;
}

nlohmann::json pact_entry(const resource_urls& urls, const domain::pact_for_verification& entry) {
    auto notices = nlohmann::json::array();
    for (const auto& notice : entry.notices) notices.push_back({{"when", notice.when}, {"text", notice.text}});
    nlohmann::json properties = {{"pending", entry.pending}, {"notices", std::move(notices)}};
    if (entry.wip) properties["wip"] = true;
    return {
        {"shortDescription", entry.short_description},
        {"verificationProperties", std::move(properties)},
        {"_links",
         {{"self", link(entry_url(urls, entry), {}, pact_name(entry.pact))}}},
    };
}

resource_response pacts_for_verification(const resource_request& request, const nlohmann::json& selection,
                                         domain::broker_services& services) {
    const auto& provider = request.parameter("provider");
    auto parsed = value_or_throw(domain::parse_pacts_for_verification_request(selection));
    const auto& urls = request.urls;
    auto url_of = [&urls](const domain::pact_for_verification& entry) { return entry_url(urls, entry); };
    auto entries = value_or_throw(services.pacts_for_verification.pacts_for_verification(provider, parsed, url_of));
    auto pacts = nlohmann::json::array();
    for (const auto& entry : entries) pacts.push_back(pact_entry(urls, entry));
    return {200,
            {{"_embedded", {{"pacts", std::move(pacts)}}},
             {"_links",
              {{"self", link(urls.of({"pacts", "provider", provider, "for-verification"}), "Pacts to be verified")}}}}};
}

// The verifier GETs the resource only to read its self href, then POSTs its selectors there; the GET
// answers for the default selection (the latest pact of each consumer).
resource_response get_pacts_for_verification(const resource_request& request, domain::broker_services& services) {
    return pacts_for_verification(request, nlohmann::json::object(), services);
}

resource_response post_pacts_for_verification(const resource_request& request, domain::broker_services& services) {
    return pacts_for_verification(request, json_body::parse(request, "broker-pacts-for-verification").json(), services);
}

}  // namespace

void add_pacts_for_verification_routes(route_table& routes, domain::broker_services& services) {
    routes.add("GET", "/pacts/provider/{provider}/for-verification", with_services(services, get_pacts_for_verification));
    // A POST only because what it asks does not fit a URL: it changes nothing, and read-only verifiers need it.
    routes.add("POST", "/pacts/provider/{provider}/for-verification", with_services(services, post_pacts_for_verification), route_access::read);
}

}  // namespace pact::broker::api
