#include "broker_fixture.hpp"

#include <doctest/doctest.h>

using namespace pact::broker;
using pact::broker::testing::broker_fixture;

namespace {

domain::environment create(broker_fixture& broker, const std::string& name, bool production = false) {
    auto created = broker.services.environments.create_environment({name, std::nullopt, production, nlohmann::json::array()});
    REQUIRE(created.has_value());
    return *created;
}

}  // namespace

TEST_CASE("environments have unique names, a uuid and a generated display name") {
    broker_fixture broker;
    auto production = create(broker, "production", true);
    CHECK(production.uuid.size() == 36);
    CHECK(production.display_name == "Production");
    CHECK(production.production);
    auto again = broker.services.environments.create_environment({"production"});
    REQUIRE_FALSE(again.has_value());
    CHECK(again.error().what == domain::domain_error::kind::invalid);
    CHECK(again.error().fields.at("name")[0] == "Another environment with name 'production' already exists.");
    CHECK(broker.services.environments.find_environment(production.uuid)->name == "production");
    CHECK(broker.services.environments.find_environment_by_name("production")->uuid == production.uuid);
}

TEST_CASE("environments are updated, listed by name and deleted") {
    broker_fixture broker;
    auto test = create(broker, "test");
    create(broker, "dev");
    auto updated = broker.services.environments.update_environment(test.uuid, {"test", std::string("Test!"), true, nlohmann::json::array()});
    REQUIRE(updated.has_value());
    CHECK(updated->display_name == "Test!");
    auto all = broker.services.environments.list_environments();
    REQUIRE(all.size() == 2);
    CHECK(all[0].name == "dev");
    REQUIRE(broker.services.environments.delete_environment(test.uuid).has_value());
    CHECK(broker.services.environments.find_environment(test.uuid).error().what == domain::domain_error::kind::not_found);
}

TEST_CASE("a deployment replaces the previous one of that pacticipant in that environment") {
    broker_fixture broker;
    auto production = create(broker, "production", true);
    (void)broker.services.pacticipants.create_or_update_version("App", "1", {});
    (void)broker.services.pacticipants.create_or_update_version("App", "2", {});
    auto first = broker.services.environments.record_deployment("App", "1", production.uuid, std::nullopt);
    REQUIRE(first.has_value());
    auto second = broker.services.environments.record_deployment("App", "2", production.uuid, std::nullopt);
    REQUIRE(second.has_value());
    auto current = broker.services.environments.currently_deployed(production.uuid, "App");
    REQUIRE(current->size() == 1);
    CHECK((*current)[0].version_number == "2");
    CHECK_FALSE(broker.services.environments.find_deployed_version(first->uuid)->currently_deployed);
}

TEST_CASE("deployments to different application instances live side by side") {
    broker_fixture broker;
    auto production = create(broker, "production", true);
    (void)broker.services.pacticipants.create_or_update_version("App", "1", {});
    (void)broker.services.pacticipants.create_or_update_version("App", "2", {});
    (void)broker.services.environments.record_deployment("App", "1", production.uuid, std::string("blue"));
    (void)broker.services.environments.record_deployment("App", "2", production.uuid, std::string("green"));
    CHECK(broker.services.environments.currently_deployed(production.uuid, "App")->size() == 2);
    (void)broker.services.environments.record_deployment("App", "2", production.uuid, std::string("blue"));
    auto current = broker.services.environments.currently_deployed(production.uuid, "App");
    REQUIRE(current->size() == 2);
    CHECK((*current)[0].version_number == "2");
    CHECK((*current)[1].version_number == "2");
}

TEST_CASE("recording an undeployment ends the deployment") {
    broker_fixture broker;
    auto test = create(broker, "test");
    (void)broker.services.pacticipants.create_or_update_version("App", "1", {});
    auto deployed = broker.services.environments.record_deployment("App", "1", test.uuid, std::nullopt);
    auto undeployed = broker.services.environments.record_undeployment(deployed->uuid);
    REQUIRE(undeployed.has_value());
    CHECK_FALSE(undeployed->currently_deployed);
    CHECK(undeployed->undeployed_at.has_value());
    CHECK(broker.services.environments.currently_deployed(test.uuid)->empty());
}

TEST_CASE("deploying an unknown version or to an unknown environment is not found") {
    broker_fixture broker;
    auto test = create(broker, "test");
    CHECK(broker.services.environments.record_deployment("App", "1", test.uuid, std::nullopt).error().what == domain::domain_error::kind::not_found);
    (void)broker.services.pacticipants.create_or_update_version("App", "1", {});
    CHECK(broker.services.environments.record_deployment("App", "1", "no-such-uuid", std::nullopt).error().what == domain::domain_error::kind::not_found);
}

TEST_CASE("releases accumulate until their support ends") {
    broker_fixture broker;
    auto production = create(broker, "production", true);
    (void)broker.services.pacticipants.create_or_update_version("App", "1", {});
    (void)broker.services.pacticipants.create_or_update_version("App", "2", {});
    auto first = broker.services.environments.record_release("App", "1", production.uuid);
    (void)broker.services.environments.record_release("App", "2", production.uuid);
    CHECK(broker.services.environments.currently_supported(production.uuid, "App")->size() == 2);
    auto ended = broker.services.environments.record_support_ended(first->uuid);
    REQUIRE(ended.has_value());
    CHECK_FALSE(ended->currently_supported);
    auto supported = broker.services.environments.currently_supported(production.uuid);
    REQUIRE(supported->size() == 1);
    CHECK((*supported)[0].version_number == "2");
    auto again = broker.services.environments.record_release("App", "1", production.uuid);
    CHECK(again->uuid == first->uuid);
    CHECK(again->currently_supported);
}
