// The provider-side scenarios of the Pact compatibility suite about provider states and state-change
// calls (V1 and V3 HTTP providers, V3 message providers, V4 pending messages), written as our own
// component tests: the real `pact verifier` against a loopback provider recording what it is asked.
#include "http/server.hpp"
#include "support/files.hpp"
#include "support/process.hpp"
#include "verifier_test_support.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <mutex>

using namespace pact;
using pact::testing::json_response;
using pact::testing::pact_command;
using pact::testing::run_command;

TEST_SUITE_BEGIN("component");

namespace {

const nlohmann::json basic_body = {{"one", "a"}, {"two", "b"}};

// Answers GET /basic and messages asked for at /messages with basic_body; records every call in order:
// "setup 'NAME' PARAMS", "teardown 'NAME' PARAMS", "GET /basic", "message 'DESCRIPTION'".
class state_recording_provider {
public:
    explicit state_recording_provider(bool refusing_state_changes = false) : refusing_state_changes_(refusing_state_changes) {}

    [[nodiscard]] std::string port() const { return std::to_string(server_.port()); }
    [[nodiscard]] std::string state_change_url() const { return "http://127.0.0.1:" + port() + "/_pact/state"; }

    [[nodiscard]] std::vector<std::string> calls() {
        const std::lock_guard lock(mutex_);
        return calls_;
    }

private:
    http::response handle(const http::request& received) {
        const std::lock_guard lock(mutex_);
        const std::string target(received.target());
        if (target == "/_pact/state") {
            const auto change = nlohmann::json::parse(received.body());
            calls_.push_back(change["action"].get<std::string>() + " '" + change["state"].get<std::string>() + "' " +
                             change["params"].dump());
            if (refusing_state_changes_) return json_response(received, 500, {{"error", "no such state"}});
            return json_response(received, 200, nlohmann::json::object());
        }
        if (target == "/messages") {
            calls_.push_back("message '" + nlohmann::json::parse(received.body())["description"].get<std::string>() + "'");
            return json_response(received, 200, basic_body);
        }
        calls_.push_back(std::string(received.method_string()) + " " + target);
        return json_response(received, 200, basic_body);
    }

    bool refusing_state_changes_;
    std::mutex mutex_;
    std::vector<std::string> calls_;
    http::server server_{[this](http::request received) { return handle(received); }};
};

// A pact of one interaction asking GET /basic for basic_body, given these states.
std::string basic_http_pact(const nlohmann::json& states) {
    nlohmann::json interaction = {{"description", "a basic request"},
                                  {"request", {{"method", "GET"}, {"path", "/basic"}}},
                                  {"response", {{"status", 200}, {"headers", {{"Content-Type", "application/json"}}}, {"body", basic_body}}}};
    if (!states.empty()) interaction["providerStates"] = states;
    return nlohmann::json{{"consumer", {{"name", "consumer"}}},
                          {"provider", {{"name", "provider"}}},
                          {"interactions", {interaction}},
                          {"metadata", {{"pactSpecification", {{"version", "3.0.0"}}}}}}
        .dump();
}

testing::command_result verify(state_recording_provider& provider, const std::string& pact, std::vector<std::string> extra) {
    std::vector<std::string> arguments{"verifier", "-f", pact, "-h", "127.0.0.1", "-p", provider.port()};
    arguments.insert(arguments.end(), extra.begin(), extra.end());
    return run_command(pact_command(std::move(arguments)));
}

testing::command_result verify_with_states(state_recording_provider& provider, const std::string& pact) {
    return verify(provider, pact, {"--state-change-url", provider.state_change_url(), "--state-change-teardown"});
}

}  // namespace

TEST_CASE("an interaction's provider state is set up before it is verified and torn down after") {
    testing::temporary_directory directory;
    state_recording_provider provider;
    const auto result = verify_with_states(provider, directory.write("pact.json", basic_http_pact({{{"name", "state one"}}})));
    CHECK_MESSAGE(result.exit_code == 0, result.all());
    CHECK(provider.calls() == std::vector<std::string>{"setup 'state one' {}", "GET /basic", "teardown 'state one' {}"});
}

TEST_CASE("an interaction without a provider state gets the setup and teardown of the state \"\"") {
    testing::temporary_directory directory;
    state_recording_provider provider;
    const auto result = verify_with_states(provider, directory.write("pact.json", basic_http_pact(nlohmann::json::array())));
    CHECK_MESSAGE(result.exit_code == 0, result.all());
    CHECK(provider.calls() == std::vector<std::string>{"setup '' {}", "GET /basic", "teardown '' {}"});
}

TEST_CASE("a failing state setup fails the verification, naming the state, and is not torn down") {
    testing::temporary_directory directory;
    state_recording_provider provider(true);
    const auto result = verify_with_states(provider, directory.write("pact.json", basic_http_pact({{{"name", "state one"}}})));
    CHECK(result.exit_code == 1);
    CHECK_MESSAGE(result.out.find("state change 'state one' (setup) was answered with 500") != std::string::npos, result.out);
    CHECK(provider.calls() == std::vector<std::string>{"setup 'state one' {}"});
}

TEST_CASE("without a state-change URL an interaction with a provider state passes, with a warning naming the state") {
    testing::temporary_directory directory;
    state_recording_provider provider;
    const auto result = verify(provider, directory.write("pact.json", basic_http_pact({{{"name", "state one"}}})), {});
    CHECK_MESSAGE(result.exit_code == 0, result.all());
    CHECK_MESSAGE(result.errors.find("warning: no --state-change-url is given, so these provider states were not set up: 'state one'") !=
                      std::string::npos,
                  result.errors);
    CHECK(provider.calls() == std::vector<std::string>{"GET /basic"});
}

TEST_CASE("several provider states are set up in order before the interaction and torn down in the same order after") {
    testing::temporary_directory directory;
    state_recording_provider provider;
    const auto pact = basic_http_pact({{{"name", "State One"}}, {{"name", "State Two"}}});
    const auto result = verify_with_states(provider, directory.write("pact.json", pact));
    CHECK_MESSAGE(result.exit_code == 0, result.all());
    CHECK(provider.calls() == std::vector<std::string>{"setup 'State One' {}", "setup 'State Two' {}", "GET /basic",
                                                       "teardown 'State One' {}", "teardown 'State Two' {}"});
}

TEST_CASE("a provider state's parameters reach its setup and its teardown") {
    testing::temporary_directory directory;
    state_recording_provider provider;
    const auto pact = basic_http_pact({{{"name", "A user exists"}, {"params", {{"name", "Bob"}, {"age", 22}}}}});
    const auto result = verify_with_states(provider, directory.write("pact.json", pact));
    CHECK_MESSAGE(result.exit_code == 0, result.all());
    CHECK(provider.calls() == std::vector<std::string>{R"(setup 'A user exists' {"age":22,"name":"Bob"})", "GET /basic",
                                                       R"(teardown 'A user exists' {"age":22,"name":"Bob"})"});
}

TEST_CASE("a message interaction's provider state is set up before the message is asked for and torn down after") {
    testing::temporary_directory directory;
    state_recording_provider provider;
    const nlohmann::json pact = {
        {"consumer", {{"name", "consumer"}}},
        {"provider", {{"name", "provider"}}},
        {"messages", {{{"description", "a basic message"}, {"providerStates", {{{"name", "state one"}}}}, {"contents", basic_body}}}},
        {"metadata", {{"pactSpecification", {{"version", "3.0.0"}}}}}};
    const auto result = verify(provider, directory.write("messages.json", pact.dump()),
                               {"--transports", "message:" + provider.port() + "/messages", "--state-change-url",
                                provider.state_change_url(), "--state-change-teardown"});
    CHECK_MESSAGE(result.exit_code == 0, result.all());
    CHECK(provider.calls() ==
          std::vector<std::string>{"setup 'state one' {}", "message 'a basic message'", "teardown 'state one' {}"});
}

TEST_CASE("a pending message interaction that fails is reported without failing the verification") {
    testing::temporary_directory directory;
    state_recording_provider provider;
    const nlohmann::json pact = {
        {"consumer", {{"name", "consumer"}}},
        {"provider", {{"name", "provider"}}},
        {"interactions",
         {{{"type", "Asynchronous/Messages"},
           {"description", "a basic message"},
           {"pending", true},
           {"contents", {{"content", {{"one", "a"}, {"two", "c"}}}, {"contentType", "application/json"}, {"encoded", false}}}}}},
        {"metadata", {{"pactSpecification", {{"version", "4.0"}}}}}};
    const auto result =
        verify(provider, directory.write("messages.json", pact.dump()), {"--transports", "message:" + provider.port() + "/messages"});
    CHECK_MESSAGE(result.exit_code == 0, result.all());
    CHECK_MESSAGE(result.out.find("$.two") != std::string::npos, result.out);
    CHECK(result.out.find("pending") != std::string::npos);
}

TEST_SUITE_END();
