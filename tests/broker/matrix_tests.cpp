#include "broker/api/matrix_query_string.hpp"
#include "broker_fixture.hpp"

#include <doctest/doctest.h>

using namespace pact::broker;
using pact::broker::testing::broker_fixture;
using pact::broker::testing::make_pact;
using pact::broker::testing::publish;
using pact::broker::testing::verify;

namespace {

using parameters = std::vector<std::pair<std::string, std::string>>;

domain::matrix_result ask(broker_fixture& broker, const parameters& query) {
    auto parsed = pact::broker::api::parse_matrix_query(query);
    REQUIRE_MESSAGE(parsed.has_value(), (parsed ? std::string() : parsed.error().message));
    auto answer = broker.services.matrix.matrix(*parsed);
    REQUIRE_MESSAGE(answer.has_value(), (answer ? std::string() : answer.error().message));
    return *answer;
}

std::string create_environment(broker_fixture& broker, const std::string& name) {
    return broker.services.environments.create_environment({name, std::nullopt, name == "production", nlohmann::json::array()})->uuid;
}

void deploy(broker_fixture& broker, const std::string& pacticipant, const std::string& version, const std::string& environment_uuid) {
    (void)broker.services.pacticipants.create_or_update_version(pacticipant, version, {});
    REQUIRE(broker.services.environments.record_deployment(pacticipant, version, environment_uuid, std::nullopt).has_value());
}

parameters to_environment(const std::string& pacticipant, const std::string& version, const std::string& environment) {
    return {{"q[][pacticipant]", pacticipant}, {"q[][version]", version}, {"latestby", "cvpv"}, {"environment", environment}};
}

}  // namespace

TEST_CASE("the matrix query string is read with Rack's nested-query rules") {
    auto query = pact::broker::api::parse_matrix_query({{"q[][pacticipant]", "Consumer"},
                                             {"q[][version]", "1.0.0"},
                                             {"q[][pacticipant]", "Provider"},
                                             {"q[][latest]", "true"},
                                             {"q[][tag]", "prod"},
                                             {"ignore[][pacticipant]", "Other"},
                                             {"ignore[][pacticipant]", "Third"},
                                             {"ignore[][version]", "9"},
                                             {"latestby", "cvpv"},
                                             {"environment", "production"}});
    REQUIRE(query.has_value());
    REQUIRE(query->selectors.size() == 2);
    CHECK(query->selectors[0].version == "1.0.0");
    CHECK(query->selectors[1].latest);
    CHECK(query->selectors[1].tag == "prod");
    REQUIRE(query->ignore.size() == 2);
    CHECK_FALSE(query->ignore[0].version.has_value());
    CHECK(query->ignore[1].version == "9");
    CHECK(query->latest_by == domain::latest_by::consumer_version_and_provider_version);
    CHECK(query->environment == "production");
    CHECK(pact::broker::api::parse_matrix_query({}).error().message == "Please provide 1 or more version selectors.");
    CHECK(pact::broker::api::parse_matrix_query({{"q[][pacticipant]", "A"}, {"tag", "x"}, {"environment", "y"}}).error().what == domain::domain_error::kind::invalid);
    CHECK(pact::broker::api::parse_matrix_query({{"q[][pacticipant]", "A"}, {"limit", "0"}}).error().message == "The limit must be 1 or greater.");
}

TEST_CASE("a consumer can deploy when the provider in the environment verified its pact") {
    broker_fixture broker;
    auto production = create_environment(broker, "production");
    auto published = publish(broker.services, "Consumer", "1.0.0", "Provider", make_pact("Consumer", "Provider"));
    verify(broker, published.pacts[0], "2.0.0", true);
    deploy(broker, "Provider", "2.0.0", production);
    auto answer = ask(broker, to_environment("Consumer", "1.0.0", "production"));
    CHECK(answer.summary.deployable == true);
    CHECK(answer.summary.reason == "All required verification results are published and successful");
    CHECK(answer.summary.success == 1);
    REQUIRE(answer.rows.size() == 1);
    CHECK(answer.rows[0].provider_version->number == "2.0.0");
    CHECK(answer.rows[0].provider_version->environments == std::vector<std::string>{"production"});
    CHECK(answer.rows[0].verification->success);
    CHECK(answer.notices.back().type == "success");
}

TEST_CASE("a consumer cannot deploy when the provider in the environment failed its pact") {
    broker_fixture broker;
    auto production = create_environment(broker, "production");
    auto published = publish(broker.services, "Consumer", "1.0.0", "Provider", make_pact("Consumer", "Provider"));
    verify(broker, published.pacts[0], "2.0.0", false);
    deploy(broker, "Provider", "2.0.0", production);
    auto answer = ask(broker, to_environment("Consumer", "1.0.0", "production"));
    CHECK(answer.summary.deployable == false);
    CHECK(answer.summary.failed == 1);
    CHECK(answer.summary.reason ==
          "The verification for the pact between version 1.0.0 of Consumer and the version of Provider currently in production (2.0.0) failed");
}

TEST_CASE("the answer is unknown when the provider in the environment never verified the pact") {
    broker_fixture broker;
    auto production = create_environment(broker, "production");
    auto published = publish(broker.services, "Consumer", "1.0.0", "Provider", make_pact("Consumer", "Provider"));
    verify(broker, published.pacts[0], "3.0.0", true);  // a provider version that is not deployed
    deploy(broker, "Provider", "2.0.0", production);
    auto answer = ask(broker, to_environment("Consumer", "1.0.0", "production"));
    CHECK_FALSE(answer.summary.deployable.has_value());
    CHECK(answer.summary.unknown == 1);
    CHECK(answer.summary.reason ==
          "There is no verified pact between version 1.0.0 of Consumer and the version of Provider currently in production (2.0.0)");
}

TEST_CASE("the answer is unknown when no provider version is in the environment") {
    broker_fixture broker;
    create_environment(broker, "production");
    auto published = publish(broker.services, "Consumer", "1.0.0", "Provider", make_pact("Consumer", "Provider"));
    verify(broker, published.pacts[0], "2.0.0", true);
    auto answer = ask(broker, to_environment("Consumer", "1.0.0", "production"));
    CHECK_FALSE(answer.summary.deployable.has_value());
    REQUIRE(answer.rows.size() == 1);
    CHECK_FALSE(answer.rows[0].provider_version.has_value());
    CHECK(answer.summary.reason ==
          "There is no verified pact between version 1.0.0 of Consumer and a version of Provider currently in production (no version is currently "
          "recorded as deployed/released in this environment)");
}

TEST_CASE("a provider can deploy when it verified the pacts of the consumers in the environment") {
    broker_fixture broker;
    auto production = create_environment(broker, "production");
    auto deployed_consumer = publish(broker.services, "Consumer", "1", "Provider", make_pact("Consumer", "Provider", {"old"}));
    publish(broker.services, "Consumer", "2", "Provider", make_pact("Consumer", "Provider", {"new"}));  // not deployed: irrelevant
    deploy(broker, "Consumer", "1", production);
    verify(broker, deployed_consumer.pacts[0], "5", true);
    CHECK(ask(broker, to_environment("Provider", "5", "production")).summary.deployable == true);
    (void)broker.services.pacticipants.create_or_update_version("Provider", "6", {});
    auto unverified = ask(broker, to_environment("Provider", "6", "production"));
    CHECK_FALSE(unverified.summary.deployable.has_value());
    CHECK(unverified.summary.reason ==
          "There is no verified pact between the version of Consumer currently in production (1) and version 6 of Provider");
}

TEST_CASE("a provider with no consumers in the environment can deploy") {
    broker_fixture broker;
    create_environment(broker, "production");
    publish(broker.services, "Consumer", "1", "Provider", make_pact("Consumer", "Provider"));
    (void)broker.services.pacticipants.create_or_update_version("Provider", "5", {});
    auto answer = ask(broker, to_environment("Provider", "5", "production"));
    CHECK(answer.summary.deployable == true);
    CHECK(answer.summary.reason == "There are no missing dependencies");
}

TEST_CASE("an unknown version is not deployable and an unknown environment or pacticipant is invalid") {
    broker_fixture broker;
    create_environment(broker, "production");
    publish(broker.services, "Consumer", "1", "Provider", make_pact("Consumer", "Provider"));
    auto answer = ask(broker, to_environment("Consumer", "9.9.9", "production"));
    CHECK(answer.summary.deployable == false);
    CHECK(answer.summary.reason == "No pacts or verifications have been published for version 9.9.9 of Consumer");
    auto nowhere = broker.services.matrix.matrix(*pact::broker::api::parse_matrix_query(to_environment("Consumer", "1", "nowhere")));
    CHECK(nowhere.error().message == "Environment with name 'nowhere' does not exist");
    auto nobody = broker.services.matrix.matrix(*pact::broker::api::parse_matrix_query(to_environment("Nobody", "1", "production")));
    CHECK(nobody.error().what == domain::domain_error::kind::invalid);
}

TEST_CASE("to a tag means with the latest provider version carrying that tag") {
    broker_fixture broker;
    auto published = publish(broker.services, "Consumer", "1", "Provider", make_pact("Consumer", "Provider"));
    verify(broker, published.pacts[0], "2", true);
    verify(broker, published.pacts[0], "3", false);
    (void)broker.services.pacticipants.add_tag("Provider", "2", "prod");
    auto answer = ask(broker, {{"q[][pacticipant]", "Consumer"}, {"q[][version]", "1"}, {"tag", "prod"}, {"latestby", "cvp"}, {"latest", "true"}});
    CHECK(answer.summary.deployable == true);
    CHECK(answer.rows.at(0).provider_version->number == "2");
    (void)broker.services.pacticipants.add_tag("Provider", "3", "prod");
    CHECK(ask(broker, {{"q[][pacticipant]", "Consumer"}, {"q[][version]", "1"}, {"tag", "prod"}, {"latestby", "cvp"}, {"latest", "true"}})
              .summary.deployable == false);
    auto by_api = broker.services.matrix.can_i_deploy("Consumer", "1", std::nullopt, std::string("prod"));
    CHECK(by_api->summary.deployable == false);
}

TEST_CASE("latest alone compares with the latest version of the other side and warns about the missing environment") {
    broker_fixture broker;
    auto published = publish(broker.services, "Consumer", "1", "Provider", make_pact("Consumer", "Provider"));
    verify(broker, published.pacts[0], "2", true);
    auto answer = ask(broker, {{"q[][pacticipant]", "Consumer"}, {"q[][latest]", "true"}, {"latestby", "cvp"}, {"latest", "true"}});
    CHECK(answer.summary.deployable == true);
    CHECK(answer.notices.at(0).type == "warning");
    CHECK(answer.notices.at(0).text.starts_with("WARN: It is recommended to specify the environment"));
}

TEST_CASE("two named versions are checked against each other") {
    broker_fixture broker;
    auto published = publish(broker.services, "Consumer", "1", "Provider", make_pact("Consumer", "Provider"));
    verify(broker, published.pacts[0], "2", true);
    verify(broker, published.pacts[0], "3", false);
    auto good = ask(broker, {{"q[][pacticipant]", "Consumer"}, {"q[][version]", "1"}, {"q[][pacticipant]", "Provider"}, {"q[][version]", "2"}, {"latestby", "cvpv"}});
    CHECK(good.summary.deployable == true);
    REQUIRE(good.rows.size() == 1);
    auto bad = ask(broker, {{"q[][pacticipant]", "Consumer"}, {"q[][version]", "1"}, {"q[][pacticipant]", "Provider"}, {"q[][version]", "3"}, {"latestby", "cvpv"}});
    CHECK(bad.summary.deployable == false);
}

TEST_CASE("ignored integrations do not decide the answer") {
    broker_fixture broker;
    auto production = create_environment(broker, "production");
    auto with_provider = publish(broker.services, "Consumer", "1", "Provider", make_pact("Consumer", "Provider"));
    publish(broker.services, "Consumer", "1", "Other", make_pact("Consumer", "Other"));
    verify(broker, with_provider.pacts[0], "2", true);
    deploy(broker, "Provider", "2", production);
    CHECK_FALSE(ask(broker, to_environment("Consumer", "1", "production")).summary.deployable.has_value());
    auto query = to_environment("Consumer", "1", "production");
    query.emplace_back("ignore[][pacticipant]", "Other");
    auto answer = ask(broker, query);
    CHECK(answer.summary.deployable == true);
}

TEST_CASE("branch selectors consider every version on the branch, and the main branch target its latest") {
    broker_fixture broker;
    (void)broker.services.pacticipants.create_pacticipant({"Provider", std::nullopt, std::string("main"), std::nullopt});
    auto first = publish(broker.services, "Consumer", "1", "Provider", make_pact("Consumer", "Provider", {"a"}), "feat");
    auto second = publish(broker.services, "Consumer", "2", "Provider", make_pact("Consumer", "Provider", {"b"}), "feat");
    (void)broker.services.pacticipants.add_version_to_branch("Provider", "main", "7");
    verify(broker, first.pacts[0], "7", true);
    verify(broker, second.pacts[0], "7", true);
    auto answer = ask(broker, {{"q[][pacticipant]", "Consumer"}, {"q[][branch]", "feat"}, {"latestby", "cvp"}, {"latest", "true"}, {"mainBranch", "true"}});
    CHECK(answer.rows.size() == 2);
    CHECK(answer.summary.deployable == true);
}

TEST_CASE("a pacticipant alone lists its rows with every verifying version") {
    broker_fixture broker;
    auto published = publish(broker.services, "Consumer", "1", "Provider", make_pact("Consumer", "Provider"));
    verify(broker, published.pacts[0], "2", true);
    verify(broker, published.pacts[0], "3", false);
    auto answer = ask(broker, {{"q[][pacticipant]", "Consumer"}});
    CHECK(answer.rows.size() == 2);
    CHECK(answer.rows[0].provider_version->number == "3");
}

TEST_CASE("success[] keeps only rows with a verification of that outcome") {
    broker_fixture broker;
    auto first = publish(broker.services, "Foo", "1.2.3", "Bar", make_pact("Foo", "Bar", {"a"}));
    auto second = publish(broker.services, "Foo", "1.2.4", "Bar", make_pact("Foo", "Bar", {"b"}));
    verify(broker, first.pacts[0], "4.5.6", true);
    verify(broker, second.pacts[0], "9.9.9", false);
    const parameters both = {{"q[][pacticipant]", "Foo"}, {"q[][pacticipant]", "Bar"}, {"latestby", "cvpv"}};
    CHECK(ask(broker, both).rows.size() == 2);
    auto successful = both;
    successful.emplace_back("success[]", "true");
    auto answer = ask(broker, successful);
    REQUIRE(answer.rows.size() == 1);
    CHECK(answer.rows[0].provider_version->number == "4.5.6");
}

TEST_CASE("an ignored failing consumer version leaves the provider deployable") {
    broker_fixture broker;
    auto good = publish(broker.services, "Foo", "1.2.3", "Bar", make_pact("Foo", "Bar", {"a"}), std::nullopt, {"prod"});
    auto bad = publish(broker.services, "Foo", "3.4.5", "Bar", make_pact("Foo", "Bar", {"b"}), std::nullopt, {"prod"});
    verify(broker, good.pacts[0], "4.5.6", true);
    verify(broker, bad.pacts[0], "4.5.6", false);
    parameters query = {{"q[][pacticipant]", "Bar"}, {"q[][version]", "4.5.6"}, {"q[][pacticipant]", "Foo"}, {"q[][tag]", "prod"}, {"latestby", "cvpv"}};
    CHECK(ask(broker, query).summary.deployable == false);
    query.emplace_back("ignore[][pacticipant]", "Foo");
    query.emplace_back("ignore[][version]", "3.4.5");
    auto answer = ask(broker, query);
    CHECK(answer.summary.deployable == true);
    CHECK(answer.summary.ignored == 1);
    CHECK(answer.rows.size() == 2);
}
