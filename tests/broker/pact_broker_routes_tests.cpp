// The Pact Broker's routes beyond those the official CLI follows: integrations, labels, a branch's latest
// version, a tag's versions, the matrix of one pair, and OPTIONS on every resource.

#include "http_test_support.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

using namespace pact::broker::api::testing;
using nlohmann::json;

namespace {

// Publishes a verification result of the pact at `pact_path` by the provider version, through the pact's own link.
void verify(broker_under_test& broker, const std::string& pact_path, const std::string& provider_version, bool success) {
    const auto pact = broker.get(pact_path);
    REQUIRE(pact.status == 200);
    const auto results = pact.body.at("_links").at("pb:publish-verification-results").at("href").get<std::string>();
    REQUIRE(broker.post(results.substr(test_base_url.size()), {{"providerApplicationVersion", provider_version}, {"success", success}}).status == 201);
}

}  // namespace

TEST_CASE("GET /integrations lists each consumer and provider pair once, with links to its matrix and latest pact") {
    broker_under_test broker;
    REQUIRE(broker.publish("Web", "1", "Orders").status == 200);
    REQUIRE(broker.publish("Web", "2", "Orders", "another request").status == 200);
    REQUIRE(broker.publish("Mobile", "1", "Orders").status == 200);
    auto answer = broker.get("/integrations");
    REQUIRE(answer.status == 200);
    CHECK(is_hal_json(answer));
    const auto& integrations = answer.body.at("_embedded").at("integrations");
    REQUIRE(integrations.size() == 2);
    CHECK(integrations[0].at("consumer").at("name") == "Mobile");
    CHECK(integrations[1].at("consumer").at("name") == "Web");
    CHECK(integrations[1].at("provider").at("name") == "Orders");
    CHECK(integrations[1].at("_links").at("pb:matrix").at("href") == test_base_url + "/matrix/provider/Orders/consumer/Web");
    CHECK(integrations[1].at("_links").at("pb:latest-pact").at("href") == test_base_url + "/pacts/provider/Orders/consumer/Web/latest");
    CHECK(answer.body.at("_links").at("self").at("href") == test_base_url + "/integrations");
}

TEST_CASE("GET /labels lists every label in use once, by name") {
    broker_under_test broker;
    CHECK(broker.get("/labels").body.at("_embedded").at("labels").empty());
    REQUIRE(broker.put("/pacticipants/Web/labels/team-a", json::object()).status / 100 == 2);
    REQUIRE(broker.put("/pacticipants/Orders/labels/team-a", json::object()).status / 100 == 2);
    REQUIRE(broker.put("/pacticipants/Orders/labels/billing", json::object()).status / 100 == 2);
    auto labels = broker.get("/labels").body.at("_embedded").at("labels");
    CHECK(labels == json::array({{{"name", "billing"}}, {{"name", "team-a"}}}));
}

TEST_CASE("a branch's latest version is its newest, and a tag's versions are listed newest first") {
    broker_under_test broker;
    REQUIRE(broker.publish("Web", "1", "Orders", "a", {"prod"}, "feat/x").status == 200);
    REQUIRE(broker.publish("Web", "2", "Orders", "b", {}, "feat/x").status == 200);
    REQUIRE(broker.publish("Web", "3", "Orders", "c", {"prod"}, "main").status == 200);

    auto latest = broker.get("/pacticipants/Web/branches/feat%2Fx/latest-version");
    REQUIRE(latest.status == 200);
    CHECK(latest.body.at("number") == "2");
    CHECK(broker.get("/pacticipants/Web/branches/feat/x/latest-version").body.at("number") == "2");
    check_client_error(broker.get("/pacticipants/Web/branches/nowhere/latest-version"), 404);

    auto tagged = broker.get("/pacticipants/Web/tags/prod/versions");
    REQUIRE(tagged.status == 200);
    const auto& versions = tagged.body.at("_embedded").at("versions");
    REQUIRE(versions.size() == 2);
    CHECK(versions[0].at("number") == "3");
    CHECK(versions[1].at("number") == "1");
    check_client_error(broker.get("/pacticipants/Web/tags/never/versions"), 404);
}

TEST_CASE("the matrix of a pair holds every row between the two, and only those") {
    broker_under_test broker;
    REQUIRE(broker.publish("Web", "1", "Orders").status == 200);
    REQUIRE(broker.publish("Web", "2", "Orders", "another request").status == 200);
    REQUIRE(broker.publish("Web", "2", "Payments").status == 200);
    auto answer = broker.get("/matrix/provider/Orders/consumer/Web");
    REQUIRE(answer.status == 200);
    const auto& rows = answer.body.at("matrix");
    REQUIRE(rows.size() == 2);
    for (const auto& row : rows) CHECK(row.at("provider").at("name") == "Orders");
    check_client_error(broker.get("/matrix/provider/Nobody/consumer/Web"), 404);
}

TEST_CASE("OPTIONS on a resource answers 200 with the methods it allows; on an unknown path 404") {
    broker_under_test broker;
    auto pacticipant = broker.send("OPTIONS", "/pacticipants/Web");
    CHECK(pacticipant.status == 200);
    for (const char* method : {"GET", "PUT", "PATCH", "DELETE", "OPTIONS"}) {
        CAPTURE(method);
        CHECK(pacticipant.allow.find(method) != std::string::npos);
    }
    CHECK(pacticipant.allow.find("POST") == std::string::npos);
    CHECK(broker.send("OPTIONS", "/contracts/publish").allow == "POST, OPTIONS");
    check_client_error(broker.send("OPTIONS", "/nothing/here"), 404);
}

TEST_CASE("the latest verification of the latest pact, of the latest with a tag, and of a consumer version's pact") {
    broker_under_test broker;
    REQUIRE(broker.publish("Web", "1", "Orders", "first", {"prod"}).status == 200);
    const std::string pair = "/pacts/provider/Orders/consumer/Web";
    check_client_error(broker.get(pair + "/latest/verification-results/latest"), 404);  // not verified yet
    verify(broker, pair + "/version/1", "10", false);
    verify(broker, pair + "/version/1", "11", true);
    REQUIRE(broker.publish("Web", "2", "Orders", "second").status == 200);
    verify(broker, pair + "/version/2", "12", false);

    const auto latest = broker.get(pair + "/latest/verification-results/latest");
    REQUIRE(latest.status == 200);
    CHECK(latest.body.at("providerApplicationVersion") == "12");
    CHECK(latest.body.at("success") == false);
    const auto tagged = broker.get(pair + "/latest/prod/verification-results/latest");
    REQUIRE(tagged.status == 200);
    CHECK(tagged.body.at("providerApplicationVersion") == "11");
    CHECK(broker.get(pair + "/version/1/verification-results/latest").body.at("providerApplicationVersion") == "11");
    check_client_error(broker.get(pair + "/version/9/verification-results/latest"), 404);
}

TEST_CASE("deleting an integration removes the pair's pacts, webhooks and leftover versions, and a pacticipant left with nothing") {
    broker_under_test broker;
    REQUIRE(broker.publish("Web", "1", "Orders").status == 200);
    REQUIRE(broker.publish("Web", "2", "Payments").status == 200);
    REQUIRE(broker.publish("Mobile", "1", "Orders").status == 200);
    REQUIRE(broker.put("/pacticipants/Web/versions/3", json::object()).status / 100 == 2);  // no pact, no verification
    const json webhook = {{"events", {{{"name", "contract_published"}}}},
                          {"request", {{"method", "POST"}, {"url", "https://ci.example.com/build"}}},
                          {"consumer", {{"name", "Web"}}},
                          {"provider", {{"name", "Orders"}}}};
    REQUIRE(broker.post("/webhooks", webhook).status == 201);

    const auto deleted = broker.send("DELETE", "/integrations/provider/Orders/consumer/Web");
    CHECK(deleted.status == 204);
    check_client_error(broker.get("/pacts/provider/Orders/consumer/Web/latest"), 404);
    CHECK(broker.get("/pacts/provider/Payments/consumer/Web/latest").status == 200);
    CHECK(broker.get("/pacts/provider/Orders/consumer/Mobile/latest").status == 200);
    CHECK(broker.get("/webhooks").body.at("_links").at("pb:webhooks").empty());
    check_client_error(broker.get("/pacticipants/Web/versions/1"), 404);  // published only the deleted pact
    CHECK(broker.get("/pacticipants/Web/versions/2").status == 200);
    check_client_error(broker.get("/pacticipants/Web/versions/3"), 404);
    CHECK(broker.get("/integrations").body.at("_embedded").at("integrations").size() == 2);

    REQUIRE(broker.send("DELETE", "/integrations/provider/Payments/consumer/Web").status == 204);
    check_client_error(broker.get("/pacticipants/Web"), 404);     // nothing left of it
    check_client_error(broker.get("/pacticipants/Payments"), 404);
    CHECK(broker.get("/pacticipants/Orders").status == 200);        // Mobile still has a pact with it
    check_client_error(broker.send("DELETE", "/integrations/provider/Payments/consumer/Web"), 404);
}

TEST_CASE("deleting every integration removes every pacticipant and webhook, and keeps the environments") {
    broker_under_test broker;
    REQUIRE(broker.publish("Web", "1", "Orders").status == 200);
    REQUIRE(broker.publish("Mobile", "1", "Payments").status == 200);
    REQUIRE(broker.post("/environments", {{"name", "production"}}).status == 201);
    const json webhook = {{"events", {{{"name", "contract_published"}}}}, {"request", {{"method", "POST"}, {"url", "https://ci.example.com/build"}}}};
    REQUIRE(broker.post("/webhooks", webhook).status == 201);

    CHECK(broker.send("DELETE", "/integrations").status == 204);
    CHECK(broker.get("/integrations").body.at("_embedded").at("integrations").empty());
    CHECK(broker.get("/pacticipants").body.at("_embedded").at("pacticipants").empty());
    CHECK(broker.get("/webhooks").body.at("_links").at("pb:webhooks").empty());
    CHECK(broker.get("/environments").body.at("_embedded").at("environments").size() == 1);
}

TEST_CASE("PATCH of a version merges its build URL, replaces its tags when given, and creates it when missing") {
    broker_under_test broker;
    REQUIRE(broker.publish("Web", "1", "Orders", "a", {"dev", "prod"}).status == 200);
    const std::string version = "/pacticipants/Web/versions/1";

    auto patched = broker.patch(version, {{"buildUrl", "https://ci.example.com/1"}});
    REQUIRE(patched.status == 200);
    CHECK(patched.body.at("buildUrl") == "https://ci.example.com/1");
    CHECK(patched.body.at("_embedded").at("tags").size() == 2);  // absent: the tags stay
    CHECK(patched.body.at("_embedded").at("branchVersions").at(0).at("name") == "main");

    patched = broker.patch(version, {{"_embedded", {{"tags", {{{"name", "prod"}}, {{"name", "test"}}}}}}});
    REQUIRE(patched.status == 200);
    CHECK(patched.body.at("buildUrl") == "https://ci.example.com/1");  // absent: the build URL stays
    std::vector<std::string> tags;
    for (const auto& tag : patched.body.at("_embedded").at("tags")) tags.push_back(tag.at("name"));
    std::ranges::sort(tags);
    CHECK(tags == std::vector<std::string>{"prod", "test"});

    patched = broker.patch(version, {{"buildUrl", nullptr}});
    CHECK_FALSE(patched.body.contains("buildUrl"));  // null clears it

    auto created = broker.patch("/pacticipants/Web/versions/2", {{"buildUrl", "https://ci.example.com/2"}});
    CHECK(created.status == 201);
    CHECK(broker.get("/pacticipants/Web/versions/2").body.at("buildUrl") == "https://ci.example.com/2");

    CHECK(broker.send("OPTIONS", version).allow == "GET, PUT, PATCH, DELETE, OPTIONS");
    check_client_error(broker.patch(version, {{"buildUrl", 7}}), 400);
    check_client_error(broker.patch(version, {{"_embedded", {{"tags", {"prod"}}}}}), 400);
}

TEST_CASE("DELETE of a branch version takes the version off the branch, keeps the version, and moves the branch's head back") {
    broker_under_test broker;
    REQUIRE(broker.publish("Web", "1", "Orders", "a", {}, "feat/x").status == 200);
    REQUIRE(broker.publish("Web", "2", "Orders", "b", {}, "feat/x").status == 200);

    CHECK(broker.send("DELETE", "/pacticipants/Web/branches/feat%2Fx/versions/2").status == 204);
    check_client_error(broker.get("/pacticipants/Web/branches/feat%2Fx/versions/2"), 404);
    CHECK(broker.get("/pacticipants/Web/versions/2").status == 200);
    CHECK(broker.get("/pacticipants/Web/branches/feat%2Fx/latest-version").body.at("number") == "1");
    CHECK(broker.send("DELETE", "/pacticipants/Web/branches/feat/x/versions/1").status == 204);  // the CLI's unencoded branch

    check_client_error(broker.send("DELETE", "/pacticipants/Web/branches/feat%2Fx/versions/1"), 404);
    check_client_error(broker.send("DELETE", "/pacticipants/Web/branches/nowhere/versions/1"), 404);
    check_client_error(broker.send("DELETE", "/pacticipants/Nobody/branches/main/versions/1"), 404);
}

TEST_CASE("the pacts of a pair's consumer versions with a tag are listed, and deleted, leaving the others") {
    broker_under_test broker;
    REQUIRE(broker.publish("Web", "1", "Orders", "a", {"prod"}).status == 200);
    REQUIRE(broker.publish("Web", "2", "Orders", "b", {"dev"}).status == 200);
    REQUIRE(broker.publish("Web", "3", "Orders", "c", {"prod"}).status == 200);
    const std::string pair = "/pacts/provider/Orders/consumer/Web";

    auto tagged = broker.get(pair + "/tag/prod");
    REQUIRE(tagged.status == 200);
    const auto& pacts = tagged.body.at("_embedded").at("pacts");
    REQUIRE(pacts.size() == 2);
    CHECK(pacts[0].at("_embedded").at("consumerVersion").at("number") == "3");
    CHECK(pacts[1].at("_embedded").at("consumerVersion").at("number") == "1");
    CHECK(tagged.body.at("_links").at("pb:pact-versions").size() == 2);
    CHECK(tagged.body.at("_links").at("pb:consumer").at("name") == "Web");
    CHECK(broker.get(pair + "/tag/never").body.at("_embedded").at("pacts").empty());
    check_client_error(broker.get("/pacts/provider/Orders/consumer/Nobody/tag/prod"), 404);

    auto deleted = broker.send("DELETE", pair + "/tag/prod");
    REQUIRE(deleted.status == 200);
    CHECK(deleted.body.at("_links").at("pb:latest-pact-version").at("href") == test_base_url + pair + "/latest");
    check_client_error(broker.get(pair + "/version/1"), 404);
    check_client_error(broker.get(pair + "/version/3"), 404);
    CHECK(broker.get(pair + "/latest").body.at("_links").at("self").at("href") == test_base_url + pair + "/version/2");
    CHECK(broker.get("/pacticipants/Web/versions/1").status == 200);  // the version stays
}

TEST_CASE("DELETE of a pair's pacts removes every pact between the two and the integration, and no other pair's") {
    broker_under_test broker;
    REQUIRE(broker.publish("Web", "1", "Orders").status == 200);
    REQUIRE(broker.publish("Web", "2", "Orders", "another request").status == 200);
    REQUIRE(broker.publish("Web", "2", "Payments").status == 200);

    CHECK(broker.send("DELETE", "/pacts/provider/Orders/consumer/Web").status == 204);
    check_client_error(broker.get("/pacts/provider/Orders/consumer/Web/latest"), 404);
    CHECK(broker.get("/pacts/provider/Orders/consumer/Web/versions").body.at("_embedded").at("pacts").empty());
    CHECK(broker.get("/pacts/provider/Payments/consumer/Web/latest").status == 200);
    CHECK(broker.get("/integrations").body.at("_embedded").at("integrations").size() == 1);

    REQUIRE(broker.publish("Web", "3", "Orders").status == 200);
    CHECK(broker.send("DELETE", "/pacts/provider/Orders/consumer/Web/versions").status == 204);  // the Pact Broker's path
    check_client_error(broker.get("/pacts/provider/Orders/consumer/Web/latest"), 404);
    check_client_error(broker.send("DELETE", "/pacts/provider/Nobody/consumer/Web"), 404);
}

TEST_CASE("DELETE of a verification result removes only it, and the pact's latest result becomes the one before") {
    broker_under_test broker;
    REQUIRE(broker.publish("Web", "1", "Orders").status == 200);
    const auto pact = broker.get("/pacts/provider/Orders/consumer/Web/latest");
    const auto results = pact.body.at("_links").at("pb:publish-verification-results").at("href").get<std::string>().substr(test_base_url.size());
    REQUIRE(broker.post(results, {{"providerApplicationVersion", "10"}, {"success", true}}).status == 201);
    REQUIRE(broker.post(results, {{"providerApplicationVersion", "11"}, {"success", false}}).status == 201);

    CHECK(broker.send("DELETE", results + "/2").status == 204);
    check_client_error(broker.get(results + "/2"), 404);
    CHECK(broker.get(results + "/1").status == 200);
    const auto latest = broker.get("/pacts/provider/Orders/consumer/Web/latest/verification-results/latest");
    CHECK(latest.body.at("providerApplicationVersion") == "10");
    CHECK(latest.body.at("success") == true);

    CHECK(broker.send("OPTIONS", results + "/1").allow == "GET, DELETE, OPTIONS");
    check_client_error(broker.send("DELETE", results + "/2"), 404);
    check_client_error(broker.send("DELETE", results + "/first"), 404);
}

TEST_CASE("the diff between two consumer versions' pacts, and between two pact versions, says what changed from the other to this one") {
    broker_under_test broker;
    REQUIRE(broker.publish("Web", "1", "Orders", "a request for order 1").status == 200);
    REQUIRE(broker.publish("Web", "2", "Orders", "a request for order 2").status == 200);
    const std::string pair = "/pacts/provider/Orders/consumer/Web";

    const auto by_version = broker.get(pair + "/version/2/diff/version/1");
    REQUIRE(by_version.status == 200);
    CHECK(is_hal_json(by_version));
    std::vector<std::string> statuses;
    for (const auto& interaction : by_version.body.at("interactions")) statuses.push_back(interaction.at("status"));
    std::ranges::sort(statuses);
    CHECK(statuses == std::vector<std::string>{"added", "removed"});
    CHECK(by_version.body.at("_links").at("self").at("href") == test_base_url + pair + "/version/2/diff/version/1");

    const auto& links = by_version.body.at("_links");
    const auto current = links.at("pb:pact-version").at("href").get<std::string>().substr(test_base_url.size());
    const auto compared_with = links.at("pb:compared-with").at("href").get<std::string>();
    const auto other_sha = compared_with.substr(compared_with.rfind('/') + 1);
    const auto by_sha = broker.get(current + "/diff/pact-version/" + other_sha);
    REQUIRE(by_sha.status == 200);
    CHECK(by_sha.body.at("interactions") == by_version.body.at("interactions"));
    CHECK(broker.get(current + "/diff/pact-version/" + current.substr(current.rfind('/') + 1)).body.at("interactions").empty());

    check_client_error(broker.get(pair + "/version/2/diff/version/9"), 404);
    check_client_error(broker.get(current + "/diff/pact-version/0000"), 404);
}

TEST_CASE("can the latest version with a tag be deployed beside the latest versions with another tag: the matrix's answer") {
    broker_under_test broker;
    REQUIRE(broker.publish("Web", "1", "Orders", "a", {"feat"}).status == 200);
    verify(broker, "/pacts/provider/Orders/consumer/Web/version/1", "10", true);
    REQUIRE(broker.put("/pacticipants/Orders/versions/10/tags/prod", json::object()).status / 100 == 2);
    const std::string shortcut = "/pacticipants/Web/latest-version/feat/can-i-deploy/to/prod";

    auto answer = broker.get(shortcut);
    REQUIRE(answer.status == 200);
    CHECK(answer.body.at("summary").at("deployable") == true);
    REQUIRE(answer.body.at("matrix").size() == 1);
    CHECK(answer.body.at("matrix")[0].at("provider").at("version").at("number") == "10");

    verify(broker, "/pacts/provider/Orders/consumer/Web/version/1", "11", false);
    REQUIRE(broker.put("/pacticipants/Orders/versions/11/tags/prod", json::object()).status / 100 == 2);
    CHECK(broker.get(shortcut).body.at("summary").at("deployable") == false);  // the latest prod provider failed it

    check_client_error(broker.get("/pacticipants/Web/latest-version/never/can-i-deploy/to/prod"), 404);
    check_client_error(broker.get("/pacticipants/Nobody/latest-version/feat/can-i-deploy/to/prod"), 404);
}

TEST_CASE("can the latest version of a branch be deployed to an environment: the matrix's answer, 404 for an unknown branch or environment") {
    broker_under_test broker;
    REQUIRE(broker.publish("Web", "1", "Orders", "a", {}, "feat/x").status == 200);
    const auto environment = broker.post("/environments", {{"name", "production"}});
    REQUIRE(environment.status == 201);
    const auto uuid = environment.body.at("uuid").get<std::string>();
    REQUIRE(broker.put("/pacticipants/Orders/versions/10", json::object()).status == 201);
    REQUIRE(broker.post("/pacticipants/Orders/versions/10/deployed-versions/environment/" + uuid, json::object()).status == 201);
    const std::string shortcut = "/pacticipants/Web/branches/feat%2Fx/latest-version/can-i-deploy/to-environment/production";

    CHECK(broker.get(shortcut).body.at("summary").at("deployable").is_null());  // Orders 10 never verified it
    verify(broker, "/pacts/provider/Orders/consumer/Web/version/1", "10", true);
    auto answer = broker.get(shortcut);
    REQUIRE(answer.status == 200);
    CHECK(answer.body.at("summary").at("deployable") == true);
    CHECK(broker.get("/pacticipants/Web/branches/feat/x/latest-version/can-i-deploy/to-environment/production").status == 200);

    check_client_error(broker.get("/pacticipants/Web/branches/nowhere/latest-version/can-i-deploy/to-environment/production"), 404);
    check_client_error(broker.get("/pacticipants/Web/branches/feat%2Fx/latest-version/can-i-deploy/to-environment/moon"), 404);
}

TEST_CASE("the dashboard has an item per integration with its latest pact, verification and webhook status") {
    broker_under_test broker;
    REQUIRE(broker.publish("Web", "1", "Orders", "a", {"prod"}).status == 200);
    REQUIRE(broker.publish("Mobile", "1", "Orders").status == 200);
    verify(broker, "/pacts/provider/Orders/consumer/Web/version/1", "10", true);
    REQUIRE(broker.put("/pacticipants/Orders/versions/10/tags/prod", json::object()).status / 100 == 2);
    const json webhook = {{"events", {{{"name", "contract_published"}}}},
                          {"request", {{"method", "POST"}, {"url", "https://ci.example.com/build"}}},
                          {"consumer", {{"name", "Web"}}},
                          {"provider", {{"name", "Orders"}}}};
    REQUIRE(broker.post("/webhooks", webhook).status == 201);

    auto answer = broker.get("/dashboard");
    REQUIRE(answer.status == 200);
    CHECK(is_hal_json(answer));
    REQUIRE(answer.body.at("items").size() == 2);
    CHECK(answer.body.at("_links").at("self").at("href") == test_base_url + "/dashboard");
    CHECK(answer.body.at("page").at("totalElements") == 2);
    // Latest activity first, to the second: which of the two comes first depends on the clock here.
    const auto item_of = [](const json& items, const std::string& consumer) {
        for (const auto& item : items)
            if (item.at("consumer").at("name") == consumer) return item;
        FAIL("no item for " << consumer);
        return json();
    };
    auto items = json::array({item_of(answer.body.at("items"), "Web"), item_of(answer.body.at("items"), "Mobile")});
    CHECK(items[0].at("verificationStatus") == "success");
    CHECK(items[0].at("latestVerificationResult").at("success") == true);
    CHECK(items[0].at("provider").at("version").at("number") == "10");
    CHECK(items[0].at("pactTags") == json::array({{{"name", "prod"}, {"latest", true}, {"_links", {{"self", {{"href", test_base_url + "/pacticipants/Web/versions/1/tags/prod"}}}}}}}));
    CHECK(items[0].at("latestVerificationResultTags").at(0).at("name") == "prod");
    CHECK(items[0].at("webhookStatus") == "not_run");
    CHECK(items[0].at("_links").at("pb:webhook-status").at("href") == test_base_url + "/pacts/provider/Orders/consumer/Web/webhooks/status");
    CHECK(items[1].at("consumer").at("name") == "Mobile");
    CHECK(items[1].at("verificationStatus") == "never");
    CHECK(items[1].at("latestVerificationResult").is_null());
    CHECK(items[1].at("provider").at("version").is_null());
    CHECK(items[1].at("webhookStatus") == "none");

    REQUIRE(broker.publish("Web", "2", "Orders", "b").status == 200);
    items[0] = item_of(broker.get("/dashboard").body.at("items"), "Web");
    CHECK(items[0].at("consumer").at("version").at("number") == "2");
    CHECK(items[0].at("verificationStatus") == "stale");  // only the previous content was verified
    CHECK(items[0].at("pactTags").empty());

    const auto pair = broker.get("/dashboard/provider/Orders/consumer/Mobile");
    REQUIRE(pair.status == 200);
    REQUIRE(pair.body.at("items").size() == 1);
    CHECK(pair.body.at("items")[0].at("consumer").at("name") == "Mobile");
    CHECK(broker.get("/dashboard/provider/Mobile/consumer/Web").body.at("items").empty());  // both known, no pact between them
    check_client_error(broker.get("/dashboard/provider/Orders/consumer/Nobody"), 404);
}

TEST_CASE("every pb: relation of the index, a pacticipant, a version and a pact has a page where the curie points, and an unknown one is a 404") {
    broker_under_test broker;
    REQUIRE(broker.publish("Web", "1", "Orders").status == 200);
    verify(broker, "/pacts/provider/Orders/consumer/Web/version/1", "10", true);
    std::vector<std::string> relations;
    for (const auto* path : {"/", "/pacticipants/Web", "/pacticipants/Web/versions/1", "/pacts/provider/Orders/consumer/Web/latest"}) {
        const auto resource = broker.get(path);
        for (const auto& [relation, target] : resource.body.at("_links").items())
            if (relation.starts_with("pb:")) relations.push_back(relation.substr(3));
    }
    REQUIRE(relations.size() > 40);
    const auto curie = broker.get("/pacts/provider/Orders/consumer/Web/latest").body.at("_links").at("curies").at(0).at("href").get<std::string>();
    REQUIRE(curie == test_base_url + "/doc/{rel}?context=pact");
    for (const auto& relation : relations) {
        CAPTURE(relation);
        const auto page = broker.get("/doc/" + relation + "?context=pact");
        CHECK(page.status == 200);
        CHECK(page.content_type.starts_with("text/html"));
    }
    check_client_error(broker.get("/doc/no-such-relation"), 404);
}
