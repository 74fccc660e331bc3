// `pact broker field-usage`: its flags, and what it prints when no consumer relies on anything, against the real
// pact-broker (the whole story, on both databases, is in tests/broker/field_usage_tests.cpp).
#include "broker_process.hpp"
#include "support/files.hpp"
#include "support/process.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using pact::testing::run_command;

TEST_SUITE_BEGIN("component");

namespace {

pact::testing::command_result field_usage(const std::string& broker_url, std::vector<std::string> arguments) {
    arguments.insert(arguments.begin(), {PACT_BINARY, "broker", "field-usage"});
    arguments.insert(arguments.end(), {"-b", broker_url});
    return run_command(arguments);
}

}  // namespace

TEST_CASE("field-usage refuses an environment with a branch, no provider and an unknown output, before asking the broker") {
    const std::string nowhere = "http://127.0.0.1:1";
    for (const auto& arguments : std::vector<std::vector<std::string>>{{"--provider", "order-service", "--environment", "production", "--branch", "main"},
                                                                        {"--field", "$.total_amount"},
                                                                        {"--provider", "order-service", "-o", "yaml"}}) {
        const auto result = field_usage(nowhere, arguments);
        INFO(result.all());
        CHECK(result.exit_code == 2);
    }
    const auto help = run_command({PACT_BINARY, "broker", "--help"});
    CHECK(help.out.find("field-usage") != std::string::npos);
}

TEST_CASE("field-usage says so when no consumer relies on the field, and prints an empty list as JSON") {
    pact::testing::temporary_directory directory;
    pact::broker::api::testing::broker_process broker(directory.path() / "broker.sqlite");
    REQUIRE(broker.send("PUT", "/pacticipants/order-service", R"({"name": "order-service"})").status < 300);

    const auto text = field_usage(broker.base_url(), {"--provider", "order-service", "--field", "$.total_amount"});
    INFO(text.all());
    CHECK(text.exit_code == 0);
    CHECK(text.out == "Fields of order-service its consumers rely on\n\nNo consumer relies on $.total_amount.\n");
    const auto json = field_usage(broker.base_url(), {"--provider", "order-service", "-o", "json"});
    CHECK(json.exit_code == 0);
    CHECK(nlohmann::json::parse(json.out).at("fields") == nlohmann::json::array());
    const auto table = field_usage(broker.base_url(), {"--provider", "order-service", "-o", "table"});
    CHECK(table.out.find("REQUEST") != std::string::npos);
}

TEST_SUITE_END();
