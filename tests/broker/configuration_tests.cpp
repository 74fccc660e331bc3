// pact-broker's settings as the Pact Broker names them, observed on the real binary: the main branch
// candidates, several base URLs, the check for near-duplicate pacticipant names, the configuration file and
// what --help lists.

#include "broker_process.hpp"
#include "http_test_support.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

using namespace pact::broker::http::testing;
using nlohmann::json;

namespace {

json main_branch_of(broker_process& broker, const std::string& pacticipant) {
    const auto answer = broker.get("/pacticipants/" + pacticipant);
    REQUIRE(answer.status == 200);
    return answer.body.value("mainBranch", json());
}

}  // namespace

TEST_SUITE_BEGIN("component");

TEST_CASE("a pacticipant takes the first branch or tag named in PACT_BROKER_MAIN_BRANCH_CANDIDATES as its main branch, and no other") {
    const auto directory = make_temporary_directory("broker-main-branch-candidates");
    broker_process broker(directory / "broker.sqlite", {}, {"PACT_BROKER_MAIN_BRANCH_CANDIDATES=trunk release"});
    REQUIRE(broker.send("POST", "/contracts/publish", publish_body("Ordering", "1.0.0", "Billing", "x", {}, "main").dump()).status / 100 == 2);
    CHECK(main_branch_of(broker, "Ordering").is_null());  // main is one of the default candidates only
    REQUIRE(broker.send("POST", "/contracts/publish", publish_body("Ordering", "1.0.1", "Billing", "x", {}, "trunk").dump()).status / 100 == 2);
    CHECK(main_branch_of(broker, "Ordering") == "trunk");
    REQUIRE(broker.send("PUT", "/pacticipants/Shipping/versions/1.0.0/tags/release", "{}").status / 100 == 2);
    CHECK(main_branch_of(broker, "Shipping") == "release");
    std::filesystem::remove_all(directory);
}

TEST_CASE("with PACT_BROKER_AUTO_DETECT_MAIN_BRANCH=false no branch becomes a main branch by itself") {
    const auto directory = make_temporary_directory("broker-no-main-branch-detection");
    broker_process broker(directory / "broker.sqlite", {}, {"PACT_BROKER_AUTO_DETECT_MAIN_BRANCH=false"});
    REQUIRE(broker.send("POST", "/contracts/publish", publish_body("Ordering", "1.0.0", "Billing", "x", {}, "main").dump()).status / 100 == 2);
    CHECK(main_branch_of(broker, "Ordering").is_null());
    std::filesystem::remove_all(directory);
}

TEST_SUITE_END();
