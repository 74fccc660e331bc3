#include "verifier/state_change.hpp"

#include <doctest/doctest.h>

using namespace pact;
using namespace pact::verifier;

TEST_CASE("a state-change query is form-encoded and sorted by name, as the official verifier writes it") {
    const auto url = http::parse_url("http://127.0.0.1:9000/state");
    REQUIRE(url);
    const provider_state state{"a+b & c=d/\xC3\xA9?%",
                               {{"k y", "v+w&x"}, {"n", 1.5}, {"o", {{"p", {1, "two"}}}}, {"t", true}, {"z", nullptr}}};
    // What the official verifier 18.1.2 sent for this state.
    CHECK(state_change_query_target(*url, state, state_action::setup) ==
          "/state?action=setup&k+y=v%2Bw%26x&n=1.5&o=%7B%22p%22%3A%5B1%2C%22two%22%5D%7D"
          "&state=a%2Bb+%26+c%3Dd%2F%C3%A9%3F%25&t=true&z=null");
}

TEST_CASE("no provider states means one state-change call for the baseline state \"\" without params") {
    const auto calls = state_change_calls({});
    REQUIRE(calls.size() == 1);
    CHECK(calls[0].name.empty());
    CHECK(calls[0].params == nlohmann::json::object());
    CHECK(state_change_calls({{"a", {}}, {"b", {}}}).size() == 2);
}
