// Bi-directional contracts, on the API PactFlow's clients use: publishing a provider's OpenAPI contract
// (POST /provider-contracts/provider/{provider}/publish, and the older PUT /contracts/provider/{provider}/version/{version}),
// reading it back, its self-verification results, and a consumer version's pact compared with it
// (/contracts/bi-directional/...), and can-i-change: a proposed contract compared without publishing. The work is domain/provider_contract_service's.

#include "broker/api/resources.hpp"

#include "broker/api/domain_problem.hpp"
#include "broker/api/hal_links.hpp"
#include "broker/api/json_body.hpp"
#include "broker/api/problem.hpp"
#include "broker/api/representations.hpp"

namespace pact::broker::api {
namespace {

domain::self_verification_result self_verification_request_from(const json_body& body, std::string_view member) {
    const auto* results = body.optional_object(member);
    if (results == nullptr) return {};
    const json_body self(*results);
    return {self.optional_boolean("success"), self.optional_string("content"), self.optional_string("contentType"),
            self.optional_string("format"),   self.optional_string("verifier"), self.optional_string("verifierVersion")};
}

domain::provider_contract_to_publish provider_contract_request_from(const json_body& body) {
    const json_body contract(body.json().at("contract"));
    return {
        .provider_version_number = body.required_string("pacticipantVersionNumber"),
        .branch = body.optional_string("branch"),
        .tags = body.string_array("tags"),
        .build_url = body.optional_string("buildUrl"),
        .content = contract.required_string("content"),
        .content_type = contract.optional_string("contentType"),
        .specification = contract.optional_string("specification").value_or("oas"),
        .self_verification = self_verification_request_from(contract, "selfVerificationResults"),
    };
}

nlohmann::json self_verification_json(const domain::self_verification_result& self) {
    return {{"success", self.success ? nlohmann::json(*self.success) : nlohmann::json()},
            {"content", optional_json(self.content)},
            {"contentType", optional_json(self.content_type)},
            {"format", optional_json(self.format)},
            {"verifier", optional_json(self.verifier)},
            {"verifierVersion", optional_json(self.verifier_version)}};
}

nlohmann::json comparison_json(const resource_urls& urls, const domain::provider_contract_comparison& comparison) {
    return {{"consumer", {{"name", comparison.consumer_name}, {"version", {{"number", comparison.consumer_version_number}}}}},
            {"provider", {{"name", comparison.provider_name}, {"version", {{"number", comparison.provider_version_number}}}}},
            {"pactVersionSha", comparison.pact_version_sha},
            {"verificationType", "BDCT"},
            {"success", comparison.success()},
            {"compatible", comparison.compatible},
            {"selfVerificationSuccess", comparison.self_verification_success},
            {"errors", comparison.errors},
            {"warnings", comparison.warnings},
            {"findings", comparison.findings},
            {"createdAt", comparison.created_at},
            {"_links",
             {{"self", link(urls.contract_comparison(comparison.consumer_name, comparison.consumer_version_number, comparison.provider_name,
                                                     comparison.provider_version_number),
                            "Comparison of " + comparison.consumer_name + " " + comparison.consumer_version_number + "'s pact with the contract of " +
                                comparison.provider_name + " " + comparison.provider_version_number)},
              {"pf:provider-contract", link(urls.provider_contract(comparison.provider_name, comparison.provider_version_number), "Provider contract")},
              {"pb:consumer-version", link(urls.version(comparison.consumer_name, comparison.consumer_version_number), "Consumer version")},
              {"pb:pact-version", link(urls.pact_version(comparison.provider_name, comparison.consumer_name, comparison.pact_version_sha), "Pact")}}}};
}

nlohmann::json contract_json(const resource_urls& urls, const domain::provider_contract& contract) {
    const auto& provider = contract.provider_name;
    const auto& number = contract.provider_version.number;
    auto comparisons = nlohmann::json::array();
    for (const auto& comparison : contract.comparisons) comparisons.push_back(comparison_json(urls, comparison));
    return {{"content", contract.content},
            {"contentType", contract.content_type},
            {"specification", contract.specification},
            {"selfVerificationResults", self_verification_json(contract.self_verification)},
            {"buildUrl", optional_json(contract.build_url)},
            {"createdAt", contract.created_at},
            {"_embedded",
             {{"pacticipant", pacticipant_summary(urls, provider)},
              {"version", version_summary(urls, provider, number)},
              {"crossContractVerificationResults", std::move(comparisons)}}},
            {"_links",
             {{"self", link(urls.provider_contract(provider, number), "Provider contract of " + provider + " " + number)},
              {"pf:ui", link(urls.provider_contract(provider, number), "Provider contract")},
              {"pf:provider-contract-verification-results",
               link(urls.provider_contract(provider, number) + "-verification-results", "Self-verification results")},
              {"pb:pacticipant", link(urls.pacticipant(provider), "Pacticipant", provider)},
              {"pb:pacticipant-version", link(urls.version(provider, number), "Pacticipant version", number)}}}};
}

// The answer both clients read: `notices`, the version under `_embedded`, and its tag and branch links.
nlohmann::json provider_contract_publish_answer(const resource_urls& urls, const domain::publish_provider_contract_result& published) {
    auto answer = contract_json(urls, published.contract);
    const auto& provider = published.contract.provider_name;
    const auto& version = published.contract.provider_version;
    auto tag_links = nlohmann::json::array();
    for (const auto& tag : version.tags) tag_links.push_back(link(urls.tag(provider, version.number, tag.name), "Tag", tag.name));
    answer["notices"] = notices_json(published.notices);
    answer["_links"]["pb:pacticipant-version-tags"] = std::move(tag_links);
    if (!version.branches.empty()) {
        const auto& branch = version.branches.back().name;
        answer["_links"]["pb:branch-version"] = link(urls.branch_version(provider, branch, version.number), "Branch version", branch);
    }
    answer["_links"]["pf:provider-contract"] = link(urls.provider_contract(provider, version.number), "Provider contract");
    return answer;
}

resource_response publish_provider_contract(const resource_request& request, domain::broker_services& services) {
    auto publish = provider_contract_request_from(json_body::parse(request, "broker-publish-provider-contract"));
    auto published = value_or_throw(services.provider_contracts.publish(request.parameter("provider"), publish));
    return {200, provider_contract_publish_answer(request.urls, published)};
}

// The older form: the version in the path, `contractType` for the specification, `verificationResults`.
resource_response put_provider_contract(const resource_request& request, domain::broker_services& services) {
    const auto body = json_body::parse(request);
    domain::provider_contract_to_publish publish{
        .provider_version_number = request.parameter("version"),
        .content = body.required_string("content"),
        .content_type = body.optional_string("contentType"),
        .specification = body.optional_string("contractType").value_or("oas"),
        .self_verification = self_verification_request_from(body, "verificationResults"),
    };
    auto published = value_or_throw(services.provider_contracts.publish(request.parameter("provider"), publish));
    return {201, provider_contract_publish_answer(request.urls, published)};
}

resource_response get_provider_contract(const resource_request& request, domain::broker_services& services) {
    auto contract = value_or_throw(services.provider_contracts.find(request.parameter("provider"), request.parameter("version")));
    return {200, contract_json(request.urls, contract)};
}

resource_response get_self_verification_results(const resource_request& request, domain::broker_services& services) {
    auto contract = value_or_throw(services.provider_contracts.find(request.parameter("provider"), request.parameter("version")));
    auto answer = self_verification_json(contract.self_verification);
    answer["_links"] = {{"self", link(request.urls.provider_contract(contract.provider_name, contract.provider_version.number) + "-verification-results",
                                      "Self-verification results")},
                        {"pf:provider-contract", link(request.urls.provider_contract(contract.provider_name, contract.provider_version.number),
                                                      "Provider contract")}};
    return {200, std::move(answer)};
}

resource_response get_comparison(const resource_request& request, domain::broker_services& services) {
    auto comparison = value_or_throw(services.provider_contracts.comparison(request.parameter("provider"), request.parameter("provider_version"),
                                                                            request.parameter("consumer"), request.parameter("consumer_version")));
    return {200, comparison_json(request.urls, comparison)};
}

nlohmann::json consumer_compatibility_json(const resource_urls& urls, const domain::consumer_compatibility& consumer) {
    const auto& version = consumer.consumer_version;
    nlohmann::json entry = {{"name", version.consumer},
                            {"version", version.number},
                            {"environments", version.environments},
                            {"pactVersionSha", consumer.pact_version_sha},
                            {"compatible", consumer.compatible},
                            {"errors", consumer.errors},
                            {"warnings", consumer.warnings},
                            {"findings", consumer.findings},
                            {"_links", {{"pb:consumer-version", link(urls.version(version.consumer, version.number), "Consumer version", version.number)}}}};
    if (version.branch) entry["branch"] = *version.branch;
    return entry;
}

// POST: a proposed contract compared with the pacts of the consumer versions that count; nothing is stored.
resource_response can_i_change(const resource_request& request, domain::broker_services& services) {
    const auto body = json_body::parse(request);
    const auto* contract = body.optional_object("contract");
    if (contract == nullptr) throw invalid_field("contract", "is required: {\"content\": base64 of the OpenAPI document, \"contentType\": ...}");
    const json_body document(*contract);
    const domain::proposed_change change{document.required_string("content"), document.optional_string("contentType"),
                                         body.optional_string("environment"), body.optional_string("branch")};
    const auto& provider = request.parameter("provider");
    const auto answer = value_or_throw(services.provider_contracts.check_change(provider, change));
    auto consumers = nlohmann::json::array();
    int incompatible = 0;
    for (const auto& consumer : answer.consumers) {
        consumers.push_back(consumer_compatibility_json(request.urls, consumer));
        if (!consumer.compatible) ++incompatible;
    }
    return {200,
            {{"provider", provider},
             {"compatible", answer.compatible},
             {"summary", {{"compatible", static_cast<int>(answer.consumers.size()) - incompatible}, {"incompatible", incompatible}}},
             {"consumers", std::move(consumers)},
             {"_links", {{"pb:provider", link(request.urls.pacticipant(provider), "Provider", provider)}}}}};
}

}  // namespace

void add_provider_contract_routes(route_table& routes, domain::broker_services& services) {
    routes.add("POST", "/provider-contracts/provider/{provider}/publish", with_services(services, publish_provider_contract));
    routes.add("PUT", "/contracts/provider/{provider}/version/{version}", with_services(services, put_provider_contract));
    routes.add("GET", "/contracts/bi-directional/provider/{provider}/version/{version}/provider-contract", with_services(services, get_provider_contract));
    routes.add("GET", "/contracts/bi-directional/provider/{provider}/version/{version}/provider-contract-verification-results",
               with_services(services, get_self_verification_results));
    routes.add("GET",
               "/contracts/bi-directional/consumer/{consumer}/version/{consumer_version}/provider/{provider}/version/{provider_version}/"
               "cross-contract-verification-results",
               with_services(services, get_comparison));
    // A question that stores nothing: a read, although a POST (the contract is too big for a URL).
    routes.add("POST", "/provider-contracts/provider/{provider}/can-i-change", with_services(services, can_i_change), route_access::read);
}

}  // namespace pact::broker::api
