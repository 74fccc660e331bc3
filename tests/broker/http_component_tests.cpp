// The real pact-broker binary over loopback HTTP: the whole consumer → provider → can-i-deploy loop,
// limits and configuration, clean shutdown and persistence.

#include "broker_process.hpp"
#include "http_test_support.hpp"

#include <doctest/doctest.h>

using namespace pact::broker::api::testing;
using nlohmann::json;

TEST_SUITE_BEGIN("component");

namespace {

std::string path_of(const json& href, const std::string& base) { return href.get<std::string>().substr(base.size()); }

}  // namespace

TEST_CASE("over HTTP: publish, fetch the pact, publish a verification result for it") {
    auto directory = make_temporary_directory("broker-component");
    broker_process broker(directory / "broker.sqlite");
    const auto base = broker.base_url();

    auto index = broker.get("/");
    REQUIRE(index.status == 200);
    CHECK(index.content_type == "application/hal+json;charset=utf-8");
    auto publish_path = path_of(index.body.at("_links").at("pb:publish-contracts").at("href"), base);
    auto published = broker.send("POST", publish_path, publish_body("Consumer", "1.0.0", "Provider", "a request", {"x"}, "main").dump());
    REQUIRE(published.status == 200);
    auto pact_path = path_of(published.body.at("_links").at("pb:contracts").at(0).at("href"), base);

    auto pact = broker.get(pact_path);
    REQUIRE(pact.status == 200);
    CHECK(pact.body.at("interactions").at(0).at("description") == "a request");

    auto provider = broker.get(path_of(pact.body.at("_links").at("pb:provider").at("href"), base));
    REQUIRE(provider.status == 200);
    CHECK(broker.send("PUT", "/pacticipants/Provider/branches/main/versions/2.0.0", "{}").status == 201);
    auto result = broker.send("POST", path_of(pact.body.at("_links").at("pb:publish-verification-results").at("href"), base),
                              json{{"providerApplicationVersion", "2.0.0"},
                                   {"success", true},
                                   {"testResults", {{{"interactionId", pact.body.at("interactions").at(0).at("_id")}, {"success", true}}}}}
                                  .dump());
    REQUIRE(result.status == 201);

    auto stored = broker.get(path_of(result.body.at("_links").at("self").at("href"), base));
    CHECK(stored.body.at("success") == true);

    CHECK(broker.stop() == 0);
    std::filesystem::remove_all(directory);
}

TEST_CASE("over HTTP: the provider selects the pact for verification, publishes its result, can-i-deploy says yes") {
    auto directory = make_temporary_directory("broker-component");
    broker_process broker(directory / "broker.sqlite");
    const auto base = broker.base_url();
    REQUIRE(broker.send("POST", "/contracts/publish", publish_body("Consumer", "1.0.0", "Provider", "a request", {}, "main").dump()).status == 200);
    REQUIRE(broker.send("PATCH", "/pacticipants/Consumer", R"({"mainBranch": "main"})", "application/merge-patch+json").status == 200);

    auto index = broker.get("/");
    auto for_verification = index.body.at("_links").at("pb:provider-pacts-for-verification");
    REQUIRE(for_verification.at("templated") == true);
    auto discovery = broker.get("/pacts/provider/Provider/for-verification");
    REQUIRE(discovery.status == 200);
    auto selection = broker.send("POST", path_of(discovery.body.at("_links").at("self").at("href"), base),
                                 json{{"consumerVersionSelectors", {{{"mainBranch", true}}}}, {"includePendingStatus", true},
                                      {"providerVersionBranch", "main"}}.dump());
    REQUIRE(selection.status == 200);
    REQUIRE(selection.body.at("_embedded").at("pacts").size() == 1);
    const auto& entry = selection.body.at("_embedded").at("pacts").at(0);
    CHECK(entry.at("verificationProperties").at("pending") == true);
    auto pact = broker.get(path_of(entry.at("_links").at("self").at("href"), base));
    REQUIRE(pact.status == 200);

    CHECK(broker.send("PUT", "/pacticipants/Provider/branches/main/versions/2.0.0", "{}").status == 201);
    auto result = broker.send("POST", path_of(pact.body.at("_links").at("pb:publish-verification-results").at("href"), base),
                              json{{"providerApplicationVersion", "2.0.0"}, {"success", true}}.dump());
    REQUIRE(result.status == 201);

    auto matrix = broker.get("/matrix?q[][pacticipant]=Consumer&q[][version]=1.0.0&q[][pacticipant]=Provider&q[][version]=2.0.0&latestby=cvpv");
    REQUIRE(matrix.status == 200);
    CHECK(matrix.body.at("summary").at("deployable") == true);
    CHECK(matrix.body.at("matrix").at(0).at("verificationResult").at("success") == true);

    // Once verified from the provider's main branch, the pact is no longer pending.
    auto again = broker.send("POST", "/pacts/provider/Provider/for-verification",
                             json{{"consumerVersionSelectors", {{{"mainBranch", true}}}}, {"includePendingStatus", true},
                                  {"providerVersionBranch", "main"}}.dump());
    CHECK(again.body.at("_embedded").at("pacts").at(0).at("verificationProperties").at("pending") == false);

    CHECK(broker.stop() == 0);
    std::filesystem::remove_all(directory);
}

TEST_CASE("over HTTP: what answered 2xx is still there after a restart on the same database") {
    auto directory = make_temporary_directory("broker-component");
    {
        broker_process broker(directory / "broker.sqlite");
        REQUIRE(broker.send("POST", "/contracts/publish", publish_body("Consumer", "1.0.0", "Provider", "kept", {}, "main").dump()).status == 200);
        CHECK(broker.stop() == 0);
    }
    broker_process restarted(directory / "broker.sqlite");
    auto pact = restarted.get("/pacts/provider/Provider/consumer/Consumer/latest");
    REQUIRE(pact.status == 200);
    CHECK(pact.body.at("interactions").at(0).at("description") == "kept");
    CHECK(restarted.stop() == 0);
    std::filesystem::remove_all(directory);
}

TEST_CASE("over HTTP: the base URL and body limit come from flags or PACT_BROKER_* variables") {
    auto directory = make_temporary_directory("broker-component");
    broker_process broker(directory / "broker.sqlite", {"--max-body-bytes", "2000"},
                          {"PACT_BROKER_BASE_URL=http://broker.example/prefix"});
    CHECK(broker.get("/").body.at("_links").at("pb:pacticipants").at("href") == "http://broker.example/prefix/pacticipants");

    auto too_large = broker.send("POST", "/contracts/publish", std::string(5000, ' '));
    CHECK(too_large.status == 413);
    CHECK(too_large.body.contains("errors"));
    auto malformed = broker.send("POST", "/contracts/publish", "{\"pacticipantName\":");
    CHECK(malformed.status == 400);
    CHECK(malformed.body.contains("errors"));
    CHECK(broker.stop() == 0);
    std::filesystem::remove_all(directory);
}

TEST_SUITE_END();
