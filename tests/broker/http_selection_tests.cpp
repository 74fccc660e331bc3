// Selecting pacts for verification, the matrix and can-i-deploy, served in-process without sockets.

#include "http_test_support.hpp"

#include <doctest/doctest.h>


using namespace pact::broker::api::testing;
using nlohmann::json;

TEST_CASE("pacts for verification: entries the verifier can read, and bad selectors refused") {
    broker_under_test broker;
    REQUIRE(broker.publish("Consumer", "1.0.0", "Provider").status == 200);
    REQUIRE(broker.patch("/pacticipants/Consumer", {{"mainBranch", "main"}}).status == 200);
    auto discovery = broker.get("/pacts/provider/Provider/for-verification");
    REQUIRE(discovery.status == 200);
    CHECK(discovery.body.at("_links").at("self").at("href") == test_base_url + "/pacts/provider/Provider/for-verification");

    auto selected = broker.post("/pacts/provider/Provider/for-verification",
                                {{"consumerVersionSelectors", {{{"mainBranch", true}}}}, {"includePendingStatus", true},
                                 {"providerVersionBranch", "main"}});
    REQUIRE(selected.status == 200);
    const auto& pacts = selected.body.at("_embedded").at("pacts");
    REQUIRE(pacts.size() == 1);
    const auto& entry = pacts.at(0);
    CHECK(entry.at("shortDescription").is_string());
    CHECK(entry.at("verificationProperties").at("pending") == true);
    for (const auto& notice : entry.at("verificationProperties").at("notices")) {
        for (const auto& [key, value] : notice.items()) CHECK(value.is_string());
    }
    for (const auto& [relation, link] : entry.at("_links").items()) CHECK(link.is_object());
    auto href = entry.at("_links").at("self").at("href").get<std::string>();
    CHECK(broker.get(href.substr(test_base_url.size())).status == 200);

    check_client_error(broker.post("/pacts/provider/Provider/for-verification", {{"consumerVersionSelectors", {{{"fallbackTag", "x"}}}}}), 400);
    check_client_error(broker.post("/pacts/provider/Provider/for-verification", {{"consumerVersionSelectors", "mainBranch"}}), 400);
    check_client_error(broker.post("/pacts/provider/Nobody/for-verification", json::object()), 404);
}

TEST_CASE("results published through a WIP pact's URL are marked WIP and do not end its WIP status") {
    broker_under_test broker;
    REQUIRE(broker.publish("Consumer", "1.0.0", "Provider", "on main", {}, "main").status == 200);
    REQUIRE(broker.publish("Consumer", "2.0.0", "Provider", "on a feature", {}, "feat").status == 200);
    const json selection = {{"consumerVersionSelectors", {{{"branch", "main"}}}},
                            {"includePendingStatus", true},
                            {"includeWipPactsSince", "2020-01-01"},
                            {"providerVersionBranch", "main"}};
    auto wip_entries = [&] {
        auto answer = broker.post("/pacts/provider/Provider/for-verification", selection);
        REQUIRE(answer.status == 200);
        json wip = json::array();
        for (const auto& entry : answer.body.at("_embedded").at("pacts"))
            if (entry.at("verificationProperties").value("wip", false)) wip.push_back(entry);
        return wip;
    };
    auto wip = wip_entries();
    REQUIRE(wip.size() == 1);
    auto href = wip.at(0).at("_links").at("self").at("href").get<std::string>();
    CHECK(href.find("/metadata/") != std::string::npos);  // the URL carries the WIP mark, as the Pact Broker's does

    auto pact = broker.get(href.substr(test_base_url.size()));
    REQUIRE(pact.status == 200);
    auto results = pact.body.at("_links").at("pb:publish-verification-results").at("href").get<std::string>();
    auto published = broker.post(results.substr(test_base_url.size()),
                                 {{"providerApplicationVersion", "9.9.9"}, {"success", true}, {"providerVersionBranch", "main"}});
    REQUIRE(published.status == 201);

    wip = wip_entries();
    REQUIRE(wip.size() == 1);
    CHECK(wip.at(0).at("verificationProperties").at("pending") == true);
}

TEST_CASE("the matrix and can-i-deploy answer with summary, notices and rows the official client reads") {
    broker_under_test broker;
    REQUIRE(broker.publish("Consumer", "1.0.0", "Provider").status == 200);
    auto pact = broker.get("/pacts/provider/Provider/consumer/Consumer/version/1.0.0");
    auto results = pact.body.at("_links").at("pb:publish-verification-results").at("href").get<std::string>().substr(test_base_url.size());

    auto unknown = broker.get("/matrix?q[][pacticipant]=Consumer&q[][version]=1.0.0&latestby=cvp&latest=true");
    REQUIRE(unknown.status == 200);
    CHECK(unknown.body.at("summary").at("deployable").is_null());

    auto published = broker.post(results, {{"providerApplicationVersion", "2.0.0"}, {"success", true}});
    REQUIRE(published.status == 201);
    auto self = published.body.at("_links").at("self").at("href").get<std::string>();

    auto matrix = broker.get("/matrix?q[][pacticipant]=Consumer&q[][version]=1.0.0&q[][pacticipant]=Provider&q[][version]=2.0.0&latestby=cvpv");
    REQUIRE(matrix.status == 200);
    CHECK(matrix.body.at("summary").at("deployable") == true);
    REQUIRE(matrix.body.at("matrix").size() == 1);
    const auto& row = matrix.body.at("matrix").at(0);
    CHECK(row.at("consumer").at("name") == "Consumer");
    CHECK(row.at("provider").at("version").at("number") == "2.0.0");
    CHECK(row.at("verificationResult").at("success") == true);
    CHECK(row.at("verificationResult").at("_links").at("self").at("href") == self);
}


TEST_CASE("an unknown environment in a matrix query is a 400; can-i-deploy needs a pacticipant and a version") {
    broker_under_test broker;
    REQUIRE(broker.publish("Consumer", "1.0.0", "Provider").status == 200);
    REQUIRE(broker.post("/environments", {{"name", "production"}, {"production", true}}).status == 201);
    check_client_error(broker.get("/matrix?q[][pacticipant]=Consumer&q[][version]=1.0.0&latestby=cvpv&environment=nowhere"), 400);
    auto can_i_deploy = broker.get("/can-i-deploy?pacticipant=Consumer&version=1.0.0&environment=production");
    CHECK(can_i_deploy.status == 200);
    CHECK(can_i_deploy.body.contains("matrix"));
    check_client_error(broker.get("/can-i-deploy?pacticipant=Consumer"), 400);
}
