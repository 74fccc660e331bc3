// The pages served from a real store (the broker's routes with the pages over the domain services), without sockets.

#include "broker_fixture.hpp"
#include "browse_test_data.hpp"

#include <doctest/doctest.h>

using namespace pact::broker;
using namespace pact::broker::html;
using namespace pact::broker::testing;

namespace {

// The seed's story: pact 1.0.0 fails with order-service 2.0.0, passes with 2.0.1; then pact 1.1.0.
struct story_fixture : broker_fixture {
    story_fixture() {
        auto published = publish(services, "payment-service", "1.0.0", "order-service", read_test_pact("order-pact-1.0.0.json"), "main");
        first_sha = published.pacts.front().pact_version_sha;
        verify("2.0.0", false);
        verify("2.0.1", true);
    }
    void verify(const std::string& provider_version, bool success) {
        domain::verification_to_publish result;
        result.provider_version_number = provider_version;
        result.success = success;
        result.provider_version_branch = "main";
        result.test_results = order_verification(1, provider_version, success).test_results;
        REQUIRE(services.verifications.publish_verification("order-service", "payment-service", first_sha, result).has_value());
    }
    std::optional<api::page> get(std::vector<std::string> segments, std::vector<std::pair<std::string, std::string>> query = {}, bool wants_html = true) {
        return show_page(services, segments, query, wants_html);
    }
    std::string first_sha;
};

}  // namespace

TEST_CASE("the index served from the store shows the integration with its latest verification") {
    story_fixture broker;
    auto index = broker.get({});
    REQUIRE(index.has_value());
    CHECK(index->status == 200);
    CHECK(index->content_type.starts_with("text/html"));
    CHECK(index->body.find("<tr class=\"integration success\" data-consumer=\"payment-service\" data-provider=\"order-service\">") != std::string::npos);
    CHECK(index->body.find(">2.0.1</a>") != std::string::npos);
}

TEST_CASE("API clients get no page: the JSON API answers them") {
    story_fixture broker;
    CHECK_FALSE(broker.get({}, {}, false).has_value());
    CHECK_FALSE(broker.get({"pacts", "provider", "order-service", "consumer", "payment-service", "latest"}, {}, false).has_value());
    CHECK_FALSE(broker.get({"pacticipants"}).has_value());  // a browser sees it in the HAL browser instead
    CHECK_FALSE(broker.get({"matrix"}, {{"q[][pacticipant]", "payment-service"}}).has_value());
}

TEST_CASE("the latest pact page shows the failure and the later success") {
    story_fixture broker;
    auto pact = broker.get({"pacts", "provider", "order-service", "consumer", "payment-service", "latest"});
    REQUIRE(pact.has_value());
    CHECK(pact->body.find("Failed</span> · provider version") != std::string::npos);
    CHECK(pact->body.find("Passed</span> · provider version") != std::string::npos);
    CHECK(pact->body.find("total_amount") != std::string::npos);
    auto missing = broker.get({"pacts", "provider", "order-service", "consumer", "nobody", "latest"});
    REQUIRE(missing.has_value());
    CHECK(missing->status == 404);
}

TEST_CASE("the pact badge follows the latest verification, for any client") {
    story_fixture broker;
    auto badge = broker.get({"pacts", "provider", "order-service", "consumer", "payment-service", "latest", "badge"}, {}, false);
    REQUIRE(badge.has_value());
    CHECK(badge->content_type.starts_with("image/svg+xml"));
    CHECK(badge->body.find(">verified</text>") != std::string::npos);
    broker.verify("2.0.2", false);
    badge = broker.get({"pacts", "provider", "order-service", "consumer", "payment-service", "latest", "badge"}, {}, false);
    CHECK(badge->body.find(">failed</text>") != std::string::npos);
    auto untagged = broker.get({"pacts", "provider", "order-service", "consumer", "payment-service", "latest", "prod", "badge"}, {}, false);
    CHECK(untagged->body.find(">unknown</text>") != std::string::npos);  // no pact from a version tagged prod
    REQUIRE(broker.services.pacticipants.add_tag("payment-service", "1.0.0", "prod").has_value());
    auto tagged = broker.get({"pacts", "provider", "order-service", "consumer", "payment-service", "latest", "prod", "badge"}, {}, false);
    CHECK(tagged->body.find(">failed</text>") != std::string::npos);
    auto unknown = broker.get({"pacts", "provider", "order-service", "consumer", "nobody", "latest", "badge"}, {}, false);
    CHECK(unknown->body.find(">unknown</text>") != std::string::npos);
}

TEST_CASE("the branch badge, the matrix badge and the .svg spelling of a badge") {
    story_fixture broker;  // payment-service 1.0.0 on main; order-service 2.0.0 failed it, 2.0.1 verified it
    const auto branch_badge = broker.get({"pacts", "provider", "order-service", "consumer", "payment-service", "branch", "main", "latest", "badge"}, {}, false);
    REQUIRE(branch_badge.has_value());
    CHECK(branch_badge->body.find(">verified</text>") != std::string::npos);
    CHECK(broker.get({"pacts", "provider", "order-service", "consumer", "payment-service", "branch", "feat", "latest", "badge"}, {}, false)
              ->body.find(">unknown</text>") != std::string::npos);
    CHECK(broker.get({"pacts", "provider", "order-service", "consumer", "payment-service", "latest", "badge.svg"}, {}, false)
              ->body.find(">verified</text>") != std::string::npos);

    // Did order-service's latest `prod` version verify the pact of payment-service's latest `prod` version?
    const std::vector<std::string> matrix_badge{"matrix", "provider", "order-service", "latest", "prod", "consumer", "payment-service", "latest", "prod", "badge"};
    CHECK(broker.get(matrix_badge, {}, false)->body.find(">unknown</text>") != std::string::npos);  // no version has the tags yet
    REQUIRE(broker.services.pacticipants.add_tag("payment-service", "1.0.0", "prod").has_value());
    REQUIRE(broker.services.pacticipants.add_tag("order-service", "2.0.0", "prod").has_value());
    CHECK(broker.get(matrix_badge, {}, false)->body.find(">failed</text>") != std::string::npos);
    REQUIRE(broker.services.pacticipants.add_tag("order-service", "2.0.1", "prod").has_value());
    CHECK(broker.get(matrix_badge, {}, false)->body.find(">verified</text>") != std::string::npos);
}

TEST_CASE("the can-i-deploy shortcut badges answer for the latest version with a tag to a tag, and of a branch to an environment") {
    story_fixture broker;
    REQUIRE(broker.services.pacticipants.add_tag("payment-service", "1.0.0", "feat").has_value());
    REQUIRE(broker.services.pacticipants.add_tag("order-service", "2.0.1", "prod").has_value());
    auto to_tag = broker.get({"pacticipants", "payment-service", "latest-version", "feat", "can-i-deploy", "to", "prod", "badge"}, {}, false);
    REQUIRE(to_tag.has_value());
    CHECK(to_tag->content_type.starts_with("image/svg+xml"));
    CHECK(to_tag->body.find("can-i-deploy to prod") != std::string::npos);
    CHECK(to_tag->body.find(">yes</text>") != std::string::npos);
    REQUIRE(broker.services.pacticipants.add_tag("order-service", "2.0.0", "prod").has_value());  // 2.0.0 failed, but 2.0.1 is newer
    auto unknown_tag = broker.get({"pacticipants", "payment-service", "latest-version", "never", "can-i-deploy", "to", "prod", "badge"}, {}, false);
    CHECK(unknown_tag->body.find(">unknown</text>") != std::string::npos);

    auto production = broker.services.environments.create_environment({"production", std::nullopt, true, nlohmann::json::array()});
    REQUIRE(production.has_value());
    const std::vector<std::string> to_environment = {"pacticipants", "payment-service", "branches", "main", "latest-version", "can-i-deploy", "to-environment", "production", "badge"};
    REQUIRE(broker.services.environments.record_deployment("order-service", "2.0.0", production->uuid, std::nullopt).has_value());
    CHECK(broker.get(to_environment, {}, false)->body.find(">no</text>") != std::string::npos);
    REQUIRE(broker.services.environments.record_deployment("order-service", "2.0.1", production->uuid, std::nullopt).has_value());
    auto deployable = broker.get(to_environment, {}, false);
    CHECK(deployable->body.find("can-i-deploy to production") != std::string::npos);
    CHECK(deployable->body.find(">yes</text>") != std::string::npos);
    auto nowhere = broker.get({"pacticipants", "payment-service", "branches", "main", "latest-version", "can-i-deploy", "to-environment", "moon", "badge"}, {}, false);
    CHECK(nowhere->body.find(">unknown</text>") != std::string::npos);
}

TEST_CASE("the can-i-deploy badge answers for the latest version with a tag") {
    story_fixture broker;
    auto production = broker.services.environments.create_environment({"production", std::nullopt, true, nlohmann::json::array()});
    REQUIRE(production.has_value());
    REQUIRE(broker.services.pacticipants.add_tag("payment-service", "1.0.0", "main").has_value());
    REQUIRE(broker.services.environments.record_deployment("order-service", "2.0.1", production->uuid, std::nullopt).has_value());
    auto badge = broker.get({"pacticipants", "payment-service", "latest-version", "main", "can-i-deploy", "to-environment", "production", "badge"}, {}, false);
    REQUIRE(badge.has_value());
    CHECK(badge->body.find("can-i-deploy to production") != std::string::npos);
    CHECK(badge->body.find(">yes</text>") != std::string::npos);

    auto page = broker.get({"can-i-deploy"}, {{"pacticipant", "payment-service"}, {"version", "1.0.0"}, {"environment", "production"}});
    REQUIRE(page.has_value());
    CHECK(page->body.find("<span class=\"status-success\">Yes</span>") != std::string::npos);
}

TEST_CASE("the diff with the previous distinct version, as HTML and as JSON") {
    story_fixture broker;
    auto second = publish(broker.services, "payment-service", "1.1.0", "order-service", read_test_pact("order-pact-1.1.0.json"), "main");
    const auto sha = second.pacts.front().pact_version_sha;
    auto html = broker.get({"pacts", "provider", "order-service", "consumer", "payment-service", "pact-version", sha, "diff", "previous-distinct"});
    REQUIRE(html.has_value());
    CHECK(html->body.find("data-impact=\"breaking\"><code>$.reference</code>") != std::string::npos);
    auto json = site_answer(broker.services, {"pacts", "provider", "order-service", "consumer", "payment-service", "version", "1.1.0", "diff", "previous-distinct"}, {},
                            false);
    REQUIRE(json.content_type.starts_with("application/hal+json"));
    auto body = nlohmann::json::parse(json.body);
    CHECK(body["breaking"] == true);
    CHECK(body["_links"]["pb:previous-distinct"]["href"] ==
          "http://broker.test/pacts/provider/order-service/consumer/payment-service/pact-version/" + broker.first_sha);
    auto first = site_answer(broker.services, {"pacts", "provider", "order-service", "consumer", "payment-service", "version", "1.0.0", "diff", "previous-distinct"},
                             {}, false);
    CHECK(nlohmann::json::parse(first.body)["notices"][0]["text"].get<std::string>().find("first version") != std::string::npos);
}

TEST_CASE("the matrix page of a pacticipant lists its rows, filtered by branch") {
    story_fixture broker;
    publish(broker.services, "payment-service", "1.2.0", "order-service", read_test_pact("order-pact-1.0.0.json"), "feature/x");
    auto all = broker.get({"matrix"}, {{"pacticipant", "payment-service"}});
    REQUIRE(all.has_value());
    CHECK(all->body.find(">1.2.0</a>") != std::string::npos);
    CHECK(all->body.find(">1.0.0</a>") != std::string::npos);
    auto feature = broker.get({"matrix"}, {{"pacticipant", "payment-service"}, {"branch", "feature/x"}});
    CHECK(feature->body.find(">1.2.0</a>") != std::string::npos);
    CHECK(feature->body.find(">1.0.0</a>") == std::string::npos);
}

TEST_CASE("the network graph page draws the integration") {
    story_fixture broker;
    auto graph = broker.get({"integrations", "graph"});
    REQUIRE(graph.has_value());
    CHECK(graph->body.find("data-consumer=\"payment-service\" data-provider=\"order-service\" stroke=\"#2e7d32\"") != std::string::npos);
}
