// The broker's resources, one family at a time, served in-process without sockets.

#include "http_test_support.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using namespace pact::broker::api::testing;
using nlohmann::json;

namespace {

bool any_text_contains(const json& notices, std::string_view text) {
    return std::ranges::any_of(notices, [&](const json& notice) { return notice.at("text").get<std::string>().find(text) != std::string::npos; });
}

}  // namespace

TEST_CASE("the index lists every relation the official CLI follows, templated ones marked") {
    broker_under_test broker;
    auto index = broker.get("/");
    REQUIRE(index.status == 200);
    CHECK(is_hal_json(index));
    const auto& links = index.body.at("_links");
    for (const char* relation : {"pb:publish-contracts", "pb:environments", "pb:pacticipants", "pb:latest-pact-versions"}) {
        CAPTURE(relation);
        CHECK(links.at(relation).at("href").get<std::string>().starts_with(test_base_url + "/"));
        CHECK(links.at(relation).value("templated", false) == false);
    }
    for (const char* relation : {"pb:pacticipant", "pb:latest-provider-pacts", "pb:provider-pacts-for-verification", "pb:latest-version",
                                 "pb:latest-tagged-version", "pb:pacticipant-version", "pb:pacticipant-branch", "pb:environment"}) {
        CAPTURE(relation);
        CHECK(links.at(relation).at("templated") == true);
        CHECK(links.at(relation).at("href").get<std::string>().find('{') != std::string::npos);
    }
    CHECK(links.at("pb:provider-pacts-for-verification").at("href") == test_base_url + "/pacts/provider/{provider}/for-verification");
    CHECK(links.at("curies").is_array());
    CHECK(broker.get("/diagnostic/status/heartbeat").body.at("ok") == true);
}

TEST_CASE("hrefs are built from the Host header when no base URL is configured") {
    broker_under_test broker({{}, 1024 * 1024});
    CHECK(broker.get("/").body.at("_links").at("pb:pacticipants").at("href") == "http://broker.test/pacticipants");
}

TEST_CASE("publishing contracts answers with notices, logs, embedded resources and links") {
    broker_under_test broker;
    auto published = broker.publish("Consumer", "1.0.0", "Provider", "a request for order 1", {"x", "y"});
    REQUIRE(published.status == 200);
    CHECK(is_hal_json(published));
    const auto& body = published.body;
    CHECK(any_text_contains(body.at("notices"), "View the published pact at " + test_base_url + "/pacts/provider/Provider/consumer/Consumer/version/1.0.0"));
    for (const auto& log : body.at("logs")) {
        CHECK(log.at("level").is_string());
        CHECK(log.at("message").is_string());
        CHECK(log.at("deprecationWarning").is_string());
    }
    CHECK(body.at("_embedded").at("pacticipant").at("name") == "Consumer");
    CHECK(body.at("_embedded").at("pacticipant").at("_links").at("self").at("href") == test_base_url + "/pacticipants/Consumer");
    CHECK(body.at("_embedded").at("version").at("number") == "1.0.0");
    for (const char* member : {"href", "name", "title"}) {
        CHECK(body.at("_embedded").at("version").at("_links").at("self").contains(member));
        CHECK(body.at("_links").at("pb:pacticipant").contains(member));
        CHECK(body.at("_links").at("pb:pacticipant-version").contains(member));
        CHECK(body.at("_links").at("pb:contracts").at(0).contains(member));
    }
    CHECK(body.at("_links").at("pb:pacticipant-version-tags").size() == 2);
    CHECK(body.at("_links").at("pb:contracts").at(0).at("href") == test_base_url + "/pacts/provider/Provider/consumer/Consumer/version/1.0.0");
}

TEST_CASE("a published pact is served with its links and an _id per interaction") {
    broker_under_test broker;
    REQUIRE(broker.publish("Consumer", "1.0.0", "Provider").status == 200);
    auto pact = broker.get("/pacts/provider/Provider/consumer/Consumer/version/1.0.0");
    REQUIRE(pact.status == 200);
    CHECK(is_hal_json(pact));
    CHECK(pact.body.at("consumer").at("name") == "Consumer");
    CHECK(pact.body.at("interactions").at(0).at("_id").is_string());
    CHECK(pact.body.contains("createdAt"));
    const auto& links = pact.body.at("_links");
    CHECK(links.at("pb:provider").at("href") == test_base_url + "/pacticipants/Provider");
    auto pact_version = links.at("pb:pact-version").at("href").get<std::string>();
    CHECK(pact_version.starts_with(test_base_url + "/pacts/provider/Provider/consumer/Consumer/pact-version/"));
    CHECK(links.at("pb:publish-verification-results").at("href") == pact_version + "/verification-results");

    auto by_sha = broker.get(pact_version.substr(test_base_url.size()));
    CHECK(by_sha.status == 200);
    CHECK(by_sha.body.at("interactions") == pact.body.at("interactions"));
    auto with_metadata = broker.get(pact_version.substr(test_base_url.size()) + "/metadata/c1tdW2xdPXRydWU");
    CHECK(with_metadata.status == 200);
    CHECK(with_metadata.body.at("_links").at("pb:publish-verification-results").at("href") ==
          pact_version + "/metadata/c1tdW2xdPXRydWU/verification-results");
    CHECK(broker.get("/pacts/provider/Provider/consumer/Consumer/latest").body.at("_links").at("self") == links.at("self"));
    CHECK(broker.get("/pacts/provider/Provider/consumer/Consumer/branch/main/latest").status == 200);
    CHECK(broker.get("/pacts/provider/Provider/consumer/Consumer/versions").body.at("_embedded").at("pacts").size() == 1);
}

TEST_CASE("republishing the same content is accepted; different content for the same version is a 409 that changes nothing") {
    broker_under_test broker;
    REQUIRE(broker.publish("Consumer", "1.0.0", "Provider", "first").status == 200);
    CHECK(broker.publish("Consumer", "1.0.0", "Provider", "first").status == 200);

    auto conflict = broker.publish("Consumer", "1.0.0", "Provider", "second", {"new-tag"});
    check_client_error(conflict, 409);
    CHECK(conflict.body.at("notices").at(0).at("type") == "error");

    auto pact = broker.get("/pacts/provider/Provider/consumer/Consumer/version/1.0.0");
    CHECK(pact.body.at("interactions").at(0).at("description") == "first");
    CHECK(broker.get("/pacticipants/Consumer/versions/1.0.0/tags/new-tag").status == 404);
}

TEST_CASE("a publish that is not valid is refused with a 4xx naming the problem") {
    broker_under_test broker;
    check_client_error(broker.send("POST", "/contracts/publish", "{\"pacticipantName\": "), 400);
    check_client_error(broker.send("POST", "/contracts/publish", "just text", "text/plain"), 415);

    auto body = publish_body("Consumer", "1.0.0", "Provider", "a", {}, "main");
    body.erase("pacticipantVersionNumber");
    auto blank = broker.post("/contracts/publish", body);
    check_client_error(blank, 400);
    CHECK(blank.body.at("errors").contains("pacticipantVersionNumber"));

    body = publish_body("Consumer", "1.0.0", "Provider", "a", {}, "main");
    body["contracts"][0]["content"] = base64("{\"consumer\": {\"name\": \"Consumer\"}, \"provider\": 7}");
    check_client_error(broker.post("/contracts/publish", body), 400);

    body = publish_body("Consumer", "1.0.0", "Provider", "a", {}, "main");
    body["contracts"][0]["onConflict"] = "replace";
    check_client_error(broker.post("/contracts/publish", body), 400);

    CHECK(broker.get("/pacticipants/Consumer").status == 404);
}

TEST_CASE("a body over the configured limit is a 413") {
    broker_under_test broker({{"http://broker.test"}, 100});
    check_client_error(broker.post("/contracts/publish", publish_body("Consumer", "1.0.0", "Provider", "a", {}, "main")), 413);
}

TEST_CASE("an unknown path is a 404 and a wrong method a 405 naming the allowed ones, both with errors") {
    broker_under_test broker;
    check_client_error(broker.get("/no/such/resource"), 404);
    auto wrong = broker.send("DELETE", "/contracts/publish");
    check_client_error(wrong, 405);
    CHECK(wrong.allow == "POST");
}

TEST_CASE("pacticipants are created, described, merge-patched and listed with a top-level array") {
    broker_under_test broker;
    check_client_error(broker.get("/pacticipants/New%20App"), 404);
    auto created = broker.post("/pacticipants", {{"name", "New App"}, {"mainBranch", "trunk"}});
    CHECK(created.status == 201);
    CHECK(created.body.at("_links").at("self").at("href") == test_base_url + "/pacticipants/New%20App");

    auto patched = broker.patch("/pacticipants/New%20App", {{"name", "New App"}, {"repositoryUrl", "https://git.example/new"}});
    CHECK(patched.status == 200);
    CHECK(patched.body.at("mainBranch") == "trunk");
    CHECK(patched.body.at("repositoryUrl") == "https://git.example/new");
    CHECK(patched.body.at("_links").at("pb:branch-version").at("templated") == true);
    CHECK(patched.body.at("_links").at("pb:version-tag").at("templated") == true);

    auto list = broker.get("/pacticipants");
    REQUIRE(list.body.at("pacticipants").size() == 1);
    CHECK(list.body.at("pacticipants").at(0).at("name") == "New App");
    CHECK(list.body.at("pacticipants").at(0).at("displayName").is_string());
    CHECK(list.body.at("_embedded").at("pacticipants").size() == 1);
    check_client_error(broker.post("/pacticipants", {{"displayName", "no name"}}), 400);
}

TEST_CASE("names with spaces, plus signs, slashes and unicode round-trip through paths and hrefs") {
    broker_under_test broker;
    REQUIRE(broker.publish("My App+Ünï", "1.0.0+build/7", "Other Provider").status == 200);
    CHECK(broker.get("/pacticipants/My%20App%2B%C3%9Cn%C3%AF").body.at("name") == "My App+Ünï");
    auto version = broker.get("/pacticipants/My%20App%2B%C3%9Cn%C3%AF/versions/1.0.0%2Bbuild%2F7");
    REQUIRE(version.status == 200);
    CHECK(version.body.at("number") == "1.0.0+build/7");
    CHECK(version.body.at("_links").at("self").at("href") == test_base_url + "/pacticipants/My%20App%2B%C3%9Cn%C3%AF/versions/1.0.0%2Bbuild%2F7");
    // The official CLI concatenates hard-coded paths: '+' and '/' arrive raw.
    CHECK(broker.get("/pacticipants/My%20App+%C3%9Cn%C3%AF/versions/1.0.0+build/7").body.at("number") == "1.0.0+build/7");
    CHECK(broker.put("/pacticipants/My%20App+%C3%9Cn%C3%AF/versions/1.0.0+build/7/tags/prod", json::object()).status == 201);
}

TEST_CASE("versions, tags and branches: the verifier's PUTs create the version and answer JSON") {
    broker_under_test broker;
    check_client_error(broker.get("/pacticipants/Provider/versions/2.0.0"), 404);
    auto branch_put = broker.put("/pacticipants/Provider/branches/main/versions/2.0.0", json::object());
    CHECK(branch_put.status == 201);
    CHECK(is_hal_json(branch_put));
    CHECK(broker.put("/pacticipants/Provider/branches/main/versions/2.0.0", json::object()).status == 200);

    auto tag_put = broker.put("/pacticipants/Provider/versions/2.0.0/tags/dev", {{"name", "dev"}});
    CHECK(tag_put.status == 201);
    CHECK(tag_put.body.at("name") == "dev");
    CHECK(broker.put("/pacticipants/Provider/versions/2.0.0/tags/dev", json::object()).status == 200);

    auto version = broker.get("/pacticipants/Provider/versions/2.0.0");
    REQUIRE(version.status == 200);
    CHECK(version.body.at("_embedded").at("tags").at(0).at("name") == "dev");
    CHECK(version.body.at("_embedded").at("branchVersions").at(0).at("name") == "main");
    CHECK(version.body.at("_links").at("pb:record-deployment").is_array());
    CHECK(broker.get("/pacticipants/Provider/latest-version").body.at("number") == "2.0.0");
    CHECK(broker.get("/pacticipants/Provider/latest-version/dev").body.at("number") == "2.0.0");
    CHECK(broker.get("/pacticipants/Provider/branches/main").body.at("name") == "main");
    CHECK(broker.get("/pacticipants/Provider/branches/main/versions").body.at("_embedded").at("versions").size() == 1);

    CHECK(broker.send("DELETE", "/pacticipants/Provider/versions/2.0.0/tags/dev").status == 200);
    check_client_error(broker.get("/pacticipants/Provider/versions/2.0.0/tags/dev"), 404);
    CHECK(broker.send("DELETE", "/pacticipants/Provider/branches/main").status == 204);  // as the Pact Broker
    check_client_error(broker.get("/pacticipants/Provider/branches/main"), 404);
    check_client_error(broker.put("/pacticipants/Provider/versions/2.0.0/tags/dev", json::array()), 400);
}

TEST_CASE("the latest pacts of a provider are listed under both pacts and pb:pacts") {
    broker_under_test broker;
    REQUIRE(broker.publish("Consumer", "1.0.0", "Provider").status == 200);
    REQUIRE(broker.publish("Other Consumer", "5.0.0", "Provider", "other", {"prod"}).status == 200);
    auto latest = broker.get("/pacts/provider/Provider/latest");
    REQUIRE(latest.status == 200);
    CHECK(latest.body.at("_links").at("pacts").size() == 2);
    CHECK(latest.body.at("_links").at("pb:pacts") == latest.body.at("_links").at("pacts"));
    auto tagged = broker.get("/pacts/provider/Provider/latest/prod");
    REQUIRE(tagged.body.at("_links").at("pacts").size() == 1);
    CHECK(tagged.body.at("_links").at("pacts").at(0).at("href") == test_base_url + "/pacts/provider/Provider/consumer/Other%20Consumer/version/5.0.0");
    check_client_error(broker.get("/pacts/provider/Nobody/latest"), 404);

    auto all = broker.get("/pacts/latest");
    REQUIRE(all.body.at("pacts").size() == 2);
    for (const auto& pact : all.body.at("pacts")) {
        CHECK(pact.at("createdAt").is_string());
        CHECK(pact.at("_embedded").at("consumer").at("name").is_string());
        CHECK(pact.at("_embedded").at("consumer").at("_embedded").at("version").at("number").is_string());
        CHECK(pact.at("_embedded").at("provider").at("name") == "Provider");
    }
    CHECK(broker.get("/pacts/provider/Provider").body.at("_embedded").at("pacts").size() == 2);
}

TEST_CASE("verification results are published per pact content and read back") {
    broker_under_test broker;
    REQUIRE(broker.publish("Consumer", "1.0.0", "Provider").status == 200);
    auto pact = broker.get("/pacts/provider/Provider/consumer/Consumer/version/1.0.0");
    auto results = pact.body.at("_links").at("pb:publish-verification-results").at("href").get<std::string>().substr(test_base_url.size());

    auto published = broker.post(results, {{"providerApplicationVersion", "2.0.0"},
                                           {"success", true},
                                           {"buildUrl", "http://ci/verify/9"},
                                           {"testResults", {{{"interactionId", "x"}, {"success", true}}}},
                                           {"verifiedBy", {{"implementation", "Pact-Rust"}}}});
    REQUIRE(published.status == 201);
    CHECK(published.body.at("providerApplicationVersion") == "2.0.0");
    auto self = published.body.at("_links").at("self").at("href").get<std::string>();
    CHECK(self.ends_with("/verification-results/1"));
    CHECK(broker.get(self.substr(test_base_url.size())).body.at("success") == true);
    CHECK(broker.get(results + "/latest").body.at("buildUrl") == "http://ci/verify/9");
    check_client_error(broker.get(results + "/99"), 404);
    check_client_error(broker.post(results, {{"success", true}}), 400);
    check_client_error(broker.post(results, {{"providerApplicationVersion", "2.0.1"}, {"success", "yes"}}), 400);
}

TEST_CASE("environments, deployments and releases follow the CLI's record and undeploy flows") {
    broker_under_test broker;
    REQUIRE(broker.publish("Consumer", "1.0.0", "Provider").status == 200);
    auto created = broker.post("/environments", {{"name", "production"}, {"production", true}});
    REQUIRE(created.status == 201);
    auto uuid = created.body.at("uuid").get<std::string>();
    CHECK(created.body.at("displayName").is_string());
    check_client_error(broker.post("/environments", {{"name", "production"}, {"production", true}}), 400);

    for (const auto& target : {std::string("/environments"), std::string("/environments?")}) {
        auto list = broker.get(target);
        REQUIRE(list.body.at("_embedded").at("environments").size() == 1);
        const auto& environment = list.body.at("_embedded").at("environments").at(0);
        CHECK(environment.at("uuid") == uuid);
        CHECK(environment.at("displayName").is_string());
        CHECK(environment.at("production") == true);
    }

    auto version = broker.get("/pacticipants/Consumer/versions/1.0.0");
    const auto& record_deployment = version.body.at("_links").at("pb:record-deployment");
    REQUIRE(record_deployment.size() == 1);
    CHECK(record_deployment.at(0).at("name") == "production");
    auto deploy_href = record_deployment.at(0).at("href").get<std::string>().substr(test_base_url.size());
    auto deployed = broker.post(deploy_href, json::object());
    REQUIRE(deployed.status == 201);
    CHECK(deployed.body.at("currentlyDeployed") == true);

    auto environment = broker.get("/environments/" + uuid + "?");
    auto current_href = environment.body.at("_links").at("pb:currently-deployed-deployed-versions").at("href").get<std::string>();
    auto current = broker.get(current_href.substr(test_base_url.size()) + "?pacticipant=Consumer");
    REQUIRE(current.body.at("_embedded").at("deployedVersions").size() == 1);
    const auto& entry = current.body.at("_embedded").at("deployedVersions").at(0);
    CHECK(entry.at("_embedded").at("pacticipant").at("name") == "Consumer");
    CHECK(entry.at("applicationInstance").is_null());
    auto deployed_href = entry.at("_links").at("self").at("href").get<std::string>().substr(test_base_url.size());
    auto undeployed = broker.patch(deployed_href, {{"currentlyDeployed", false}});
    CHECK(undeployed.status == 200);
    CHECK(undeployed.body.at("currentlyDeployed") == false);
    CHECK(broker.get(current_href.substr(test_base_url.size()) + "?pacticipant=Consumer").body.at("_embedded").at("deployedVersions").empty());
    check_client_error(broker.patch(deployed_href, {{"currentlyDeployed", true}}), 400);

    auto release_href = version.body.at("_links").at("pb:record-release").at(0).at("href").get<std::string>().substr(test_base_url.size());
    auto released = broker.post(release_href, json::object());
    REQUIRE(released.status == 201);
    auto supported = broker.get("/environments/" + uuid + "/released-versions/currently-supported?pacticipant=Consumer");
    REQUIRE(supported.body.at("_embedded").at("releasedVersions").size() == 1);
    auto released_href = supported.body.at("_embedded").at("releasedVersions").at(0).at("_links").at("self").at("href").get<std::string>();
    CHECK(broker.patch(released_href.substr(test_base_url.size()), {{"currentlySupported", false}}).body.at("currentlySupported") == false);

    check_client_error(broker.get("/environments/no-such-uuid"), 404);
    check_client_error(broker.post("/pacticipants/Consumer/versions/9.9.9/deployed-versions/environment/" + uuid, json::object()), 404);
}

TEST_CASE("a body that breaks its JSON Schema lists every violation keyed by the member's path") {
    broker_under_test broker;
    auto body = publish_body("Consumer", "1.0.0", "Provider", "a", {}, "main");
    body["contracts"][0]["onConflict"] = "replace";
    body["tags"] = json::array({7});
    auto refused = broker.post("/contracts/publish", body);
    check_client_error(refused, 400);
    CHECK(refused.body.at("errors").contains("contracts[0].onConflict"));
    CHECK(refused.body.at("errors").contains("tags[0]"));

    auto environment = broker.post("/environments", {{"name", "test"}, {"production", "yes"}});
    check_client_error(environment, 400);
    CHECK(environment.body.at("errors").contains("production"));
    CHECK(broker.get("/environments").body.at("_embedded").at("environments").empty());
}

TEST_CASE("JSON with duplicate keys or absurd nesting is refused before anything reads it") {
    broker_under_test broker;
    auto duplicate = broker.send("POST", "/environments", R"({"name": "a", "name": "b"})");
    check_client_error(duplicate, 400);
    auto nested = broker.send("POST", "/environments", std::string(5000, '[') + std::string(5000, ']'));
    check_client_error(nested, 400);
    CHECK(broker.get("/environments").body.at("_embedded").at("environments").empty());
}

TEST_CASE("a pacticipant label is created by PUT, read, listed by label, embedded in its pacticipant and deleted with it") {
    broker_under_test broker;
    check_client_error(broker.get("/pacticipants/Foo/labels/team-a"), 404);

    auto created = broker.send("PUT", "/pacticipants/Foo/labels/team-a");  // creates the pacticipant too, as the Pact Broker does
    REQUIRE(created.status == 201);
    CHECK(is_hal_json(created));
    CHECK(created.body.at("name") == "team-a");
    CHECK(created.body.at("createdAt").is_string());
    CHECK(created.body.at("_links").at("self").at("href") == test_base_url + "/pacticipants/Foo/labels/team-a");
    CHECK(created.body.at("_links").at("pacticipant").at("href") == test_base_url + "/pacticipants/Foo");
    CHECK(broker.put("/pacticipants/Foo/labels/team-a", json::object()).status == 200);
    CHECK(broker.get("/pacticipants/Foo/labels/team-a").body.at("name") == "team-a");
    REQUIRE(broker.send("PUT", "/pacticipants/Bar/labels/team-a").status == 201);
    REQUIRE(broker.send("PUT", "/pacticipants/Baz/labels/other").status == 201);
    check_client_error(broker.send("PUT", "/pacticipants/Foo/labels/x", "not json"), 400);

    auto pacticipant = broker.get("/pacticipants/Foo");
    REQUIRE(pacticipant.status == 200);
    const auto& labels = pacticipant.body.at("_embedded").at("labels");
    REQUIRE(labels.size() == 1);
    CHECK(labels.at(0).at("name") == "team-a");
    CHECK(labels.at(0).at("_links").at("self").at("href") == test_base_url + "/pacticipants/Foo/labels/team-a");
    CHECK(pacticipant.body.at("_links").at("pb:label").at("href") == test_base_url + "/pacticipants/Foo/labels/{label}");
    CHECK_FALSE(broker.get("/pacticipants/Baz").body.at("_embedded").contains("latest-version"));

    auto with_label = broker.get("/pacticipants/label/team-a");
    REQUIRE(with_label.status == 200);
    std::vector<std::string> names;
    for (const auto& listed : with_label.body.at("_embedded").at("pacticipants")) names.push_back(listed.at("name"));
    CHECK(names == std::vector<std::string>{"Bar", "Foo"});
    CHECK(with_label.body.at("_links").at("self").at("href") == test_base_url + "/pacticipants/label/team-a");
    CHECK(broker.get("/pacticipants/label/nobody-has-it").body.at("_embedded").at("pacticipants").empty());

    CHECK(broker.send("DELETE", "/pacticipants/Bar/labels/team-a").status == 204);
    check_client_error(broker.send("DELETE", "/pacticipants/Bar/labels/team-a"), 404);
    check_client_error(broker.get("/pacticipants/Bar/labels/team-a"), 404);
    CHECK_FALSE(broker.get("/pacticipants/Bar").body.contains("_embedded"));

    // A label goes with its pacticipant: one of the same name created later has none.
    CHECK(broker.send("DELETE", "/pacticipants/Foo").status == 204);
    REQUIRE(broker.put("/pacticipants/Foo", json::object()).status == 201);
    check_client_error(broker.get("/pacticipants/Foo/labels/team-a"), 404);
    CHECK(broker.get("/pacticipants/label/team-a").body.at("_embedded").at("pacticipants").empty());
}
