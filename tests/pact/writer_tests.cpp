#include "pact/pact_reader.hpp"
#include "pact/pact_writer.hpp"

#include <doctest/doctest.h>

#include <filesystem>

namespace {

constexpr std::string_view rich_pact = R"({"consumer": {"name": "c"}, "provider": {"name": "p"},
  "interactions": [
    {"type": "Synchronous/HTTP", "description": "h", "pending": true, "providerStates": [{"name": "s", "params": {"id": 1}}],
     "request": {"method": "POST", "path": "/orders/1", "query": {"q": ["a", "b"]}, "headers": {"Content-Type": ["application/json"]},
                 "body": {"contentType": "application/json", "encoded": false, "content": {"total": 5}},
                 "matchingRules": {"path": {"matchers": [{"match": "regex", "regex": "/orders/\\d+"}], "combine": "AND"},
                                   "body": {"$.total": {"matchers": [{"match": "integer"}, {"match": "type"}], "combine": "OR"}}},
                 "generators": {"path": {"type": "ProviderState", "expression": "/orders/${id}"}}},
     "response": {"status": 200, "body": {"contentType": "application/octet-stream", "encoded": "base64", "content": "AAEC"}}},
    {"type": "Asynchronous/Messages", "description": "m", "contents": {"contentType": "application/json", "encoded": false, "content": [1]},
     "metadata": {"topic": "t"}},
    {"type": "Synchronous/Messages", "description": "s", "request": {"contents": {"content": "q", "contentType": "text/plain", "encoded": false}},
     "response": [{"contents": {"content": "a", "contentType": "text/plain", "encoded": false}}]}],
  "metadata": {"pactSpecification": {"version": "4.0"}, "tool": {"name": "x"}}})";

nlohmann::json round_trip(const nlohmann::json& written) {
    auto again = pact::read_pact(written, "written");
    if (!again) FAIL(again.error().to_string());
    return pact::write_pact(*again, again->version);
}

}  // namespace

TEST_CASE("a v4 pact written and read again is the same pact") {
    const auto document = pact::read_pact(rich_pact, "rich.json");
    REQUIRE(document.has_value());
    const auto written = pact::write_pact(*document, pact::specification_version::v4);
    CHECK(written.at("metadata").at("pactSpecification").at("version") == "4.0");
    CHECK(written.at("metadata").at("tool").at("name") == "x");
    CHECK(written.at("interactions").at(0).at("request").at("generators").at("path").at("expression") == "/orders/${id}");
    CHECK(written.at("interactions").at(0).at("request").at("matchingRules").at("body").at("$.total").at("combine") == "OR");
    CHECK(written.at("interactions").at(0).at("response").at("body").at("encoded") == "base64");
    CHECK(round_trip(written) == written);
    const auto reread = pact::read_pact(written, "written");
    REQUIRE(reread.has_value());
    CHECK(reread->interactions.at(0).response.body.content == std::string("\0\1\2", 3));
}

TEST_CASE("a v3 pact puts messages beside the HTTP interactions and keeps the rules") {
    auto document = pact::read_pact(rich_pact, "rich.json");
    REQUIRE(document.has_value());
    document->interactions.pop_back();  // v3 cannot hold a synchronous message
    const auto written = pact::write_pact(*document, pact::specification_version::v3);
    CHECK(written.at("metadata").at("pactSpecification").at("version") == "3.0.0");
    CHECK(written.at("interactions").size() == 1);
    CHECK(written.at("messages").size() == 1);
    CHECK(written.at("interactions").at(0).at("request").at("body") == nlohmann::json{{"total", 5}});
    CHECK(written.at("interactions").at(0).at("request").at("query") == nlohmann::json{{"q", {"a", "b"}}});
    CHECK(round_trip(written) == written);
}

TEST_CASE("a v3 pact with a synchronous message is written as v4 rather than losing it") {
    const auto document = pact::read_pact(rich_pact, "rich.json");
    REQUIRE(document.has_value());
    CHECK(pact::write_pact(*document, pact::specification_version::v3).at("metadata").at("pactSpecification").at("version") == "4.0");
}

TEST_CASE("every upstream pact survives a write and a read as v4") {
    for (const auto& entry : std::filesystem::recursive_directory_iterator(std::filesystem::path(PACT_SHARED_DIR) / "upstream-pacts")) {
        if (entry.path().extension() != ".json") continue;
        const auto document = pact::read_pact_file(entry.path());
        REQUIRE(document.has_value());
        const auto written = pact::write_pact(*document, pact::specification_version::v4);
        CHECK_MESSAGE(round_trip(written) == written, entry.path().string());
    }
}
