// Hostile JSON found before parsing: nesting, duplicate keys, numbers out of range, ill-formed UTF-8.

#include "broker/domain/json_checks.hpp"

#include <doctest/doctest.h>

#include <string>

using pact::broker::domain::find_json_problem;

TEST_CASE("ordinary JSON, pacts included, has no problem") {
    CHECK_FALSE(find_json_problem(R"({"consumer": {"name": "c"}, "interactions": [{"a": [1, 2.5, -3, true, null, "x"]}]})"));
    CHECK_FALSE(find_json_problem("[]"));
    CHECK_FALSE(find_json_problem(R"({"same": 1, "nested": {"same": 2}, "list": [{"same": 3}, {"same": 4}]})"));
    CHECK_FALSE(find_json_problem(R"({"emoji": "\ud83d\ude00 ü"})"));
}

TEST_CASE("nesting deeper than the limit is named with where it happens") {
    const std::string at_limit = std::string(100, '[') + std::string(100, ']');
    CHECK_FALSE(find_json_problem(at_limit));
    const std::string too_deep = std::string(101, '[') + std::string(101, ']');
    const auto problem = find_json_problem(too_deep);
    REQUIRE(problem);
    CHECK(problem->find("nested deeper than 100 levels") != std::string::npos);
    // A million levels is refused at once, without recursion.
    CHECK(find_json_problem(std::string(1'000'000, '[')));
    const auto in_objects = find_json_problem(R"({"a": {"b": [{"c": {}}]}})", 3);
    REQUIRE(in_objects);
    CHECK(in_objects->find("at $.a.b[0]") != std::string::npos);
}

TEST_CASE("a duplicate key is refused with its name and the object's path") {
    const auto problem = find_json_problem(R"({"consumer": {"name": "a", "name": "b"}})");
    REQUIRE(problem);
    CHECK(*problem == R"(duplicate key "name" in the object at $.consumer)");
    const auto in_array = find_json_problem(R"({"list": [{"x": 1}, {"y": 1, "y": 2}]})");
    REQUIRE(in_array);
    CHECK(in_array->find("at $.list[1]") != std::string::npos);
}

TEST_CASE("numbers out of double range, ill-formed UTF-8 and syntax errors are named") {
    const auto huge = find_json_problem(R"({"n": 1e999})");
    REQUIRE(huge);
    CHECK(huge->find("not valid JSON") != std::string::npos);
    CHECK(huge->find("1e999") != std::string::npos);
    CHECK(find_json_problem("{\"name\": \"\xff\xfe\"}"));
    CHECK(find_json_problem("{\"name\": \"\xc3\"}"));
    CHECK(find_json_problem(R"({"a": 1)"));
    CHECK(find_json_problem(R"({"a": 1} trailing)"));
    CHECK(find_json_problem(""));
    // Integers beyond 64 bits are still numbers (read as doubles), not errors.
    CHECK_FALSE(find_json_problem(R"({"n": 123456789012345678901234567890})"));
}

TEST_CASE("well-formed UTF-8 is told apart from stray, truncated, overlong and surrogate bytes") {
    using pact::broker::domain::is_well_formed_utf8;
    CHECK(is_well_formed_utf8("plain ascii"));
    CHECK(is_well_formed_utf8("Zürich 東京 😀"));
    CHECK_FALSE(is_well_formed_utf8("\xff"));
    CHECK_FALSE(is_well_formed_utf8("\x80"));
    CHECK_FALSE(is_well_formed_utf8("\xc3"));
    CHECK_FALSE(is_well_formed_utf8("\xc0\xaf"));      // overlong '/'
    CHECK_FALSE(is_well_formed_utf8("\xed\xa0\x80"));  // a surrogate
    CHECK_FALSE(is_well_formed_utf8("\xf4\x90\x80\x80"));  // past U+10FFFF
}

TEST_CASE("well-formed UTF-8 is told from stray, overlong, surrogate and truncated sequences") {
    using pact::broker::domain::is_well_formed_utf8;
    CHECK(is_well_formed_utf8("plain ascii"));
    CHECK(is_well_formed_utf8("Zürich \xe2\x82\xac \xf0\x9f\x98\x80"));
    CHECK_FALSE(is_well_formed_utf8("\xff"));
    CHECK_FALSE(is_well_formed_utf8("\x80"));              // a continuation byte alone
    CHECK_FALSE(is_well_formed_utf8("\xc0\xaf"));          // overlong '/'
    CHECK_FALSE(is_well_formed_utf8("\xed\xa0\x80"));      // a UTF-16 surrogate
    CHECK_FALSE(is_well_formed_utf8("\xf4\x90\x80\x80"));  // past U+10FFFF
    CHECK_FALSE(is_well_formed_utf8("Bad\xc3"));           // cut short
}
