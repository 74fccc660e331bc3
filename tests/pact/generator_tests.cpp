#include "pact/generators.hpp"
#include "pact/value_matchers.hpp"
#include "pact/pact_reader.hpp"
#include "pact/regex_generator.hpp"

#include <doctest/doctest.h>

#include <boost/regex.hpp>

namespace {

pact::http_request request(std::string_view text) {
    auto read = pact::read_request(nlohmann::json::parse(text), pact::specification_version::v3);
    if (!read) FAIL(read.error().to_string());
    return *read;
}

bool full_match(const std::string& text, const std::string& expression) { return boost::regex_match(text, boost::regex(expression)); }

}  // namespace

TEST_CASE("provider state generators fill the path, query, headers and body from the state's values") {
    const auto expected = request(R"({"method": "GET", "path": "/orders/1", "query": {"id": ["1"]}, "headers": {"X-Order": "1"},
        "body": {"order": {"id": 1, "ref": "r-1"}},
        "generators": {"path": {"type": "ProviderState", "expression": "/orders/${orderId}"},
                       "query": {"id": {"type": "ProviderState", "expression": "${orderId}"}},
                       "header": {"X-Order": {"type": "ProviderState", "expression": "${orderId}"}},
                       "body": {"$.order.id": {"type": "ProviderState", "expression": "${orderId}"},
                                "$.order.ref": {"type": "ProviderState", "expression": "r-${orderId}"}}}})");
    pact::generator_context context;
    context.provider_state_values = {{"orderId", 42}};
    const auto generated = pact::apply_generators(expected, context);
    CHECK(generated.path == "/orders/42");
    CHECK(generated.query.at("id") == std::vector<std::string>{"42"});
    CHECK(generated.headers.at("X-Order") == std::vector<std::string>{"42"});
    CHECK(generated.body.parsed->at("order").at("id") == 42);
    CHECK(generated.body.parsed->at("order").at("ref") == "r-42");
    CHECK(nlohmann::json::parse(generated.body.content) == *generated.body.parsed);
}

TEST_CASE("a provider state generator without its value leaves the pact's value") {
    const auto expected = request(R"({"method": "GET", "path": "/orders/1", "generators": {"path": {"type": "ProviderState", "expression": "/orders/${orderId}"}}})");
    CHECK(pact::apply_generators(expected, {}).path == "/orders/1");
}

TEST_CASE("random generators produce fresh values of the right form") {
    const auto expected = request(R"({"method": "POST", "path": "/", "body": {"id": "x", "n": 0, "d": 0.5, "h": "", "s": "", "b": false, "r": "", "date": "", "items": [{"id": 0}, {"id": 0}]},
        "generators": {"body": {"$.id": {"type": "Uuid"}, "$.n": {"type": "RandomInt", "min": 5, "max": 9},
                                "$.d": {"type": "RandomDecimal", "digits": 6}, "$.h": {"type": "RandomHexadecimal", "digits": 8},
                                "$.s": {"type": "RandomString", "size": 12}, "$.b": {"type": "RandomBoolean"},
                                "$.r": {"type": "Regex", "regex": "[A-Z]{2}-\\d{4}(x|y)?"},
                                "$.date": {"type": "Date", "format": "yyyy-MM-dd"},
                                "$.items[*].id": {"type": "RandomInt", "min": 100, "max": 100}}}})");
    std::mt19937_64 random(7);
    pact::generator_context context;
    context.random = &random;
    const auto body = *pact::apply_generators(expected, context).body.parsed;
    CHECK(full_match(body.at("id").get<std::string>(), "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"));
    CHECK(body.at("n").get<int>() >= 5);
    CHECK(body.at("n").get<int>() <= 9);
    CHECK(body.at("d").is_number_float());
    CHECK(full_match(body.at("h").get<std::string>(), "[0-9a-f]{8}"));
    CHECK(body.at("s").get<std::string>().size() == 12);
    CHECK(body.at("b").is_boolean());
    CHECK(full_match(body.at("r").get<std::string>(), "[A-Z]{2}-\\d{4}(x|y)?"));
    CHECK(full_match(body.at("date").get<std::string>(), "\\d{4}-\\d{2}-\\d{2}"));
    CHECK(body.at("items") == nlohmann::json::parse(R"([{"id": 100}, {"id": 100}])"));
}

TEST_CASE("a response status generator draws a status in range") {
    auto read = pact::read_response(nlohmann::json::parse(R"({"status": 200, "generators": {"status": {"type": "RandomInt", "min": 201, "max": 204}}})"),
                                    pact::specification_version::v3);
    REQUIRE(read.has_value());
    const auto status = pact::apply_generators(*read, {}).status;
    CHECK(status >= 201);
    CHECK(status <= 204);
}

TEST_CASE("the regex generator writes text its expression matches, and refuses what it cannot") {
    std::mt19937_64 random(1);
    for (const std::string expression : {"\\d+", "[a-c]{3,5}", "(foo|bar)-\\w?", "^[^0-9]{4}$", "a.b*"}) {
        const auto text = pact::generate_from_regex(expression, random);
        REQUIRE(text.has_value());
        CHECK_MESSAGE(full_match(*text, expression), (expression + " gave " + *text));
    }
    CHECK_FALSE(pact::generate_from_regex("(a)\\1", random).has_value());
    CHECK_FALSE(pact::generate_from_regex("(?=a)", random).has_value());
}
