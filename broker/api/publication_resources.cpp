#include "broker/api/resources.hpp"

#include "broker/api/domain_problem.hpp"
#include "broker/api/hal_links.hpp"
#include "broker/api/json_body.hpp"
#include "broker/api/problem.hpp"
#include "broker/api/representations.hpp"


namespace pact::broker::api {
namespace {

// The schema allows "overwrite" (the default) and "merge" only.
domain::on_conflict on_conflict_from(const json_body& contract) {
    return contract.optional_string("onConflict") == "merge" ? domain::on_conflict::merge : domain::on_conflict::overwrite;
}

domain::publish_contracts_request publish_request_from(const json_body& body) {
    domain::publish_contracts_request publish{
        .pacticipant_name = body.required_string("pacticipantName"),
        .version_number = body.required_string("pacticipantVersionNumber"),
        .branch = body.optional_string("branch"),
        .tags = body.string_array("tags"),
        .build_url = body.optional_string("buildUrl"),
        .contracts = {},
    };
    for (const auto& element : body.json().at("contracts")) {
        json_body contract(element);
        publish.contracts.push_back({
            .consumer_name = contract.optional_string("consumerName").value_or(publish.pacticipant_name),
            .provider_name = contract.required_string("providerName"),
            .specification = contract.optional_string("specification").value_or("pact"),
            .content_type = contract.optional_string("contentType").value_or("application/json"),
            .content = contract.required_string("content"),
            .on_conflict = on_conflict_from(contract),
        });
    }
    return publish;
}

// The answer of POST /contracts/publish; the official CLI prints its notices only when every member
// below is present (broker-api.md 5.1).
nlohmann::json publish_answer(const resource_urls& urls, const domain::publish_contracts_result& published) {
    auto notices = published.notices;
    for (const auto& pact : published.pacts) {
        notices.push_back({"info", "  View the published pact at " + urls.pact(pact.provider_name, pact.consumer_name, pact.consumer_version_number)});
    }
    auto logs = nlohmann::json::array();
    for (const auto& notice : notices) {
        logs.push_back({{"level", notice.type}, {"message", notice.text}, {"deprecationWarning", "Replaced by notices"}});
    }
    const auto& consumer = published.consumer.name;
    const auto& number = published.consumer_version.number;
    auto tag_links = nlohmann::json::array();
    for (const auto& tag : published.consumer_version.tags) tag_links.push_back(link(urls.tag(consumer, number, tag.name), "Tag", tag.name));
    auto contract_links = nlohmann::json::array();
    for (const auto& pact : published.pacts) contract_links.push_back(pact_link(urls, pact));

    return {
        {"notices", notices_json(notices)},
        {"logs", std::move(logs)},
        {"_embedded",
         {{"pacticipant", pacticipant_summary(urls, consumer)}, {"version", version_summary(urls, consumer, number)}}},
        {"_links",
         {{"pb:pacticipant", link(urls.pacticipant(consumer), "Pacticipant", consumer)},
          {"pb:pacticipant-version", link(urls.version(consumer, number), "Pacticipant version", number)},
          {"pb:pacticipant-version-tags", std::move(tag_links)},
          {"pb:contracts", std::move(contract_links)}}},
    };
}

resource_response publish_contracts(const resource_request& request, domain::broker_services& services) {
    auto publish = publish_request_from(json_body::parse(request, "broker-publish-contracts"));
    publish.broker_base_url = request.urls.base();
    auto published = value_or_throw(services.publications.publish_contracts(publish));
    return {200, publish_answer(request.urls, published)};
}

resource_response publish_pact(const resource_request& request, domain::broker_services& services, domain::on_conflict on_conflict) {
    auto body = json_body::parse(request);
    auto result = value_or_throw(services.publications.publish_pact(request.parameter("provider"), request.parameter("consumer"),
                                                                     request.parameter("version"), body.json(), on_conflict, request.urls.base()));
    return {result.created ? 201u : 200u, pact_resource(request.urls, result.pact)};
}

resource_response put_pact(const resource_request& request, domain::broker_services& services) {
    return publish_pact(request, services, domain::on_conflict::overwrite);
}

resource_response patch_pact(const resource_request& request, domain::broker_services& services) {
    return publish_pact(request, services, domain::on_conflict::merge);
}

}  // namespace

void add_publication_routes(route_table& routes, domain::broker_services& services) {
    routes.add("POST", "/contracts/publish", with_services(services, publish_contracts));
    routes.add("PUT", "/pacts/provider/{provider}/consumer/{consumer}/version/{version+}", with_services(services, put_pact));
    routes.add("PATCH", "/pacts/provider/{provider}/consumer/{consumer}/version/{version+}", with_services(services, patch_pact));
}

}  // namespace pact::broker::api
