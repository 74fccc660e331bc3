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
// requests in the order they arrive.
struct item_provider {
    bool wrong = false;
    std::mutex mutex;
    std::vector<std::string> events;
    http::server server{[this](http::request received) { return handle(std::move(received)); }, {}, 4};

    http::response handle(http::request received) {
        const std::string target(received.target());
        {
            const std::lock_guard lock(mutex);
            if (target == "/state") {
                const auto change = nlohmann::json::parse(received.body());
                events.push_back(change["action"].get<std::string>() + " " + change["state"].get<std::string>());
            } else {
                events.push_back(target);
            }
        }
        if (target == "/state") return http::make_response(received, 200, "application/json", "{}");
        const nlohmann::json id = wrong ? nlohmann::json("wrong") : nlohmann::json(std::stoi(target.substr(7)));
        return http::make_response(received, 200, "application/json", nlohmann::json{{"id", id}}.dump());
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
    options.state_change_url = "http://127.0.0.1:" + std::to_string(provider.server.port()) + "/state";
    options.state_change_teardown = true;
    const auto report = verify(pacts, options);
    CHECK(report.success());

    // Between "setup X" and "teardown X" only interactions needing X may be requested.
    const std::lock_guard lock(provider.mutex);
    std::string current_state;
    int setups = 0;
    for (const auto& event : provider.events) {
        if (event.starts_with("setup ")) {
            CHECK(current_state.empty());
            current_state = event.substr(6);
            ++setups;
        } else if (event.starts_with("teardown ")) {
            CHECK(event.substr(9) == current_state);
            current_state.clear();
        } else {
            const int index = std::stoi(event.substr(7));
            const std::string needed = index % 3 != 0 ? "" : index % 2 == 0 ? "state A" : "state B";
            CHECK_MESSAGE(needed == current_state, event);
        }
    }
    CHECK(setups == 2);
}

TEST_CASE("with concurrency 1 each interaction gets its own setup and teardown, in pact order") {
    item_provider provider;
    std::vector<pact_to_verify> pacts;
    pacts.push_back({item_pact(4, true), "states.json", false});
    auto options = provider.options(1);
    options.state_change_url = "http://127.0.0.1:" + std::to_string(provider.server.port()) + "/state";
    options.state_change_teardown = true;
    const auto report = verify(pacts, options);
    CHECK(report.success());
    const std::lock_guard lock(provider.mutex);
    CHECK(provider.events == std::vector<std::string>{"setup state A", "/items/0", "teardown state A", "/items/1",
                                                      "/items/2", "setup state B", "/items/3", "teardown state B"});
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
