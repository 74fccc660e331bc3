#include "broker/api/resources.hpp"

#include "broker/api/domain_problem.hpp"
#include "broker/api/hal_links.hpp"
#include "broker/api/representations.hpp"

#include <algorithm>

namespace pact::broker::api {
namespace {

const std::string& provider_of(const resource_request& request) { return request.parameter("provider"); }
const std::string& consumer_of(const resource_request& request) { return request.parameter("consumer"); }

// The Pact Broker names the consumer version that published the pact in a header too.
resource_response pact_answer(const resource_request& request, const domain::pact_publication& pact,
                              std::optional<std::string> metadata = std::nullopt) {
    return {200, pact_resource(request.urls, pact, std::move(metadata)), {{"X-Pact-Consumer-Version", pact.consumer_version_number}}};
}

resource_response pact_answer(const resource_request& request, domain::result<domain::pact_publication> pact) {
    return pact_answer(request, value_or_throw(std::move(pact)));
}

// One pact of a pair

resource_response pact_of_version(const resource_request& request, domain::broker_services& services) {
    return pact_answer(request, services.pacts.pact_for_consumer_version(consumer_of(request), provider_of(request), request.parameter("version")));
}

resource_response latest_pact(const resource_request& request, domain::broker_services& services) {
    return pact_answer(request, services.pacts.latest_pact(consumer_of(request), provider_of(request)));
}

resource_response latest_tagged_pact(const resource_request& request, domain::broker_services& services) {
    return pact_answer(request, services.pacts.latest_pact_with_tag(consumer_of(request), provider_of(request), request.parameter("tag")));
}

// The official CLI's `get-pacts --consumer C --branch B --latest` asks for this pact and reads the answer as a
// list of pacts (`_links.pb:pacts`, else a panic); the pact names itself as that one-element list.
resource_response latest_branch_pact(const resource_request& request, domain::broker_services& services) {
    auto pact = value_or_throw(services.pacts.latest_pact_for_branch(consumer_of(request), provider_of(request), request.parameter("branch")));
    auto answer = pact_answer(request, pact);
    answer.body["_links"]["pb:pacts"] = nlohmann::json::array({provider_pact_link(request.urls, pact)});
    return answer;
}

resource_response pact_by_sha(const resource_request& request, domain::broker_services& services) {
    auto pact = value_or_throw(services.pacts.pact_by_sha(consumer_of(request), provider_of(request), request.parameter("sha")));
    auto metadata = request.path.find("metadata");
    return pact_answer(request, pact, metadata == request.path.end() ? std::nullopt : std::optional(metadata->second));
}

// What changed from the pact the path compares with to the pact it names (domain/pact_diff.hpp).
resource_response diff_answer(const resource_request& request, const domain::pact_publication& current, const domain::pact_publication& compared_with,
                              const std::string& self) {
    return {200, pact_diff_resource(request.urls, current, compared_with, "pb:compared-with", self)};
}

// What changed since the pair's previous distinct content; the answer names the pact-version diff as itself.
resource_response previous_distinct_diff(const resource_request& request, domain::broker_services& services) {
    const auto sha = request.path.find("sha");
    auto current = value_or_throw(sha != request.path.end() ? services.pacts.pact_by_sha(consumer_of(request), provider_of(request), sha->second)
                                                            : services.pacts.pact_for_consumer_version(consumer_of(request), provider_of(request),
                                                                                                       request.parameter("version")));
    const auto self = request.urls.of({"pacts", "provider", current.provider_name, "consumer", current.consumer_name, "pact-version",
                                       current.pact_version_sha, "diff", "previous-distinct"});
    return {200, pact_diff_resource(request.urls, current, services.pacts.previous_distinct_pact(current), "pb:previous-distinct", self)};
}

resource_response diff_by_consumer_version(const resource_request& request, domain::broker_services& services) {
    const auto& version = request.parameter("version");
    const auto& other = request.parameter("comparison");
    auto current = value_or_throw(services.pacts.pact_for_consumer_version(consumer_of(request), provider_of(request), version));
    auto compared_with = value_or_throw(services.pacts.pact_for_consumer_version(consumer_of(request), provider_of(request), other));
    return diff_answer(request, current, compared_with,
                       request.urls.of({"pacts", "provider", provider_of(request), "consumer", consumer_of(request), "version", version, "diff", "version", other}));
}

resource_response diff_by_pact_version(const resource_request& request, domain::broker_services& services) {
    const auto& sha = request.parameter("sha");
    const auto& other = request.parameter("comparison");
    auto current = value_or_throw(services.pacts.pact_by_sha(consumer_of(request), provider_of(request), sha));
    auto compared_with = value_or_throw(services.pacts.pact_by_sha(consumer_of(request), provider_of(request), other));
    return diff_answer(request, current, compared_with,
                       request.urls.of({"pacts", "provider", provider_of(request), "consumer", consumer_of(request), "pact-version", sha, "diff", "pact-version", other}));
}

// The Pact Broker answers a deleted pact with where to go next: the index, and the pair's latest pact if one is left.
resource_response after_deletion(const resource_request& request, domain::broker_services& services) {
    nlohmann::json links = {{"index", {{"href", request.urls.of({})}}}};
    if (auto latest = services.pacts.latest_pact(consumer_of(request), provider_of(request)))
        links["pb:latest-pact-version"] = link(request.urls.latest_pact(provider_of(request), consumer_of(request)), "Latest pact");
    return {200, {{"_links", std::move(links)}}};
}

resource_response delete_pact(const resource_request& request, domain::broker_services& services) {
    value_or_throw(services.pacts.delete_pact(consumer_of(request), provider_of(request), request.parameter("version")));
    return after_deletion(request, services);
}

// Every pact of the pair; as the Pact Broker, 204 without a body.
resource_response delete_pair_pacts(const resource_request& request, domain::broker_services& services) {
    value_or_throw(services.pacts.delete_pacts(consumer_of(request), provider_of(request)));
    return {204, nlohmann::json::object()};
}

resource_response delete_tagged_pacts(const resource_request& request, domain::broker_services& services) {
    value_or_throw(services.pacts.delete_pacts(consumer_of(request), provider_of(request), request.parameter("tag")));
    return after_deletion(request, services);
}

// Lists of pacts

nlohmann::json pact_summary(const resource_request& request, const domain::pact_publication& pact) {
    return {{"createdAt", pact.created_at},
            {"_embedded",
             {{"consumerVersion", version_summary(request.urls, pact.consumer_name, pact.consumer_version_number)}}},
            {"_links", {{"self", pact_link(request.urls, pact)}}}};
}

nlohmann::json pact_list(const resource_request& request, const std::vector<domain::pact_publication>& pacts, std::string self,
                         std::string title) {
    auto embedded = nlohmann::json::array();
    auto links = nlohmann::json::array();
    for (const auto& pact : pacts) {
        embedded.push_back(pact_summary(request, pact));
        links.push_back(pact_link(request.urls, pact));
    }
    return {{"_embedded", {{"pacts", std::move(embedded)}}},
            {"_links", {{"self", link(std::move(self), std::move(title))}, {"pb:pacts", std::move(links)}}}};
}

resource_response pact_versions_of_pair(const resource_request& request, domain::broker_services& services) {
    auto pacts = value_or_throw(services.pacts.pact_versions(consumer_of(request), provider_of(request)));
    return {200, pact_list(request, pacts, request.urls.of({"pacts", "provider", provider_of(request), "consumer", consumer_of(request), "versions"}),
                           (std::string("All versions of the pact between ") + consumer_of(request) + " and " + provider_of(request)))};
}

// The pacts of the pair's consumer versions with the tag; an empty list when none has it.
resource_response tagged_pact_versions_of_pair(const resource_request& request, domain::broker_services& services) {
    const auto& tag = request.parameter("tag");
    auto pacts = value_or_throw(services.pacts.pact_versions(consumer_of(request), provider_of(request), tag));
    auto body = pact_list(request, pacts, request.urls.of({"pacts", "provider", provider_of(request), "consumer", consumer_of(request), "tag", tag}),
                          "All versions of the pact between " + consumer_of(request) + " and " + provider_of(request) + " with tag " + tag);
    body["_links"]["pb:consumer"] = link(request.urls.pacticipant(consumer_of(request)), "Consumer", consumer_of(request));
    body["_links"]["pb:provider"] = link(request.urls.pacticipant(provider_of(request)), "Provider", provider_of(request));
    body["_links"]["pb:pact-versions"] = body["_links"]["pb:pacts"];
    return {200, std::move(body)};
}

// Every pact version of every consumer of the provider, optionally only those whose consumer version has the tag.
std::vector<domain::pact_publication> all_pacts_of_provider(const resource_request& request, domain::broker_services& services,
                                                            const std::optional<std::string>& tag) {
    std::vector<domain::pact_publication> pacts;
    for (const auto& latest : value_or_throw(services.pacts.latest_pacts_for_provider(provider_of(request)))) {
        for (auto& pact : value_or_throw(services.pacts.pact_versions(latest.consumer_name, latest.provider_name))) {
            if (tag && std::ranges::find(pact.consumer_version_tags, *tag) == pact.consumer_version_tags.end()) continue;
            pacts.push_back(std::move(pact));
        }
    }
    return pacts;
}

resource_response provider_pacts(const resource_request& request, domain::broker_services& services) {
    auto tag = request.path.contains("tag") ? std::optional(request.parameter("tag")) : std::nullopt;
    auto self = tag ? request.urls.of({"pacts", "provider", provider_of(request), "tag", *tag}) : request.urls.of({"pacts", "provider", provider_of(request)});
    return {200, pact_list(request, all_pacts_of_provider(request, services, tag), std::move(self),
                           (std::string("All pact versions for the provider ") + provider_of(request)))};
}

// The verifier without selectors reads `_links.pacts`; `pb:pacts` is the current name of the same list.
resource_response latest_provider_pacts(const resource_request& request, domain::broker_services& services) {
    const auto& provider = provider_of(request);
    auto tag = request.path.contains("tag") ? std::optional(request.parameter("tag")) : std::nullopt;
    auto pacts = value_or_throw(services.pacts.latest_pacts_for_provider(provider, tag));
    auto self = tag ? request.urls.of({"pacts", "provider", provider, "latest", *tag}) : request.urls.of({"pacts", "provider", provider, "latest"});
    auto title = tag ? (std::string("Latest pact versions for the provider ") + provider + " with consumer version tag '" + *tag + "'")
                     : (std::string("Latest pact versions for the provider ") + provider);
    return {200, provider_pacts_resource(request.urls, provider, pacts, std::move(self), std::move(title))};
}

resource_response latest_pacts(const resource_request& request, domain::broker_services& services) {
    auto pacts = nlohmann::json::array();
    auto links = nlohmann::json::array();
    for (const auto& pact : services.pacts.latest_pacts()) {
        nlohmann::json consumer = pacticipant_summary(request.urls, pact.consumer_name);
        consumer["_embedded"] = {{"version", version_summary(request.urls, pact.consumer_name, pact.consumer_version_number)}};
        pacts.push_back({{"createdAt", pact.created_at},
                         {"_embedded", {{"consumer", std::move(consumer)}, {"provider", pacticipant_summary(request.urls, pact.provider_name)}}},
                         // Two self links, as the Pact Broker gives them: the pair's latest pact, and this one.
                         {"_links",
                          {{"self", nlohmann::json::array({link(request.urls.latest_pact(pact.provider_name, pact.consumer_name), "Latest pact"),
                                                           pact_link(request.urls, pact)})}}}});
        links.push_back(link(request.urls.latest_pact(pact.provider_name, pact.consumer_name),
                             (std::string("Latest pact between ") + pact.consumer_name + " and " + pact.provider_name)));
    }
    return {200,
            {{"pacts", std::move(pacts)},
             {"_links", {{"self", link(request.urls.of({"pacts", "latest"}), "Latest pact versions")}, {"pb:pacts", std::move(links)}}}}};
}

}  // namespace

void add_pact_routes(route_table& routes, domain::broker_services& services) {
    const std::string pair = "/pacts/provider/{provider}/consumer/{consumer}";
    routes.add("GET", pair + "/version/{version+}", with_services(services, pact_of_version));
    routes.add("DELETE", pair + "/version/{version+}", with_services(services, delete_pact));
    routes.add("GET", pair + "/latest", with_services(services, latest_pact));
    routes.add("GET", pair + "/latest/{tag}", with_services(services, latest_tagged_pact));
    routes.add("GET", pair + "/branch/{branch+}/latest", with_services(services, latest_branch_pact));
    routes.add("GET", pair + "/pact-version/{sha}", with_services(services, pact_by_sha));
    routes.add("GET", pair + "/pact-version/{sha}/metadata/{metadata}", with_services(services, pact_by_sha));
    routes.add("GET", pair + "/versions", with_services(services, pact_versions_of_pair));
    routes.add("GET", pair + "/version/{version}/diff/version/{comparison}", with_services(services, diff_by_consumer_version));
    routes.add("GET", pair + "/pact-version/{sha}/diff/pact-version/{comparison}", with_services(services, diff_by_pact_version));
    routes.add("GET", pair + "/version/{version}/diff/previous-distinct", with_services(services, previous_distinct_diff));
    routes.add("GET", pair + "/pact-version/{sha}/diff/previous-distinct", with_services(services, previous_distinct_diff));
    // The Pact Broker deletes a pair's pacts at …/versions; the bare pair path is the same deletion.
    routes.add("DELETE", pair + "/versions", with_services(services, delete_pair_pacts));
    routes.add("DELETE", pair, with_services(services, delete_pair_pacts));
    routes.add("GET", pair + "/tag/{tag}", with_services(services, tagged_pact_versions_of_pair));
    routes.add("DELETE", pair + "/tag/{tag}", with_services(services, delete_tagged_pacts));

    routes.add("GET", "/pacts/latest", with_services(services, latest_pacts));
    routes.add("GET", "/pacts/provider/{provider}", with_services(services, provider_pacts));
    routes.add("GET", "/pacts/provider/{provider}/tag/{tag}", with_services(services, provider_pacts));
    routes.add("GET", "/pacts/provider/{provider}/latest", with_services(services, latest_provider_pacts));
    routes.add("GET", "/pacts/provider/{provider}/latest/{tag}", with_services(services, latest_provider_pacts));
}

}  // namespace pact::broker::api
