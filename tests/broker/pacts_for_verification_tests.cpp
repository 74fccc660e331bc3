#include "broker_fixture.hpp"

#include <doctest/doctest.h>

using namespace pact::broker;
using pact::broker::testing::broker_fixture;
using pact::broker::testing::make_pact;
using pact::broker::testing::publish;
using pact::broker::testing::verify;

namespace {

std::vector<domain::pact_for_verification> pacts_for(broker_fixture& broker, const nlohmann::json& body, const std::string& provider = "Provider") {
    auto request = domain::parse_pacts_for_verification_request(body);
    REQUIRE_MESSAGE(request.has_value(), (request ? std::string() : request.error().message));
    auto found = broker.services.pacts_for_verification.pacts_for_verification(
        provider, *request, [](const domain::pact_for_verification& entry) { return "URL/" + entry.pact.pact_version_sha.substr(0, 6); });
    REQUIRE_MESSAGE(found.has_value(), (found ? std::string() : found.error().message));
    return *found;
}

std::vector<std::string> versions_of(const std::vector<domain::pact_for_verification>& entries) {
    std::vector<std::string> versions;
    for (const auto& entry : entries) versions.push_back(entry.pact.consumer_name + "@" + entry.pact.consumer_version_number);
    return versions;
}

std::string parse_error(const nlohmann::json& body) {
    auto parsed = domain::parse_pacts_for_verification_request(body);
    REQUIRE_FALSE(parsed.has_value());
    return parsed.error().message;
}

}  // namespace

TEST_CASE("mainBranch selects the latest pact from each consumer's main branch") {
    broker_fixture broker;
    (void)broker.services.pacticipants.create_pacticipant({"Consumer", std::nullopt, std::string("main"), std::nullopt});
    publish(broker.services, "Consumer", "1", "Provider", make_pact("Consumer", "Provider", {"a"}), "main");
    publish(broker.services, "Consumer", "2", "Provider", make_pact("Consumer", "Provider", {"b"}), "main");
    publish(broker.services, "Consumer", "3", "Provider", make_pact("Consumer", "Provider", {"c"}), "feature");
    auto entries = pacts_for(broker, {{"consumerVersionSelectors", {{{"mainBranch", true}}}}});
    REQUIRE(versions_of(entries) == std::vector<std::string>{"Consumer@2"});
    CHECK(entries[0].short_description == "latest from main branch");
    CHECK(entries[0].notices[0].when == "before_verification");
    CHECK(entries[0].notices[0].text ==
          "The pact at URL/" + entries[0].pact.pact_version_sha.substr(0, 6) +
              " is being verified because the pact content belongs to the consumer version matching the following criterion:\n"
              "    * latest version from the main branch 'main' (2)");
}

TEST_CASE("branch and fallbackBranch select the latest from a branch") {
    broker_fixture broker;
    publish(broker.services, "Consumer", "1", "Provider", make_pact("Consumer", "Provider", {"a"}), "main");
    publish(broker.services, "Consumer", "2", "Provider", make_pact("Consumer", "Provider", {"b"}), "feat");
    CHECK(versions_of(pacts_for(broker, {{"consumerVersionSelectors", {{{"branch", "feat"}}}}})) == std::vector<std::string>{"Consumer@2"});
    auto fallback = pacts_for(broker, {{"consumerVersionSelectors", {{{"branch", "gone"}, {"fallbackBranch", "main"}}}}});
    REQUIRE(versions_of(fallback) == std::vector<std::string>{"Consumer@1"});
    CHECK(fallback[0].short_description == "latest from branch main");
    CHECK(fallback[0].notices[0].text.ends_with(
        "    * latest version from branch 'main' (fallback branch used as no pact was found from branch 'gone') (1)"));
}

TEST_CASE("matchingBranch selects the consumer branch named like the provider's") {
    broker_fixture broker;
    publish(broker.services, "Consumer", "1", "Provider", make_pact("Consumer", "Provider", {"a"}), "feat-x");
    publish(broker.services, "Consumer", "2", "Provider", make_pact("Consumer", "Provider", {"b"}), "main");
    auto entries = pacts_for(broker, {{"consumerVersionSelectors", {{{"matchingBranch", true}}}}, {"providerVersionBranch", "feat-x"}});
    CHECK(versions_of(entries) == std::vector<std::string>{"Consumer@1"});
    CHECK(parse_error({{"consumerVersionSelectors", {{{"matchingBranch", true}}}}}) ==
          "the providerVersionBranch must be specified when the selector matchingBranch=true is used (at index 0)");
}

TEST_CASE("latest selects the newest pact of each consumer, and consumer narrows it") {
    broker_fixture broker;
    publish(broker.services, "A", "1", "Provider", make_pact("A", "Provider", {"a"}));
    publish(broker.services, "A", "2", "Provider", make_pact("A", "Provider", {"b"}));
    publish(broker.services, "B", "9", "Provider", make_pact("B", "Provider"));
    CHECK(versions_of(pacts_for(broker, {{"consumerVersionSelectors", {{{"latest", true}}}}})) == std::vector<std::string>{"A@2", "B@9"});
    auto only_b = pacts_for(broker, {{"consumerVersionSelectors", {{{"latest", true}, {"consumer", "B"}}}}});
    REQUIRE(versions_of(only_b) == std::vector<std::string>{"B@9"});
    CHECK(only_b[0].notices[0].text.ends_with("    * latest version of B that has a pact with Provider (9)"));
}

TEST_CASE("tag with latest selects the newest tagged pact, without latest every tagged one, fallbackTag when none") {
    broker_fixture broker;
    publish(broker.services, "Consumer", "1", "Provider", make_pact("Consumer", "Provider", {"a"}), std::nullopt, {"prod"});
    publish(broker.services, "Consumer", "2", "Provider", make_pact("Consumer", "Provider", {"b"}), std::nullopt, {"prod"});
    publish(broker.services, "Consumer", "3", "Provider", make_pact("Consumer", "Provider", {"c"}), std::nullopt, {"dev"});
    CHECK(versions_of(pacts_for(broker, {{"consumerVersionSelectors", {{{"tag", "prod"}, {"latest", true}}}}})) == std::vector<std::string>{"Consumer@2"});
    auto all = pacts_for(broker, {{"consumerVersionSelectors", {{{"tag", "prod"}}}}});
    CHECK(all.size() == 2);
    CHECK(all[0].short_description == "one of prod");
    auto fallback = pacts_for(broker, {{"consumerVersionSelectors", {{{"tag", "test"}, {"latest", true}, {"fallbackTag", "dev"}}}}});
    REQUIRE(versions_of(fallback) == std::vector<std::string>{"Consumer@3"});
    CHECK(fallback[0].short_description == "latest with tag dev");
    CHECK(parse_error({{"consumerVersionSelectors", {{{"tag", "x"}, {"fallbackTag", "y"}}}}}) == "fallbackTag can only be set if latest is true (at index 0)");
}

TEST_CASE("deployed, released, deployedOrReleased and environment select what runs where") {
    broker_fixture broker;
    auto production = broker.services.environments.create_environment({"production", std::nullopt, true, nlohmann::json::array()});
    auto test = broker.services.environments.create_environment({"test", std::nullopt, false, nlohmann::json::array()});
    publish(broker.services, "Consumer", "1", "Provider", make_pact("Consumer", "Provider", {"a"}));
    publish(broker.services, "Consumer", "2", "Provider", make_pact("Consumer", "Provider", {"b"}));
    publish(broker.services, "Consumer", "3", "Provider", make_pact("Consumer", "Provider", {"c"}));
    (void)broker.services.environments.record_deployment("Consumer", "1", production->uuid, std::nullopt);
    (void)broker.services.environments.record_deployment("Consumer", "2", test->uuid, std::nullopt);
    (void)broker.services.environments.record_release("Consumer", "3", production->uuid);
    CHECK(versions_of(pacts_for(broker, {{"consumerVersionSelectors", {{{"deployed", true}}}}})) == std::vector<std::string>{"Consumer@1", "Consumer@2"});
    CHECK(versions_of(pacts_for(broker, {{"consumerVersionSelectors", {{{"released", true}}}}})) == std::vector<std::string>{"Consumer@3"});
    CHECK(pacts_for(broker, {{"consumerVersionSelectors", {{{"deployedOrReleased", true}}}}}).size() == 3);
    auto in_production = pacts_for(broker, {{"consumerVersionSelectors", {{{"environment", "production"}}}}});
    CHECK(versions_of(in_production) == std::vector<std::string>{"Consumer@1", "Consumer@3"});
    auto deployed_to_test = pacts_for(broker, {{"consumerVersionSelectors", {{{"deployed", true}, {"environment", "test"}}}}});
    REQUIRE(deployed_to_test.size() == 1);
    CHECK(deployed_to_test[0].short_description == "deployed to test");
    CHECK(deployed_to_test[0].notices[0].text.ends_with("    * consumer version(s) currently deployed to test (2)"));
    auto unknown = domain::parse_pacts_for_verification_request({{"consumerVersionSelectors", {{{"environment", "nowhere"}}}}});
    auto refused = broker.services.pacts_for_verification.pacts_for_verification("Provider", *unknown, [](const auto&) { return std::string(); });
    REQUIRE_FALSE(refused.has_value());
    CHECK(refused.error().what == domain::domain_error::kind::invalid);
}

TEST_CASE("a pact chosen by several selectors appears once with every reason") {
    broker_fixture broker;
    (void)broker.services.pacticipants.create_pacticipant({"Consumer", std::nullopt, std::string("main"), std::nullopt});
    publish(broker.services, "Consumer", "1", "Provider", make_pact("Consumer", "Provider"), "main", {"prod"});
    auto entries = pacts_for(broker, {{"consumerVersionSelectors", {{{"mainBranch", true}}, {{"tag", "prod"}, {"latest", true}}}}});
    REQUIRE(entries.size() == 1);
    CHECK(entries[0].selections.size() == 2);
    CHECK(entries[0].short_description == "latest from main branch, latest with tag prod");
    CHECK(entries[0].notices[0].text.find("the consumer versions matching the following criteria:\n") != std::string::npos);
}

TEST_CASE("same content from two consumer versions is one entry served as the newest") {
    broker_fixture broker;
    publish(broker.services, "Consumer", "1", "Provider", make_pact("Consumer", "Provider"), "a");
    publish(broker.services, "Consumer", "2", "Provider", make_pact("Consumer", "Provider"), "b");
    auto entries = pacts_for(broker, {{"consumerVersionSelectors", {{{"branch", "a"}}, {{"branch", "b"}}}}});
    REQUIRE(entries.size() == 1);
    CHECK(entries[0].pact.consumer_version_number == "2");
}

TEST_CASE("with no selectors the latest of each consumer and what is deployed are chosen") {
    broker_fixture broker;
    publish(broker.services, "Consumer", "1", "Provider", make_pact("Consumer", "Provider", {"a"}));
    publish(broker.services, "Consumer", "2", "Provider", make_pact("Consumer", "Provider", {"b"}));
    CHECK(versions_of(pacts_for(broker, nlohmann::json::object())) == std::vector<std::string>{"Consumer@2"});
}

TEST_CASE("a pact is pending until a version of the provider branch verifies it successfully") {
    broker_fixture broker;
    auto published = publish(broker.services, "Consumer", "1", "Provider", make_pact("Consumer", "Provider"), "main");
    const nlohmann::json body = {{"consumerVersionSelectors", {{{"branch", "main"}}}}, {"includePendingStatus", true}, {"providerVersionBranch", "main"}};
    auto before = pacts_for(broker, body);
    REQUIRE(before.size() == 1);
    CHECK(before[0].pending);
    CHECK(before[0].notices[1].text ==
          "This pact is in pending state for this version of Provider because a successful verification result for a version of Provider from branch "
          "'main' has not yet been published. If this verification fails, it will not cause the overall build to fail. Read more at "
          "https://docs.pact.io/go/pending");
    CHECK(before[0].notices.size() == 6);
    verify(broker, published.pacts[0], "p1", false, "main");
    CHECK(pacts_for(broker, body)[0].pending);
    verify(broker, published.pacts[0], "p2", true, "other");
    CHECK(pacts_for(broker, body)[0].pending);
    verify(broker, published.pacts[0], "p3", true, "main");
    auto after = pacts_for(broker, body);
    CHECK_FALSE(after[0].pending);
    CHECK(after[0].notices[1].text ==
          "This pact has previously been successfully verified by a version of Provider from branch 'main'. If this verification fails, it will fail "
          "the build. Read more at https://docs.pact.io/go/pending");
    CHECK(after[0].notices.size() == 2);
}

TEST_CASE("a new provider branch inherits successful verifications made before it existed") {
    broker_fixture broker;
    auto published = publish(broker.services, "Consumer", "1", "Provider", make_pact("Consumer", "Provider"), "main");
    verify(broker, published.pacts[0], "p1", true, "main");
    auto entries = pacts_for(broker, {{"consumerVersionSelectors", {{{"branch", "main"}}}}, {"includePendingStatus", true}, {"providerVersionBranch", "feat"}});
    CHECK_FALSE(entries[0].pending);
}

TEST_CASE("with provider tags a pact is pending until a version with that tag verifies it") {
    broker_fixture broker;
    auto published = publish(broker.services, "Consumer", "1", "Provider", make_pact("Consumer", "Provider"), std::nullopt, {"dev"});
    const nlohmann::json body = {{"consumerVersionSelectors", {{{"tag", "dev"}, {"latest", true}}}}, {"includePendingStatus", true}, {"providerVersionTags", {"main"}}};
    (void)broker.services.pacticipants.add_tag("Provider", "p0", "main");  // the tag exists before any verification
    CHECK(pacts_for(broker, body)[0].pending);
    verify(broker, published.pacts[0], "p1", false, std::nullopt, {"main"});
    CHECK(pacts_for(broker, body)[0].pending);
    verify(broker, published.pacts[0], "p2", true, std::nullopt, {"other"});
    CHECK(pacts_for(broker, body)[0].pending);
    verify(broker, published.pacts[0], "p3", true, std::nullopt, {"main"});
    CHECK_FALSE(pacts_for(broker, body)[0].pending);
}

TEST_CASE("a new provider tag inherits successful verifications made before it was first used") {
    broker_fixture broker;
    auto published = publish(broker.services, "Consumer", "1", "Provider", make_pact("Consumer", "Provider"), std::nullopt, {"dev"});
    verify(broker, published.pacts[0], "p1", true, std::nullopt, {"main"});
    auto entries = pacts_for(broker, {{"consumerVersionSelectors", {{{"tag", "dev"}, {"latest", true}}}}, {"includePendingStatus", true},
                                      {"providerVersionTags", {"feat"}}});
    CHECK_FALSE(entries[0].pending);
}

TEST_CASE("without includePendingStatus nothing is pending and no pending notices are given") {
    broker_fixture broker;
    publish(broker.services, "Consumer", "1", "Provider", make_pact("Consumer", "Provider"), "main");
    auto entries = pacts_for(broker, {{"consumerVersionSelectors", {{{"branch", "main"}}}}, {"providerVersionBranch", "main"}});
    CHECK_FALSE(entries[0].pending);
    CHECK(entries[0].notices.size() == 1);
}

TEST_CASE("WIP pacts are the unverified heads of consumer branches published since the date") {
    broker_fixture broker;
    publish(broker.services, "Consumer", "1", "Provider", make_pact("Consumer", "Provider", {"a"}), "main");
    publish(broker.services, "Consumer", "2", "Provider", make_pact("Consumer", "Provider", {"b"}), "feat-new");
    auto verified = publish(broker.services, "Consumer", "3", "Provider", make_pact("Consumer", "Provider", {"c"}), "feat-done");
    verify(broker, verified.pacts[0], "p1", true, "main");
    const nlohmann::json body = {{"consumerVersionSelectors", {{{"branch", "main"}}}},
                                 {"includePendingStatus", true},
                                 {"includeWipPactsSince", "2020-01-01"},
                                 {"providerVersionBranch", "main"}};
    auto entries = pacts_for(broker, body);
    REQUIRE(versions_of(entries) == std::vector<std::string>{"Consumer@1", "Consumer@2"});
    CHECK_FALSE(entries[0].wip);
    CHECK(entries[1].wip);
    CHECK(entries[1].pending);
    CHECK(entries[1].notices[0].text.find("is being verified because it is a 'work in progress' pact (ie. it is the pact for the latest version of "
                                          "Consumer from branch 'feat-new' and it has not yet been successfully verified by a version of Provider "
                                          "from branch 'main'") != std::string::npos);
    CHECK(entries[1].notices[1].text.starts_with("This pact is in pending state for this version of Provider because it was included as a 'work in progress' pact."));
    auto later = body;
    later["includeWipPactsSince"] = "2030-01-01";
    CHECK(pacts_for(broker, later).size() == 1);
}

TEST_CASE("the dynamic WIP window starts the 80th percentile of the recent unverified pacts' ages ago, within its bounds") {
    broker_fixture broker;
    broker.services.config.wip_window.dynamic = true;
    publish(broker.services, "Consumer", "1", "Provider", make_pact("Consumer", "Provider", {"a"}), "feat-old");  // 2024-01-01
    broker.clock.advance(std::chrono::days(10));
    publish(broker.services, "Consumer", "2", "Provider", make_pact("Consumer", "Provider", {"b"}), "feat-recent");  // 2024-01-11
    broker.clock.advance(std::chrono::days(10));
    publish(broker.services, "Consumer", "3", "Provider", make_pact("Consumer", "Provider", {"c"}), "main");  // 2024-01-21
    const nlohmann::json body = {{"consumerVersionSelectors", {{{"branch", "main"}}}},
                                 {"includeWipPactsSince", "2999-01-01"},
                                 {"providerVersionBranch", "main"}};
    // Within the 14 days looked back: ages 0 and 10, whose 80th percentile is 10: WIP since 2024-01-11.
    CHECK(versions_of(pacts_for(broker, body)) == std::vector<std::string>{"Consumer@3", "Consumer@2"});
    broker.services.config.wip_window.min_days = 25;
    CHECK(versions_of(pacts_for(broker, body)) == std::vector<std::string>{"Consumer@3", "Consumer@2", "Consumer@1"});
    broker.services.config.wip_window.dynamic = false;
    CHECK(versions_of(pacts_for(broker, body)) == std::vector<std::string>{"Consumer@3"});
}

TEST_CASE("a successful verification made while a pact was WIP leaves it WIP; one made while it was selected ends it") {
    broker_fixture broker;
    publish(broker.services, "Consumer", "1", "Provider", make_pact("Consumer", "Provider", {"a"}), "main");
    auto feature = publish(broker.services, "Consumer", "2", "Provider", make_pact("Consumer", "Provider", {"b"}), "feat").pacts.at(0);
    const nlohmann::json body = {{"consumerVersionSelectors", {{{"branch", "main"}}}},
                                 {"includePendingStatus", true},
                                 {"includeWipPactsSince", "2020-01-01"},
                                 {"providerVersionBranch", "main"}};
    REQUIRE(versions_of(pacts_for(broker, body)) == std::vector<std::string>{"Consumer@1", "Consumer@2"});

    // Verified successfully from the provider's branch, through the WIP pact's URL: still WIP, still pending.
    domain::verification_to_publish while_wip{"p1", true, std::nullopt, nlohmann::json::array(), nlohmann::json::object(), "main", {}, true};
    REQUIRE(broker.services.verifications.publish_verification("Provider", "Consumer", feature.pact_version_sha, while_wip).has_value());
    auto entries = pacts_for(broker, body);
    REQUIRE(versions_of(entries) == std::vector<std::string>{"Consumer@1", "Consumer@2"});
    CHECK(entries[1].wip);
    CHECK(entries[1].pending);

    // Selected explicitly, that same verification counts: the pact is not pending for the branch any more.
    auto explicitly = body;
    explicitly["consumerVersionSelectors"] = {{{"branch", "feat"}}};
    explicitly.erase("includeWipPactsSince");
    auto selected = pacts_for(broker, explicitly);
    REQUIRE(versions_of(selected) == std::vector<std::string>{"Consumer@2"});
    CHECK_FALSE(selected[0].wip);
    CHECK_FALSE(selected[0].pending);

    // A successful verification made while it was selected explicitly ends its WIP status.
    verify(broker, feature, "p2", true, "main");
    CHECK(versions_of(pacts_for(broker, body)) == std::vector<std::string>{"Consumer@1"});
}

TEST_CASE("bad selectors are refused with the Pact Broker's reasons") {
    CHECK(parse_error({{"consumerVersionSelectors", {{{"consumer", "C"}}}}}).starts_with("must specify a value for environment or tag or branch"));
    CHECK(parse_error({{"consumerVersionSelectors", {{{"tag", "a"}, {"branch", "b"}}}}}) == "cannot specify both a tag and a branch (at index 0)");
    CHECK(parse_error({{"consumerVersionSelectors", {{{"mainBranch", true}, {"tag", "b"}}}}}) ==
          "cannot specify mainBranch=true with any other criteria apart from consumer (at index 0)");
    CHECK(parse_error({{"consumerVersionSelectors", {{{"deployed", true}, {"released", true}}}}}) == "cannot specify both deployed=true and released=true (at index 0)");
    CHECK(parse_error({{"consumerVersionSelectors", "latest"}}) == "must be an array");
    CHECK(parse_error({{"includeWipPactsSince", "yesterday"}}).starts_with("'yesterday' is not a date"));
}
