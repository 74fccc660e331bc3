#include "broker_fixture.hpp"

#include <doctest/doctest.h>

#include <thread>

using namespace pact::broker;
using pact::broker::testing::broker_fixture;
using pact::broker::testing::make_pact;
using pact::broker::testing::publish;

TEST_CASE("publishing creates consumer, provider, version, branch, tags and the pact") {
    broker_fixture broker;
    auto result = publish(broker.services, "Consumer", "1.0.0", "Provider", make_pact("Consumer", "Provider"), "main", {"dev", "ci"});
    CHECK(result.consumer.name == "Consumer");
    CHECK(result.consumer_version.number == "1.0.0");
    REQUIRE(result.consumer_version.branches.size() == 1);
    CHECK(result.consumer_version.branches[0].name == "main");
    CHECK(result.consumer_version.tags.size() == 2);
    REQUIRE(result.pacts.size() == 1);
    CHECK(result.pacts[0].provider_name == "Provider");
    REQUIRE(result.notices.size() == 2);
    CHECK(result.notices[0].text == "Created Consumer version 1.0.0 with branch main and tags dev, ci");
    CHECK(result.notices[1].text == "Pact successfully published for Consumer version 1.0.0 and provider Provider.");
    CHECK(broker.services.pacticipants.find_pacticipant("Provider").has_value());
    auto latest = broker.services.pacts.latest_pact("Consumer", "Provider");
    REQUIRE(latest.has_value());
    CHECK(latest->consumer_version_number == "1.0.0");
    CHECK(latest->content["interactions"].size() == 1);
}

TEST_CASE("republishing identical content is idempotent") {
    broker_fixture broker;
    auto pact = make_pact("Consumer", "Provider");
    auto first = publish(broker.services, "Consumer", "1.0.0", "Provider", pact);
    auto again = publish(broker.services, "Consumer", "1.0.0", "Provider", pact);
    CHECK(first.pacts[0].pact_version_sha == again.pacts[0].pact_version_sha);
    CHECK(again.notices[0].text == "Updated Consumer version 1.0.0");
    CHECK(again.notices[1].text == "Pact successfully republished for Consumer version 1.0.0 and provider Provider with no content changes.");
    CHECK(broker.services.pacts.pact_versions("Consumer", "Provider")->size() == 1);
}

TEST_CASE("the content hash ignores key order and the broker's own links") {
    auto pact = make_pact("C", "P");
    auto decorated = pact;
    decorated["_links"] = {{"self", {{"href", "http://x"}}}};
    decorated["interactions"][0]["_id"] = "abc";
    CHECK(domain::pact_content_sha(pact) == domain::pact_content_sha(decorated));
    CHECK(domain::pact_content_sha(pact) == domain::pact_content_sha(nlohmann::json::parse(pact.dump())));
    CHECK(domain::pact_content_sha(pact) != domain::pact_content_sha(make_pact("C", "P", {"other"})));
}

TEST_CASE("different content for an existing consumer version is a conflict and nothing is written") {
    broker_fixture broker;
    publish(broker.services, "Consumer", "1.0.0", "Provider", make_pact("Consumer", "Provider", {"one"}));
    domain::publish_contracts_request request{"Consumer", "1.0.0", std::string("feature"), {"new-tag"}, std::nullopt,
                                              {{"Consumer", "Provider", "pact", "application/json",
                                                testing::base64(make_pact("Consumer", "Provider", {"two"}).dump()), domain::on_conflict::overwrite}}};
    auto refused = broker.services.publications.publish_contracts(request);
    REQUIRE_FALSE(refused.has_value());
    CHECK(refused.error().what == domain::domain_error::kind::conflict);
    CHECK(refused.error().message.starts_with("Cannot change the content of the pact for Consumer version 1.0.0 and provider Provider"));
    CHECK(refused.error().fields.contains("contracts"));
    auto version = broker.services.pacticipants.find_version("Consumer", "1.0.0");
    CHECK(version->tags.empty());
    CHECK(version->branches.empty());
    CHECK(broker.services.pacts.latest_pact("Consumer", "Provider")->content["interactions"][0]["description"] == "one");
}

TEST_CASE("different content is accepted over the old when dangerous modification is allowed") {
    broker_fixture broker(true);
    publish(broker.services, "Consumer", "1.0.0", "Provider", make_pact("Consumer", "Provider", {"one"}));
    auto replaced = publish(broker.services, "Consumer", "1.0.0", "Provider", make_pact("Consumer", "Provider", {"two"}));
    CHECK(replaced.notices[1].type == "warning");
    CHECK(broker.services.pacts.latest_pact("Consumer", "Provider")->content["interactions"][0]["description"] == "two");
}

TEST_CASE("onConflict merge adds new interactions to the consumer version's pact") {
    broker_fixture broker;
    publish(broker.services, "Consumer", "1.0.0", "Provider", make_pact("Consumer", "Provider", {"one", "two"}));
    domain::publish_contracts_request request{"Consumer", "1.0.0", std::nullopt, {}, std::nullopt,
                                              {{"Consumer", "Provider", "pact", "application/json",
                                                testing::base64(make_pact("Consumer", "Provider", {"two", "three"}).dump()), domain::on_conflict::merge}}};
    auto merged = broker.services.publications.publish_contracts(request);
    REQUIRE(merged.has_value());
    CHECK(merged->notices[1].text == "Pact content merged with existing content for Consumer version 1.0.0 and provider Provider.");
    auto interactions = broker.services.pacts.latest_pact("Consumer", "Provider")->content["interactions"];
    REQUIRE(interactions.size() == 3);
    CHECK(interactions[2]["description"] == "three");
}

TEST_CASE("publishing checks the request and names the bad fields") {
    broker_fixture broker;
    domain::publish_contracts_request request{"Consumer", "", std::nullopt, {}, std::nullopt,
                                              {{"Someone Else", "Provider", "pact", "application/json", "!!!not base64", domain::on_conflict::overwrite}}};
    auto refused = broker.services.publications.publish_contracts(request);
    REQUIRE_FALSE(refused.has_value());
    CHECK(refused.error().what == domain::domain_error::kind::invalid);
    CHECK(refused.error().fields.contains("pacticipantVersionNumber"));
    CHECK(refused.error().fields.contains("contracts.0.consumerName"));
    CHECK(refused.error().fields.at("contracts.0.content") == std::vector<std::string>{"is not valid Base64"});
    CHECK(broker.services.pacticipants.list_pacticipants().empty());
}

TEST_CASE("a pact whose names differ from the contract's is refused") {
    broker_fixture broker;
    domain::publish_contracts_request request{"Consumer", "1", std::nullopt, {}, std::nullopt,
                                              {{"Consumer", "Provider", "pact", "application/json",
                                                testing::base64(make_pact("Consumer", "Other").dump()), domain::on_conflict::overwrite}}};
    auto refused = broker.services.publications.publish_contracts(request);
    REQUIRE_FALSE(refused.has_value());
    CHECK(refused.error().fields.at("contracts.0.content")[0] ==
          "provider name in contract content ('Other') must match providerName in contract params ('Provider')");
}

TEST_CASE("the per-pact PUT stores the pact and checks the names against the path") {
    broker_fixture broker;
    auto created = broker.services.publications.publish_pact("Provider", "Consumer", "2.0.0", make_pact("Consumer", "Provider"));
    REQUIRE(created.has_value());
    CHECK(created->created);
    auto again = broker.services.publications.publish_pact("Provider", "Consumer", "2.0.0", make_pact("Consumer", "Provider"));
    CHECK_FALSE(again->created);
    auto mismatch = broker.services.publications.publish_pact("Provider", "Consumer", "2.0.0", make_pact("Someone", "Provider"));
    REQUIRE_FALSE(mismatch.has_value());
    CHECK(mismatch.error().message == "name in pact 'Someone' does not match name in URL path 'Consumer'.");
}

TEST_CASE("pacts are found by tag, branch, consumer version and content sha") {
    broker_fixture broker;
    publish(broker.services, "Consumer", "1", "Provider", make_pact("Consumer", "Provider", {"a"}), "main", {"prod"});
    auto second = publish(broker.services, "Consumer", "2", "Provider", make_pact("Consumer", "Provider", {"b"}), "feature");
    publish(broker.services, "Consumer", "3", "Provider", make_pact("Consumer", "Provider", {"b"}), "main");
    CHECK(broker.services.pacts.latest_pact("Consumer", "Provider")->consumer_version_number == "3");
    CHECK(broker.services.pacts.latest_pact_with_tag("Consumer", "Provider", "prod")->consumer_version_number == "1");
    CHECK(broker.services.pacts.latest_pact_for_branch("Consumer", "Provider", "feature")->consumer_version_number == "2");
    CHECK(broker.services.pacts.latest_pact_for_branch("Consumer", "Provider", "main")->consumer_version_number == "3");
    CHECK(broker.services.pacts.pact_for_consumer_version("Consumer", "Provider", "1")->content["interactions"][0]["description"] == "a");
    // The same content published by 2 and 3: the sha resolves to the newest publisher.
    CHECK(broker.services.pacts.pact_by_sha("Consumer", "Provider", second.pacts[0].pact_version_sha)->consumer_version_number == "3");
    CHECK(broker.services.pacts.pact_versions("Consumer", "Provider")->size() == 3);
    CHECK(broker.services.pacts.latest_pact_with_tag("Consumer", "Provider", "nope").error().what == domain::domain_error::kind::not_found);
    CHECK(broker.services.pacts.latest_pact("Nobody", "Provider").error().message == "No pacticipant with name 'Nobody' found");
}

TEST_CASE("latest pacts are listed per provider and per integration") {
    broker_fixture broker;
    publish(broker.services, "A", "1", "P", make_pact("A", "P"), std::nullopt, {"prod"});
    publish(broker.services, "A", "2", "P", make_pact("A", "P", {"x"}));
    publish(broker.services, "B", "7", "P", make_pact("B", "P"));
    publish(broker.services, "B", "8", "Q", make_pact("B", "Q"));
    auto of_provider = broker.services.pacts.latest_pacts_for_provider("P");
    REQUIRE(of_provider->size() == 2);
    CHECK((*of_provider)[0].consumer_version_number == "2");
    CHECK((*of_provider)[1].consumer_version_number == "7");
    auto tagged = broker.services.pacts.latest_pacts_for_provider("P", "prod");
    REQUIRE(tagged->size() == 1);
    CHECK((*tagged)[0].consumer_version_number == "1");
    auto all = broker.services.pacts.latest_pacts();
    REQUIRE(all.size() == 3);
    CHECK(all[2].provider_name == "Q");
}

TEST_CASE("32 threads publishing at once all succeed and every publish is stored") {
    broker_fixture broker;
    constexpr int publishers = 32;
    std::vector<std::string> failures(publishers);
    std::vector<std::thread> threads;
    for (int index = 0; index < publishers; ++index)
        threads.emplace_back([&, index] {
            const auto consumer = "Consumer " + std::to_string(index % 4);
            try {
                domain::publish_contracts_request request{consumer, "v" + std::to_string(index), std::string("main"), {"t"}, std::nullopt,
                                                          {{consumer, "Provider", "pact", "application/json",
                                                            testing::base64(make_pact(consumer, "Provider", {"i" + std::to_string(index)}).dump()),
                                                            domain::on_conflict::overwrite}}};
                auto published = broker.services.publications.publish_contracts(request);
                if (!published) failures[index] = published.error().message;
            } catch (const std::exception& error) {
                failures[index] = error.what();
            }
        });
    for (auto& thread : threads) thread.join();
    for (const auto& failure : failures) CHECK(failure.empty());
    for (int index = 0; index < publishers; ++index) {
        auto pact = broker.services.pacts.pact_for_consumer_version("Consumer " + std::to_string(index % 4), "Provider", "v" + std::to_string(index));
        CHECK(pact.has_value());
    }
}

TEST_CASE("publishing on main, master or develop makes it the consumer's main branch unless it has one") {
    broker_fixture broker;
    publish(broker.services, "Consumer", "1", "Provider", make_pact("Consumer", "Provider"), "feature/x");
    CHECK_FALSE(broker.services.pacticipants.find_pacticipant("Consumer")->main_branch.has_value());
    publish(broker.services, "Consumer", "2", "Provider", make_pact("Consumer", "Provider"), "main");
    CHECK(broker.services.pacticipants.find_pacticipant("Consumer")->main_branch == "main");
    publish(broker.services, "Consumer", "3", "Provider", make_pact("Consumer", "Provider"), "develop");
    CHECK(broker.services.pacticipants.find_pacticipant("Consumer")->main_branch == "main");
}

// A write that reads its answer in a transaction of its own must give its session back first: with PostgreSQL's pool
// at one session, holding it would wait for itself for ever (and with a larger pool under load, every session could be
// held by a writer waiting for another).
TEST_CASE("with a pool of one database session, each write that reads its answer afterwards completes") {
    testing::temporary_directory directory;
    const testing::test_database database(directory.path() / "broker.sqlite");
    const auto store = testing::open_test_store(database.file(), 1);
    domain::broker_services services(*store, domain::broker_config{});

    const auto published = publish(services, "Consumer", "1", "Provider", make_pact("Consumer", "Provider"), "main");
    REQUIRE(published.pacts.size() == 1);
    const auto pact = make_pact("Consumer", "Provider", {"another request"});
    CHECK(services.publications.publish_pact("Provider", "Consumer", "2", pact, domain::on_conflict::overwrite, "").has_value());
    domain::verification_to_publish result{"10", true, std::nullopt, nlohmann::json::array(), nlohmann::json::object(), std::string("main"), {}};
    CHECK(services.verifications.publish_verification("Provider", "Consumer", published.pacts.front().pact_version_sha, result).has_value());
    domain::provider_contract_to_publish contract;
    contract.provider_version_number = "10";
    contract.content = testing::base64(R"({"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {}})");
    contract.content_type = "application/json";
    contract.self_verification.success = true;
    CHECK(services.provider_contracts.publish("Provider", contract).has_value());
}
