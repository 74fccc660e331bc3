#include "pact/date_format.hpp"
#include "pact/value_matchers.hpp"

#include <doctest/doctest.h>

namespace {

pact::matcher make(const nlohmann::json& definition) {
    auto made = pact::make_matcher(definition);
    if (!made) FAIL(made.error());
    return *made;
}

bool passes(const nlohmann::json& definition, const nlohmann::json& expected, const nlohmann::json& actual,
            pact::value_kind kind = pact::value_kind::json) {
    return !pact::check_value(make(definition), expected, actual, kind).has_value();
}

}  // namespace

TEST_CASE("the equality matcher needs the same value") {
    CHECK(passes({{"match", "equality"}}, "a", "a"));
    CHECK_FALSE(passes({{"match", "equality"}}, "a", "b"));
}

TEST_CASE("the type matcher accepts any value of the same JSON type") {
    CHECK(passes({{"match", "type"}}, "Mary", "Harry"));
    CHECK(passes({{"match", "type"}}, 4, 5.5));
    CHECK_FALSE(passes({{"match", "type"}}, 4, "4"));
    CHECK_FALSE(passes({{"match", "type"}}, nlohmann::json::object(), nlohmann::json::array()));
}

TEST_CASE("min and max of a type matcher bound the length of a list") {
    const auto rule = make({{"match", "type"}, {"min", 2}, {"max", 3}});
    CHECK(pact::check_length(rule, {1, 2}) == std::nullopt);
    CHECK(pact::check_length(rule, {1}).has_value());
    CHECK(pact::check_length(rule, {1, 2, 3, 4}).has_value());
    CHECK(pact::make_matcher({{"min", 1}})->name == "type");  // the v2 form without "match"
}

TEST_CASE("the regex matcher must match the whole value") {
    CHECK(passes({{"match", "regex"}, {"regex", "\\d+"}}, "1", "123"));
    CHECK_FALSE(passes({{"match", "regex"}, {"regex", "\\d+"}}, "1", "12a"));
    CHECK(passes({{"match", "regex"}, {"regex", "\\d+"}}, 1, 42));  // numbers are matched as their text
    CHECK_FALSE(pact::make_matcher({{"match", "regex"}, {"regex", "(("}}).has_value());
}

TEST_CASE("integer, decimal and number matchers check the kind of number") {
    CHECK(passes({{"match", "integer"}}, 1, 42));
    CHECK_FALSE(passes({{"match", "integer"}}, 1, 4.5));
    CHECK_FALSE(passes({{"match", "integer"}}, 1, "42"));
    CHECK(passes({{"match", "integer"}}, "1", "42", pact::value_kind::text));
    CHECK(passes({{"match", "decimal"}}, 1.5, 2.25));
    CHECK_FALSE(passes({{"match", "decimal"}}, 1.5, 2));
    CHECK(passes({{"match", "decimal"}}, "1.5", "2.25", pact::value_kind::text));
    CHECK(passes({{"match", "number"}}, 1, 2.5));
    CHECK_FALSE(passes({{"match", "number"}}, 1, "x"));
}

TEST_CASE("boolean and null matchers") {
    CHECK(passes({{"match", "boolean"}}, true, false));
    CHECK(passes({{"match", "boolean"}}, "true", "false", pact::value_kind::text));
    CHECK_FALSE(passes({{"match", "boolean"}}, true, 1));
    CHECK(passes({{"match", "null"}}, nullptr, nullptr));
    CHECK_FALSE(passes({{"match", "null"}}, nullptr, 0));
}

TEST_CASE("the include matcher looks for its value inside the text") {
    CHECK(passes({{"match", "include"}, {"value", "gator"}}, "", "alligator"));
    CHECK_FALSE(passes({{"match", "include"}, {"value", "hippo"}}, "", "alligator"));
}

TEST_CASE("date, time and datetime matchers take Java-style formats") {
    CHECK(passes({{"match", "date"}, {"format", "yyyy-MM-dd"}}, "", "2024-02-29"));
    CHECK_FALSE(passes({{"match", "date"}, {"format", "yyyy-MM-dd"}}, "", "2023-02-29"));
    CHECK_FALSE(passes({{"match", "date"}, {"format", "yyyy-MM-dd"}}, "", "2023-13-01"));
    CHECK(passes({{"match", "time"}, {"format", "HH:mm:ss"}}, "", "23:59:01"));
    CHECK_FALSE(passes({{"match", "time"}, {"format", "HH:mm:ss"}}, "", "24:61:00"));
    CHECK(passes({{"match", "datetime"}, {"format", "yyyy-MM-dd'T'HH:mm:ss"}}, "", "2015-06-10T20:41:37"));
    CHECK(passes({{"match", "timestamp"}, {"timestamp", "yyyy-MM-dd HH:mm:ss.SSSX"}}, "", "2015-06-10 20:41:37.123Z"));
    CHECK(passes({{"match", "datetime"}, {"format", "EEE, dd MMM yyyy HH:mm:ss z"}}, "", "Wed, 10 Jun 2015 20:41:37 GMT"));
    CHECK(passes({{"match", "datetime"}}, "", "2015-06-10T20:41:37+01:00"));
    CHECK_FALSE(passes({{"match", "datetime"}}, "", "yesterday"));
    CHECK_FALSE(pact::make_matcher({{"match", "date"}, {"format", "yyyy-bb"}}).has_value());
}

TEST_CASE("a date format prints the instant it is given") {
    const auto format = pact::date_format::compile("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
    REQUIRE(format.has_value());
    const auto instant = std::chrono::sys_days{std::chrono::year{2024} / 3 / 5} + std::chrono::hours{7} + std::chrono::minutes{8} +
                         std::chrono::seconds{9} + std::chrono::milliseconds{10};
    CHECK(format->format(instant) == "2024-03-05T07:08:09.010Z");
    CHECK(format->matches(format->format(instant)));
}

TEST_CASE("notEmpty, semver and statusCode matchers") {
    CHECK(passes({{"match", "notEmpty"}}, "", "x"));
    CHECK_FALSE(passes({{"match", "notEmpty"}}, "", ""));
    CHECK_FALSE(passes({{"match", "notEmpty"}}, "", nlohmann::json::array()));
    CHECK(passes({{"match", "semver"}}, "", "1.2.3-beta.1+build"));
    CHECK_FALSE(passes({{"match", "semver"}}, "", "1.2"));
    CHECK(passes({{"match", "statusCode"}, {"status", "success"}}, 200, 204));
    CHECK_FALSE(passes({{"match", "statusCode"}, {"status", "success"}}, 200, 404));
    CHECK(passes({{"match", "statusCode"}, {"status", {200, 201}}}, 200, 201));
}

TEST_CASE("combine OR passes when any matcher passes, AND needs all") {
    auto any = pact::make_rule_list({{"matchers", {{{"match", "integer"}}, {{"match", "null"}}}}, {"combine", "OR"}}, "$.a");
    REQUIRE(any.has_value());
    CHECK(pact::check_rules(*any, 1, nullptr, pact::value_kind::json).empty());
    CHECK_FALSE(pact::check_rules(*any, 1, "x", pact::value_kind::json).empty());
    auto all = pact::make_rule_list({{"matchers", {{{"match", "type"}}, {{"match", "regex"}, {"regex", "a.*"}}}}, {"combine", "AND"}}, "$.a");
    REQUIRE(all.has_value());
    CHECK(pact::check_rules(*all, "a", "abc", pact::value_kind::json).empty());
    CHECK(pact::check_rules(*all, "a", "bc", pact::value_kind::json).size() == 1);
}

TEST_CASE("an unknown matcher is refused by name") {
    const auto made = pact::make_matcher({{"match", "sparkles"}});
    REQUIRE_FALSE(made.has_value());
    CHECK(made.error().find("sparkles") != std::string::npos);
}
