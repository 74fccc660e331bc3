#include "verifier/verification.hpp"

#include "http/server.hpp"
#include "pact/pact_reader.hpp"

#include <doctest/doctest.h>

#include <mutex>

using namespace pact;
using namespace pact::verifier;

namespace {

// A v3 pact of `count` interactions GET /items/{i} answering {"id": i}; every third one needs a state
// ("state A" or "state B", alternating) and no state otherwise.
pact_document item_pact(int count, bool with_states) {
    nlohmann::json interactions = nlohmann::json::array();
    for (int index = 0; index < count; ++index) {
        nlohmann::json interaction = {
            {"description", "item " + std::to_string(index)},
            {"request", {{"method", "GET"}, {"path", "/items/" + std::to_string(index)}}},
            {"response", {{"status", 200}, {"headers", {{"Content-Type", "application/json"}}}, {"body", {{"id", index}}}}}};
        if (with_states && index % 3 == 0) {
            interaction["providerStates"] = {{{"name", index % 2 == 0 ? "state A" : "state B"}}};
        }
        interactions.push_back(interaction);
    }
    const nlohmann::json document = {{"consumer", {{"name", "consumer"}}},
                                     {"provider", {{"name", "provider"}}},
                                     {"interactions", interactions},
                                     {"metadata", {{"pactSpecification", {{"version", "3.0.0"}}}}}};
    auto read = read_pact(document, "items.json");
    REQUIRE(read);
    return std::move(*read);
}

// Answers /items/{i} with {"id": i} (or {"id": "wrong"} when told to), and records state changes and
// requests in the order they arrive: events as "setup NAME" / "teardown NAME" / the target, and each
// state-change call whole ("/state BODY" or "/state?QUERY ").
struct item_provider {
    bool wrong = false;
    std::string refused_state;  // its state changes are answered with 500
    std::mutex mutex;
    std::vector<std::string> events;
    std::vector<std::string> state_calls;
    http::server server{[this](http::request received) { return handle(std::move(received)); }, {}, 4};

    http::response handle(http::request received) {
        const std::string target(received.target());
        const bool state_change = target.starts_with("/state");
        {
            const std::lock_guard lock(mutex);
            if (state_change) {
                state_calls.push_back(target + " " + received.body());
                if (!received.body().empty()) {
                    const auto change = nlohmann::json::parse(received.body());
                    events.push_back(change["action"].get<std::string>() + " " + change["state"].get<std::string>());
                }
            } else {
                events.push_back(target);
            }
        }
        if (state_change) {
            const bool refused = !refused_state.empty() && received.body().find('"' + refused_state + '"') != std::string::npos;
            return http::make_response(received, refused ? 500 : 200, "application/json", "{}");
        }
        const nlohmann::json id = wrong ? nlohmann::json("wrong") : nlohmann::json(std::stoi(target.substr(7)));
        return http::make_response(received, 200, "application/json", nlohmann::json{{"id", id}}.dump());
    }

    [[nodiscard]] std::string state_change_url() const {
        return "http://127.0.0.1:" + std::to_string(server.port()) + "/state";
    }

    verification_options options(unsigned concurrency) {
        verification_options made;
        made.provider.host = "127.0.0.1";
        made.provider.port = server.port();
        made.concurrency = concurrency;
        return made;
    }
};

}  // namespace

TEST_CASE("results arrive in pact order although interactions run concurrently") {
    item_provider provider;
    std::vector<pact_to_verify> pacts;
    pacts.push_back({item_pact(60, false), "first.json", false});
    pacts.push_back({item_pact(20, false), "second.json", false});
    std::vector<std::string> heard;
    const auto report = verify(pacts, provider.options(8), [&](const pact_result& pact, const interaction_result& result) {
        heard.push_back(pact.source + " " + result.description);
    });
    CHECK(report.success());
    CHECK(report.interaction_count() == 80);
    REQUIRE(heard.size() == 80);
    CHECK(heard[0] == "first.json item 0");
    CHECK(heard[59] == "first.json item 59");
    CHECK(heard[60] == "second.json item 0");
    for (std::size_t index = 0; index < 60; ++index) CHECK(report.pacts[0].interactions[index].index == index);
}

TEST_CASE("a failing pending pact is reported but does not fail the verification") {
    item_provider provider;
    provider.wrong = true;
    std::vector<pact_to_verify> pacts;
    pacts.push_back({item_pact(3, false), "pending.json", true});
    const auto report = verify(pacts, provider.options(4));
    CHECK(report.failure_count() == 3);
    CHECK(report.pending_failure_count() == 3);
    CHECK(report.success());
    CHECK(report.pacts[0].interactions[0].pending);
    CHECK_FALSE(report.pacts[0].interactions[0].mismatches.empty());
}

TEST_CASE("a state setup or teardown never overlaps an interaction needing a different state") {
    item_provider provider;
    std::vector<pact_to_verify> pacts;
    pacts.push_back({item_pact(30, true), "states.json", false});
    auto options = provider.options(8);
    options.state_change_url = provider.state_change_url();
    options.state_change_teardown = true;
    const auto report = verify(pacts, options);
    CHECK(report.success());

    // Between "setup X" and "teardown X" only interactions needing X may be requested; X is "" for
    // the interactions without states, which are set up too.
    const std::lock_guard lock(provider.mutex);
    std::optional<std::string> current_state;
    std::vector<std::string> setups;
    for (const auto& event : provider.events) {
        if (event.starts_with("setup ")) {
            CHECK_FALSE(current_state);
            current_state = event.substr(6);
            setups.push_back(*current_state);
        } else if (event.starts_with("teardown ")) {
            CHECK(event.substr(9) == current_state);
            current_state.reset();
        } else {
            const int index = std::stoi(event.substr(7));
            const std::string needed = index % 3 != 0 ? "" : index % 2 == 0 ? "state A" : "state B";
            CHECK_MESSAGE(needed == current_state, event);
        }
    }
    CHECK(setups == std::vector<std::string>{"state A", "", "state B"});
}

TEST_CASE("every batch of interactions without states is preceded by the baseline state change") {
    item_provider provider;
    std::vector<pact_to_verify> pacts;
    auto pact = item_pact(4, false);
    pact.interactions[2].request.method = "POST";  // changes the provider: a batch of its own
    pacts.push_back({std::move(pact), "stateless.json", false});
    auto options = provider.options(8);
    options.state_change_url = provider.state_change_url();
    options.state_change_teardown = true;
    CHECK(verify(pacts, options).success());
    const std::lock_guard lock(provider.mutex);
    REQUIRE(provider.events.size() == 8);
    CHECK(provider.events[0] == "setup ");
    CHECK(provider.events[4] == "teardown ");
    CHECK(provider.events[5] == "setup ");
    CHECK(provider.events[6] == "/items/2");
    CHECK(provider.events[7] == "teardown ");
    CHECK(provider.state_calls[0] == R"(/state {"action":"setup","params":{},"state":""})");
}
namespace {

// Interactions without states, with one state, with two (one with params), and one changing the
// provider under a state: the pact the official verifier's state-change calls were recorded with.
pact_document mixed_states_pact() {
    const auto item = [](int id, nlohmann::json states, const char* method = "GET") {
        nlohmann::json made = {{"description", "item " + std::to_string(id)},
                               {"request", {{"method", method}, {"path", "/items/" + std::to_string(id)}}},
                               {"response", {{"status", 200}, {"body", {{"id", id}}}}}};
        if (!states.empty()) made["providerStates"] = std::move(states);
        return made;
    };
    const nlohmann::json s1 = {{"name", "s1"}};
    const nlohmann::json s1_with_params = {{"name", "s1"}, {"params", {{"x", 1}, {"y", "two"}}}};
    const nlohmann::json s2 = {{"name", "s2"}};
    const auto none = nlohmann::json::array();
    const nlohmann::json document = {
        {"consumer", {{"name", "consumer"}}},
        {"provider", {{"name", "provider"}}},
        {"interactions",
         {item(1, none), item(2, {s1}), item(3, {s1_with_params, s2}), item(4, none), item(5, {s1}, "POST"), item(6, none)}},
        {"metadata", {{"pactSpecification", {{"version", "3.0.0"}}}}}};
    auto read = read_pact(document, "mixed.json");
    REQUIRE(read);
    return std::move(*read);
}

std::vector<std::string> state_calls_at_concurrency_1(bool teardown, bool as_query) {
    item_provider provider;
    std::vector<pact_to_verify> pacts;
    pacts.push_back({mixed_states_pact(), "mixed.json", false});
    auto options = provider.options(1);
    options.state_change_url = provider.state_change_url();
    options.state_change_teardown = teardown;
    options.state_change_as_query = as_query;
    CHECK(verify(pacts, options).success());
    const std::lock_guard lock(provider.mutex);
    return provider.state_calls;
}

}  // namespace

// The expected calls are what the official verifier 18.1.2 sent for the same pact.
TEST_CASE("with concurrency 1 the state-change calls are exactly the official verifier's") {
    const auto setup = [](const std::string& state, const std::string& params = "{}") {
        return R"(/state {"action":"setup","params":)" + params + R"(,"state":")" + state + R"("})";
    };
    const auto teardown = [](const std::string& state, const std::string& params = "{}") {
        return R"(/state {"action":"teardown","params":)" + params + R"(,"state":")" + state + R"("})";
    };
    const std::string params = R"({"x":1,"y":"two"})";

    SUBCASE("setups only") {
        CHECK(state_calls_at_concurrency_1(false, false) ==
              std::vector<std::string>{setup(""), setup("s1"), setup("s1", params), setup("s2"), setup(""), setup("s1"),
                                       setup("")});
    }
    SUBCASE("with --state-change-teardown, each setup is torn down after its interaction, in the same order") {
        CHECK(state_calls_at_concurrency_1(true, false) ==
              std::vector<std::string>{setup(""), teardown(""), setup("s1"), teardown("s1"), setup("s1", params),
                                       setup("s2"), teardown("s1", params), teardown("s2"), setup(""), teardown(""),
                                       setup("s1"), teardown("s1"), setup(""), teardown("")});
    }
    SUBCASE("as a query, with no body") {
        CHECK(state_calls_at_concurrency_1(true, true) ==
              std::vector<std::string>{"/state?action=setup&state= ", "/state?action=teardown&state= ",
                                       "/state?action=setup&state=s1 ", "/state?action=teardown&state=s1 ",
                                       "/state?action=setup&state=s1&x=1&y=two ", "/state?action=setup&state=s2 ",
                                       "/state?action=teardown&state=s1&x=1&y=two ", "/state?action=teardown&state=s2 ",
                                       "/state?action=setup&state= ", "/state?action=teardown&state= ",
                                       "/state?action=setup&state=s1 ", "/state?action=teardown&state=s1 ",
                                       "/state?action=setup&state= ", "/state?action=teardown&state= "});
    }
}

TEST_CASE("with concurrency 1 each interaction is set up, replayed and torn down before the next") {
    item_provider provider;
    std::vector<pact_to_verify> pacts;
    pacts.push_back({item_pact(4, true), "states.json", false});
    auto options = provider.options(1);
    options.state_change_url = provider.state_change_url();
    options.state_change_teardown = true;
    CHECK(verify(pacts, options).success());
    const std::lock_guard lock(provider.mutex);
    CHECK(provider.events == std::vector<std::string>{"setup state A", "/items/0", "teardown state A", "setup ", "/items/1",
                                                      "teardown ", "setup ", "/items/2", "teardown ", "setup state B",
                                                      "/items/3", "teardown state B"});
}

TEST_CASE("a failed state setup still calls the other states, skips the interaction and its teardown") {
    item_provider provider;
    std::vector<pact_to_verify> pacts;
    auto pact = mixed_states_pact();
    pact.interactions[2].provider_states[0].name = "refused";
    pacts.push_back({std::move(pact), "mixed.json", false});
    auto options = provider.options(1);
    options.state_change_url = provider.state_change_url();
    options.state_change_teardown = true;
    provider.refused_state = "refused";
    const auto report = verify(pacts, options);
    CHECK_FALSE(report.success());
    const auto& failed = report.pacts[0].interactions[2];
    CHECK_FALSE(failed.success);
    REQUIRE(failed.error);
    CHECK(failed.error->find("state change 'refused' (setup) was answered with 500") != std::string::npos);
    const std::lock_guard lock(provider.mutex);
    CHECK(provider.events == std::vector<std::string>{"setup ", "/items/1", "teardown ", "setup s1", "/items/2", "teardown s1",
                                                      "setup refused", "setup s2", "setup ", "/items/4", "teardown ",
                                                      "setup s1", "/items/5", "teardown s1", "setup ", "/items/6",
                                                      "teardown "});
}

TEST_CASE("filters by description, state and consumer leave the other interactions out") {
    item_provider provider;
    std::vector<pact_to_verify> pacts;
    pacts.push_back({item_pact(10, true), "states.json", false});
    auto options = provider.options(4);
    options.filter.description = "item [12]$";
    CHECK(verify(pacts, options).interaction_count() == 2);
    options.filter = {};
    options.filter.state = "state B";
    CHECK(verify(pacts, options).interaction_count() == 2);  // items 3 and 9
    options.filter = {};
    options.filter.no_state = true;
    CHECK(verify(pacts, options).interaction_count() == 6);
    options.filter = {};
    options.filter.consumers = {"someone else"};
    CHECK(verify(pacts, options).interaction_count() == 0);
}
