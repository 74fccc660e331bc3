// The Pact Broker's dashboard (GET /dashboard, /dashboard/provider/{p}/consumer/{c}): one item per integration.

#include "broker/api/resources.hpp"

#include "broker/api/domain_problem.hpp"
#include "broker/api/hal_links.hpp"
#include "broker/api/list_paging.hpp"

namespace pact::broker::api {
namespace {

nlohmann::json self_link(std::string href) { return {{"self", {{"href", std::move(href)}}}}; }

// A version as the dashboard shows it: its number, its newest branch, and every branch it is on.
nlohmann::json dashboard_version(const std::string& number, const std::vector<std::string>& branches) {
    return {{"number", number},
            {"branch", branches.empty() ? nlohmann::json(nullptr) : nlohmann::json(branches.back())},
            {"headBranchNames", branches}};
}

nlohmann::json dashboard_item_json(const resource_urls& urls, const domain::dashboard_item& item) {
    const auto& pact = item.latest_pact;
    auto consumer_version = dashboard_version(pact.consumer_version_number, pact.consumer_version_branches);
    consumer_version["_links"] = self_link(urls.version(pact.consumer_name, pact.consumer_version_number));
    nlohmann::json provider = {{"name", pact.provider_name}, {"version", nullptr}, {"_links", self_link(urls.pacticipant(pact.provider_name))}};
    nlohmann::json verification = nullptr;
    auto verification_tags = nlohmann::json::array();
    if (const auto& latest = item.latest_verification) {
        provider["version"] = dashboard_version(latest->provider_version_number, latest->provider_version_branches);
        verification = {{"success", latest->success},
                        {"verifiedAt", latest->created_at},
                        {"_links", self_link(urls.pact_version(pact.provider_name, pact.consumer_name, latest->pact_version_sha) +
                                             "/verification-results/latest")}};
        for (const auto& tag : item.latest_verification_tags) {
            verification_tags.push_back({{"name", tag.name},
                                         {"latest", tag.latest},
                                         {"_links", self_link(urls.tag(pact.provider_name, latest->provider_version_number, tag.name))}});
        }
    }
    auto pact_tags = nlohmann::json::array();
    for (const auto& tag : item.latest_pact_tags) {
        pact_tags.push_back({{"name", tag}, {"latest", true}, {"_links", self_link(urls.tag(pact.consumer_name, pact.consumer_version_number, tag))}});
    }
    return {
        {"consumer", {{"name", pact.consumer_name}, {"version", std::move(consumer_version)}, {"_links", self_link(urls.pacticipant(pact.consumer_name))}}},
        {"provider", std::move(provider)},
        {"pact", {{"createdAt", pact.created_at}, {"_links", self_link(urls.pact(pact.provider_name, pact.consumer_name, pact.consumer_version_number))}}},
        {"pactTags", std::move(pact_tags)},
        {"latestVerificationResult", std::move(verification)},
        {"latestVerificationResultTags", std::move(verification_tags)},
        {"verificationStatus", item.verification_status},
        {"webhookStatus", item.webhook_status},
        {"latestWebhookExecution",
         item.last_webhook_execution ? nlohmann::json{{"triggeredAt", *item.last_webhook_execution}} : nlohmann::json(nullptr)},
        {"_links",
         {{"pb:webhook-status",
           link(urls.of({"pacts", "provider", pact.provider_name, "consumer", pact.consumer_name, "webhooks", "status"}),
                "Status of webhooks for " + pact.consumer_name + "/" + pact.provider_name + " pact")}}},
    };
}

// The Pact Broker's `items`, with a self link (and the paging links) beside them.
nlohmann::json dashboard_body(const resource_urls& urls, const std::vector<domain::dashboard_item>& items, std::string self) {
    auto listed = nlohmann::json::array();
    for (const auto& item : items) listed.push_back(dashboard_item_json(urls, item));
    return {{"items", std::move(listed)}, {"_links", {{"self", link(std::move(self), "Dashboard")}}}};
}

resource_response dashboard(const resource_request& request, domain::broker_services& services) {
    const auto items = services.dashboard.dashboard(requested_page(request));
    const auto self = request.urls.of({"dashboard"});
    auto body = dashboard_body(request.urls, items.items, self);
    add_page_links(body, request, self, items.request, items.total);
    return {200, std::move(body)};
}

resource_response pair_dashboard(const resource_request& request, domain::broker_services& services) {
    const auto& provider = request.parameter("provider");
    const auto& consumer = request.parameter("consumer");
    const auto items = value_or_throw(services.dashboard.dashboard_of_pair(provider, consumer));
    return {200, dashboard_body(request.urls, items, request.urls.of({"dashboard", "provider", provider, "consumer", consumer}))};
}

}  // namespace

void add_dashboard_routes(route_table& routes, domain::broker_services& services) {
    routes.add("GET", "/dashboard", with_services(services, dashboard));
    routes.add("GET", "/dashboard/provider/{provider}/consumer/{consumer}", with_services(services, pair_dashboard));
}

}  // namespace pact::broker::api
