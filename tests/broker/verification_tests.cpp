#include "broker_fixture.hpp"

#include <doctest/doctest.h>

using namespace pact::broker;
using pact::broker::testing::broker_fixture;
using pact::broker::testing::make_pact;
using pact::broker::testing::publish;

namespace {

domain::verification_to_publish result_of(const std::string& provider_version, std::optional<bool> success) {
    return {provider_version, success, std::string("http://ci/verify/9"),
            nlohmann::json::array({{{"interactionId", "abc"}, {"success", true}}}), {{"implementation", "Pact-Rust"}}, std::string("main"), {"dev"}};
}

}  // namespace

TEST_CASE("a published verification is numbered per pact and read back with its provider version") {
    broker_fixture broker;
    auto published = publish(broker.services, "Consumer", "1.0.0", "Provider", make_pact("Consumer", "Provider"));
    const auto& sha = published.pacts[0].pact_version_sha;
    auto first = broker.services.verifications.publish_verification("Provider", "Consumer", sha, result_of("2.0.0", true));
    REQUIRE(first.has_value());
    CHECK(first->number == 1);
    CHECK(first->consumer_version_number == "1.0.0");
    CHECK(first->provider_version_branches == std::vector<std::string>{"main"});
    CHECK(first->provider_version_tags == std::vector<std::string>{"dev"});
    CHECK(first->test_results[0]["interactionId"] == "abc");
    auto second = broker.services.verifications.publish_verification("Provider", "Consumer", sha, result_of("2.0.1", false));
    CHECK(second->number == 2);
    auto found = broker.services.verifications.find_verification("Provider", "Consumer", sha, 1);
    REQUIRE(found.has_value());
    CHECK(found->success);
    CHECK(found->build_url == "http://ci/verify/9");
    CHECK(broker.services.verifications.verifications_of_pact("Provider", "Consumer", sha)->size() == 2);
    auto latest = broker.services.verifications.latest_verification_of_pact("Provider", "Consumer", sha);
    REQUIRE(latest->has_value());
    CHECK((*latest)->provider_version_number == "2.0.1");
    CHECK(broker.services.pacticipants.find_version("Provider", "2.0.1").has_value());
    CHECK(broker.services.verifications.verifications_by_provider_version("Provider", "2.0.0")->size() == 1);
}

TEST_CASE("a verification belongs to the content, shared by every consumer version that published it") {
    broker_fixture broker;
    auto first = publish(broker.services, "Consumer", "1", "Provider", make_pact("Consumer", "Provider"));
    auto second = publish(broker.services, "Consumer", "2", "Provider", make_pact("Consumer", "Provider"));
    REQUIRE(first.pacts[0].pact_version_sha == second.pacts[0].pact_version_sha);
    (void)broker.services.verifications.publish_verification("Provider", "Consumer", first.pacts[0].pact_version_sha, result_of("9", true));
    auto latest = broker.services.verifications.latest_verification_of_pact("Provider", "Consumer", second.pacts[0].pact_version_sha);
    REQUIRE(latest->has_value());
    CHECK((*latest)->consumer_version_number == "2");
}

TEST_CASE("a never verified pact has no latest verification") {
    broker_fixture broker;
    auto published = publish(broker.services, "Consumer", "1", "Provider", make_pact("Consumer", "Provider"));
    auto latest = broker.services.verifications.latest_verification_of_pact("Provider", "Consumer", published.pacts[0].pact_version_sha);
    REQUIRE(latest.has_value());
    CHECK_FALSE(latest->has_value());
}

TEST_CASE("verifications of unknown pacts are not found and incomplete ones are invalid") {
    broker_fixture broker;
    auto published = publish(broker.services, "Consumer", "1", "Provider", make_pact("Consumer", "Provider"));
    auto unknown = broker.services.verifications.publish_verification("Provider", "Consumer", "0000", result_of("2", true));
    CHECK(unknown.error().what == domain::domain_error::kind::not_found);
    auto swapped = broker.services.verifications.publish_verification("Consumer", "Provider", published.pacts[0].pact_version_sha, result_of("2", true));
    CHECK(swapped.error().what == domain::domain_error::kind::not_found);
    auto incomplete = broker.services.verifications.publish_verification("Provider", "Consumer", published.pacts[0].pact_version_sha, result_of("", std::nullopt));
    REQUIRE_FALSE(incomplete.has_value());
    CHECK(incomplete.error().what == domain::domain_error::kind::invalid);
    CHECK(incomplete.error().fields.contains("success"));
    CHECK(incomplete.error().fields.contains("providerApplicationVersion"));
    CHECK(broker.services.verifications.find_verification("Provider", "Consumer", published.pacts[0].pact_version_sha, 1).error().what ==
          domain::domain_error::kind::not_found);
}
