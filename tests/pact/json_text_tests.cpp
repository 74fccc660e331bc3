#include "pact/json_text.hpp"

#include <doctest/doctest.h>

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
