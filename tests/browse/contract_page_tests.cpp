// The bi-directional pages served from a real store (the broker's routes with the pages): a provider contract, a pact
// compared with it, and the links to them from the matrix, the pact page and the index. order-service's contract
// renamed total_amount to total_cents; payment-service's pact relies on total_amount.

#include "broker_fixture.hpp"
#include "browse_test_data.hpp"

#include <doctest/doctest.h>

using namespace pact::broker;
using namespace pact::broker::html;
using namespace pact::broker::testing;
using nlohmann::json;

TEST_SUITE_BEGIN("component");

namespace {

const std::string comparison_path =
    "/contracts/bi-directional/consumer/payment-service/version/1.0.0/provider/order-service/version/2.1.0/cross-contract-verification-results";
const std::string contract_path = "/contracts/bi-directional/provider/order-service/version/2.1.0/provider-contract";

// order-service's contract for GET /orders/{id}, naming the amount field as given, with `description` as its info.description.
std::string order_contract(const std::string& amount_field, const std::string& description = "orders") {
    return "openapi: 3.0.3\ninfo: {title: order-service, version: 2.1.0, description: '" + description + "'}\npaths:\n  /orders/{id}:\n    get:\n"
           "      parameters: [{name: id, in: path, required: true, schema: {type: integer}}]\n"
           "      responses:\n        '200':\n          description: an order\n          content:\n            application/json:\n"
           "              schema:\n                type: object\n                properties:\n                  id: {type: integer}\n"
           "                  status: {type: string}\n                  " + amount_field + ": {type: integer}\n";
}

struct contract_fixture : broker_fixture {
    // The pact first (the head of payment-service's main branch), then the contract, which is compared with it.
    explicit contract_fixture(const json& pact = read_test_pact("order-pact-1.0.0.json"), std::optional<bool> self_verified = true,
                              const std::string& description = "orders") {
        sha = publish(services, "payment-service", "1.0.0", "order-service", pact, "main").pacts.front().pact_version_sha;
        domain::provider_contract_to_publish contract;
        contract.provider_version_number = "2.1.0";
        contract.branch = "main";
        contract.tags = {"dev"};
        contract.content = base64(order_contract("total_cents", description));
        contract.content_type = "application/yaml";
        contract.self_verification = {self_verified, base64("14 passing <ok>"), "text/plain", "text", "dredd", "14.1"};
        REQUIRE(services.provider_contracts.publish("order-service", contract).has_value());
    }
    std::optional<api::page> get(const std::string& path, std::vector<std::pair<std::string, std::string>> query = {}, bool wants_html = true) {
        std::vector<std::string> segments;
        for (std::size_t start = 1; start <= path.size();) {
            const auto end = std::min(path.find('/', start), path.size());
            segments.push_back(path.substr(start, end - start));
            start = end + 1;
        }
        return show_page(services, segments, query, wants_html);
    }
    std::string sha;
};

bool shows(const std::optional<api::page>& page, const std::string& html) { return page && page->body.find(html) != std::string::npos; }

}  // namespace

TEST_CASE("the provider contract page shows the version, the document, the provider's own tests and each consumer's comparison") {
    contract_fixture broker(read_test_pact("order-pact-1.0.0.json"), true, "<script>alert(1)</script>");
    const auto page = broker.get(contract_path);
    REQUIRE(page.has_value());
    CHECK(page->status == 200);
    CHECK(page->content_type.starts_with("text/html"));
    CHECK(shows(page, "<span class=\"branch\">main</span><span class=\"tag\">dev</span>"));
    CHECK(shows(page, "<pre class=\"contract\">openapi: 3.0.3"));
    CHECK(shows(page, "total_cents: {type: integer}"));
    CHECK(shows(page, "&lt;script&gt;alert(1)&lt;/script&gt;"));  // the document is text, never markup
    CHECK_FALSE(shows(page, "<script>"));
    CHECK(shows(page, "<span class=\"status-success\">Passed</span> · by dredd 14.1"));
    CHECK(shows(page, "<pre>14 passing &lt;ok&gt;</pre>"));
    CHECK(shows(page, "<tr class=\"failure\"><td><a href=\"http://broker.test/matrix?pacticipant=payment-service&amp;with=order-service\">payment-service</a>"));
    CHECK(shows(page, "<span class=\"status-failure\">not compatible</span>"));
    CHECK(shows(page, "<a href=\"http://broker.test" + comparison_path + "\">1 error, 0 warnings</a>"));

    // The same URL answers HAL+JSON to API clients: the JSON API serves it.
    CHECK_FALSE(broker.get(contract_path, {}, false).has_value());
    const auto missing = broker.get("/contracts/bi-directional/provider/order-service/version/9.9.9/provider-contract");
    REQUIRE(missing.has_value());
    CHECK(missing->status == 404);
}

TEST_CASE("the provider contract page says when the provider's own tests failed or were never published") {
    contract_fixture failed(read_test_pact("order-pact-1.0.0.json"), false);
    CHECK(shows(failed.get(contract_path), "<span class=\"status-failure\">Failed</span>"));
    contract_fixture unpublished(read_test_pact("order-pact-1.0.0.json"), std::nullopt);
    CHECK(shows(unpublished.get(contract_path), "<span class=\"status-unknown\">Not published</span>"));
    CHECK(shows(unpublished.get(comparison_path), "can-i-deploy counts this comparison as a failure"));
}

TEST_CASE("the comparison page shows the renamed field's finding with its locations, linking to the pact, the contract and the consumer version") {
    contract_fixture broker;
    const auto page = broker.get(comparison_path);
    REQUIRE(page.has_value());
    CHECK(page->status == 200);
    CHECK(shows(page, "<span class=\"status-failure\">not compatible</span> · 1 error, 0 warnings"));
    CHECK(shows(page, "<h3>Interaction 1: a request for order 1</h3>"));
    CHECK(shows(page, "<tr class=\"failure\"><td class=\"state\">error</td><td><code>response.body.incompatible</code></td><td><code>$.response.body.total_amount"));
    CHECK(shows(page, "total_amount"));
    CHECK(shows(page, "href=\"http://broker.test/pacts/provider/order-service/consumer/payment-service/version/1.0.0\">The pact</a>"));
    CHECK(shows(page, "href=\"http://broker.test" + contract_path + "\">The provider contract</a>"));
    CHECK(shows(page, "href=\"http://broker.test/pacticipants/payment-service/versions/1.0.0\">Consumer version 1.0.0</a>"));

    CHECK_FALSE(broker.get(comparison_path, {}, false).has_value());
    const auto never_compared =
        broker.get("/contracts/bi-directional/consumer/payment-service/version/7.0.0/provider/order-service/version/2.1.0/cross-contract-verification-results");
    REQUIRE(never_compared.has_value());
    CHECK(never_compared->status == 404);
}

TEST_CASE("the comparison page groups the findings by interaction, the interactions with errors first and errors before warnings") {
    // Interaction 1 sends a query parameter the contract does not name (a warning); interaction 2 relies on total_amount (an error).
    auto pact = read_test_pact("order-pact-1.0.0.json");
    auto searching = pact["interactions"][0];
    searching["description"] = "a request for order 1 with a query";
    searching["request"]["query"] = "verbose=true";
    searching["response"]["body"] = {{"id", 1}, {"status", "paid"}};
    searching["response"]["matchingRules"]["body"].erase("$.total_amount");
    pact["interactions"].insert(pact["interactions"].begin(), searching);
    contract_fixture broker(pact);
    const auto page = broker.get(comparison_path);
    REQUIRE(page.has_value());
    const auto error_group = page->body.find("<h3>Interaction 2: a request for order 1</h3>");
    const auto warning_group = page->body.find("<h3>Interaction 1: a request for order 1 with a query</h3>");
    REQUIRE(error_group != std::string::npos);
    REQUIRE(warning_group != std::string::npos);
    CHECK(error_group < warning_group);
    CHECK(page->body.find("response.body.incompatible", error_group) < warning_group);
    CHECK(page->body.find("<td class=\"state\">warning</td><td><code>request.query.unknown</code>", warning_group) != std::string::npos);
}

TEST_CASE("the matrix page's BDCT row links to its comparison page and says it is a contract comparison") {
    contract_fixture broker;
    const auto matrix = broker.get("/matrix", {{"pacticipant", "payment-service"}});
    REQUIRE(matrix.has_value());
    CHECK(shows(matrix, "<a href=\"http://broker.test" + comparison_path + "\">failed</a></span> <span class=\"muted\">contract comparison (BDCT)</span>"));
    CHECK_FALSE(shows(matrix, "/verification-results/"));

    // A verifier's result (CDCT) still links to the verification.
    domain::verification_to_publish result;
    result.provider_version_number = "2.0.1";
    result.success = true;
    REQUIRE(broker.services.verifications.publish_verification("order-service", "payment-service", broker.sha, result).has_value());
    const auto both = broker.get("/matrix", {{"pacticipant", "payment-service"}});
    CHECK(shows(both, "/pacts/provider/order-service/consumer/payment-service/pact-version/" + broker.sha + "/verification-results/1\">passed</a>"));
    CHECK(shows(both, "contract comparison (BDCT)"));
}

TEST_CASE("the pact page lists the contracts its content was compared with, and the index links to the provider's latest contract") {
    contract_fixture broker;
    const auto pact = broker.get("/pacts/provider/order-service/consumer/payment-service/version/1.0.0");
    REQUIRE(pact.has_value());
    CHECK(shows(pact, "<h2>Compared with provider contracts</h2>"));
    CHECK(shows(pact, "<span class=\"status-failure\">not compatible</span> with the contract of <a href=\"http://broker.test" + contract_path +
                          "\">order-service 2.1.0</a>"));
    CHECK(shows(pact, "<a href=\"http://broker.test" + comparison_path + "\">1 error, 0 warnings</a>"));

    const auto index = broker.get("");
    CHECK(shows(index, "<a href=\"http://broker.test" + contract_path + "\">contract 2.1.0</a>"));

    // A provider without contracts: neither section nor link.
    publish(broker.services, "web", "1.0.0", "catalogue", make_pact("web", "catalogue"), "main");
    CHECK_FALSE(shows(broker.get("/pacts/provider/catalogue/consumer/web/latest"), "Compared with provider contracts"));
    CHECK_FALSE(shows(broker.get(""), "/provider/catalogue/version/"));
}

TEST_SUITE_END();
