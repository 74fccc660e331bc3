#include "pact/json_text.hpp"

#include <doctest/doctest.h>

#include <array>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace {

// parse_json must give exactly what nlohmann::json::parse gives: values, number kinds and errors.
void check_same_as_nlohmann(const std::string& text) {
    CAPTURE(text);
    const auto reference = nlohmann::json::parse(text, nullptr, false);
    const auto parsed = pact::parse_json_if_valid(text);
    if (reference.is_discarded()) {
        CHECK_FALSE(parsed.has_value());
        CHECK_THROWS_AS((void)pact::parse_json(text), nlohmann::json::exception);
        return;
    }
    REQUIRE(parsed.has_value());
    CHECK(*parsed == reference);
    CHECK(parsed->dump() == reference.dump());
    CHECK(pact::parse_json(text).dump() == reference.dump());
}

}  // namespace

TEST_CASE("fast JSON parsing gives nlohmann's values, number kinds and rejections") {
    const std::string long_string = "{\"k\": \"" + std::string(100000, 'x') + "\"}";
    for (const std::string& text : std::initializer_list<std::string>{
             R"({"a": 1, "b": [true, false, null], "c": {"d": "e"}})", "[]", "{}", "0", "-0", "-1", "1.5", "1e2",
             "-1.25e-3", "18446744073709551615", "18446744073709551616", "9223372036854775807",
             "-9223372036854775808", "-9223372036854775809", "0.1", "1e-400", "1e999", "3.141592653589793238462643",
             R"("a\"b\\c\/d\b\f\n\r\t\u00e9\ud83d\ude00")", "\"caf\xC3\xA9\"", "\"\xC3\"", "\"\xFF\"",
             R"("\ud800")", R"("\udc00x")", R"({"a": 1, "a": 2})", "[1, 2,]", "{\"a\" 1}", "", "   ", "nul",
             "[1] x", " [1] \n", "\xEF\xBB\xBF{\"bom\": true}", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
             "01", "1.", ".5", "+1", "\"tab\there\"", "// comment\n1", long_string,
         }) {
        check_same_as_nlohmann(text);
    }
    CHECK(pact::parse_json("5").is_number_unsigned());
    CHECK(pact::parse_json("-5").is_number_integer());
    CHECK(pact::parse_json("5.0").is_number_float());
}

TEST_CASE("fast JSON parsing reads every upstream pact as nlohmann does") {
    std::size_t files = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(PACT_SHARED_DIR)) {
        if (!entry.is_regular_file() || entry.path().extension() != ".json") continue;
        std::ifstream stream(entry.path(), std::ios::binary);
        std::ostringstream content;
        content << stream.rdbuf();
        check_same_as_nlohmann(content.str());
        ++files;
    }
    CHECK(files > 100);
}

namespace {

constexpr std::array<std::string_view, 2> streamed_lists{"interactions", "messages"};

struct handed_out {
    std::string list;
    std::size_t position;
    nlohmann::json element;
};

}  // namespace

TEST_CASE("a streamed list's elements are handed out in order and the document keeps the list empty") {
    std::vector<handed_out> elements;
    const auto document = pact::parse_json_streaming(
        R"({"consumer": {"interactions": [9]}, "interactions": [{"a": [1, {"b": 2}]}, 3, [4], null],
            "messages": [], "other": [{"c": 5}]})",
        streamed_lists, [&](std::string_view list, std::size_t position, nlohmann::json&& element) {
            elements.push_back({std::string(list), position, std::move(element)});
        });
    REQUIRE(document.has_value());
    CHECK(*document == nlohmann::json::parse(R"({"consumer": {"interactions": [9]}, "interactions": [], "messages": [],
                                                 "other": [{"c": 5}]})"));
    REQUIRE(elements.size() == 4);
    CHECK(elements[0].element == nlohmann::json::parse(R"({"a": [1, {"b": 2}]})"));
    CHECK(elements[1].element == 3);
    CHECK(elements[2].element == nlohmann::json::array({4}));
    CHECK(elements[3].element.is_null());
    for (std::size_t position = 0; position < elements.size(); ++position) {
        CHECK(elements[position].list == "interactions");
        CHECK(elements[position].position == position);
    }
}

TEST_CASE("skimming a document counts its lists' elements and hands out only their own keys") {
    std::vector<std::string> keys;
    std::array<std::size_t, 2> counts{};
    const auto document = pact::parse_json_skimming(
        R"({"interactions": [{"type": "x", "request": {"deep": 1}}, 2, {"description": "d"}], "metadata": {"v": [1e2]},
            "messages": [[{"inner": true}]]})",
        streamed_lists,
        [&](std::string_view list, std::size_t position, std::string_view key) {
            keys.push_back(std::string(list) + "[" + std::to_string(position) + "]." + std::string(key));
        },
        counts);
    REQUIRE(document.has_value());
    CHECK(*document == nlohmann::json::parse(R"({"interactions": [], "messages": [], "metadata": {"v": [100.0]}})"));
    CHECK(keys == std::vector<std::string>{"interactions[0].type", "interactions[0].request", "interactions[2].description"});
    CHECK(counts == std::array<std::size_t, 2>{3, 1});
}

TEST_CASE("a streamed or skimmed document that is not JSON, or names a list twice, is left to parse_json") {
    const pact::list_element_handler ignore_element = [](std::string_view, std::size_t, nlohmann::json&&) {};
    const pact::list_element_key_handler ignore_key = [](std::string_view, std::size_t, std::string_view) {};
    std::array<std::size_t, 2> counts{};
    for (const std::string_view text : {R"({"interactions": [1], "interactions": [2]})", R"({"interactions": [1e999]})",
                                        R"({"interactions": [1,]})", R"({"interactions": [)"}) {
        CAPTURE(text);
        CHECK_FALSE(pact::parse_json_streaming(text, streamed_lists, ignore_element).has_value());
        CHECK_FALSE(pact::parse_json_skimming(text, streamed_lists, ignore_key, counts).has_value());
    }
}
