// Long lists are paged as the Pact Broker pages them: `?page=&size=` (or `pageNumber`/`pageSize`), a `page`
// object and `next`/`previous` links, with a default size and a maximum.

#include "broker_process.hpp"
#include "http_test_support.hpp"

#include <doctest/doctest.h>

#include <set>

using namespace pact::broker::api::testing;
using nlohmann::json;

namespace {

// The path and query of one of broker_under_test's hrefs.
std::string target_of(const std::string& href, const std::string& base = test_base_url) {
    REQUIRE(href.starts_with(base));
    return href.substr(base.size());
}

// Publishes versions "1" to "count" of Web (each a new pact for Orders) on branch `branch`.
void publish_versions(broker_under_test& broker, int count, const std::string& branch = "main") {
    for (int number = 1; number <= count; ++number)
        REQUIRE(broker.publish("Web", std::to_string(number), "Orders", "request " + std::to_string(number), {"prod"}, branch).status == 200);
}

// Follows `next` from `first` to the last page, collecting each page's embedded `key` items' `field`.
template <typename Get>
std::vector<std::string> walk(Get get, const std::string& first, const std::string& key, const std::string& field, const std::string& base) {
    std::vector<std::string> seen;
    std::string target = first;
    for (int pages = 0; pages < 100; ++pages) {
        const auto answer = get(target);
        REQUIRE(answer.status == 200);
        for (const auto& item : answer.body.at("_embedded").at(key)) seen.push_back(item.at(field).template get<std::string>());
        const auto& links = answer.body.at("_links");
        if (!links.contains("next")) return seen;
        target = target_of(links.at("next").at("href").template get<std::string>(), base);
    }
    FAIL("the pages never end");
    return seen;
}

}  // namespace

TEST_CASE("a pacticipant's versions come a page at a time, newest first, with links to the next and previous pages") {
    broker_under_test broker;
    publish_versions(broker, 25);
    const auto first = broker.get("/pacticipants/Web/versions?pageSize=10");
    REQUIRE(first.status == 200);
    CHECK(first.body.at("page") == json{{"number", 1}, {"size", 10}, {"totalElements", 25}, {"totalPages", 3}});
    const auto& versions = first.body.at("_embedded").at("versions");
    REQUIRE(versions.size() == 10);
    CHECK(versions[0].at("number") == "25");
    CHECK(first.body.at("_links").at("next").at("href") == test_base_url + "/pacticipants/Web/versions?page=2&size=10");
    CHECK_FALSE(first.body.at("_links").contains("previous"));

    const auto last = broker.get("/pacticipants/Web/versions?page=3&size=10");
    REQUIRE(last.status == 200);
    CHECK(last.body.at("_embedded").at("versions").size() == 5);
    CHECK(last.body.at("_embedded").at("versions").back().at("number") == "1");
    CHECK(last.body.at("_links").at("previous").at("href") == test_base_url + "/pacticipants/Web/versions?page=2&size=10");
    CHECK_FALSE(last.body.at("_links").contains("next"));

    const auto walked = walk([&](const std::string& target) { return broker.get(target); }, "/pacticipants/Web/versions?size=7", "versions",
                             "number", test_base_url);
    CHECK(walked.size() == 25);
    CHECK(std::set<std::string>(walked.begin(), walked.end()).size() == 25);
    CHECK(broker.get("/pacticipants/Web/versions?page=9&size=10").body.at("_embedded").at("versions").empty());
}

TEST_CASE("an unpaged list of versions is served 100 at a time, and no page is longer than 1000") {
    broker_under_test broker;
    publish_versions(broker, 3);
    CHECK(broker.get("/pacticipants/Web/versions").body.at("page").at("size") == 100);
    CHECK(broker.get("/pacticipants/Web/versions?size=5000").body.at("page").at("size") == 1000);
    // Whole-list readers (the official CLI's list-pacticipants) get the largest page when they ask for none.
    CHECK(broker.get("/pacticipants").body.at("page").at("size") == 1000);
}

TEST_CASE("a page number or size that is not a whole number from 1 is refused, naming the parameter") {
    broker_under_test broker;
    publish_versions(broker, 1);
    for (const auto* target : {"/pacticipants/Web/versions?page=0", "/pacticipants/Web/versions?size=ten", "/pacticipants?pageSize=-1",
                               "/integrations?pageNumber=1.5", "/pacticipants/Web/versions?size=99999999999999999999"}) {
        CAPTURE(target);
        const auto refused = broker.get(target);
        check_client_error(refused, 400);
        CHECK(refused.body.dump().find("must be a whole number") != std::string::npos);
    }
    const auto named = broker.get("/pacticipants/Web/versions?size=ten");
    CHECK(named.body.at("errors").contains("size"));
}

TEST_CASE("pacticipants, integrations, branches, branch versions, tag versions and webhooks are paged") {
    broker_under_test broker;
    for (int index = 0; index < 5; ++index)
        REQUIRE(broker.publish("Consumer" + std::to_string(index), "1", "Orders", "request", {}, "branch-" + std::to_string(index)).status == 200);
    publish_versions(broker, 4, "feature");

    const auto pacticipants = broker.get("/pacticipants?page=2&size=2");
    REQUIRE(pacticipants.status == 200);
    CHECK(pacticipants.body.at("page").at("totalElements") == 7);  // Consumer0..4, Orders, Web
    CHECK(pacticipants.body.at("pacticipants").size() == 2);
    CHECK(pacticipants.body.at("pacticipants")[0].at("name") == "Consumer2");

    const auto integrations = walk([&](const std::string& target) { return broker.get(target); }, "/integrations?size=4", "integrations",
                                   "createdAt", test_base_url);
    CHECK(integrations.size() == 6);
    const auto second = broker.get("/integrations?page=2&size=4").body.at("_embedded").at("integrations");
    REQUIRE(second.size() == 2);
    CHECK(second[0].at("consumer").at("name") == "Consumer4");
    CHECK(second[1].at("consumer").at("name") == "Web");

    const auto branch_versions = broker.get("/pacticipants/Web/branches/feature/versions?size=3");
    CHECK(branch_versions.body.at("page").at("totalElements") == 4);
    CHECK(branch_versions.body.at("_embedded").at("versions").size() == 3);
    CHECK(broker.get("/pacticipants/Web/tags/prod/versions?page=2&size=3").body.at("_embedded").at("versions").size() == 1);

    REQUIRE(broker.publish("Web", "5", "Orders", "request 5", {}, "other").status == 200);
    const auto branches = broker.get("/pacticipants/Web/branches?size=1");
    CHECK(branches.body.at("page").at("totalElements") == 2);
    CHECK(branches.body.at("_embedded").at("branches").size() == 1);

    for (int index = 0; index < 3; ++index) {
        const json webhook{{"events", json::array({{{"name", "contract_content_changed"}}})},
                           {"request", {{"method", "POST"}, {"url", "https://ci.example/hook/" + std::to_string(index)}}}};
        REQUIRE(broker.post("/webhooks", webhook).status == 201);
    }
    const auto webhooks = broker.get("/webhooks?size=2");
    CHECK(webhooks.body.at("page").at("totalElements") == 3);
    CHECK(webhooks.body.at("_links").at("pb:webhooks").size() == 2);
    CHECK(broker.get("/webhooks?page=2&size=2").body.at("_links").at("pb:webhooks").size() == 1);
}

TEST_CASE("the next page of an environment's deployed versions keeps the pacticipant filter") {
    broker_under_test broker;
    const auto environment = broker.post("/environments", {{"name", "production"}});
    REQUIRE(environment.status == 201);
    const auto uuid = environment.body.at("uuid").get<std::string>();
    for (const auto* application : {"Web", "Orders"}) {
        for (const auto* instance : {"blue", "green", "red"}) {
            REQUIRE(broker.put(std::string("/pacticipants/") + application + "/versions/1", json::object()).status / 100 == 2);
            const auto recorded = broker.post(std::string("/pacticipants/") + application + "/versions/1/deployed-versions/environment/" + uuid,
                                              {{"applicationInstance", instance}});
            REQUIRE(recorded.status / 100 == 2);
        }
    }
    const auto first = broker.get("/environments/" + uuid + "/deployed-versions/currently-deployed?pacticipant=Web&size=2");
    REQUIRE(first.status == 200);
    CHECK(first.body.at("page").at("totalElements") == 3);
    CHECK(first.body.at("_links").at("next").at("href") ==
          test_base_url + "/environments/" + uuid + "/deployed-versions/currently-deployed?page=2&size=2&pacticipant=Web");
}

TEST_SUITE_BEGIN("component");

TEST_CASE("a client walks the running broker's pages of versions to the end by following next") {
    const auto directory = make_temporary_directory("broker-paging");
    broker_process broker(directory / "broker.sqlite");
    for (int number = 1; number <= 12; ++number) {
        const json version{{"branch", "main"}};
        REQUIRE(broker.send("PUT", "/pacticipants/Web/versions/" + std::to_string(number), version.dump()).status / 100 == 2);
    }
    const auto walked = walk([&](const std::string& target) { return broker.get(target); }, "/pacticipants/Web/versions?pageSize=5", "versions",
                             "number", broker.base_url());
    CHECK(walked.size() == 12);
    CHECK(walked.front() == "12");
    CHECK(walked.back() == "1");
}

TEST_SUITE_END();
