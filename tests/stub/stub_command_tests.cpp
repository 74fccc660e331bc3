// Component test: the real `pact stub` binary serving a pact over loopback.
#include "http/client.hpp"
#include "support/files.hpp"
#include "support/process.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace pact;

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
