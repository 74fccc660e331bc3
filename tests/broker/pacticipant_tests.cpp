#include "broker_fixture.hpp"
#include "broker/domain/pacticipant_names.hpp"

#include <doctest/doctest.h>

using namespace pact::broker;
using pact::broker::testing::broker_fixture;

TEST_CASE("a pacticipant is created once and described with a generated display name") {
    broker_fixture broker;
    auto created = broker.services.pacticipants.create_pacticipant({"payment-service", std::nullopt, std::string("main"), std::nullopt});
    REQUIRE(created.has_value());
    CHECK(created->display_name == "Payment Service");
    CHECK(created->main_branch == "main");
    auto twice = broker.services.pacticipants.create_pacticipant({"payment-service"});
    REQUIRE_FALSE(twice.has_value());
    CHECK(twice.error().what == domain::domain_error::kind::conflict);
    CHECK(broker.services.pacticipants.find_pacticipant("Payment-Service").error().what == domain::domain_error::kind::not_found);
}

TEST_CASE("a merge patch changes only the given fields and null clears one") {
    broker_fixture broker;
    (void)broker.services.pacticipants.create_pacticipant({"App", std::string("The App"), std::string("main"), std::string("https://git/app")});
    domain::pacticipant_changes changes;
    changes.main_branch = std::optional<std::string>("trunk");
    changes.repository_url = std::optional<std::string>();
    auto updated = broker.services.pacticipants.update_pacticipant("App", changes);
    REQUIRE(updated.has_value());
    CHECK(updated->display_name == "The App");
    CHECK(updated->main_branch == "trunk");
    CHECK_FALSE(updated->repository_url.has_value());
    CHECK(broker.services.pacticipants.update_pacticipant("Nobody", changes).error().what == domain::domain_error::kind::not_found);
}

TEST_CASE("create-or-update reports whether it created the pacticipant") {
    broker_fixture broker;
    CHECK(broker.services.pacticipants.create_or_update_pacticipant("New App", {})->created);
    CHECK_FALSE(broker.services.pacticipants.create_or_update_pacticipant("New App", {})->created);
    CHECK(broker.services.pacticipants.list_pacticipants().size() == 1);
}

TEST_CASE("tag and branch PUTs create the pacticipant and version they name") {
    broker_fixture broker;
    auto tagged = broker.services.pacticipants.add_tag("Provider", "2.0.0", "prod");
    REQUIRE(tagged.has_value());
    CHECK(tagged->created);
    CHECK_FALSE(broker.services.pacticipants.add_tag("Provider", "2.0.0", "prod")->created);
    auto branched = broker.services.pacticipants.add_version_to_branch("Provider", "main", "2.0.0");
    REQUIRE(branched.has_value());
    CHECK(branched->created);
    CHECK_FALSE(broker.services.pacticipants.add_version_to_branch("Provider", "main", "2.0.0")->created);
    auto version = broker.services.pacticipants.find_version("Provider", "2.0.0");
    REQUIRE(version.has_value());
    CHECK(version->tags.at(0).name == "prod");
    CHECK(version->branches.at(0).name == "main");
    CHECK(version->branches.at(0).latest);
}

TEST_CASE("latest versions, latest with a tag, and branch versions") {
    broker_fixture broker;
    (void)broker.services.pacticipants.add_tag("App", "1", "prod");
    (void)broker.services.pacticipants.add_version_to_branch("App", "main", "1");
    (void)broker.services.pacticipants.add_version_to_branch("App", "main", "2");
    (void)broker.services.pacticipants.create_or_update_version("App", "3", {std::string("feat"), std::string("http://ci/3"), {"dev"}});
    CHECK(broker.services.pacticipants.latest_version("App")->number == "3");
    CHECK(broker.services.pacticipants.latest_version("App")->build_url == "http://ci/3");
    CHECK(broker.services.pacticipants.latest_version_with_tag("App", "prod")->number == "1");
    CHECK(broker.services.pacticipants.latest_version_with_tag("App", "gone").error().what == domain::domain_error::kind::not_found);
    auto on_main = broker.services.pacticipants.branch_versions("App", "main");
    REQUIRE(on_main->size() == 2);
    CHECK((*on_main)[0].number == "2");
    CHECK(broker.services.pacticipants.find_branch("App", "main")->latest_version_number == "2");
    CHECK(broker.services.pacticipants.list_branches("App")->size() == 2);
    CHECK(broker.services.pacticipants.list_versions("App")->size() == 3);
    CHECK_FALSE(broker.services.pacticipants.find_version("App", "1")->branches.at(0).latest);
}

TEST_CASE("deleting a branch keeps its versions") {
    broker_fixture broker;
    (void)broker.services.pacticipants.add_version_to_branch("App", "feat", "1");
    REQUIRE(broker.services.pacticipants.delete_branch("App", "feat").has_value());
    CHECK(broker.services.pacticipants.find_branch("App", "feat").error().what == domain::domain_error::kind::not_found);
    CHECK(broker.services.pacticipants.find_version("App", "1")->branches.empty());
    CHECK(broker.services.pacticipants.delete_branch("App", "feat").error().what == domain::domain_error::kind::not_found);
}

TEST_CASE("tags are deleted and unknown tags are not found") {
    broker_fixture broker;
    (void)broker.services.pacticipants.add_tag("App", "1", "prod");
    CHECK(broker.services.pacticipants.find_tag("App", "1", "prod").has_value());
    CHECK(broker.services.pacticipants.delete_tag("App", "1", "prod").has_value());
    CHECK(broker.services.pacticipants.find_tag("App", "1", "prod").error().what == domain::domain_error::kind::not_found);
}

TEST_CASE("blank names are invalid") {
    broker_fixture broker;
    auto blank = broker.services.pacticipants.add_tag("App", " ", "prod");
    REQUIRE_FALSE(blank.has_value());
    CHECK(blank.error().what == domain::domain_error::kind::invalid);
    CHECK(blank.error().fields.contains("version"));
}

TEST_CASE("a new pacticipant name is a near-duplicate of an existing one with the same words, cased, joined or pluralised otherwise") {
    using domain::potential_duplicate_names;
    const std::vector<std::string> existing{"FooBar", "Billing", "order-service", "HTTPClient"};
    CHECK(potential_duplicate_names("foo-bar", existing) == std::vector<std::string>{"FooBar"});
    CHECK(potential_duplicate_names("Foo Bar Service", existing) == std::vector<std::string>{"FooBar"});
    CHECK(potential_duplicate_names("foo_bars_api", existing) == std::vector<std::string>{"FooBar"});
    CHECK(potential_duplicate_names("Order", existing) == std::vector<std::string>{"order-service"});
    CHECK(potential_duplicate_names("http-client", existing) == std::vector<std::string>{"HTTPClient"});
    CHECK(potential_duplicate_names("FooBar", existing).empty());  // it exists: not new
    CHECK(potential_duplicate_names("FooBaz", existing).empty());
    CHECK(potential_duplicate_names("Billing Reports", existing).empty());
}
