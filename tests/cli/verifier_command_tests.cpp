// Component tests: the real `pact` binary verifying pacts against real providers on loopback.
#include "build_info/build_info.hpp"
#include "http/server.hpp"
#include "pact/base64.hpp"
#include "support/files.hpp"
#include "support/process.hpp"
#include "verifier_test_support.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <mutex>
#include <regex>

using namespace pact;
using pact::testing::json_response;
using pact::testing::pact_command;
using pact::testing::run_command;

TEST_SUITE_BEGIN("component");

namespace {

// The seed's incident: payment-service relies on total_amount (an integer) of order-service's orders.
constexpr const char* order_pact = R"({
  "consumer": {"name": "payment-service"},
  "provider": {"name": "order-service"},
  "interactions": [
    {
      "description": "a request for order 42",
      "request": {"method": "GET", "path": "/orders/42", "headers": {"Accept": "application/json"}},
      "response": {
        "status": 200,
        "headers": {"Content-Type": "application/json"},
        "body": {"id": 42, "total_amount": 4200, "currency": "EUR"},
        "matchingRules": {"body": {
          "$.id": {"matchers": [{"match": "integer"}]},
          "$.total_amount": {"matchers": [{"match": "integer"}]},
          "$.currency": {"matchers": [{"match": "regex", "regex": "^[A-Z]{3}$"}]}
        }}
      }
    },
    {
      "description": "a request for a missing order",
      "request": {"method": "GET", "path": "/orders/999"},
      "response": {"status": 404}
    }
  ],
  "metadata": {"pactSpecification": {"version": "3.0.0"}}
})";

// order-service: the version the pact was written against, or the one that renamed total_amount.
http::server order_service(bool renamed_total) {
    return http::server([renamed_total](http::request received) {
        if (received.target() == "/orders/42") {
            nlohmann::json order = {{"id", 42}, {"currency", "EUR"}};
            order[renamed_total ? "total_cents" : "total_amount"] = 1999;
            return json_response(received, 200, order);
        }
        return json_response(received, 404, {{"error", "no such order"}});
    });
}

std::uint16_t unused_port() {
    http::server closed([](http::request received) { return http::make_response(received, 200, "", ""); });
    const auto port = closed.port();
    closed.stop();
    return port;
}

}  // namespace

TEST_CASE("the unchanged provider passes verification with exit code 0") {
    testing::temporary_directory directory;
    const auto pact = directory.write("payment-service-order-service.json", order_pact);
    auto provider = order_service(false);
    const auto result = run_command(pact_command({"verifier", "-f", pact, "-h", "127.0.0.1", "-p", std::to_string(provider.port())}));
    CHECK_MESSAGE(result.exit_code == 0, result.all());
    CHECK(result.out.find("a request for order 42 ... OK") != std::string::npos);
    CHECK(result.out.find("2 interactions verified") != std::string::npos);
    CHECK(result.out.find("0 failed") != std::string::npos);
}

TEST_CASE("a renamed response field fails verification, naming the field and suggesting the rename") {
    testing::temporary_directory directory;
    const auto pact = directory.write("payment-service-order-service.json", order_pact);
    auto provider = order_service(true);
    const auto result = run_command(pact_command({"verify", "--file", pact, "--hostname", "127.0.0.1", "--port", std::to_string(provider.port())}));
    CHECK_MESSAGE(result.exit_code == 1, result.all());
    CHECK_MESSAGE(result.out.find("a request for order 42 ... FAILED") != std::string::npos, result.out);
    CHECK_MESSAGE(result.out.find("$.total_amount") != std::string::npos, result.out);
    CHECK_MESSAGE(result.out.find("total_cents") != std::string::npos, result.out);
    CHECK_MESSAGE(result.out.find("renamed?") != std::string::npos, result.out);
    CHECK(result.out.find("a request for a missing order ... OK") != std::string::npos);
    CHECK(result.out.find("1 failed") != std::string::npos);
}

TEST_CASE("--json and --junit write reports of the verification") {
    testing::temporary_directory directory;
    const auto pact = directory.write("pact.json", order_pact);
    const auto json_file = (directory.path() / "report.json").string();
    const auto junit_file = (directory.path() / "report.xml").string();
    auto provider = order_service(true);
    const auto result = run_command(pact_command({"verifier", "-f", pact, "-h", "127.0.0.1", "-p", std::to_string(provider.port()),
                                                  "--json", json_file, "--junit", junit_file}));
    CHECK(result.exit_code == 1);
    const auto report = nlohmann::json::parse(testing::read_file(json_file));
    CHECK(report["success"] == false);
    CHECK(report["summary"]["interactions"] == 2);
    CHECK(report["summary"]["failures"] == 1);
    const auto& first = report["pacts"][0]["interactions"][0];
    CHECK(first["description"] == "a request for order 42");
    CHECK(first["success"] == false);
    CHECK(first["mismatches"][0]["path"].get<std::string>().find("total_amount") != std::string::npos);
    CHECK(report["pacts"][0]["interactions"][1]["success"] == true);

    const auto junit = testing::read_file(junit_file);
    CHECK(junit.find("<testsuite name=\"payment-service - order-service\" tests=\"2\"") != std::string::npos);
    CHECK(junit.find("<testcase name=\"a request for order 42\"") != std::string::npos);
    CHECK(junit.find("<failure message=") != std::string::npos);
}

TEST_CASE("filters choose the interactions to verify") {
    testing::temporary_directory directory;
    const auto pact = directory.write("pact.json", order_pact);
    auto provider = order_service(true);
    const auto port = std::to_string(provider.port());
    const auto only_missing = run_command(pact_command({"verifier", "-f", pact, "-h", "127.0.0.1", "-p", port, "--filter-description", "missing"}));
    CHECK_MESSAGE(only_missing.exit_code == 0, only_missing.all());
    CHECK(only_missing.out.find("1 interaction verified") != std::string::npos);
    const auto other_consumer = run_command(pact_command({"verifier", "-f", pact, "-h", "127.0.0.1", "-p", port, "--filter-consumer", "someone-else"}));
    CHECK(other_consumer.exit_code == 0);
    CHECK(other_consumer.out.find("0 interactions verified") != std::string::npos);
}

TEST_CASE("an unreachable provider is said plainly and fails the run") {
    testing::temporary_directory directory;
    const auto pact = directory.write("pact.json", order_pact);
    const auto port = std::to_string(unused_port());
    const auto result = run_command(pact_command({"verifier", "-f", pact, "-h", "127.0.0.1", "-p", port}));
    CHECK(result.exit_code == 1);
    CHECK_MESSAGE(result.out.find("cannot reach the provider at http://127.0.0.1:" + port) != std::string::npos, result.out);
    CHECK(result.out.find("connection refused") != std::string::npos);
}

TEST_CASE("usage errors exit with code 2") {
    testing::temporary_directory directory;
    const auto pact = directory.write("pact.json", order_pact);
    CHECK(run_command(pact_command({"verifier", "-f", pact, "-p", "not-a-port"})).exit_code == 2);
    CHECK(run_command(pact_command({"verifier", "-f", pact, "--no-such-flag"})).exit_code == 2);
    CHECK(run_command(pact_command({"verifier", "-f", pact, "--header", "missing-equals"})).exit_code == 2);
    const auto no_pacts = run_command(pact_command({"verifier", "-p", "8080"}));
    CHECK(no_pacts.exit_code == 2);
    CHECK(no_pacts.errors.find("no pacts to verify") != std::string::npos);
    const auto missing_file = run_command(pact_command({"verifier", "-f", (directory.path() / "absent.json").string()}));
    CHECK(missing_file.exit_code == 2);
    CHECK(missing_file.errors.find("absent.json") != std::string::npos);
}

TEST_CASE("a malformed pact exits with code 2 naming the file and the JSON path") {
    testing::temporary_directory directory;
    const auto pact = directory.write("broken.json", R"({
      "consumer": {"name": "payment-service"}, "provider": {"name": "order-service"},
      "interactions": [{"description": "x", "request": {"method": "GET", "path": "/"}, "response": {"status": "two hundred"}}],
      "metadata": {"pactSpecification": {"version": "3.0.0"}}})");
    const auto result = run_command(pact_command({"verifier", "-f", pact, "-p", "8080"}));
    CHECK(result.exit_code == 2);
    CHECK_MESSAGE(result.errors.find("broken.json") != std::string::npos, result.errors);
    CHECK_MESSAGE(result.errors.find("$.interactions[0].response.status") != std::string::npos, result.errors);
    const auto not_json = directory.write("not-json.json", "{ this is not json");
    const auto syntax = run_command(pact_command({"verifier", "-f", not_json, "-p", "8080"}));
    CHECK(syntax.exit_code == 2);
    CHECK(syntax.errors.find("not-json.json") != std::string::npos);
}

TEST_CASE("--help says what runs in parallel and how to turn it off") {
    const auto result = run_command(pact_command({"verifier", "--help"}));
    CHECK(result.exit_code == 0);
    CHECK(result.out.find("--concurrency 1") != std::string::npos);
    CHECK(result.out.find("-h,--hostname") != std::string::npos);
    CHECK(result.out.find("--state-change-teardown") != std::string::npos);
}

namespace {

// A provider with state-change and message endpoints; it records the state changes it was asked for.
struct stateful_provider {
    std::mutex mutex;
    std::vector<nlohmann::json> state_changes;
    std::vector<std::string> requested_targets;
    http::server server{[this](http::request received) { return handle(std::move(received)); }};

    http::response handle(http::request received) {
        const std::lock_guard lock(mutex);
        requested_targets.emplace_back(received.target());
        if (received.target() == "/_pact/state") {
            const auto change = nlohmann::json::parse(received.body());
            state_changes.push_back(change);
            if (change["action"] == "setup") return json_response(received, 200, {{"orderId", 777}});
            return json_response(received, 200, nlohmann::json::object());
        }
        if (received.target() == "/orders/777") {
            return json_response(received, 200, {{"id", 777}, {"total_amount", 10}});
        }
        if (received.target() == "/messages") {
            const auto asked = nlohmann::json::parse(received.body());
            auto answer = json_response(received, 200, {{"orderId", 1}, {"total_amount", asked["description"] == "a broken event" ? nlohmann::json("ten") : nlohmann::json(100)}});
            answer.set("Pact-Message-Metadata", base64_encode(R"({"topic":"orders"})"));
            return answer;
        }
        return json_response(received, 404, nlohmann::json::object());
    }
};

constexpr const char* stateful_pact = R"({
  "consumer": {"name": "payment-service"},
  "provider": {"name": "order-service"},
  "interactions": [{
    "description": "a request for an existing order",
    "providerStates": [{"name": "an order exists", "params": {"total": 10}}],
    "request": {
      "method": "GET", "path": "/orders/1",
      "generators": {"path": {"type": "ProviderState", "expression": "/orders/${orderId}", "dataType": "STRING"}}
    },
    "response": {"status": 200, "headers": {"Content-Type": "application/json"},
      "body": {"id": 1, "total_amount": 10},
      "matchingRules": {"body": {"$.id": {"matchers": [{"match": "integer"}]}}}}
  }],
  "metadata": {"pactSpecification": {"version": "3.0.0"}}
})";

constexpr const char* message_pact = R"({
  "consumer": {"name": "billing"},
  "provider": {"name": "order-events"},
  "messages": [
    {
      "description": "an order created event",
      "providerStates": [{"name": "an order exists"}],
      "contents": {"orderId": 1, "total_amount": 100},
      "metadata": {"topic": "orders"},
      "matchingRules": {"body": {"$.orderId": {"matchers": [{"match": "integer"}]}, "$.total_amount": {"matchers": [{"match": "integer"}]}}}
    }
  ],
  "metadata": {"pactSpecification": {"version": "3.0.0"}}
})";

}  // namespace

TEST_CASE("provider states are set up and torn down through the state-change URL and feed ProviderState generators") {
    testing::temporary_directory directory;
    const auto pact = directory.write("pact.json", stateful_pact);
    stateful_provider provider;
    const auto port = std::to_string(provider.server.port());
    const auto result = run_command(pact_command({"verifier", "-f", pact, "-h", "127.0.0.1", "-p", port, "--state-change-url",
                                                  "http://127.0.0.1:" + port + "/_pact/state", "--state-change-teardown"}));
    CHECK_MESSAGE(result.exit_code == 0, result.all());
    const std::lock_guard lock(provider.mutex);
    REQUIRE(provider.state_changes.size() == 2);
    CHECK(provider.state_changes[0] == nlohmann::json{{"state", "an order exists"}, {"params", {{"total", 10}}}, {"action", "setup"}});
    CHECK(provider.state_changes[1]["action"] == "teardown");
    CHECK(provider.requested_targets == std::vector<std::string>{"/_pact/state", "/orders/777", "/_pact/state"});
}

TEST_CASE("a failing state change fails its interaction with the reason") {
    testing::temporary_directory directory;
    const auto pact = directory.write("pact.json", stateful_pact);
    stateful_provider provider;
    const auto port = std::to_string(provider.server.port());
    const auto result = run_command(pact_command({"verifier", "-f", pact, "-h", "127.0.0.1", "-p", port, "--state-change-url",
                                                  "http://127.0.0.1:" + port + "/no-state-endpoint"}));
    CHECK(result.exit_code == 1);
    CHECK_MESSAGE(result.out.find("state change 'an order exists' (setup) was answered with 404") != std::string::npos, result.out);
}

TEST_CASE("message pacts are verified through the message transport") {
    testing::temporary_directory directory;
    const auto pact = directory.write("messages.json", message_pact);
    stateful_provider provider;
    const auto port = std::to_string(provider.server.port());
    const auto result = run_command(pact_command({"verifier", "-f", pact, "-h", "127.0.0.1", "-p", port, "--transports", "message:" + port + "/messages"}));
    CHECK_MESSAGE(result.exit_code == 0, result.all());
    CHECK(result.out.find("an order created event (given an order exists) ... OK") != std::string::npos);

    auto broken = nlohmann::json::parse(message_pact);
    broken["messages"][0]["description"] = "a broken event";
    const auto broken_pact = directory.write("broken-messages.json", broken.dump());
    const auto failing = run_command(pact_command({"verifier", "-f", broken_pact, "-h", "127.0.0.1", "-p", port, "--transports", "message:" + port + "/messages"}));
    CHECK(failing.exit_code == 1);
    CHECK_MESSAGE(failing.out.find("$.total_amount") != std::string::npos, failing.out);
}

TEST_CASE("synchronous message interactions are verified through the message transport") {
    testing::temporary_directory directory;
    const nlohmann::json pact = {
        {"consumer", {{"name", "billing"}}},
        {"provider", {{"name", "order-events"}}},
        {"interactions",
         {{{"type", "Synchronous/Messages"},
           {"description", "an order total request"},
           {"request", {{"contents", {{"content", {{"orderId", 1}}}, {"contentType", "application/json"}, {"encoded", false}}}}},
           {"response",
            {{{"contents", {{"content", {{"orderId", 1}, {"total_amount", 100}}}, {"contentType", "application/json"}, {"encoded", false}}},
              {"metadata", {{"topic", "orders"}}}}}}}}},
        {"metadata", {{"pactSpecification", {{"version", "4.0"}}}}}};
    const auto file = directory.write("sync.json", pact.dump());
    stateful_provider provider;
    const auto port = std::to_string(provider.server.port());
    const auto result = run_command(pact_command({"verifier", "-f", file, "-h", "127.0.0.1", "-p", port, "--transports", "message:" + port + "/messages"}));
    CHECK_MESSAGE(result.exit_code == 0, result.all());
    CHECK_MESSAGE(result.out.find("an order total request ... OK") != std::string::npos, result.out);
}

TEST_CASE("a directory of pacts is verified pact by pact") {
    testing::temporary_directory directory;
    directory.write("pacts/a.json", order_pact);
    directory.write("pacts/b.json", order_pact);
    directory.write("pacts/notes.txt", "not a pact");
    auto provider = order_service(false);
    const auto result = run_command(pact_command({"verifier", "-d", (directory.path() / "pacts").string(), "-h", "127.0.0.1",
                                                  "-p", std::to_string(provider.port()), "--concurrency", "1"}));
    CHECK_MESSAGE(result.exit_code == 0, result.all());
    CHECK(result.out.find("a.json") < result.out.find("b.json"));
    CHECK(result.out.find("4 interactions verified") != std::string::npos);
}

namespace {

// A provider recording every request (target and body); /fail answers 500, anything else 200 with
// an order (and the state-change calls also get 200).
struct recording_provider {
    std::mutex mutex;
    std::vector<std::pair<std::string, std::string>> requests;  // target, body
    http::server server{[this](http::request received) {
        const std::lock_guard lock(mutex);
        requests.emplace_back(std::string(received.target()), received.body());
        if (received.target() == "/fail") return json_response(received, 500, nlohmann::json::object());
        return json_response(received, 200, {{"id", 1}, {"total_amount", 10}});
    }};

    std::vector<std::string> targets() {
        const std::lock_guard lock(mutex);
        std::vector<std::string> seen;
        for (const auto& [target, body] : requests) seen.push_back(target);
        return seen;
    }
};

constexpr const char* failing_second_pact = R"({
  "consumer": {"name": "payment-service"}, "provider": {"name": "order-service"},
  "interactions": [
    {"description": "an order", "providerStates": [{"name": "an order exists", "params": {"total": 10, "note": "x y"}}],
     "request": {"method": "GET", "path": "/orders/1"}, "response": {"status": 200}},
    {"description": "a failing call", "request": {"method": "GET", "path": "/fail"}, "response": {"status": 200}},
    {"description": "a call after the failure", "request": {"method": "GET", "path": "/after"}, "response": {"status": 200}}
  ],
  "metadata": {"pactSpecification": {"version": "3.0.0"}}
})";

}  // namespace

TEST_CASE("--state-change-as-query posts the state, action and params as query parameters with no body") {
    testing::temporary_directory directory;
    const auto pact = directory.write("pact.json", failing_second_pact);
    recording_provider provider;
    const auto port = std::to_string(provider.server.port());
    const auto result = run_command(pact_command({"verifier", "-f", pact, "-h", "127.0.0.1", "-p", port, "--filter-state", "order",
                                                  "--state-change-url", "http://127.0.0.1:" + port + "/_pact/state",
                                                  "--state-change-as-query", "--state-change-teardown"}));
    CHECK_MESSAGE(result.exit_code == 0, result.all());
    const std::lock_guard lock(provider.mutex);
    REQUIRE(provider.requests.size() == 3);
    CHECK(provider.requests[0].first == "/_pact/state?action=setup&note=x+y&state=an+order+exists&total=10");
    CHECK(provider.requests[0].second.empty());
    CHECK(provider.requests[1].first == "/orders/1");
    CHECK(provider.requests[2].first == "/_pact/state?action=teardown&note=x+y&state=an+order+exists&total=10");
}

TEST_CASE("--exit-on-first-error verifies nothing after the first failure") {
    testing::temporary_directory directory;
    const auto pact = directory.write("pact.json", failing_second_pact);
    recording_provider provider;
    const auto port = std::to_string(provider.server.port());
    const auto result = run_command(pact_command({"verifier", "-f", pact, "-f", pact, "-h", "127.0.0.1", "-p", port, "--exit-on-first-error"}));
    CHECK(result.exit_code == 1);
    CHECK(provider.targets() == std::vector<std::string>{"/orders/1", "/fail"});
    CHECK_MESSAGE(result.out.find("4 interactions not verified: the run stopped at the first failure") != std::string::npos, result.out);
    CHECK(result.out.find("a call after the failure") == std::string::npos);

    const auto without = run_command(pact_command({"verifier", "-f", pact, "-h", "127.0.0.1", "-p", port}));
    CHECK(without.out.find("a call after the failure ... OK") != std::string::npos);
}

TEST_CASE("colours are forced by CLICOLOR_FORCE and --no-colour removes every ANSI escape") {
    testing::temporary_directory directory;
    const auto pact = directory.write("pact.json", order_pact);
    auto provider = order_service(true);
    const auto port = std::to_string(provider.port());
    const auto coloured = run_command({"/usr/bin/env", "CLICOLOR_FORCE=1", PACT_BINARY, "verifier", "-f", pact, "-h", "127.0.0.1", "-p", port});
    CHECK_MESSAGE(coloured.out.find("\x1b[31mFAILED\x1b[0m") != std::string::npos, coloured.out);
    CHECK(coloured.out.find("\x1b[32mOK\x1b[0m") != std::string::npos);
    for (const char* flag : {"--no-colour", "--no-color"}) {
        const auto plain = run_command({"/usr/bin/env", "CLICOLOR_FORCE=1", PACT_BINARY, "verifier", "-f", pact, "-h", "127.0.0.1", "-p", port, flag});
        CHECK(plain.exit_code == 1);
        CHECK(plain.out.find("a request for order 42 ... FAILED") != std::string::npos);
        CHECK(plain.out.find('\x1b') == std::string::npos);
    }
}

TEST_CASE("--log-level debug writes each request to the provider and its status to stderr") {
    testing::temporary_directory directory;
    const auto pact = directory.write("pact.json", order_pact);
    auto provider = order_service(false);
    const auto port = std::to_string(provider.port());
    const auto logged = run_command(pact_command({"verifier", "-f", pact, "-h", "127.0.0.1", "-p", port, "--log-level", "debug"}));
    CHECK(logged.exit_code == 0);
    CHECK_MESSAGE(logged.errors.find("DEBUG GET /orders/42 → 200") != std::string::npos, logged.errors);
    CHECK(logged.errors.find("DEBUG GET /orders/999 → 404") != std::string::npos);
    const auto traced = run_command(pact_command({"verifier", "-f", pact, "-h", "127.0.0.1", "-p", port, "-l", "trace"}));
    CHECK(traced.errors.find("total_amount") != std::string::npos);
    const auto quiet = run_command(pact_command({"verifier", "-f", pact, "-h", "127.0.0.1", "-p", port, "--loglevel", "warn"}));
    CHECK(quiet.errors.empty());
    CHECK(run_command(pact_command({"verifier", "-f", pact, "--log-level", "loud"})).exit_code == 2);
}

TEST_CASE("the official verifier's telemetry, log-format and TLS flags are accepted and said to have no effect") {
    testing::temporary_directory directory;
    const auto pact = directory.write("pact.json", order_pact);
    auto provider = order_service(false);
    const auto result = run_command(pact_command({"verifier", "-f", pact, "-h", "127.0.0.1", "-p", std::to_string(provider.port()),
                                                  "--enable-otel", "--enable-otel-traces", "--otel-exporter", "stdout",
                                                  "--pretty-log", "--disable-ssl-verification"}));
    CHECK_MESSAGE(result.exit_code == 0, result.all());
    const auto help = run_command(pact_command({"verifier", "--help"}));
    CHECK(help.out.find("without effect here") != std::string::npos);
    CHECK(help.out.find("--pretty-log") != std::string::npos);
}

namespace {

// A pact whose names carry markup: the HTML report must show them as text.
constexpr const char* markup_pact = R"({
  "consumer": {"name": "<script>alert('consumer')</script>"},
  "provider": {"name": "order-service"},
  "interactions": [
    {
      "description": "a request for order 42 & <b>more</b>",
      "providerState": "an order <i>exists</i>",
      "request": {"method": "GET", "path": "/orders/42"},
      "response": {"status": 200, "body": {"id": 42, "total_amount": 4200},
                   "matchingRules": {"$.body.total_amount": {"match": "type"}}}
    },
    {
      "description": "a request for a missing order",
      "request": {"method": "GET", "path": "/orders/999"},
      "response": {"status": 404}
    }
  ],
  "metadata": {"pactSpecification": {"version": "2.0.0"}}
})";

std::size_t occurrences(const std::string& text, const std::string& part) {
    std::size_t count = 0;
    for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++count;
    return count;
}

}  // namespace

TEST_CASE("--html writes a self-contained page with each pact, interaction, outcome and mismatch, escaped") {
    testing::temporary_directory directory;
    const auto pact = directory.write("pact.json", markup_pact);
    const auto html_file = (directory.path() / "reports" / "verification.html").string();
    auto provider = order_service(true);
    const auto result = run_command(pact_command({"verifier", "-f", pact, "-h", "127.0.0.1", "-p", std::to_string(provider.port()),
                                                  "--html", html_file}));
    CHECK_MESSAGE(result.exit_code == 1, result.all());
    const auto html = testing::read_file(html_file);
    CHECK(html.starts_with("<!DOCTYPE html"));
    CHECK(html.find("<title>Pact verification of order-service</title>") != std::string::npos);
    CHECK_MESSAGE(html.find("&lt;script&gt;alert('consumer')&lt;/script&gt;") != std::string::npos, html);
    CHECK(html.find("<script") == std::string::npos);
    CHECK(html.find("a request for order 42 &amp; &lt;b&gt;more&lt;/b&gt;") != std::string::npos);
    CHECK(html.find("given an order &lt;i&gt;exists&lt;/i&gt;") != std::string::npos);
    CHECK(html.find("<i>") == std::string::npos);
    // The mismatch in words, with the rename suggestion; one failed and one passed interaction.
    CHECK(html.find("$.total_amount") != std::string::npos);
    CHECK(html.find("total_cents") != std::string::npos);
    CHECK(occurrences(html, ">failed<") == 1);
    CHECK(occurrences(html, ">passed<") == 1);
    CHECK(html.find("2 interactions verified") != std::string::npos);
    // Nothing fetched from elsewhere: no scripts, stylesheets or images by address.
    CHECK(html.find("src=") == std::string::npos);
    CHECK(html.find("<link") == std::string::npos);

    // The XML report it was made from lies beside it, in the official verifier's shape.
    const auto xml = testing::read_file(directory.path() / "reports" / "verification.xml");
    CHECK(xml.find("<provider>order-service</provider>") != std::string::npos);
    CHECK(xml.find("<result>false</result>") != std::string::npos);
    CHECK(xml.find("<mismatch type=\"BodyMismatch\">") != std::string::npos);
    CHECK(occurrences(xml, "<result>OK</result>") == 1);
    CHECK(occurrences(xml, "<result>Error</result>") == 1);
}

TEST_CASE("--html says a run where every interaction passed is verified") {
    testing::temporary_directory directory;
    const auto pact = directory.write("pact.json", order_pact);
    const auto html_file = (directory.path() / "report.html").string();
    auto provider = order_service(false);
    const auto result = run_command(pact_command({"verifier", "-f", pact, "-h", "127.0.0.1", "-p", std::to_string(provider.port()),
                                                  "--html", html_file}));
    CHECK_MESSAGE(result.exit_code == 0, result.all());
    const auto html = testing::read_file(html_file);
    CHECK(html.find(">Verified<") != std::string::npos);
    CHECK(occurrences(html, ">passed<") == 2);
    CHECK(html.find(">failed<") == std::string::npos);
}

TEST_CASE("--xslt turns the XML report into the HTML report with the given stylesheet") {
    testing::temporary_directory directory;
    const auto pact = directory.write("pact.json", order_pact);
    // Written against the official verifier's XML report.
    const auto stylesheet = directory.write("custom.xsl", R"xsl(<?xml version="1.0"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="html"/>
  <xsl:template match="/report">
    <html><body><p id="custom"><xsl:value-of select="provider"/>:
      <xsl:value-of select="count(interaction_results/interaction)"/> interactions,
      <xsl:value-of select="count(errors/error)"/> errors</p>
      <xsl:for-each select="errors/error/mismatch/mismatches/mismatch">
        <p class="mismatch"><xsl:value-of select="@type"/> at <xsl:value-of select="path"/></p>
      </xsl:for-each>
    </body></html>
  </xsl:template>
</xsl:stylesheet>)xsl");
    const auto html_file = (directory.path() / "report.html").string();
    auto provider = order_service(true);
    const auto port = std::to_string(provider.port());
    const auto result = run_command(pact_command({"verifier", "-f", pact, "-h", "127.0.0.1", "-p", port, "--html", html_file,
                                                  "--xslt", stylesheet}));
    CHECK_MESSAGE(result.exit_code == 1, result.all());
    const auto html = testing::read_file(html_file);
    CHECK_MESSAGE(html.find("order-service:\n      2 interactions,\n      1 errors") != std::string::npos, html);
    CHECK(html.find("BodyMismatch at $.total_amount") != std::string::npos);

    // A stylesheet that is not one is refused before anything is verified.
    const auto broken = directory.write("broken.xsl", "<xsl:stylesheet version=\"1.0\" xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\"><xsl:template>");
    const auto refused = run_command(pact_command({"verifier", "-f", pact, "-h", "127.0.0.1", "-p", port, "--html", html_file,
                                                   "--xslt", broken}));
    CHECK(refused.exit_code == 2);
    CHECK_MESSAGE(refused.errors.find("broken.xsl") != std::string::npos, refused.errors);
    CHECK(refused.out.find("interactions verified") == std::string::npos);
}

TEST_CASE("--last-failed verifies only what failed in the previous run's --json report") {
    testing::temporary_directory directory;
    const auto pact = directory.write("pact.json", order_pact);
    const auto json_file = (directory.path() / "report.json").string();
    auto renamed = order_service(true);
    auto fixed = order_service(false);
    const auto verify = [&](const http::server& provider, std::vector<std::string> more) {
        std::vector<std::string> arguments = {"verifier", "-f", pact, "-h", "127.0.0.1", "-p", std::to_string(provider.port()),
                                              "--json", json_file};
        arguments.insert(arguments.end(), more.begin(), more.end());
        return run_command(pact_command(arguments));
    };

    // Without a previous report every interaction is verified, with a warning.
    const auto first = verify(renamed, {"--last-failed"});
    CHECK_MESSAGE(first.exit_code == 1, first.all());
    CHECK(first.out.find("2 interactions verified") != std::string::npos);
    CHECK(first.errors.find("--last-failed is ignored") != std::string::npos);

    // Then only the one that failed, until it passes.
    const auto second = verify(renamed, {"--last-failed"});
    CHECK_MESSAGE(second.exit_code == 1, second.all());
    CHECK(second.out.find("Verifying only the 1 interaction that failed") != std::string::npos);
    CHECK(second.out.find("1 interaction verified") != std::string::npos);
    CHECK(second.out.find("a request for order 42 ... FAILED") != std::string::npos);
    CHECK(second.out.find("a request for a missing order") == std::string::npos);

    const auto third = verify(fixed, {"--last-failed"});
    CHECK_MESSAGE(third.exit_code == 0, third.all());
    CHECK(third.out.find("1 interaction verified") != std::string::npos);
    CHECK(third.out.find("a request for order 42 ... OK") != std::string::npos);

    // Nothing failed last time: everything again.
    const auto fourth = verify(fixed, {"--last-failed"});
    CHECK(fourth.exit_code == 0);
    CHECK(fourth.out.find("2 interactions verified") != std::string::npos);
    CHECK(fourth.errors.find("nothing failed in the previous run") != std::string::npos);
}

TEST_CASE("--last-failed reads the official verifier's JSON report too") {
    testing::temporary_directory directory;
    const auto pact = directory.write("pact.json", order_pact);
    const auto json_file = directory.write("official.json", R"({"result": false, "interactionResults": [
        {"description": "a request for order 42", "result": "OK", "pending": false},
        {"description": "a request for a missing order", "result": "Error", "pending": false}]})");
    auto provider = order_service(false);
    const auto result = run_command(pact_command({"verifier", "-f", pact, "-h", "127.0.0.1", "-p", std::to_string(provider.port()),
                                                  "--json", json_file, "--last-failed"}));
    CHECK_MESSAGE(result.exit_code == 0, result.all());
    CHECK(result.out.find("1 interaction verified") != std::string::npos);
    CHECK(result.out.find("a request for a missing order ... OK") != std::string::npos);
}

TEST_CASE("-v/--version prints the version and commit on the verifier, stub and mock, and -V/--version on broker") {
    const std::string expected = std::string(build_info::version()) + " (commit " + std::string(build_info::commit()) + ")\n";
    for (const auto& arguments : std::vector<std::vector<std::string>>{{"verifier", "-v"}, {"verify", "--version"}, {"stub", "-v"},
                                                                        {"stub", "--version"}, {"mock", "-v"}, {"broker", "-V"},
                                                                        {"broker", "--version"}}) {
        const auto result = run_command(pact_command(arguments));
        CAPTURE(arguments[0] + " " + arguments[1]);
        CHECK(result.exit_code == 0);
        CHECK_MESSAGE(result.out.find(expected) != std::string::npos, result.all());
        CHECK(result.out.starts_with("pact " + (arguments[0] == "verify" ? std::string("verifier") : arguments[0]) + " "));
    }
    CHECK_FALSE(build_info::version().empty());
}

TEST_CASE("pact --version prints the version and the commit built from") {
    const auto result = run_command(pact_command({"--version"}));
    CHECK(result.exit_code == 0);
    CHECK_MESSAGE(result.out == build_info::version_line("pact") + "\n", result.all());
    // The tests are built from a git checkout: git describe's abbreviated commit id, maybe after a tag.
    CHECK_MESSAGE(std::regex_search(std::string(build_info::commit()), std::regex("[0-9a-f]{12}(-dirty)?$")), build_info::commit());
}

TEST_SUITE_END();
