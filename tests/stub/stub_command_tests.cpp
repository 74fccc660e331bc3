// Component test: the real `pact stub` binary serving a pact over loopback.
#include "http/client.hpp"
#include "http/server.hpp"
#include "support/files.hpp"
#include "support/process.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <mutex>

using namespace pact;

TEST_SUITE_BEGIN("component");

namespace {

constexpr const char* pact_text = R"({
  "consumer": {"name": "payment-service"},
  "provider": {"name": "order-service"},
  "interactions": [{
    "description": "order 42",
    "request": {"method": "GET", "path": "/orders/42"},
    "response": {"status": 200, "headers": {"Content-Type": "application/json"}, "body": {"id": 42, "total_amount": 4200}}
  }],
  "metadata": {"pactSpecification": {"version": "3.0.0"}}
})";

// "Stub server listening on http://127.0.0.1:PORT (...)" -> PORT
std::uint16_t port_of(const std::string& line) {
    const auto colon = line.rfind(':');
    REQUIRE(colon != std::string::npos);
    return static_cast<std::uint16_t>(std::stoi(line.substr(colon + 1)));
}

}  // namespace

TEST_CASE("pact stub answers a matching request and gives 500 with mismatches to anything else") {
    testing::temporary_directory directory;
    const auto pact = directory.write("pact.json", pact_text);
    testing::background_process stub({PACT_BINARY, "stub", "-f", pact, "-p", "0"});
    const std::string banner = stub.read_line();
    REQUIRE_MESSAGE(banner.find("Stub server listening on http://127.0.0.1:") == 0, banner);
    const auto base = "http://127.0.0.1:" + std::to_string(port_of(banner));

    const auto matched = http::send_blocking(*http::parse_url(base + "/orders/42"), http::make_request("GET", ""));
    REQUIRE(matched);
    CHECK(matched->result_int() == 200);
    CHECK(nlohmann::json::parse(matched->body())["total_amount"] == 4200);

    const auto unmatched = http::send_blocking(*http::parse_url(base + "/orders/43"), http::make_request("GET", ""));
    REQUIRE(unmatched);
    CHECK(unmatched->result_int() == 500);
    const auto problem = nlohmann::json::parse(unmatched->body());
    CHECK(problem["closestInteraction"] == "order 42");
    CHECK_FALSE(problem["mismatches"].empty());
    CHECK(stub.stop() == 0);
}

TEST_CASE("pact stub refuses an unreadable pact with exit code 2") {
    testing::temporary_directory directory;
    const auto pact = directory.write("broken.json", "{");
    const auto result = testing::run_command({PACT_BINARY, "stub", "-f", pact});
    CHECK(result.exit_code == 2);
    CHECK(result.errors.find("broken.json") != std::string::npos);
}

namespace {

// Two interactions with the same request, told apart by their provider state, and one without state.
constexpr const char* stateful_pact_text = R"({
  "consumer": {"name": "web"}, "provider": {"name": "orders"},
  "interactions": [
    {"description": "order 1 when it exists", "providerStates": [{"name": "an order exists"}],
     "request": {"method": "GET", "path": "/orders/1"}, "response": {"status": 200, "body": {"id": 1}}},
    {"description": "order 1 when there are none", "providerStates": [{"name": "no orders"}],
     "request": {"method": "GET", "path": "/orders/1"}, "response": {"status": 404}},
    {"description": "health", "request": {"method": "GET", "path": "/health"}, "response": {"status": 204}}
  ],
  "metadata": {"pactSpecification": {"version": "3.0.0"}}
})";

// A running `pact stub` with the given extra flags over the given pact; stopped when destroyed.
struct running_stub {
    testing::background_process process;
    std::string base;

    running_stub(const std::string& pact, std::vector<std::string> flags)
        : process([&] {
              std::vector<std::string> arguments{PACT_BINARY, "stub", "-f", pact, "-p", "0"};
              arguments.insert(arguments.end(), flags.begin(), flags.end());
              return arguments;
          }()) {
        const std::string banner = process.read_line();
        REQUIRE_MESSAGE(banner.find("Stub server listening on http://127.0.0.1:") == 0, banner);
        base = "http://127.0.0.1:" + std::to_string(port_of(banner));
    }

    http::response get(const std::string& path, std::vector<std::pair<std::string, std::string>> headers = {},
                       const std::string& method = "GET") const {
        auto request = http::make_request(method, "");
        for (const auto& [name, value] : headers) request.set(name, value);
        auto answer = http::send_blocking(*http::parse_url(base + path), std::move(request));
        REQUIRE(answer);
        return *answer;
    }
};

}  // namespace

TEST_CASE("pact stub --provider-state answers with the interaction of the matching state only") {
    testing::temporary_directory directory;
    const auto pact = directory.write("pact.json", stateful_pact_text);
    {
        const running_stub stub(pact, {"--provider-state", "no orders"});
        CHECK(stub.get("/orders/1").result_int() == 404);
        CHECK(stub.get("/health").result_int() == 500);
    }
    {
        const running_stub stub(pact, {"-s", "exists", "--empty-provider-state"});
        CHECK(stub.get("/orders/1").result_int() == 200);
        CHECK(stub.get("/health").result_int() == 204);
    }
    const auto invalid = testing::run_command({PACT_BINARY, "stub", "-f", pact, "-s", "(unclosed"});
    CHECK(invalid.exit_code == 2);
    CHECK(invalid.errors.find("--provider-state") != std::string::npos);
}

TEST_CASE("pact stub --provider-state-header-name lets each request choose the provider state") {
    testing::temporary_directory directory;
    const auto pact = directory.write("pact.json", stateful_pact_text);
    const running_stub stub(pact, {"--provider-state-header-name", "X-Provider-State"});
    CHECK(stub.get("/orders/1").result_int() == 200);  // without the header: the first in pact order
    CHECK(stub.get("/orders/1", {{"X-Provider-State", "no orders"}}).result_int() == 404);
    CHECK(stub.get("/orders/1", {{"X-Provider-State", "an order exists"}}).result_int() == 200);
}

TEST_CASE("pact stub --cors answers preflight requests, with the Referer as origin under --cors-referer") {
    testing::temporary_directory directory;
    const auto pact = directory.write("pact.json", stateful_pact_text);
    {
        const running_stub plain(pact, {});
        CHECK(plain.get("/orders/1", {}, "OPTIONS").result_int() == 500);
        CHECK(plain.get("/health")["Access-Control-Allow-Origin"] == "*");
    }
    {
        const running_stub stub(pact, {"--cors"});
        const auto preflight = stub.get("/orders/1", {{"Referer", "http://web.example"}}, "OPTIONS");
        CHECK(preflight.result_int() == 200);
        CHECK(preflight["Access-Control-Allow-Origin"] == "*");
        CHECK(preflight["Access-Control-Allow-Methods"].find("PATCH") != std::string::npos);
        CHECK(preflight["Access-Control-Allow-Headers"] == "*");
    }
    const running_stub referer(pact, {"-o", "--cors-referer"});
    CHECK(referer.get("/orders/1", {{"Referer", "http://web.example"}}, "OPTIONS")["Access-Control-Allow-Origin"] == "http://web.example");
}

TEST_CASE("pact stub --user NAME:PASSWORD fetches pact URLs with basic authentication") {
    std::mutex mutex;
    std::string authorization;
    http::server pacts([&](http::request received) {
        const std::lock_guard lock(mutex);
        authorization = std::string(received[boost::beast::http::field::authorization]);
        if (authorization != "Basic " + std::string("dXNlcjpzZWNyZXQ=")) return http::make_response(received, 401, "", "");
        return http::make_response(received, 200, "application/json", pact_text);
    });
    const auto url = "http://127.0.0.1:" + std::to_string(pacts.port()) + "/pact.json";
    testing::background_process stub({PACT_BINARY, "stub", "-u", url, "--user", "user:secret", "-p", "0"});
    const std::string banner = stub.read_line();
    CHECK_MESSAGE(banner.find("Stub server listening on") == 0, banner);
    const std::lock_guard lock(mutex);
    CHECK(authorization == "Basic dXNlcjpzZWNyZXQ=");
    CHECK(stub.stop() == 0);
}

namespace {

// order 42 with its total_amount: the pact the consumer edits while the stub runs.
std::string order_pact_with_total(int total_amount) {
    nlohmann::json pact = nlohmann::json::parse(pact_text);
    pact["interactions"][0]["response"]["body"]["total_amount"] = total_amount;
    return pact.dump();
}

int total_amount_served(const std::string& base) {
    const auto answer = http::send_blocking(*http::parse_url(base + "/orders/42"), http::make_request("GET", ""));
    REQUIRE(answer);
    REQUIRE(answer->result_int() == 200);
    return nlohmann::json::parse(answer->body())["total_amount"].get<int>();
}

}  // namespace

TEST_CASE("pact stub --watch serves the edited pact after its file changes, and the previous one while it is broken") {
    testing::temporary_directory directory;
    const auto pact = directory.write("pact.json", order_pact_with_total(4200));
    testing::background_process stub({PACT_BINARY, "stub", "-f", pact, "-p", "0", "--watch"});
    const std::string banner = stub.read_line();
    REQUIRE_MESSAGE(banner.find("Stub server listening on http://127.0.0.1:") == 0, banner);
    const auto base = "http://127.0.0.1:" + std::to_string(port_of(banner));
    CHECK(total_amount_served(base) == 4200);

    directory.write("pact.json", order_pact_with_total(5000));
    CHECK(stub.read_line() == "Pacts reloaded (1 interactions)");
    CHECK(total_amount_served(base) == 5000);

    // Saved half-way: the previous pacts go on answering.
    directory.write("pact.json", "{ \"consumer\": ");
    const auto refused = stub.read_line();
    CHECK_MESSAGE(refused.starts_with("Pacts not reloaded, still serving the previous ones: cannot read pact:"), refused);
    CHECK(total_amount_served(base) == 5000);

    // Replaced by renaming another file over it, as editors do.
    const auto replacement = directory.write("pact.json.new", order_pact_with_total(6000));
    std::filesystem::rename(replacement, pact);
    CHECK(stub.read_line() == "Pacts reloaded (1 interactions)");
    CHECK(total_amount_served(base) == 6000);
    CHECK(stub.stop() == 0);
}

TEST_CASE("pact stub --watch -d reloads when a pact file appears in the directory") {
    testing::temporary_directory directory;
    std::filesystem::create_directory(directory.path() / "pacts");
    directory.write("pacts/a.json", order_pact_with_total(4200));
    testing::background_process stub({PACT_BINARY, "stub", "-d", (directory.path() / "pacts").string(), "-p", "0", "-w"});
    const std::string banner = stub.read_line();
    REQUIRE_MESSAGE(banner.find("(1 interactions)") != std::string::npos, banner);

    nlohmann::json second = nlohmann::json::parse(pact_text);
    second["interactions"][0]["description"] = "order 43";
    second["interactions"][0]["request"]["path"] = "/orders/43";
    directory.write("pacts/b.json", second.dump());
    CHECK(stub.read_line() == "Pacts reloaded (2 interactions)");
    const auto base = "http://127.0.0.1:" + std::to_string(port_of(banner));
    const auto answer = http::send_blocking(*http::parse_url(base + "/orders/43"), http::make_request("GET", ""));
    REQUIRE(answer);
    CHECK(answer->result_int() == 200);
    CHECK(stub.stop() == 0);
}

TEST_SUITE_END();
