// Message interactions asked for over the message transport as the official verifier asks for them.
#include "verifier/verification.hpp"

#include "http/server.hpp"
#include "pact/pact_reader.hpp"

#include <doctest/doctest.h>

#include <mutex>

using namespace pact;
using namespace pact::verifier;

namespace {

const nlohmann::json json_contents_of_ping = {
    {"contents", {{"content", {{"ping", 1}}}, {"contentType", "application/json"}, {"encoded", false}}},
    {"metadata", {{"queue", "pings"}}},
    {"matchingRules", {{"content", {{"$.ping", {{"combine", "AND"}, {"matchers", {{{"match", "integer"}}}}}}}}}},
    {"generators", {{"content", {{"$.ping", {{"type", "RandomInt"}, {"min", 1}, {"max", 9}}}}}}}};

nlohmann::json response_message(nlohmann::json content, nlohmann::json rules = nlohmann::json::object()) {
    nlohmann::json made = {{"contents", {{"content", std::move(content)}, {"contentType", "application/json"}, {"encoded", false}}}};
    if (!rules.empty()) made["matchingRules"] = {{"content", std::move(rules)}};
    return made;
}

nlohmann::json synchronous_message(const std::string& description, nlohmann::json responses) {
    return {{"type", "Synchronous/Messages"}, {"description", description}, {"request", json_contents_of_ping},
            {"response", std::move(responses)}};
}

std::vector<pact_to_verify> v4_pact(nlohmann::json interactions) {
    const nlohmann::json document = {{"consumer", {{"name", "consumer"}}},
                                     {"provider", {{"name", "provider"}}},
                                     {"interactions", std::move(interactions)},
                                     {"metadata", {{"pactSpecification", {{"version", "4.0"}}}}}};
    auto read = read_pact(document, "messages.json");
    REQUIRE(read);
    std::vector<pact_to_verify> pacts;
    pacts.push_back({std::move(*read), "messages.json", false});
    return pacts;
}

// The message transport at /messages: answers {"reply": "pong"} and keeps what it was asked.
struct message_provider {
    std::mutex mutex;
    std::vector<nlohmann::json> asked;
    http::server server{[this](http::request received) {
        const std::lock_guard lock(mutex);
        asked.push_back(nlohmann::json::parse(received.body()));
        return http::make_response(received, 200, "application/json", R"({"reply":"pong"})");
    }};

    verification_options options() {
        verification_options made;
        made.provider.host = "127.0.0.1";
        made.provider.port = server.port();
        made.message_path = "/messages";
        return made;
    }
};

}  // namespace

TEST_CASE("a synchronous message is verified by sending its request message and matching the answer with its response") {
    message_provider provider;
    auto interaction = synchronous_message("a ping", {response_message({{"reply", "pung"}}, {{"$.reply", {{"matchers", {{{"match", "regex"}, {"regex", "p.ng"}}}}}}})});
    interaction["providerStates"] = {{{"name", "pings are answered"}}};
    const auto report = verify(v4_pact({interaction}), provider.options());
    CHECK(report.success());
    const std::lock_guard lock(provider.mutex);
    REQUIRE(provider.asked.size() == 1);
    // The request message goes as the pact has it, rules and generators included, as the official sends it.
    CHECK(provider.asked[0] == nlohmann::json{{"description", "a ping"},
                                              {"providerStates", {{{"name", "pings are answered"}}}},
                                              {"request", json_contents_of_ping}});
}

TEST_CASE("a synchronous message whose answer differs from its response fails with the difference") {
    message_provider provider;
    const auto report = verify(v4_pact({synchronous_message("a ping", {response_message({{"reply", "other"}})})}), provider.options());
    CHECK_FALSE(report.success());
    const auto& result = report.pacts[0].interactions[0];
    CHECK_FALSE(result.error);
    REQUIRE(result.mismatches.size() == 1);
    CHECK(result.mismatches[0].path == "$.reply");
}

TEST_CASE("a synchronous message expecting several responses cannot pass over the message transport") {
    message_provider provider;
    const auto responses = nlohmann::json::array({response_message({{"reply", "pong"}}), response_message({{"reply", "pong"}})});
    const auto report = verify(v4_pact({synchronous_message("two pings", responses)}), provider.options());
    CHECK_FALSE(report.success());
    const auto& result = report.pacts[0].interactions[0];
    REQUIRE(result.mismatches.size() == 1);
    CHECK(result.mismatches[0].message == "the pact expects 2 response messages; the provider answers with one");
}

TEST_CASE("an asynchronous message without provider states is asked for by its description alone") {
    message_provider provider;
    const nlohmann::json interaction = {{"type", "Asynchronous/Messages"}, {"description", "a pong"},
                                        {"contents", response_message({{"reply", "pong"}})["contents"]}};
    CHECK(verify(v4_pact({interaction}), provider.options()).success());
    const std::lock_guard lock(provider.mutex);
    REQUIRE(provider.asked.size() == 1);
    CHECK(provider.asked[0] == nlohmann::json{{"description", "a pong"}});
}

TEST_CASE("a synchronous message's request without metadata is sent without it, as the official verifier sends it") {
    message_provider provider;
    auto interaction = synchronous_message("a ping", {response_message({{"reply", "pong"}})});
    interaction["request"].erase("metadata");
    CHECK(verify(v4_pact({interaction}), provider.options()).success());
    const std::lock_guard lock(provider.mutex);
    REQUIRE(provider.asked.size() == 1);
    CHECK_FALSE(provider.asked[0]["request"].contains("metadata"));
    CHECK(provider.asked[0]["request"].contains("contents"));
}
