#include "consumer/matchers.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using namespace pact::consumer;

namespace {

// The matchers rendered at a path, or an empty list.
std::vector<nlohmann::json> rules_at(const rendered_pattern& rendered, const std::string& path) {
    const auto found = std::ranges::find_if(rendered.rules, [&](const auto& entry) { return entry.first == path; });
    return found == rendered.rules.end() ? std::vector<nlohmann::json>{} : found->second;
}

}  // namespace

TEST_CASE("plain values render as the example with no rules") {
    const auto rendered = render(object({{"id", 7}, {"name", "Ada"}, {"tags", array({"a", "b"})}}));
    CHECK(rendered.example == nlohmann::json{{"id", 7}, {"name", "Ada"}, {"tags", {"a", "b"}}});
    CHECK(rendered.rules.empty());
}

TEST_CASE("value matchers stand at the JSON path of their place in the body") {
    const auto rendered = render(object({
        {"id", integer(7)},
        {"total_amount", integer(1299)},
        {"rate", decimal(0.2)},
        {"paid", boolean(true)},
        {"note", null()},
        {"currency", regex("^[A-Z]{3}$", "EUR")},
        {"created", datetime("yyyy-MM-dd'T'HH:mm:ss", "2024-05-01T10:00:00")},
        {"title", include("order")},
    }));
    CHECK(rendered.example["total_amount"] == 1299);
    CHECK(rendered.example["note"].is_null());
    CHECK(rules_at(rendered, "$.total_amount") == std::vector<nlohmann::json>{{{"match", "integer"}}});
    CHECK(rules_at(rendered, "$.rate") == std::vector<nlohmann::json>{{{"match", "decimal"}}});
    CHECK(rules_at(rendered, "$.paid") == std::vector<nlohmann::json>{{{"match", "boolean"}}});
    CHECK(rules_at(rendered, "$.note") == std::vector<nlohmann::json>{{{"match", "null"}}});
    CHECK(rules_at(rendered, "$.currency") ==
          std::vector<nlohmann::json>{{{"match", "regex"}, {"regex", "^[A-Z]{3}$"}}});
    CHECK(rules_at(rendered, "$.created") ==
          std::vector<nlohmann::json>{{{"match", "datetime"}, {"format", "yyyy-MM-dd'T'HH:mm:ss"}}});
    CHECK(rules_at(rendered, "$.title") == std::vector<nlohmann::json>{{{"match", "include"}, {"value", "order"}}});
}

TEST_CASE("each_like repeats its example min times and puts the item's rules below [*]") {
    const auto rendered = render(object({{"items", each_like(object({{"sku", like("A-1")}, {"count", 2}}), 2)}}));
    CHECK(rendered.example["items"].size() == 2);
    CHECK(rendered.example["items"][1] == nlohmann::json{{"sku", "A-1"}, {"count", 2}});
    CHECK(rules_at(rendered, "$.items") == std::vector<nlohmann::json>{{{"match", "type"}, {"min", 2}}});
    CHECK(rules_at(rendered, "$.items[*].sku") == std::vector<nlohmann::json>{{{"match", "type"}}});
    CHECK(rules_at(rendered, "$.items[*].count").empty());
}

TEST_CASE("matchers nested in one place combine at the same path") {
    const auto rendered = render(like(integer(3)));
    CHECK(rules_at(rendered, "$") == std::vector<nlohmann::json>{{{"match", "type"}}, {{"match", "integer"}}});
}

TEST_CASE("names that are not plain identifiers are written in brackets") {
    const auto rendered = render(object({{"total amount", integer(1)}, {"it's", like("x")}}));
    CHECK(rules_at(rendered, "$['total amount']").size() == 1);
    CHECK(rules_at(rendered, "$[\"it's\"]").size() == 1);
}

TEST_CASE("each_key and each_value carry the rules of the matcher they are given") {
    const auto rendered = render(object({{"prices", each_value(object({{"EUR", 10}}), integer(10))},
                                         {"labels", each_key(object({{"en", "Order"}}), regex("^[a-z]{2}$", "en"))}}));
    const auto each_value_rules = rules_at(rendered, "$.prices");
    REQUIRE(each_value_rules.size() == 1);
    CHECK(each_value_rules[0]["match"] == "eachValue");
    CHECK(each_value_rules[0]["rules"] == nlohmann::json::array({{{"match", "integer"}}}));
    const auto each_key_rules = rules_at(rendered, "$.labels");
    REQUIRE(each_key_rules.size() == 1);
    CHECK(each_key_rules[0]["match"] == "eachKey");
    CHECK(each_key_rules[0]["rules"][0]["regex"] == "^[a-z]{2}$");
    CHECK(rendered.example["labels"] == nlohmann::json{{"en", "Order"}});
    CHECK_THROWS_AS((void)each_key(object({{"en", "x"}}), "plain"), std::invalid_argument);
}

TEST_CASE("array_contains lists each variant with its own rules, relative to the item") {
    const auto rendered =
        render(array_contains({object({{"kind", "card"}, {"amount", integer(5)}}), object({{"kind", "voucher"}})}));
    CHECK(rendered.example.size() == 2);
    const auto rules = rules_at(rendered, "$");
    REQUIRE(rules.size() == 1);
    CHECK(rules[0]["match"] == "arrayContains");
    CHECK(rules[0]["variants"][0]["index"] == 0);
    CHECK(rules[0]["variants"][0]["rules"]["$.amount"]["matchers"] == nlohmann::json::array({{{"match", "integer"}}}));
    CHECK(rules[0]["variants"][1]["rules"].empty());
    CHECK(rules_at(rendered, "$[0].amount").empty());
}

TEST_CASE("from_provider_state adds a ProviderState generator beside a type rule") {
    const auto rendered = render(object({{"id", from_provider_state("${orderId}", 7)}}));
    REQUIRE(rendered.generators.size() == 1);
    CHECK(rendered.generators[0].first == "$.id");
    CHECK(rendered.generators[0].second["type"] == "ProviderState");
    CHECK(rendered.generators[0].second["expression"] == "${orderId}");
    CHECK(rules_at(rendered, "$.id") == std::vector<nlohmann::json>{{{"match", "type"}}});
}
