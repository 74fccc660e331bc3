#include "consumer/pact_builder.hpp"
#include "consumer/pact_file.hpp"
#include "http/client.hpp"
#include "http/url.hpp"
#include "order_client.hpp"
#include "pact/pact_reader.hpp"
#include "schemas/validator.hpp"
#include "support/files.hpp"

#include <doctest/doctest.h>

#include <stdexcept>

using namespace pact::consumer;
using pact::testing::temporary_directory;

namespace {

pact::http::response send(const mock_server& provider, std::string_view method, std::string_view target,
                          std::string body = {}, std::string_view content_type = {}) {
    const auto destination = pact::http::parse_url(provider.base_url() + std::string(target));
    REQUIRE(destination);
    auto answer = pact::http::send_blocking(*destination, pact::http::make_request(method, destination->target(),
                                                                                  std::move(body), content_type));
    REQUIRE_MESSAGE(answer, answer.error().message);
    return *answer;
}

void expect_order_7(pact_builder& pact) {
    pact.upon_receiving("a request for order 7")
        .given("order 7 exists", {{"id", 7}})
        .with_request("GET", "/orders/7")
        .header("Accept", "application/json")
        .will_respond_with(200)
        .json_body(object({{"id", integer(7)}, {"total_amount", integer(1299)}}));
}

void fetch_order_7(const mock_server& provider) {
    const payment::order_client orders(provider.base_url());
    const auto order = orders.fetch_order(7);
    if (!order) throw std::runtime_error(order.error());
}

const pact::rule_list* body_rule(const pact::http_response& response, const std::string& path) {
    const auto category = response.rules.categories().find("body");
    if (category == response.rules.categories().end()) return nullptr;
    const auto found = category->second.find(path);
    return found == category->second.end() ? nullptr : &found->second;
}

}  // namespace

TEST_CASE("a consumer test that makes the expected request records a pact that reads back") {
    const temporary_directory pacts;
    pact_builder pact{"payment-service", "order-service", {.pact_dir = pacts.path()}};
    expect_order_7(pact);

    const auto result = pact.run([](const mock_server& provider) {
        const payment::order_client orders(provider.base_url());
        const auto order = orders.fetch_order(7);
        REQUIRE_MESSAGE(order, order.error());
        CHECK(order->total_amount == 1299);
    });

    REQUIRE_MESSAGE(result.ok(), result.report());
    REQUIRE(result.pact_file);
    CHECK(*result.pact_file == pacts.path() / "payment-service-order-service.json");
    const auto document = pact::read_pact_file(*result.pact_file);
    REQUIRE_MESSAGE(document, document.error().to_string());
    CHECK(document->consumer == "payment-service");
    CHECK(document->provider == "order-service");
    CHECK(document->version == pact::specification_version::v3);
    REQUIRE(document->interactions.size() == 1);
    const auto& recorded = document->interactions[0];
    CHECK(recorded.description == "a request for order 7");
    REQUIRE(recorded.provider_states.size() == 1);
    CHECK(recorded.provider_states[0].params == nlohmann::json{{"id", 7}});
    CHECK(recorded.request.path == "/orders/7");
    CHECK(recorded.response.body.parsed == nlohmann::json{{"id", 7}, {"total_amount", 1299}});
    const auto* total_amount = body_rule(recorded.response, "$.total_amount");
    REQUIRE(total_amount != nullptr);
    REQUIRE(total_amount->matchers.size() == 1);
    CHECK(total_amount->matchers[0].name == "integer");
}

TEST_CASE("the mock answers with the example response and its headers") {
    const temporary_directory pacts;
    pact_builder pact{"web", "catalogue", {.pact_dir = pacts.path()}};
    pact.upon_receiving("a search")
        .with_request("GET", regex("^/products/\\d+$", "/products/1"))
        .query("q", "shoes")
        .will_respond_with(201)
        .header("X-Total", regex("^\\d+$", "3"))
        .json_body(object({{"items", each_like(object({{"name", like("boot")}}), 2)}}));

    const auto result = pact.run([](const mock_server& provider) {
        const auto answer = send(provider, "GET", "/products/42?q=shoes");
        CHECK(answer.result_int() == 201);
        CHECK(answer["X-Total"] == "3");
        const auto body = nlohmann::json::parse(answer.body());
        CHECK(body["items"].size() == 2);
        CHECK(body["items"][0]["name"] == "boot");
    });
    CHECK_MESSAGE(result.ok(), result.report());
}

TEST_CASE("an expected request that never arrives fails the test and writes nothing") {
    const temporary_directory pacts;
    pact_builder pact{"payment-service", "order-service", {.pact_dir = pacts.path()}};
    expect_order_7(pact);
    pact.upon_receiving("a request for the refunds of order 7").with_request("GET", "/orders/7/refunds");

    const auto result = pact.run(fetch_order_7);

    CHECK_FALSE(result.ok());
    CHECK_FALSE(result.pact_file);
    REQUIRE(result.verification.missing.size() == 1);
    CHECK(result.verification.missing[0] == "a request for the refunds of order 7 (GET /orders/7/refunds)");
    CHECK(result.report().find("missing request: a request for the refunds of order 7") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(pacts.path() / "payment-service-order-service.json"));
}

TEST_CASE("an unexpected request fails the test with the closest interaction's mismatches and writes nothing") {
    const temporary_directory pacts;
    pact_builder pact{"payment-service", "order-service", {.pact_dir = pacts.path()}};
    expect_order_7(pact);

    const auto result = pact.run([](const mock_server& provider) {
        fetch_order_7(provider);
        const auto answer = send(provider, "GET", "/orders/8");
        CHECK(answer.result_int() == 500);
        const auto problem = nlohmann::json::parse(answer.body());
        CHECK(problem["closestInteraction"] == "a request for order 7");
        CHECK_FALSE(problem["mismatches"].empty());
    });

    CHECK_FALSE(result.ok());
    CHECK_FALSE(result.pact_file);
    REQUIRE(result.verification.unexpected.size() == 1);
    const auto& unexpected = result.verification.unexpected[0];
    CHECK(unexpected.path == "/orders/8");
    CHECK(unexpected.closest_interaction == "a request for order 7");
    REQUIRE_FALSE(unexpected.mismatches.empty());
    CHECK(std::ranges::any_of(unexpected.mismatches, [](const pact::mismatch& difference) { return difference.part == "path"; }));
    CHECK(result.report().find("unexpected request: GET /orders/8") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(pacts.path() / "payment-service-order-service.json"));
}

TEST_CASE("a test that throws fails with the exception's message and writes nothing") {
    const temporary_directory pacts;
    pact_builder pact{"payment-service", "order-service", {.pact_dir = pacts.path()}};
    expect_order_7(pact);

    const auto result = pact.run([](const mock_server& provider) {
        fetch_order_7(provider);
        throw std::runtime_error("the charge could not be computed");
    });

    CHECK_FALSE(result.ok());
    REQUIRE(result.verification.failures.size() == 1);
    CHECK(result.verification.failures[0].find("the charge could not be computed") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(pacts.path() / "payment-service-order-service.json"));
}

TEST_CASE("a second test's interactions merge into the existing pact file") {
    const temporary_directory pacts;
    pact_builder pact{"payment-service", "order-service", {.pact_dir = pacts.path()}};
    expect_order_7(pact);
    REQUIRE(pact.run(fetch_order_7).ok());

    pact.upon_receiving("a request for a missing order")
        .given("order 9 does not exist")
        .with_request("GET", "/orders/9")
        .will_respond_with(404);
    const auto second = pact.run([](const mock_server& provider) { CHECK(send(provider, "GET", "/orders/9").result_int() == 404); });
    REQUIRE_MESSAGE(second.ok(), second.report());

    // The first test again: its interaction is replaced, not duplicated.
    expect_order_7(pact);
    REQUIRE(pact.run(fetch_order_7).ok());

    const auto document = pact::read_pact_file(pacts.path() / "payment-service-order-service.json");
    REQUIRE_MESSAGE(document, document.error().to_string());
    REQUIRE(document->interactions.size() == 2);
    CHECK(document->interactions[0].description == "a request for order 7");
    CHECK(document->interactions[1].description == "a request for a missing order");
    CHECK(document->interactions[1].response.status == 404);
}

TEST_CASE("an existing pact file that cannot be read is left untouched") {
    const temporary_directory pacts;
    const std::string unreadable = "{ not a pact";
    const std::filesystem::path file = pacts.write("payment-service-order-service.json", unreadable);
    pact_builder pact{"payment-service", "order-service", {.pact_dir = pacts.path()}};
    expect_order_7(pact);

    const auto result = pact.run(fetch_order_7);

    CHECK_FALSE(result.ok());
    REQUIRE(result.verification.failures.size() == 1);
    CHECK(result.verification.failures[0].find("cannot merge into the existing pact") != std::string::npos);
    CHECK(pact::testing::read_file(file) == unreadable);
}

TEST_CASE("a pact is recorded as specification v4 when asked") {
    const temporary_directory pacts;
    pact_builder pact{"payment-service", "order-service",
                      {.pact_dir = pacts.path(), .specification = pact::specification_version::v4}};
    expect_order_7(pact);
    const auto result = pact.run(fetch_order_7);
    REQUIRE_MESSAGE(result.ok(), result.report());

    const auto written = nlohmann::json::parse(pact::testing::read_file(*result.pact_file));
    CHECK(written["metadata"]["pactSpecification"]["version"] == "4.0");
    CHECK(written["interactions"][0]["type"] == "Synchronous/HTTP");
    const auto document = pact::read_pact_file(*result.pact_file);
    REQUIRE_MESSAGE(document, document.error().to_string());
    CHECK(document->version == pact::specification_version::v4);
}

TEST_CASE("messages the consumer's handler accepts are recorded, and a handler that throws writes nothing") {
    const temporary_directory pacts;
    pact_builder pact{"ledger", "order-service", {.pact_dir = pacts.path()}};
    const auto expect_order_created = [&] {
        pact.expects_to_receive("an order created event")
            .given("order 7 was placed")
            .metadata("topic", "orders")
            .json_contents(object({{"id", integer(7)}, {"total_amount", integer(1299)}}));
    };

    expect_order_created();
    const auto refused = pact.run_messages([](const pact::message&) { throw std::runtime_error("no total"); });
    CHECK_FALSE(refused.ok());
    CHECK(refused.report().find("no total") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(pacts.path() / "ledger-order-service.json"));

    expect_order_created();
    std::int64_t seen_total = 0;
    const auto accepted = pact.run_messages([&](const pact::message& received) {
        REQUIRE(received.contents.parsed);
        seen_total = received.contents.parsed->at("total_amount").get<std::int64_t>();
    });
    REQUIRE_MESSAGE(accepted.ok(), accepted.report());
    CHECK(seen_total == 1299);
    const auto document = pact::read_pact_file(pacts.path() / "ledger-order-service.json");
    REQUIRE_MESSAGE(document, document.error().to_string());
    REQUIRE(document->interactions.size() == 1);
    CHECK(document->interactions[0].kind == pact::interaction_kind::asynchronous_message);
    CHECK(document->interactions[0].message.metadata["topic"] == "orders");
}

TEST_CASE("an example that does not satisfy its own matcher is refused before the test runs") {
    const temporary_directory pacts;
    pact_builder pact{"payment-service", "order-service", {.pact_dir = pacts.path()}};
    pact.upon_receiving("a request for order 7")
        .with_request("GET", "/orders/7")
        .will_respond_with(200)
        .json_body(object({{"currency", regex("^[A-Z]{3}$", "euro")}}));
    bool test_ran = false;

    const auto result = pact.run([&](const mock_server&) { test_ran = true; });

    CHECK_FALSE(result.ok());
    CHECK_FALSE(test_ran);
    REQUIRE(result.verification.failures.size() == 1);
    CHECK(result.verification.failures[0].find("do not satisfy its own matching rules") != std::string::npos);
    CHECK(result.verification.failures[0].find("$.currency") != std::string::npos);
}

TEST_CASE("a request body with matchers accepts other values of the same shape") {
    const temporary_directory pacts;
    pact_builder pact{"payment-service", "order-service", {.pact_dir = pacts.path()}};
    pact.upon_receiving("a payment for order 7")
        .with_request("POST", "/payments")
        .json_body(object({{"order_id", integer(7)},
                           {"amount", integer(1299)},
                           {"reference", regex("^PAY-\\d+$", "PAY-1")},
                           {"lines", each_like(object({{"sku", like("A-1")}}))}}))
        .will_respond_with(201);

    const auto result = pact.run([](const mock_server& provider) {
        const nlohmann::json payment = {
            {"order_id", 8}, {"amount", 50}, {"reference", "PAY-77"}, {"lines", {{{"sku", "B"}}, {{"sku", "C"}}}}};
        CHECK(send(provider, "POST", "/payments", payment.dump(), "application/json").result_int() == 201);
    });
    CHECK_MESSAGE(result.ok(), result.report());
}

TEST_CASE("every kind of matcher is written to the pact file and read back at its path") {
    const temporary_directory pacts;
    pact_builder pact{"payment-service", "order-service",
                      {.pact_dir = pacts.path(), .specification = pact::specification_version::v4}};
    pact.upon_receiving("a detailed order")
        .with_request("GET", "/orders/7/details")
        .will_respond_with(200)
        .json_body(object({
            {"id", integer(7)},
            {"rate", decimal(0.25)},
            {"weight", number(1.5)},
            {"paid", boolean(true)},
            {"voucher", null()},
            {"status", regex("^(open|paid)$", "paid")},
            {"created", datetime("yyyy-MM-dd'T'HH:mm:ss", "2024-05-01T10:00:00")},
            {"day", date("yyyy-MM-dd", "2024-05-01")},
            {"title", include("order")},
            {"version", semver("1.2.3")},
            {"notes", not_empty(array({"fragile"}))},
            {"lines", each_like(object({{"sku", like("A-1")}}), 1)},
            {"prices", each_value(object({{"EUR", 10}}), integer(10))},
            {"labels", each_key(object({{"en", "Order"}}), regex("^[a-z]{2}$", "en"))},
            {"payments", array_contains({object({{"kind", "card"}, {"amount", integer(5)}})})},
        }));

    const auto result = pact.run([](const mock_server& provider) {
        CHECK(send(provider, "GET", "/orders/7/details").result_int() == 200);
    });
    REQUIRE_MESSAGE(result.ok(), result.report());

    const auto document = pact::read_pact_file(*result.pact_file);
    REQUIRE_MESSAGE(document, document.error().to_string());
    const auto& response = document->interactions.at(0).response;
    const std::vector<std::pair<std::string, std::string>> expected_rules = {
        {"$.id", "integer"},         {"$.rate", "decimal"},       {"$.weight", "number"},
        {"$.paid", "boolean"},       {"$.voucher", "null"},       {"$.status", "regex"},
        {"$.created", "datetime"},   {"$.day", "date"},           {"$.title", "include"},
        {"$.version", "semver"},     {"$.notes", "notEmpty"},     {"$.lines", "type"},
        {"$.lines[*].sku", "type"},  {"$.prices", "eachValue"},   {"$.labels", "eachKey"},
        {"$.payments", "arrayContains"},
    };
    for (const auto& [path, matcher] : expected_rules) {
        CAPTURE(path);
        const auto* rules = body_rule(response, path);
        REQUIRE(rules != nullptr);
        REQUIRE(rules->matchers.size() == 1);
        CHECK(rules->matchers[0].name == matcher);
    }
}

TEST_CASE("recorded pacts validate against the v3 and v4 JSON Schemas") {
    for (const auto& [version, schema] : {std::pair{pact::specification_version::v3, "pact-v3"},
                                          std::pair{pact::specification_version::v4, "pact-v4"}}) {
        CAPTURE(schema);
        const temporary_directory pacts;
        pact_builder pact{"payment-service", "order-service", {.pact_dir = pacts.path(), .specification = version}};
        expect_order_7(pact);
        pact.upon_receiving("a payment")
            .given("order 7 exists", {{"id", 7}})
            .with_request("POST", regex("^/payments/\\d+$", "/payments/1"))
            .query("currency", regex("^[A-Z]{3}$", "EUR"))
            .header("Content-Type", "application/json")
            .json_body(object({{"amount", integer(1299)}, {"lines", each_like(object({{"sku", like("A-1")}}))}}))
            .will_respond_with(201)
            .header("Location", regex("^/payments/\\d+$", "/payments/1"))
            .json_body(object({{"id", from_provider_state("${paymentId}", 1)},
                               {"at", datetime("yyyy-MM-dd'T'HH:mm:ss", "2024-05-01T10:00:00")}}));
        const auto result = pact.run([](const mock_server& provider) {
            fetch_order_7(provider);
            const nlohmann::json payment = {{"amount", 5}, {"lines", {{{"sku", "B"}}}}};
            CHECK(send(provider, "POST", "/payments/9?currency=USD", payment.dump(), "application/json").result_int() == 201);
        });
        REQUIRE_MESSAGE(result.ok(), result.report());

        const auto written = nlohmann::json::parse(pact::testing::read_file(*result.pact_file));
        const auto violations = pact::schemas::validate(schema, written);
        for (const auto& violation : violations) MESSAGE(violation.path << ": " << violation.message);
        CHECK(violations.empty());
    }
}
