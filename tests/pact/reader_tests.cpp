#include "pact/pact_reader.hpp"
#include "pact/pact_writer.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

namespace {

pact::pact_document read_ok(std::string_view text) {
    auto document = pact::read_pact(text, "test.json");
    if (!document) FAIL(document.error().to_string());
    return *document;
}

pact::read_error read_failing(std::string_view text) {
    auto document = pact::read_pact(text, "broken.json");
    REQUIRE_FALSE(document.has_value());
    return document.error();
}

}  // namespace

TEST_CASE("a v1 pact keeps its query string and its single provider state") {
    const auto document = read_ok(R"({
      "consumer": {"name": "web"}, "provider": {"name": "api"},
      "interactions": [{"description": "a search", "providerState": "items exist",
        "request": {"method": "get", "path": "/search", "query": "q=a%20b&page=2"},
        "response": {"status": 200, "headers": {"Content-Type": "application/json"}, "body": {"items": [1]}}}],
      "metadata": {"pactSpecificationVersion": "1.0.0"}})");
    CHECK(document.version == pact::specification_version::v1);
    CHECK(document.consumer == "web");
    CHECK(document.provider == "api");
    const auto& interaction = document.interactions.at(0);
    REQUIRE(interaction.provider_states.size() == 1);
    CHECK(interaction.provider_states[0].name == "items exist");
    CHECK(interaction.request.raw_query == "q=a%20b&page=2");
    CHECK(interaction.request.query.at("q") == std::vector<std::string>{"a b"});
    CHECK(interaction.response.body.parsed == nlohmann::json{{"items", {1}}});
    CHECK(interaction.response.body.content_type == "application/json");
}

TEST_CASE("v1.1 is detected from the pact-specification metadata spelling") {
    const auto document = read_ok(R"({"consumer": {"name": "c"}, "provider": {"name": "p"}, "interactions": [],
      "metadata": {"pact-specification": {"version": "1.1.0"}}})");
    CHECK(document.version == pact::specification_version::v1_1);
}

TEST_CASE("v2 matching rules keyed by JSONPath land in their categories") {
    const auto document = read_ok(R"({"consumer": {"name": "c"}, "provider": {"name": "p"},
      "interactions": [{"description": "d", "request": {"method": "GET", "path": "/orders/1",
        "headers": {"Accept": "application/json"},
        "matchingRules": {"$.path": {"regex": "/orders/\\d+"}, "$.headers.Accept": {"match": "regex", "regex": "application/.*"},
                          "$.query.q": {"match": "type"}}},
        "response": {"status": 200, "body": {"a": [{"b": 1}]},
          "matchingRules": {"$.body.a": {"min": 1}, "$.body.a[*].b": {"match": "type"}}}}],
      "metadata": {"pactSpecification": {"version": "2.0.0"}}})");
    CHECK(document.version == pact::specification_version::v2);
    const auto& request = document.interactions.at(0).request;
    CHECK(request.rules.categories().at("path").at("").matchers.at(0).name == "regex");
    CHECK(request.rules.categories().at("header").contains("Accept"));
    CHECK(request.rules.categories().at("query").contains("q"));
    const auto& body_rules = document.interactions.at(0).response.rules.categories().at("body");
    CHECK(body_rules.at("$.a").matchers.at(0).name == "type");
    CHECK(body_rules.contains("$.a[*].b"));
}

TEST_CASE("v3 provider states keep their parameters and message pacts are read") {
    const auto document = read_ok(R"({"consumer": {"name": "c"}, "provider": {"name": "p"},
      "messages": [{"description": "an order event", "providerStates": [{"name": "an order", "params": {"id": 7}}],
        "contents": {"id": 7}, "metaData": {"contentType": "application/json"},
        "matchingRules": {"body": {"$.id": {"matchers": [{"match": "integer"}], "combine": "AND"}}}}],
      "metadata": {"pactSpecification": {"version": "3.0.0"}}})");
    CHECK(document.version == pact::specification_version::v3);
    const auto& interaction = document.interactions.at(0);
    CHECK(interaction.kind == pact::interaction_kind::asynchronous_message);
    CHECK(interaction.provider_states.at(0).params == nlohmann::json{{"id", 7}});
    CHECK(interaction.message.contents.parsed == nlohmann::json{{"id", 7}});
    CHECK(interaction.message.metadata.at("contentType") == "application/json");
    CHECK(interaction.message.rules.categories().at("body").at("$.id").matchers.at(0).name == "integer");
}

TEST_CASE("v4 interactions of every kind are read with pending, comments and wrapped bodies") {
    const auto document = read_ok(R"({"consumer": {"name": "c"}, "provider": {"name": "p"},
      "interactions": [
        {"type": "Synchronous/HTTP", "description": "h", "key": "k1", "pending": true, "comments": {"text": ["why"]},
         "request": {"method": "POST", "path": "/", "headers": {"X": ["1", "2"]},
                     "body": {"contentType": "text/plain", "encoded": "base64", "content": "aGVsbG8="}},
         "response": {"status": 201, "body": {"contentType": "application/json", "encoded": false, "content": {"ok": true}}}},
        {"type": "Asynchronous/Messages", "description": "a", "contents": {"contentType": "application/json", "encoded": false, "content": {"n": 1}},
         "metadata": {"topic": "t"}, "pluginConfiguration": {"x": 1}},
        {"type": "Synchronous/Messages", "description": "s", "request": {"contents": {"content": "cQ==", "contentType": "application/octet-stream", "encoded": "base64"}},
         "response": [{"contents": {"content": "a", "contentType": "text/plain", "encoded": false}}]}],
      "metadata": {"pactSpecification": {"version": "4.0"}}})");
    CHECK(document.version == pact::specification_version::v4);
    const auto& http = document.interactions.at(0);
    CHECK(http.pending);
    CHECK(http.key == "k1");
    CHECK(http.comments.at("text").at(0) == "why");
    CHECK(http.request.body.content == "hello");
    CHECK(http.request.headers.at("X") == std::vector<std::string>{"1", "2"});
    CHECK(http.response.body.parsed == nlohmann::json{{"ok", true}});
    const auto& asynchronous = document.interactions.at(1);
    CHECK(asynchronous.kind == pact::interaction_kind::asynchronous_message);
    CHECK(asynchronous.message.contents.parsed == nlohmann::json{{"n", 1}});
    CHECK(asynchronous.extra.at("pluginConfiguration") == nlohmann::json{{"x", 1}});
    const auto& synchronous = document.interactions.at(2);
    CHECK(synchronous.kind == pact::interaction_kind::synchronous_message);
    CHECK(synchronous.message.contents.content == "q");
    CHECK(synchronous.message_responses.at(0).contents.content == "a");
}

TEST_CASE("a UTF-8 byte order mark before the pact is skipped") {
    const auto document = read_ok("\xEF\xBB\xBF{\"consumer\": {\"name\": \"c\"}, \"provider\": {\"name\": \"p\"}, \"interactions\": []}");
    CHECK(document.consumer == "c");
}

TEST_CASE("a malformed pact is refused with the file, the JSON path and what is wrong") {
    const auto error = read_failing(R"({"consumer": {"name": "c"}, "provider": {"name": "p"},
      "interactions": [{"description": "ok", "request": {"method": "GET", "path": "/"}, "response": {"status": 200}},
                       {"description": "bad", "request": {"method": "GET", "path": "/"}, "response": {"status": "200"}}]})");
    CHECK(error.source == "broken.json");
    CHECK(error.json_path == "$.interactions[1].response.status");
    CHECK(error.to_string().find("broken.json: $.interactions[1].response.status") == 0);
}

TEST_CASE("text that is not JSON is refused with a syntax error, not a crash") {
    const auto error = read_failing("{\"consumer\": ");
    CHECK(error.json_path.empty());
    CHECK(error.message.find("not valid JSON") != std::string::npos);
    CHECK_FALSE(pact::read_pact(std::string("[1, 2]"), "list.json").has_value());
}

TEST_CASE("a number too large for a double is refused as invalid JSON, not thrown") {
    const auto error = read_failing(R"({"consumer": {"name": "c"}, "provider": {"name": "p"}, "interactions": [], "x": 1e999})");
    CHECK(error.message.find("not valid JSON") != std::string::npos);
}

TEST_CASE("an invalid regular expression in a matching rule is refused where it stands") {
    const auto error = read_failing(R"({"consumer": {"name": "c"}, "provider": {"name": "p"},
      "interactions": [{"description": "d", "request": {"method": "GET", "path": "/"},
        "response": {"status": 200, "matchingRules": {"body": {"$.a": {"matchers": [{"match": "regex", "regex": "(("}]}}}}}]})");
    CHECK(error.json_path == "$.interactions[0].response.matchingRules.body");
    CHECK(error.message.find("invalid regular expression") != std::string::npos);
}

TEST_CASE("every upstream pact reads") {
    const std::filesystem::path folder = std::filesystem::path(PACT_SHARED_DIR) / "upstream-pacts";
    int files = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(folder)) {
        if (entry.path().extension() != ".json") continue;
        ++files;
        const auto document = pact::read_pact_file(entry.path());
        CHECK_MESSAGE(document.has_value(), (document ? std::string() : document.error().to_string()));
    }
    CHECK(files >= 24);
}

TEST_CASE("the pact schemas refuse an interaction without a description and a v4 interaction of an unknown type") {
    const auto missing = read_failing(R"({"consumer": {"name": "c"}, "provider": {"name": "p"},
      "interactions": [{"request": {"method": "GET", "path": "/"}, "response": {"status": 200}}]})");
    CHECK(missing.json_path == "$.interactions[0].description");
    CHECK(missing.message.find("required") != std::string::npos);
    const auto unknown = read_failing(R"({"consumer": {"name": "c"}, "provider": {"name": "p"},
      "interactions": [{"type": "Carrier/Pigeon", "description": "d"}], "metadata": {"pactSpecification": {"version": "4.0"}}})");
    CHECK(unknown.json_path == "$.interactions[0].type");
    const auto nameless = read_failing(R"({"consumer": {}, "provider": {"name": "p"}, "interactions": []})");
    CHECK(nameless.json_path == "$.consumer.name");
}

namespace {

// A pact of `count` order interactions with equal rules, in the given version's form, metadata first or last.
std::string order_pact(std::size_t count, std::string_view version, bool metadata_first, std::string_view odd_interaction = {}) {
    const std::string metadata = R"("metadata": {"pactSpecification": {"version": ")" + std::string(version) + R"("}})";
    const bool v2 = version.starts_with("2");
    std::string text = R"({"consumer": {"name": "payment-service"}, "provider": {"name": "order-service"}, )";
    if (metadata_first) text += metadata + ", ";
    text += R"("interactions": [)";
    for (std::size_t position = 0; position < count; ++position) {
        if (position > 0) text += ",";
        if (position == count - 3 && !odd_interaction.empty()) {
            text += odd_interaction;
            continue;
        }
        const auto id = std::to_string(position);
        const std::string rules = v2 ? R"({"$.body.total_amount": {"match": "type"}, "$.body.status": {"match": "regex", "regex": "^(pending|paid)$"}})"
                                     : R"({"body": {"$.total_amount": {"matchers": [{"match": "integer"}]}, "$.status": {"matchers": [{"match": "regex", "regex": "^(pending|paid)$"}]}}})";
        text += R"({"description": "order )" + id + R"(", "providerState": "order )" + id + R"( exists",
          "request": {"method": "GET", "path": "/orders/)" + id + R"(", "query": )" + (v2 ? R"("expand=items")" : R"({"expand": ["items"]})") + R"(},
          "response": {"status": 200, "headers": {"Content-Type": "application/json"},
                       "body": {"id": )" + id + R"(, "total_amount": 4200, "status": "paid", "items": [{"sku": "A-1"}]},
                       "matchingRules": )" + rules + "}}";
    }
    text += "]";
    if (!metadata_first) text += ", " + metadata;
    return text + "}";
}

// What a reading gives, in a form to compare: the pact written out again in its own version.
std::string written(const pact::pact_document& document) { return pact::write_pact(document, document.version).dump(); }

}  // namespace

TEST_CASE("reading a pact's text as it is parsed gives what reading its parsed document gives") {
    std::vector<std::string> texts;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(std::filesystem::path(PACT_SHARED_DIR) / "upstream-pacts")) {
        if (entry.path().extension() != ".json") continue;
        std::ifstream stream(entry.path(), std::ios::binary);
        texts.emplace_back(std::istreambuf_iterator<char>(stream), std::istreambuf_iterator<char>());
    }
    // Long ones in every version's form, the version known before or after the list.
    for (const auto* version : {"1.0.0", "2.0.0", "3.0.0", "4.0"}) {
        texts.push_back(order_pact(600, version, true));
        texts.push_back(order_pact(600, version, false));
    }
    for (auto& text : texts) {
        if (text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);
        const auto streamed = pact::read_pact(text, "text");
        const auto whole = pact::read_pact(nlohmann::json::parse(text), "whole");
        REQUIRE_MESSAGE(whole.has_value(), whole.error().to_string());
        REQUIRE_MESSAGE(streamed.has_value(), streamed.error().to_string());
        CHECK(streamed->version == whole->version);
        CHECK(streamed->interactions.size() == whole->interactions.size());
        CHECK(written(*streamed) == written(*whole));
    }
}

TEST_CASE("a problem late in a long pact is reported where it stands, as reading the whole document reports it") {
    const std::string not_a_status = R"({"description": "odd", "request": {"method": "GET", "path": "/"}, "response": {"status": "200"}})";
    const std::string bad_regex = R"({"description": "odd", "request": {"method": "GET", "path": "/"},
      "response": {"status": 200, "matchingRules": {"body": {"$.a": {"matchers": [{"match": "regex", "regex": "(("}]}}}}})";
    const auto violation = read_failing(order_pact(600, "3.0.0", false, not_a_status));
    CHECK(violation.json_path == "$.interactions[597].response.status");
    const auto unreadable = read_failing(order_pact(600, "3.0.0", false, bad_regex));
    CHECK(unreadable.json_path == "$.interactions[597].response.matchingRules.body");
    CHECK(unreadable.message.find("invalid regular expression") != std::string::npos);
}

namespace {

// The error reading the text gives, checked against the one reading its parsed document gives.
pact::read_error same_error_both_ways(std::string_view text) {
    const auto error = read_failing(text);
    const auto from_document = pact::read_pact(nlohmann::json::parse(text), "broken.json");
    REQUIRE_FALSE(from_document.has_value());
    CHECK(from_document.error().to_string() == error.to_string());
    return error;
}

}  // namespace

TEST_CASE("of several problems, the first in the whole document's order is reported, with the count of the others") {
    const std::string bad_interaction = R"({"description": "d", "request": {"method": "GET", "path": "/"}, "response": {"status": "200"}})";
    // Missing members first, then the members in key order: consumer, interactions, messages, metadata, provider.
    const auto missing = same_error_both_ways(R"({"interactions": [)" + bad_interaction + R"(], "consumer": {"name": "c"}})");
    CHECK(missing.json_path == "$.provider");
    CHECK(missing.message == "is required but missing (and 1 more problem(s))");
    const auto consumer = same_error_both_ways(R"({"interactions": [)" + bad_interaction + R"(], "consumer": {"name": 1}, "provider": {"name": "p"}})");
    CHECK(consumer.json_path == "$.consumer.name");
    const auto interaction = same_error_both_ways(R"({"provider": {"name": 2}, "consumer": {"name": "c"}, "interactions": [)" + bad_interaction + "," + bad_interaction + "]}");
    CHECK(interaction.json_path == "$.interactions[0].response.status");
    CHECK(interaction.message.ends_with(" (and 2 more problem(s))"));
    // The messages come before the interactions in the text; the interactions are checked first.
    const auto message_pact = same_error_both_ways(R"({"consumer": {"name": "c"}, "provider": {"name": "p"},
      "messages": [{"description": 3}], "interactions": [)" + bad_interaction + R"(], "metadata": {"pactSpecification": {"version": "3.0.0"}}})");
    CHECK(message_pact.json_path == "$.interactions[0].response.status");
    const auto message = same_error_both_ways(R"({"consumer": {"name": "c"}, "provider": {"name": "p"},
      "messages": [{"description": 3}], "metadata": {"pactSpecification": {"version": "3.0.0"}}})");
    CHECK(message.json_path == "$.messages[0].description");
}

TEST_CASE("a schema violation anywhere is reported before an interaction that cannot be read") {
    const auto error = same_error_both_ways(R"({"consumer": {"name": "c"},
      "interactions": [{"description": "d", "request": {"method": "GET", "path": "/"},
        "response": {"status": 200, "matchingRules": {"body": {"$.a": {"matchers": [{"match": "regex", "regex": "(("}]}}}}}],
      "provider": {"name": 5}})");
    CHECK(error.json_path == "$.provider.name");
    const auto list = same_error_both_ways(R"({"consumer": {"name": "c"}, "provider": {"name": "p"}, "interactions": {"a": 1}})");
    CHECK(list.json_path == "$.interactions");
    const auto messages = same_error_both_ways(R"({"consumer": {"name": "c"}, "provider": {"name": "p"}, "messages": "none",
      "metadata": {"pactSpecification": {"version": "2.0.0"}}})");
    CHECK(messages.json_path == "$.messages");
    CHECK(messages.message == "expected a list, found a string");
}

TEST_CASE("text only nlohmann's parser accepts is read as it reads it") {
    const auto twice = read_ok(R"({"consumer": {"name": "c"}, "provider": {"name": "p"},
      "interactions": [{"description": "first"}], "interactions": [{"description": "last"}, {"description": "last too"}]})");
    REQUIRE(twice.interactions.size() == 2);
    CHECK(twice.interactions.at(0).description == "last");
    const auto tiny = read_ok(R"({"consumer": {"name": "c"}, "provider": {"name": "p"},
      "interactions": [{"description": "d", "response": {"status": 200, "body": {"x": 1e-999}}}]})");
    CHECK(tiny.interactions.at(0).response.body.parsed == nlohmann::json{{"x", 0.0}});
}

TEST_CASE("interactions with equal matching rules share one reading of them, and a change to one copy stays in it") {
    const auto document = read_ok(order_pact(3, "3.0.0", false));
    const auto& first = document.interactions.at(0).response.rules;
    const auto& second = document.interactions.at(1).response.rules;
    CHECK(&first.categories() == &second.categories());
    REQUIRE(first.category("body") != nullptr);
    CHECK(first.category("body")->at("$.status").matchers.at(0).name == "regex");

    auto changed = first;
    changed.category_to_change("body").erase("$.status");
    CHECK(changed.category("body")->size() == 1);
    CHECK(first.category("body")->size() == 2);
    CHECK(&changed.categories() != &first.categories());
}
