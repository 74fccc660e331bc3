// The diff between two versions of a pact: per interaction, which expectation each change affects.

#include "browse_test_data.hpp"
#include "broker/domain/pact_diff.hpp"
#include "broker/html/pact_diff_page.hpp"
#include "broker/api/representations.hpp"
#include "pact/pact_reader.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using namespace pact::broker;
using namespace pact::broker::domain;
using namespace pact::broker::testing;

namespace {

pact::pact_document read(const nlohmann::json& content) {
    auto document = pact::read_pact(content, "test");
    REQUIRE(document.has_value());
    return *document;
}

const pact_change* change_at(const interaction_diff& interaction, const std::string& place) {
    auto found = std::ranges::find_if(interaction.changes, [&](const pact_change& change) { return change.place == place; });
    return found == interaction.changes.end() ? nullptr : &*found;
}

}  // namespace

TEST_CASE("a new relied-on response field is a breaking change, a dropped one frees the provider") {
    auto diff = diff_pacts(read(read_test_pact("order-pact-1.0.0.json")), read(read_test_pact("order-pact-1.1.0.json")));
    CHECK(diff.breaking());
    REQUIRE(diff.interactions.size() == 2);
    const auto& order = diff.interactions[0];
    CHECK(order.description == "a request for order 1 (given order 1 exists)");
    CHECK(order.what == interaction_diff::status::changed);

    const auto* reference = change_at(order, "$.reference");
    REQUIRE(reference != nullptr);
    CHECK(reference->impact == change_impact::breaking);
    CHECK(reference->after == "matches ^\\d+$ (example \"42\")");
    CHECK(reference->effect.find("the consumer now relies on $.reference") != std::string::npos);

    const auto* status = change_at(order, "$.status");
    REQUIRE(status != nullptr);
    CHECK(status->impact == change_impact::relaxed);
    CHECK(status->before == "equal to \"paid\"");
    CHECK(status->effect.find("no longer relies on $.status") != std::string::npos);

    CHECK(change_at(order, "$.total_amount") == nullptr);  // unchanged

    const auto& unknown_order = diff.interactions[1];
    CHECK(unknown_order.what == interaction_diff::status::added);
    CHECK(unknown_order.changes.front().impact == change_impact::breaking);
}

TEST_CASE("a removed interaction and a loosened rule are not breaking") {
    auto before = read_test_pact("order-pact-1.1.0.json");
    auto after = before;
    after["interactions"].erase(1);
    after["interactions"][0]["response"]["matchingRules"]["header"]["Content-Type"] = {{"matchers", {{{"match", "regex"}, {"regex", "application/json.*"}}}}};
    after["interactions"][0]["response"]["body"]["total_amount"] = 99;  // only the example: the integer rule still decides
    auto diff = diff_pacts(read(before), read(after));
    CHECK_FALSE(diff.breaking());
    REQUIRE(diff.interactions.size() == 2);
    const auto* amount = change_at(diff.interactions[0], "$.total_amount");
    REQUIRE(amount != nullptr);
    CHECK(amount->impact == change_impact::neutral);
    const auto* content_type = change_at(diff.interactions[0], "header Content-Type");
    REQUIRE(content_type != nullptr);
    CHECK(content_type->impact == change_impact::relaxed);
    CHECK(content_type->after == "matches application/json.* (example \"application/json\")");
    CHECK(diff.interactions[1].what == interaction_diff::status::removed);
}

TEST_CASE("a rule turned into an exact value is a stricter expectation") {
    auto before = read_test_pact("order-pact-1.0.0.json");
    auto after = before;
    after["interactions"][0]["response"]["matchingRules"]["body"].erase("$.total_amount");
    auto diff = diff_pacts(read(before), read(after));
    REQUIRE(diff.interactions.size() == 1);
    const auto* amount = change_at(diff.interactions[0], "$.total_amount");
    REQUIRE(amount != nullptr);
    CHECK(amount->impact == change_impact::breaking);
    CHECK(amount->before == "any integer (example 4200)");
    CHECK(amount->after == "equal to 4200");
}

TEST_CASE("a changed request is breaking and identical pacts have no changes") {
    auto before = read_test_pact("order-pact-1.0.0.json");
    auto after = before;
    after["interactions"][0]["request"]["path"] = "/v2/orders/1";
    auto diff = diff_pacts(read(before), read(after));
    REQUIRE(diff.interactions.size() == 1);
    CHECK(diff.interactions[0].changes.front().place == "request");
    CHECK(diff.breaking());

    auto same = diff_pacts(read(before), read(before));
    CHECK(same.interactions.empty());
    CHECK(same.unchanged == 1);
}

TEST_CASE("the diff page and its JSON say which expectations changed") {
    auto previous = order_publication("1.0.0", read_test_pact("order-pact-1.0.0.json"));
    auto current = order_publication("1.1.0", read_test_pact("order-pact-1.1.0.json"));
    auto diff = diff_pacts(read(previous.content), read(current.content));
    auto page = pact::broker::html::render_diff_page(current, previous, diff, pact::broker::html::page_links("http://broker.test"));
    CHECK(page.find("compared with the previous distinct version") != std::string::npos);
    CHECK(page.find("data-impact=\"breaking\"><code>$.reference</code>") != std::string::npos);
    CHECK(page.find("data-impact=\"relaxed\"><code>$.status</code>") != std::string::npos);
    auto json = pact::broker::api::pact_diff_json(diff);
    CHECK(json["breaking"] == true);
    CHECK(json["interactions"][0]["changes"].size() >= 2);

    auto first = pact::broker::html::render_diff_page(previous, std::nullopt, std::nullopt, pact::broker::html::page_links("http://broker.test"));
    CHECK(first.find("is the first version of this pact") != std::string::npos);
}
