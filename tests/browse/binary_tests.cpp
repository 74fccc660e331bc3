// The real pact-broker binary on a free loopback port: the same URLs answer HTML to browsers and
// HAL+JSON to API clients, badges are SVG for everyone.

#include "broker_process.hpp"
#include "browse_test_data.hpp"
#include "http/client.hpp"
#include "http_test_support.hpp"

#include <doctest/doctest.h>

#include <random>

using pact::broker::api::testing::broker_process;
TEST_SUITE_BEGIN("component");

namespace beast_http = boost::beast::http;

using pact::broker::testing::browser_accept;

namespace {

std::filesystem::path fresh_directory() {
    std::random_device random;
    auto path = std::filesystem::temp_directory_path() / ("browse-binary-" + std::to_string(random()) + std::to_string(random()));
    std::filesystem::create_directories(path);
    return path;
}

pact::http::response get(const broker_process& broker, const std::string& target, const std::string& accept) {
    auto request = pact::http::make_request("GET", target);
    if (!accept.empty()) request.set(beast_http::field::accept, accept);
    auto destination = pact::http::parse_url(broker.base_url());
    REQUIRE(destination.has_value());
    auto response = pact::http::send_blocking(*destination, std::move(request));
    REQUIRE_MESSAGE(response.has_value(), (response ? "" : response.error().message));
    return *response;
}

std::string content_type(const pact::http::response& response) { return std::string(response[beast_http::field::content_type]); }

struct running_broker {
    running_broker() : directory(fresh_directory()), broker(directory / "broker.sqlite") {
        auto pact = pact::broker::testing::read_test_pact("order-pact-1.0.0.json").dump();
        REQUIRE(broker.send("PUT", "/pacts/provider/order-service/consumer/payment-service/version/1.0.0", pact).status < 300);
    }
    ~running_broker() {
        CHECK(broker.stop() == 0);
        std::filesystem::remove_all(directory);
    }
    std::filesystem::path directory;
    broker_process broker;
};

}  // namespace

TEST_CASE("over HTTP: the root is the index page for a browser and the HAL index for an API client") {
    running_broker running;
    auto page = get(running.broker, "/", browser_accept);
    CHECK(page.result_int() == 200);
    CHECK(content_type(page) == "text/html;charset=utf-8");
    CHECK(page.body().find("data-consumer=\"payment-service\" data-provider=\"order-service\"") != std::string::npos);
    CHECK(page.body().find("href=\"" + running.broker.base_url() + "/pacts/provider/order-service/consumer/payment-service/version/1.0.0\"") != std::string::npos);

    auto api = get(running.broker, "/", "application/hal+json");
    CHECK(content_type(api).starts_with("application/hal+json"));
    CHECK(nlohmann::json::parse(api.body()).contains("_links"));
}

TEST_CASE("over HTTP: a pact opened in a browser is documentation, fetched by a client it is the pact") {
    running_broker running;
    const std::string target = "/pacts/provider/order-service/consumer/payment-service/latest";
    auto page = get(running.broker, target, browser_accept);
    CHECK(content_type(page) == "text/html;charset=utf-8");
    CHECK(page.body().find("<td><code>$.total_amount</code></td><td><code>4200</code></td><td>any integer</td>") != std::string::npos);
    auto pact = nlohmann::json::parse(get(running.broker, target, "").body());
    CHECK(pact["interactions"][0]["description"] == "a request for order 1");
}

TEST_CASE("over HTTP: any other API URL opens in the HAL browser, errors included") {
    running_broker running;
    auto pacticipants = get(running.broker, "/pacticipants", browser_accept);
    CHECK(pacticipants.result_int() == 200);
    CHECK(content_type(pacticipants) == "text/html;charset=utf-8");
    CHECK(pacticipants.body().find("<pre class=\"hal\">") != std::string::npos);
    CHECK(pacticipants.body().find("<a href=\"" + running.broker.base_url() + "/pacticipants/payment-service\">") != std::string::npos);
    auto missing = get(running.broker, "/pacticipants/nobody", browser_accept);
    CHECK(missing.result_int() == 404);
    CHECK(missing.body().find("HTTP 404") != std::string::npos);
}

TEST_CASE("over HTTP: a provider contract and its comparison with a pact are pages for a browser and HAL+JSON for a client") {
    running_broker running;
    // order-service's contract renamed total_amount, which the pact relies on, to total_cents.
    const std::string document = "openapi: 3.0.3\ninfo: {title: order-service, version: 2.1.0}\npaths:\n  /orders/{id}:\n    get:\n"
                                 "      parameters: [{name: id, in: path, required: true, schema: {type: integer}}]\n"
                                 "      responses:\n        '200':\n          description: an order\n          content:\n            application/json:\n"
                                 "              schema: {type: object, properties: {id: {type: integer}, status: {type: string}, total_cents: {type: integer}}}\n";
    const nlohmann::json contract = {{"pacticipantVersionNumber", "2.1.0"},
                                     {"branch", "main"},
                                     {"contract",
                                      {{"content", pact::broker::api::testing::base64(document)},
                                       {"contentType", "application/yaml"},
                                       {"specification", "oas"},
                                       {"selfVerificationResults", {{"success", true}, {"verifier", "dredd"}}}}}};
    REQUIRE(running.broker.send("POST", "/provider-contracts/provider/order-service/publish", contract.dump()).status == 200);

    const std::string contract_target = "/contracts/bi-directional/provider/order-service/version/2.1.0/provider-contract";
    const std::string comparison_target =
        "/contracts/bi-directional/consumer/payment-service/version/1.0.0/provider/order-service/version/2.1.0/cross-contract-verification-results";
    auto contract_page = get(running.broker, contract_target, browser_accept);
    CHECK(contract_page.result_int() == 200);
    CHECK(content_type(contract_page) == "text/html;charset=utf-8");
    CHECK(contract_page.body().find("total_cents: {type: integer}") != std::string::npos);
    CHECK(contract_page.body().find("href=\"" + running.broker.base_url() + comparison_target + "\"") != std::string::npos);
    auto comparison_page = get(running.broker, comparison_target, browser_accept);
    CHECK(content_type(comparison_page) == "text/html;charset=utf-8");
    CHECK(comparison_page.body().find("<code>response.body.incompatible</code>") != std::string::npos);
    CHECK(comparison_page.body().find("$.total_amount is not in the contract") != std::string::npos);

    auto comparison_json = get(running.broker, comparison_target, "application/hal+json");
    CHECK(content_type(comparison_json).starts_with("application/hal+json"));
    CHECK(nlohmann::json::parse(comparison_json.body()).at("findings").at(0).at("code") == "response.body.incompatible");
    CHECK(nlohmann::json::parse(get(running.broker, contract_target, "").body()).at("content") == document);
}

TEST_CASE("over HTTP: badges are SVG for any client") {
    running_broker running;
    auto badge = get(running.broker, "/pacts/provider/order-service/consumer/payment-service/latest/badge", "");
    CHECK(badge.result_int() == 200);
    CHECK(content_type(badge) == "image/svg+xml;charset=utf-8");
    CHECK(badge.body().find(">unknown</text>") != std::string::npos);
}

TEST_SUITE_END();
