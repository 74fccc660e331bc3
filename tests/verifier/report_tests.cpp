#include "verifier/report.hpp"

#include <doctest/doctest.h>

#include <sstream>

using namespace pact::verifier;

namespace {

verification_report sample_report() {
    verification_report report;
    auto& pact = report.pacts.emplace_back();
    pact.consumer = "payment-service";
    pact.provider = "order-service";
    pact.source = "pacts/orders.json";
    auto& passed = pact.interactions.emplace_back();
    passed.description = "a request for order 42";
    passed.provider_states = {"an order exists"};
    passed.success = true;
    auto& failed = pact.interactions.emplace_back();
    failed.description = "a request for order 43";
    failed.mismatches.push_back({"body", "$.total_amount", 4200, nullptr, "$.total_amount is missing; the provider now sends $.total_cents (renamed?)"});
    auto& pending = pact.interactions.emplace_back();
    pending.description = "a new field";
    pending.pending = true;
    pending.error = "cannot reach the provider";
    return report;
}

}  // namespace

TEST_CASE("a report fails when a non-pending interaction failed, and counts pending failures apart") {
    auto report = sample_report();
    CHECK(report.interaction_count() == 3);
    CHECK(report.failure_count() == 2);
    CHECK(report.pending_failure_count() == 1);
    CHECK_FALSE(report.success());
    report.pacts[0].interactions[1].success = true;
    CHECK(report.success());
}

TEST_CASE("the text report shows each interaction, its mismatches, and a summary with distinct errors") {
    const auto report = sample_report();
    std::ostringstream out;
    text_reporter reporter(out);
    for (const auto& result : report.pacts[0].interactions) reporter.on_result(report.pacts[0], result);
    reporter.summary(report);
    const std::string text = out.str();
    CHECK(text.find("Verifying a pact between payment-service and order-service (pacts/orders.json)") != std::string::npos);
    CHECK(text.find("a request for order 42 (given an order exists) ... OK") != std::string::npos);
    CHECK(text.find("a request for order 43 ... FAILED") != std::string::npos);
    CHECK(text.find("body: $.total_amount is missing; the provider now sends $.total_cents (renamed?)") != std::string::npos);
    CHECK(text.find("a new field ... FAILED (pending)") != std::string::npos);
    CHECK(text.find("3 interactions verified") != std::string::npos);
    CHECK(text.find("1 passed, 2 failed (1 of them pending") != std::string::npos);
    CHECK(text.find("cannot reach the provider (1 interaction)") != std::string::npos);
}

TEST_CASE("the JSON report holds every interaction with its mismatches") {
    const auto json = to_json(sample_report());
    CHECK(json["success"] == false);
    CHECK(json["summary"]["failures"] == 2);
    const auto& interactions = json["pacts"][0]["interactions"];
    REQUIRE(interactions.size() == 3);
    CHECK(interactions[1]["mismatches"][0]["path"] == "$.total_amount");
    CHECK(interactions[1]["mismatches"][0]["expected"] == 4200);
    CHECK(interactions[2]["error"] == "cannot reach the provider");
    CHECK(interactions[2]["pending"] == true);
}

TEST_CASE("the JUnit report has a failure per failed interaction and skips pending ones") {
    const auto xml = to_junit_xml(sample_report());
    CHECK(xml.find("<testsuite name=\"payment-service - order-service\" tests=\"3\"") != std::string::npos);
    CHECK(xml.find("failures=\"1\"") != std::string::npos);
    CHECK(xml.find("<failure message=\"body: $.total_amount is missing") != std::string::npos);
    CHECK(xml.find("<skipped message=\"pending: cannot reach the provider") != std::string::npos);
}
