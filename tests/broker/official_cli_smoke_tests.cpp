// The official Pact CLI (npm @pact-foundation/pact-cli-linux-x64) against the real pact-broker: a
// smoke test of publish and can-i-deploy. The full interop suite lives in tests/interop.

#include "broker_process.hpp"
#include "http_test_support.hpp"

#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sys/wait.h>

using namespace pact::broker::api::testing;

TEST_SUITE_BEGIN("component");

namespace {

struct command_result {
    int exit_code = -1;
    std::string output;  // stdout and stderr
};

command_result run_official_cli(const std::string& arguments) {
    setenv("PACT_DO_NOT_TRACK", "true", 1);
    std::string command = std::string("'") + PACT_OFFICIAL_CLI + "' " + arguments + " 2>&1";
    command_result result;
    FILE* pipe = popen(command.c_str(), "r");
    REQUIRE(pipe != nullptr);
    char buffer[4096];
    while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) result.output += buffer;
    int status = pclose(pipe);
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return result;
}

}  // namespace

TEST_CASE("the official CLI publishes to our broker and can-i-deploy turns yes once the provider verified") {
    auto directory = make_temporary_directory("broker-official-cli");
    std::filesystem::create_directories(directory / "pacts");
    std::ofstream(directory / "pacts" / "consumer-provider.json") << example_pact("Consumer", "Provider", "a request for order 1").dump();
    broker_process broker(directory / "broker.sqlite");
    const auto base = broker.base_url();

    auto published = run_official_cli("broker publish '" + (directory / "pacts").string() +
                                      "' --consumer-app-version 1.0.0 --branch main --tag x,y -b " + base);
    CAPTURE(published.output);
    CHECK(published.exit_code == 0);
    CHECK(published.output.find("Pact successfully published for Consumer version 1.0.0 and provider Provider") != std::string::npos);

    const std::string can_i_deploy = "broker can-i-deploy --pacticipant Consumer --version 1.0.0 --pacticipant Provider --version 2.0.0 -b " + base;
    auto before = run_official_cli(can_i_deploy);
    CAPTURE(before.output);
    CHECK(before.exit_code == 1);
    // Its JSON output is our answer as it is: the explanations come through.
    auto before_json = run_official_cli(can_i_deploy + " -o json");
    CAPTURE(before_json.output);
    const auto explanations = nlohmann::json::parse(before_json.output, nullptr, false).value("explanations", nlohmann::json());
    REQUIRE(explanations.is_array());
    REQUIRE(!explanations.empty());
    CHECK(explanations.at(0).at("code") == "version_not_found");
    CHECK(explanations.at(0).at("command").get<std::string>().find("--provider-name Provider --provider-version 2.0.0 --publish") != std::string::npos);

    auto pact = broker.get("/pacts/provider/Provider/consumer/Consumer/version/1.0.0");
    REQUIRE(pact.status == 200);
    auto results = pact.body.at("_links").at("pb:publish-verification-results").at("href").get<std::string>().substr(base.size());
    REQUIRE(broker.send("POST", results, R"({"providerApplicationVersion": "2.0.0", "success": true})").status == 201);

    auto after = run_official_cli(can_i_deploy);
    CAPTURE(after.output);
    CHECK(after.exit_code == 0);
    CHECK(after.output.find("Computer says yes") != std::string::npos);

    CHECK(broker.stop() == 0);
    std::filesystem::remove_all(directory);
}

TEST_SUITE_END();
