#include "pact/json_path.hpp"
#include "pact/matching.hpp"
#include "pact/pact_reader.hpp"

#include <doctest/doctest.h>

namespace {

pact::http_response response(const nlohmann::json& json) {
    auto read = pact::read_response(json, pact::specification_version::v3);
    if (!read) FAIL(read.error().to_string());
    return *read;
}

pact::http_request request(const nlohmann::json& json) {
    auto read = pact::read_request(json, pact::specification_version::v3);
    if (!read) FAIL(read.error().to_string());
    return *read;
}

nlohmann::json json(std::string_view text) { return nlohmann::json::parse(text); }

std::string messages_of(const std::vector<pact::mismatch>& mismatches) {
    std::string text;
    for (const auto& one : mismatches) text += one.message + "\n";
    return text;
}

}  // namespace

TEST_CASE("a renamed response field names the field and suggests the rename") {
    const auto expected = response({{"status", 200}, {"body", {{"order_id", 7}, {"total_amount", 1250}}}});
    const auto actual = response({{"status", 200}, {"body", {{"order_id", 7}, {"total_cents", 1250}, {"currency", "EUR"}}}});
    const auto mismatches = pact::match_response(expected, actual);
    REQUIRE(mismatches.size() == 1);
    CHECK(mismatches[0].part == "body");
    CHECK(mismatches[0].path == "$.total_amount");
    CHECK(mismatches[0].message == "$.total_amount is missing; the provider now sends $.total_cents (renamed?)");
}

TEST_CASE("the rename hint only suggests a key whose value satisfies the missing key's rule") {
    const auto expected = response(json(R"({"status": 200, "body": {"total_amount": 1250},
        "matchingRules": {"body": {"$.total_amount": {"matchers": [{"match": "integer"}]}}}})"));
    const auto actual = response(json(R"({"status": 200, "body": {"note": "paid", "total": 12.5}})"));
    const auto mismatches = pact::match_response(expected, actual);
    REQUIRE(mismatches.size() == 1);
    CHECK(mismatches[0].message == "$.total_amount is missing");
}

TEST_CASE("responses allow unexpected keys, requests refuse them") {
    CHECK(pact::match_response(response(json(R"({"body": {"a": 1}})")), response(json(R"({"body": {"a": 1, "b": 2}})"))).empty());
    const auto mismatches = pact::match_request(request(json(R"({"method": "POST", "path": "/", "body": {"a": 1}})")),
                                                request(json(R"({"method": "POST", "path": "/", "body": {"a": 1, "b": 2}})")));
    REQUIRE(mismatches.size() == 1);
    CHECK(mismatches[0].path == "$.b");
}

TEST_CASE("the most specific rule path wins") {
    const auto expected = response(json(R"({"body": {"items": [{"id": 1, "name": "a"}]},
        "matchingRules": {"body": {"$.items": {"matchers": [{"match": "type"}]},
                                   "$.items[*].id": {"matchers": [{"match": "regex", "regex": "\\d{3}"}]}}}})"));
    CHECK(pact::match_response(expected, response(json(R"({"body": {"items": [{"id": 123, "name": "b"}, {"id": 456, "name": "c"}]}})"))).empty());
    const auto mismatches = pact::match_response(expected, response(json(R"({"body": {"items": [{"id": 12, "name": "b"}]}})")));
    REQUIRE(mismatches.size() == 1);
    CHECK(mismatches[0].path == "$.items[0].id");
}

TEST_CASE("rule paths weigh exact names above wildcards") {
    const std::vector<pact::path_step> location = {{"items"}, {"0", true}, {"id"}};
    const auto exact = pact::parse_json_path("$.items[0].id");
    const auto wildcard = pact::parse_json_path("$.items[*].id");
    const auto star = pact::parse_json_path("$.*[*].*");
    const auto elsewhere = pact::parse_json_path("$.orders[*].id");
    REQUIRE((exact && wildcard && star && elsewhere));
    CHECK(pact::path_weight(*exact, location) > pact::path_weight(*wildcard, location));
    CHECK(pact::path_weight(*wildcard, location) > pact::path_weight(*star, location));
    CHECK(pact::path_weight(*elsewhere, location) == 0);
    CHECK(pact::to_string(location) == "$.items[0].id");
    CHECK(pact::to_string(*pact::parse_json_path("$['a b'].c[*]")) == "$['a b'].c[*]");
}

TEST_CASE("eachKey and eachValue check every entry of a map") {
    const auto expected = response(json(R"({"body": {"prices": {"EUR": 10}},
        "matchingRules": {"body": {"$.prices": {"matchers": [
            {"match": "eachKey", "rules": [{"match": "regex", "regex": "[A-Z]{3}"}]},
            {"match": "eachValue", "rules": [{"match": "integer"}]}]}}}})"));
    CHECK(pact::match_response(expected, response(json(R"({"body": {"prices": {"USD": 12, "GBP": 9}}})"))).empty());
    CHECK(pact::match_response(expected, response(json(R"({"body": {"prices": {"usd": 12}}})"))).size() == 1);
    CHECK(pact::match_response(expected, response(json(R"({"body": {"prices": {"USD": "12"}}})"))).size() == 1);
}

TEST_CASE("arrayContains finds each variant anywhere in the list") {
    const auto expected = response(json(R"({"body": {"events": [{"type": "created"}, {"type": "paid"}]},
        "matchingRules": {"body": {"$.events": {"matchers": [{"match": "arrayContains", "variants": [
            {"index": 0, "rules": {}}, {"index": 1, "rules": {}}]}]}}}})"));
    CHECK(pact::match_response(expected, response(json(R"({"body": {"events": [{"type": "paid"}, {"type": "x"}, {"type": "created"}]}})"))).empty());
    CHECK(pact::match_response(expected, response(json(R"({"body": {"events": [{"type": "created"}]}})"))).size() == 1);
}

TEST_CASE("a type matcher on a list cascades to its elements") {
    const auto expected = response(json(R"({"body": {"animals": [{"name": "Fred", "age": 3}]},
        "matchingRules": {"body": {"$.animals": {"matchers": [{"match": "type", "min": 1}]}}}})"));
    CHECK(pact::match_response(expected, response(json(R"({"body": {"animals": [{"name": "Mary", "age": 9}, {"name": "Sue", "age": 1}]}})"))).empty());
    CHECK(pact::match_response(expected, response(json(R"({"body": {"animals": [{"name": "Mary", "age": "9"}]}})"))).size() == 1);
    CHECK(pact::match_response(expected, response(json(R"({"body": {"animals": []}})"))).size() == 1);
}

TEST_CASE("header names are found without case and values split at commas") {
    const auto expected = response(json(R"({"headers": {"Cache-Control": "no-cache, no-store"}})"));
    CHECK(pact::match_response(expected, response(json(R"({"headers": {"cache-control": "no-cache,no-store"}})"))).empty());
    CHECK(pact::match_response(expected, response(json(R"({"headers": {"cache-control": "no-store, no-cache"}})"))).size() == 1);
    CHECK(pact::match_response(expected, response(json("{}"))).size() == 1);
}

TEST_CASE("form bodies are compared by field") {
    const auto expected = request({{"method", "POST"}, {"path", "/"}, {"headers", {{"Content-Type", "application/x-www-form-urlencoded"}}}, {"body", "a=1&b=two"}});
    CHECK(pact::match_request(expected, request({{"method", "POST"}, {"path", "/"}, {"headers", {{"Content-Type", "application/x-www-form-urlencoded"}}}, {"body", "b=two&a=1"}})).empty());
    CHECK_FALSE(pact::match_request(expected, request({{"method", "POST"}, {"path", "/"}, {"headers", {{"Content-Type", "application/x-www-form-urlencoded"}}}, {"body", "a=2&b=two"}})).empty());
}

TEST_CASE("a body that is not the JSON the pact expects is a mismatch, not a crash") {
    const auto expected = response({{"headers", {{"Content-Type", "application/json"}}}, {"body", {{"a", 1}}}});
    pact::http_response actual;
    actual.headers["Content-Type"] = {"application/json"};
    actual.body.state = pact::body::presence::present;
    actual.body.content = "{not json";
    const auto mismatches = pact::match_response(expected, actual);
    REQUIRE(mismatches.size() == 1);
    CHECK(messages_of(mismatches).find("not valid JSON") != std::string::npos);
}

TEST_CASE("message metadata must hold the expected keys") {
    pact::message expected;
    expected.metadata = {{"topic", "orders"}};
    pact::message actual;
    actual.metadata = {{"topic", "orders"}, {"partition", 1}};
    CHECK(pact::match_message(expected, actual).empty());
    actual.metadata = {{"topic", "payments"}};
    CHECK(pact::match_message(expected, actual).size() == 1);
}

TEST_CASE("a query value that is not UTF-8 is a mismatch, not an exception") {
    // Found by fuzz_matching: a percent-decoded query can carry any bytes, and printing it must not throw.
    const auto expected = request(json(R"({"method": "GET", "path": "/", "query": {"q": ["a"]}})"));
    auto actual = expected;
    actual.query["q"] = {"\xFF\xFE"};
    actual.query["extra"] = {"\xC3"};
    std::vector<pact::mismatch> mismatches;
    REQUIRE_NOTHROW(mismatches = pact::match_request(expected, actual));
    CHECK(mismatches.size() == 2);
    CHECK(messages_of(mismatches).find("\xEF\xBF\xBD") != std::string::npos);
}

TEST_CASE("XML bodies are compared by element, attribute and text") {
    const auto expected = response(json(R"({"headers": {"Content-Type": "application/xml"},
        "body": "<order id=\"1\"><total currency=\"EUR\">12.50</total></order>",
        "matchingRules": {"body": {"$.order['@id']": {"matchers": [{"match": "regex", "regex": "\\d+"}]}}}})"));
    const auto same = response(json(R"({"headers": {"Content-Type": "application/xml"},
        "body": "<order id=\"77\"><total currency=\"EUR\">12.50</total><note>extra elements are fine in a response</note></order>"})"));
    CHECK(pact::match_response(expected, same).empty());
    const auto renamed = response(json(R"({"headers": {"Content-Type": "application/xml"},
        "body": "<order id=\"x\"><amount currency=\"EUR\">12.50</amount></order>"})"));
    const auto mismatches = pact::match_response(expected, renamed);
    REQUIRE(mismatches.size() == 2);
    CHECK(mismatches[0].path == "$.order['@id']");
    CHECK(mismatches[1].path == "$.order.total");
}

TEST_CASE("v2 query rules keyed by JSONPath apply to the parameter") {
    auto expected = pact::read_request(json(R"({"method": "GET", "path": "/search", "query": "page=1",
        "matchingRules": {"$.query.page": {"match": "regex", "regex": "\\d+"}}})"), pact::specification_version::v2);
    REQUIRE(expected.has_value());
    auto actual = pact::read_request(json(R"({"method": "GET", "path": "/search", "query": "page=12"})"), pact::specification_version::v2);
    REQUIRE(actual.has_value());
    CHECK(pact::match_request(*expected, *actual).empty());
    actual->query["page"] = {"twelve"};
    CHECK(pact::match_request(*expected, *actual).size() == 1);
    actual->query["extra"] = {"1"};
    CHECK(pact::match_request(*expected, *actual).size() == 2);
}

TEST_CASE("a contentType rule on the whole body compares the media type, not the bytes") {
    const auto expected = response(json(R"({"body": "abc",
        "matchingRules": {"body": {"$": {"matchers": [{"match": "contentType", "value": "image/png"}]}}}})"));
    CHECK(pact::match_response(expected, response(json(R"({"headers": {"Content-Type": "image/png"}, "body": "other bytes"})"))).empty());
    CHECK(pact::match_response(expected, response(json(R"({"headers": {"Content-Type": "image/jpeg"}, "body": "abc"})"))).at(0).message.find("image/png") != std::string::npos);
}

TEST_CASE("in a request the rename hint says the consumer now sends the other key") {
    const auto mismatches = pact::match_request(request(json(R"({"method": "POST", "path": "/", "body": {"total_amount": 5}})")),
                                                request(json(R"({"method": "POST", "path": "/", "body": {"total_cents": 500}})")));
    REQUIRE(mismatches.size() == 2);
    CHECK(messages_of(mismatches).find("$.total_amount is missing; the consumer now sends $.total_cents (renamed?)") != std::string::npos);
}

TEST_CASE("a null response body matches an empty response") {
    const auto expected = response(json(R"({"status": 200, "body": null})"));
    CHECK(pact::match_response(expected, response(json(R"({"status": 200})"))).empty());
    pact::http_response received;
    received.body.state = pact::body::presence::empty;
    CHECK(pact::match_response(expected, received).empty());
    CHECK_FALSE(pact::match_response(expected, response(json(R"({"status": 200, "body": {"a": 1}})"))).empty());
}

TEST_CASE("a null request body matches a request without a body, with or without a content type") {
    pact::http_request received;
    received.method = "POST";
    received.body.state = pact::body::presence::empty;
    CHECK(pact::match_request(request(json(R"({"method": "POST", "path": "/", "body": null})")), received).empty());
    received.headers["Content-Type"] = {"application/json"};
    CHECK(pact::match_request(request(json(R"({"method": "POST", "path": "/", "headers": {"Content-Type": "application/json"}, "body": null})")), received).empty());
}

TEST_CASE("a rule on a repeated header applies to each of its values") {
    const auto expected = request(json(R"({"method": "GET", "path": "/", "headers": {"X-Test": "1000"},
        "matchingRules": {"header": {"x-test": {"matchers": [{"match": "regex", "regex": "\\d{1,4}"}]}}}})"));
    auto sent = request(json(R"({"method": "GET", "path": "/"})"));
    sent.headers["X-Test"] = {"1000", "1234", "9999"};
    CHECK(messages_of(pact::match_request(expected, sent)) == "");
    sent.headers["X-Test"] = {"1000", "1234", "9999ABC"};
    const auto mismatches = pact::match_request(expected, sent);
    REQUIRE(mismatches.size() == 1);
    CHECK(mismatches[0].actual == "9999ABC");
    sent.headers["X-Test"] = {"1000, 1234"};
    CHECK(messages_of(pact::match_request(expected, sent)) == "");
}

TEST_CASE("a rule on a date header applies to the whole value, commas included") {
    const auto expected = response(json(R"({"headers": {"Date": "Mon, 01 Jan 2024 10:00:00 GMT"},
        "matchingRules": {"header": {"Date": {"matchers": [{"match": "regex", "regex": "\\w{3}, \\d{2} \\w{3} \\d{4} .*"}]}}}})"));
    CHECK(messages_of(pact::match_response(expected, response(json(R"({"headers": {"Date": "Tue, 02 Jan 2024 11:00:00 GMT"}})")))) == "");
}

TEST_CASE("eachValue applies its rules to every element of a list") {
    const auto expected = response(json(R"({"body": {"tags": ["a"]},
        "matchingRules": {"body": {"$.tags": {"matchers": [{"match": "eachValue", "rules": [{"match": "regex", "regex": "[a-z]+"}], "value": ["a"]}]}}}})"));
    CHECK(messages_of(pact::match_response(expected, response(json(R"({"body": {"tags": ["x", "yz", "abc"]}})")))) == "");
    const auto mismatches = pact::match_response(expected, response(json(R"({"body": {"tags": ["x", "100", "abc"]}})")));
    REQUIRE(mismatches.size() == 1);
    CHECK(mismatches[0].path == "$.tags[1]");
}

TEST_CASE("a values matcher with a rule on every key checks each value's type against the example") {
    const auto expected = request(json(R"({"method": "POST", "path": "/", "body": {"one": "a", "two": "b"},
        "matchingRules": {"body": {"$": {"matchers": [{"match": "values"}]}, "$.*": {"matchers": [{"match": "type"}]}}}})"));
    CHECK(messages_of(pact::match_request(expected, request(json(R"({"method": "POST", "path": "/", "body": {"one": "", "three": "b", "four": "c", "five": "100"}})")))) == "");
    const auto mismatches = pact::match_request(expected, request(json(R"({"method": "POST", "path": "/", "body": {"one": "", "two": "b", "three": "c", "four": 100}})")));
    REQUIRE(mismatches.size() == 1);
    CHECK(mismatches[0].path == "$.four");
}

TEST_CASE("a contentType rule on a whole body looks at the bytes, not the declared type") {
    // Base64 of a JPEG's first bytes, of other JPEG bytes, and of a PDF's, each declared application/octet-stream.
    const auto binary_response = [](std::string_view base64_content) {
        auto read = pact::read_response({{"status", 200}, {"headers", {{"Content-Type", "application/octet-stream"}}},
                                         {"body", {{"contentType", "application/octet-stream"}, {"encoded", "base64"}, {"content", base64_content}}},
                                         {"matchingRules", {{"body", {{"$", {{"matchers", {{{"match", "contentType"}, {"value", "image/jpeg"}}}}}}}}}}},
                                        pact::specification_version::v4);
        if (!read) FAIL(read.error().to_string());
        return *read;
    };
    const auto expected = binary_response("/9j/4AAQSkZJRgABAQ==");
    CHECK(messages_of(pact::match_response(expected, binary_response("/9j/4AAQSkZJRgABAgAASABIAAA="))) == "");
    CHECK_FALSE(pact::match_response(expected, binary_response("JVBERi0xLjQKJeLjz9M=")).empty());
}
