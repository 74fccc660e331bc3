// Deleting pacticipants, versions and pacts: everything that belongs to what is deleted goes with it, in
// one transaction, and nothing else; pact content and its verifications outlive a deleted publication.

#include "broker_fixture.hpp"
#include "http_test_support.hpp"

#include <doctest/doctest.h>

using namespace pact::broker;
using pact::broker::testing::broker_fixture;
using pact::broker::testing::make_pact;
using pact::broker::testing::publish;
using pact::broker::testing::verify;

namespace {

bool not_found(const auto& answer) { return !answer.has_value() && answer.error().what == domain::domain_error::kind::not_found; }

}  // namespace

TEST_CASE("deleting a pacticipant deletes its versions, pacts, verifications and webhooks on either side, and nothing of others") {
    broker_fixture broker;
    auto consumer_pact = publish(broker.services, "Consumer", "1", "Provider", make_pact("Consumer", "Provider")).pacts.at(0);
    auto other_pact = publish(broker.services, "Other", "1", "Provider", make_pact("Other", "Provider")).pacts.at(0);
    verify(broker, consumer_pact, "10", true);
    verify(broker, other_pact, "10", true);
    auto test = broker.services.environments.create_environment({"test"});
    REQUIRE(test.has_value());
    REQUIRE(broker.services.environments.record_deployment("Provider", "10", test->uuid, std::nullopt).has_value());
    auto webhook_for = [&](const std::string& consumer, const std::string& provider) {
        domain::webhook_input input;
        input.consumer = domain::webhook_pacticipant{consumer, std::nullopt};
        input.provider = domain::webhook_pacticipant{provider, std::nullopt};
        input.request = {"POST", "https://ci.example.com/build", nlohmann::json::object(), nlohmann::json(), std::nullopt, std::nullopt};
        REQUIRE(broker.services.webhooks.create_webhook(input).has_value());
    };
    webhook_for("Consumer", "Provider");
    webhook_for("Other", "Consumer");

    REQUIRE(broker.services.pacticipants.delete_pacticipant("Provider").has_value());

    CHECK(not_found(broker.services.pacticipants.find_pacticipant("Provider")));
    CHECK(not_found(broker.services.pacts.latest_pact("Consumer", "Provider")));
    CHECK(broker.services.pacts.latest_pacts().empty());
    CHECK(broker.services.environments.currently_deployed(test->uuid)->empty());
    // The consumers stay, with their versions; the environment stays.
    CHECK(broker.services.pacticipants.find_version("Consumer", "1").has_value());
    CHECK(broker.services.pacticipants.find_version("Other", "1").has_value());
    CHECK(broker.services.environments.find_environment(test->uuid).has_value());
    // Creating the provider again starts from nothing.
    CHECK(broker.services.webhooks.list_webhooks().size() == 1);  // the one of the other pair only
    REQUIRE(broker.services.pacticipants.create_pacticipant({"Provider"}).has_value());
    CHECK(broker.services.pacticipants.list_versions("Provider")->empty());
    CHECK(not_found(broker.services.pacts.latest_pact("Consumer", "Provider")));
    CHECK(not_found(broker.services.pacticipants.delete_pacticipant("Nobody")));
}

TEST_CASE("deleting a consumer version deletes its pacts and tags; the previous version's pact becomes the latest") {
    broker_fixture broker;
    publish(broker.services, "Consumer", "1", "Provider", make_pact("Consumer", "Provider", {"first"}), std::string("main"), {"prod"});
    auto second = publish(broker.services, "Consumer", "2", "Provider", make_pact("Consumer", "Provider", {"second"}), std::string("main"), {"prod"});
    verify(broker, second.pacts.at(0), "10", true);

    REQUIRE(broker.services.pacticipants.delete_version("Consumer", "2").has_value());

    CHECK(not_found(broker.services.pacticipants.find_version("Consumer", "2")));
    CHECK(broker.services.pacts.latest_pact("Consumer", "Provider")->consumer_version_number == "1");
    CHECK(broker.services.pacts.latest_pact_with_tag("Consumer", "Provider", "prod")->consumer_version_number == "1");
    CHECK(broker.services.pacts.latest_pact_for_branch("Consumer", "Provider", "main")->consumer_version_number == "1");
    CHECK(broker.services.pacticipants.latest_version("Consumer")->number == "1");
    // The provider version that verified it stays.
    CHECK(broker.services.pacticipants.find_version("Provider", "10").has_value());
    CHECK(not_found(broker.services.pacticipants.delete_version("Consumer", "2")));
}

TEST_CASE("deleting a provider version deletes the verifications it made") {
    broker_fixture broker;
    auto pact = publish(broker.services, "Consumer", "1", "Provider", make_pact("Consumer", "Provider")).pacts.at(0);
    verify(broker, pact, "10", false);
    verify(broker, pact, "11", true);

    REQUIRE(broker.services.pacticipants.delete_version("Provider", "11").has_value());

    auto left = broker.services.verifications.verifications_of_pact("Provider", "Consumer", pact.pact_version_sha);
    REQUIRE(left.has_value());
    REQUIRE(left->size() == 1);
    CHECK(left->at(0).provider_version_number == "10");
    CHECK(broker.services.verifications.verifications_by_provider_version("Provider", "11").error().what == domain::domain_error::kind::not_found);
}

TEST_CASE("deleting a pact keeps the consumer version, and the content's verifications count again when it is republished") {
    broker_fixture broker;
    auto pact = publish(broker.services, "Consumer", "1", "Provider", make_pact("Consumer", "Provider")).pacts.at(0);
    verify(broker, pact, "10", true);

    REQUIRE(broker.services.pacts.delete_pact("Consumer", "Provider", "1").has_value());

    CHECK(not_found(broker.services.pacts.pact_for_consumer_version("Consumer", "Provider", "1")));
    CHECK(not_found(broker.services.pacts.latest_pact("Consumer", "Provider")));
    CHECK(broker.services.pacts.latest_pacts().empty());
    CHECK(broker.services.pacticipants.find_version("Consumer", "1").has_value());
    CHECK(not_found(broker.services.pacts.delete_pact("Consumer", "Provider", "1")));

    // As in the Pact Broker, verifications belong to the content: the same content published again is verified.
    auto again = publish(broker.services, "Consumer", "2", "Provider", make_pact("Consumer", "Provider")).pacts.at(0);
    CHECK(again.pact_version_sha == pact.pact_version_sha);
    auto latest = broker.services.verifications.latest_verification_of_pact("Provider", "Consumer", again.pact_version_sha);
    REQUIRE(latest.has_value());
    REQUIRE(latest->has_value());
    CHECK((*latest)->success);
}

TEST_CASE("a deletion is one transaction: a failure half-way leaves everything in place") {
    broker_fixture broker;
    publish(broker.services, "Consumer", "1", "Provider", make_pact("Consumer", "Provider"));
    {
        auto writer = broker.store->write();
        auto provider = writer->pacticipants().find_pacticipant("Provider");
        REQUIRE(provider.has_value());
        writer->pacticipants().delete_pacticipant(provider->id);
        CHECK_FALSE(writer->pacticipants().find_pacticipant("Provider").has_value());
        // Dropped without commit: rolled back.
    }
    CHECK(broker.services.pacts.latest_pact("Consumer", "Provider").has_value());
}

// Over HTTP, with the Pact Broker's status codes.

using pact::broker::api::testing::broker_under_test;

TEST_CASE("DELETE of a pacticipant, a version and a pact answers as the Pact Broker, and 404 when there is nothing to delete") {
    broker_under_test broker;
    REQUIRE(broker.publish("Consumer", "1.0.0", "Provider", "first").status == 200);
    REQUIRE(broker.publish("Consumer", "2.0.0", "Provider", "second").status == 200);
    REQUIRE(broker.publish("Consumer", "3.0.0", "Provider", "third").status == 200);

    auto pact = broker.send("DELETE", "/pacts/provider/Provider/consumer/Consumer/version/3.0.0");
    CHECK(pact.status == 200);
    CHECK(pact.body.at("_links").at("index").at("href") == pact::broker::api::testing::test_base_url);
    CHECK(pact.body.at("_links").at("pb:latest-pact-version").at("href") ==
          pact::broker::api::testing::test_base_url + "/pacts/provider/Provider/consumer/Consumer/latest");
    CHECK(broker.get("/pacts/provider/Provider/consumer/Consumer/version/3.0.0").status == 404);
    CHECK(broker.get("/pacticipants/Consumer/versions/3.0.0").status == 200);
    CHECK(broker.send("DELETE", "/pacts/provider/Provider/consumer/Consumer/version/3.0.0").status == 404);

    auto version = broker.send("DELETE", "/pacticipants/Consumer/versions/2.0.0");
    CHECK(version.status == 204);
    CHECK(version.content_type.empty());
    CHECK(broker.get("/pacticipants/Consumer/versions/2.0.0").status == 404);
    CHECK(broker.get("/pacts/provider/Provider/consumer/Consumer/latest").body.at("_links").at("pb:consumer-version").at("name") == "1.0.0");
    CHECK(broker.send("DELETE", "/pacticipants/Consumer/versions/2.0.0").status == 404);

    CHECK(broker.send("DELETE", "/pacticipants/Provider").status == 204);
    CHECK(broker.get("/pacticipants/Provider").status == 404);
    CHECK(broker.get("/pacts/latest").body.at("pacts").empty());
    CHECK(broker.get("/pacticipants/Consumer").status == 200);
    CHECK(broker.send("DELETE", "/pacticipants/Provider").status == 404);
}
