// Copying a whole broker to another database (pact-broker copy-database): the copy answers every question
// as the original does, copying again duplicates nothing, and a failure leaves the target as it was.

#include "broker/store/store_copy.hpp"
#include "broker/store/store_factory.hpp"
#include "broker_fixture.hpp"
#include "support/files.hpp"
#include "support/process.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <sstream>

using namespace pact::broker;
using pact::broker::testing::broker_fixture;
using pact::broker::testing::make_pact;
using pact::broker::testing::publish;
using pact::broker::testing::verify;

namespace {

// The answer of a domain call that must succeed, by value: a range-for over `*call()` would outlive the result.
template <typename T>
T value_of(domain::result<T> answer) {
    REQUIRE_MESSAGE(answer.has_value(), (answer ? std::string() : answer.error().message));
    return std::move(*answer);
}

// A broker of every kind of row: pacticipants with details and labels, versions on branches with tags,
// pacts with verifications (one provider version deleted, so that the verification numbers have a gap),
// an environment with deployments (one ended) and releases (one ended), a webhook with a delivery attempted once.
void fill(broker_fixture& broker) {
    auto& services = broker.services;
    REQUIRE(services.pacticipants.create_pacticipant({"Consumer", std::string("The Consumer"), std::nullopt, std::string("https://git.example.com/c")})
                .has_value());
    REQUIRE(services.pacticipants.add_label("Consumer", "team-a").has_value());
    domain::webhook_input webhook;
    webhook.consumer = domain::webhook_pacticipant{"Consumer", std::nullopt};
    webhook.provider = domain::webhook_pacticipant{"Provider", std::nullopt};
    webhook.events = {"contract_published"};
    webhook.request = {"POST", "https://ci.example.com/build", nlohmann::json{{"X-Token", "secret"}}, nlohmann::json{{"pact", "${pactbroker.pactUrl}"}},
                       std::nullopt, std::nullopt};
    REQUIRE(services.pacticipants.create_pacticipant({"Provider"}).has_value());
    REQUIRE(services.webhooks.create_webhook(webhook).has_value());

    auto first = publish(services, "Consumer", "1", "Provider", make_pact("Consumer", "Provider", {"first"}), std::string("main"), {"prod"}).pacts.at(0);
    auto second = publish(services, "Consumer", "2", "Provider", make_pact("Consumer", "Provider", {"second"}), std::string("feature"), {"dev"}).pacts.at(0);
    REQUIRE(services.pacticipants.create_or_update_version("Consumer", "2", {std::nullopt, std::string("https://ci.example.com/2"), {}}).has_value());
    publish(services, "Other", "1", "Provider", make_pact("Other", "Provider"), std::string("main"));
    verify(broker, first, "10", true, std::string("main"), {"prod"});
    verify(broker, second, "11", false, std::string("main"));
    verify(broker, second, "12", true, std::string("main"));
    verify(broker, second, "13", true, std::string("main"));
    REQUIRE(services.pacticipants.delete_version("Provider", "12").has_value());

    auto production = services.environments.create_environment({"production", std::nullopt, true});
    REQUIRE(production.has_value());
    REQUIRE(services.environments.record_deployment("Provider", "10", production->uuid, std::nullopt).has_value());
    REQUIRE(services.environments.record_deployment("Provider", "13", production->uuid, std::nullopt).has_value());  // replaces 10
    REQUIRE(services.environments.record_deployment("Consumer", "1", production->uuid, std::string("eu")).has_value());
    REQUIRE(services.environments.record_release("Consumer", "1", production->uuid).has_value());
    auto ended = services.environments.record_release("Consumer", "2", production->uuid);
    REQUIRE(ended.has_value());
    REQUIRE(services.environments.record_support_ended(ended->uuid).has_value());

    // A provider contract, compared with the pact of the consumer version in production (Consumer 1's "GET /first").
    domain::provider_contract_to_publish contract{.provider_version_number = "20", .branch = std::string("main")};
    contract.content = pact::broker::testing::base64("openapi: 3.0.0\ninfo: {title: Provider, version: '20'}\npaths:\n  /first:\n    get:\n"
                                                      "      responses: {'200': {description: ok}}\n");
    contract.self_verification = {.success = true, .verifier = std::string("dredd")};
    REQUIRE(services.provider_contracts.publish("Provider", contract).has_value());

    // The delivery the publications queued, attempted once (as broker/webhooks would).
    auto writer = broker.store->write();
    auto pending = writer->webhooks().pending_triggered_webhooks();
    REQUIRE(pending.size() == 2);
    auto attempted = pending.front();
    attempted.status = "success";
    attempted.attempts_made = 1;
    attempted.last_attempt_at_ms = 1'704'067'500'000;
    attempted.updated_at = "2024-01-01T00:05:00+00:00";
    writer->webhooks().update_triggered_webhook(attempted);
    (void)writer->webhooks().insert_webhook_execution({0, attempted.id, true, "POST https://ci.example.com/build: 200", "2024-01-01T00:05:00+00:00"});
    writer->commit();
}

nlohmann::json version_answers(domain::broker_services& services, const std::string& pacticipant) {
    nlohmann::json versions = nlohmann::json::array();
    for (const auto& version : value_of(services.pacticipants.list_versions(pacticipant))) {
        nlohmann::json branches = nlohmann::json::array(), tags = nlohmann::json::array();
        for (const auto& branch : version.branches) branches.push_back({branch.name, branch.latest, branch.created_at});
        for (const auto& tag : version.tags) tags.push_back({tag.name, tag.created_at});
        versions.push_back({{"number", version.number}, {"build_url", version.build_url.value_or("")}, {"created_at", version.created_at},
                            {"branches", branches}, {"tags", tags}});
        for (const auto& deployed : value_of(services.environments.deployments_of_version(pacticipant, version.number)))
            versions.back()["deployed"].push_back({deployed.uuid, deployed.environment.name, deployed.application_instance.value_or(""), deployed.created_at,
                                                   deployed.undeployed_at.value_or("")});
        for (const auto& released : value_of(services.environments.releases_of_version(pacticipant, version.number)))
            versions.back()["released"].push_back({released.uuid, released.environment.name, released.created_at, released.support_ended_at.value_or("")});
    }
    return versions;
}

nlohmann::json pact_of(const domain::pact_publication& pact) {
    return {{"consumer_version", pact.consumer_version_number}, {"sha", pact.pact_version_sha}, {"content", pact.content}, {"created_at", pact.created_at}};
}

nlohmann::json can_i_deploy(domain::broker_services& services, const std::string& pacticipant, const std::string& version) {
    auto answer = services.matrix.can_i_deploy(pacticipant, version, std::string("production"), std::nullopt);
    REQUIRE(answer.has_value());
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& row : answer->rows)
        rows.push_back({row.consumer_version.number, row.provider_version ? row.provider_version->number : "", row.pact_version_sha,
                        row.verification ? row.verification->number : 0, row.verification && row.verification->success});
    return {{"deployable", answer->summary.deployable.value_or(false)}, {"reason", answer->summary.reason}, {"rows", rows}};
}

// What the broker answers about everything `fill` made, through the domain services.
nlohmann::json answers(domain::broker_services& services) {
    nlohmann::json result;
    for (const auto& pacticipant : services.pacticipants.list_pacticipants()) {
        result["pacticipants"].push_back({pacticipant.name, pacticipant.display_name, pacticipant.main_branch.value_or(""),
                                          pacticipant.repository_url.value_or(""), pacticipant.labels, pacticipant.created_at, pacticipant.updated_at});
        result["versions"][pacticipant.name] = version_answers(services, pacticipant.name);
        for (const auto& branch : value_of(services.pacticipants.list_branches(pacticipant.name)))
            result["branches"].push_back({pacticipant.name, branch.name, branch.created_at, branch.latest_version_number.value_or("")});
    }
    result["latest pact"] = pact_of(*services.pacts.latest_pact("Consumer", "Provider"));
    result["latest prod pact"] = pact_of(*services.pacts.latest_pact_with_tag("Consumer", "Provider", "prod"));
    result["latest main pact"] = pact_of(*services.pacts.latest_pact_for_branch("Consumer", "Provider", "main"));
    for (const auto& pact : services.pacts.latest_pacts()) result["latest pacts"].push_back(pact_of(pact));
    for (const auto& pact : value_of(services.pacts.pact_versions("Consumer", "Provider"))) {
        result["pact versions"].push_back(pact_of(pact));
        for (const auto& verification : value_of(services.verifications.verifications_of_pact("Provider", "Consumer", pact.pact_version_sha)))
            result["verifications"].push_back({pact.pact_version_sha, verification.number, verification.success, verification.provider_version_number,
                                               verification.created_at});
    }
    const auto contract = value_of(services.provider_contracts.find("Provider", "20"));
    result["provider contract"] = {contract.content, contract.self_verification.success.value_or(false), contract.created_at};
    for (const auto& comparison : contract.comparisons)
        result["comparisons"].push_back({comparison.consumer_version_number, comparison.pact_version_sha, comparison.compatible, comparison.findings,
                                         comparison.created_at});
    result["can-i-deploy Provider 20"] = can_i_deploy(services, "Provider", "20");
    result["can-i-deploy Consumer 2"] = can_i_deploy(services, "Consumer", "2");
    result["can-i-deploy Provider 13"] = can_i_deploy(services, "Provider", "13");
    for (const auto& environment : services.environments.list_environments()) {
        result["environments"].push_back({environment.uuid, environment.name, environment.production, environment.created_at});
        for (const auto& deployed : value_of(services.environments.currently_deployed(environment.uuid))) result["deployed"].push_back(deployed.uuid);
        for (const auto& released : value_of(services.environments.currently_supported(environment.uuid))) result["supported"].push_back(released.uuid);
    }
    for (const auto& webhook : services.webhooks.list_webhooks())
        result["webhooks"].push_back({webhook.uuid, webhook.definition.events, webhook.definition.request.url, webhook.definition.request.headers,
                                      webhook.definition.request.body, webhook.created_at});
    for (const auto& triggered : value_of(services.webhooks.triggered_webhooks_of_pair("Provider", "Consumer"))) {
        nlohmann::json executions = nlohmann::json::array();
        for (const auto& execution : triggered.executions) executions.push_back({execution.success, execution.logs, execution.created_at});
        result["deliveries"].push_back({triggered.uuid, triggered.webhook_uuid, triggered.status, triggered.attempts_made, triggered.created_at, executions});
    }
    return result;
}

// The domain over a copy, with the clock of a broker_fixture.
struct copied_broker {
    explicit copied_broker(std::unique_ptr<store::store> opened)
        : store(std::move(opened)), services(*store, domain::broker_config{.clock = [this] { return clock.now(); }}) {}
    pact::broker::testing::test_clock clock;
    std::unique_ptr<store::store> store;
    domain::broker_services services;
};

std::unique_ptr<store::store> open_sqlite(const std::filesystem::path& file) {
    store::store_options options;
    options.database = {.kind = store::database_kind::sqlite, .sqlite_file = file};
    return store::open_store(options);
}

std::int64_t total(const store::row_counts& counts) {
    std::int64_t sum = 0;
    for (const auto count : counts) sum += count;
    return sum;
}

}  // namespace

TEST_CASE("a copy of a broker answers as the original: pacts, branches, tags, verifications, can-i-deploy, deployments, releases, webhooks") {
    broker_fixture original;
    fill(original);
    pact::broker::testing::test_database target_database(original.directory.path() / "copy.sqlite");
    copied_broker copy(target_database.open());

    const auto report = store::copy_store(*original.store, *copy.store);

    CHECK_MESSAGE(report.agrees(), store::format_report(report));
    CHECK(report.copied == report.source_counts);
    CHECK(total(report.already_there) == 0);
    CHECK(count_of(report.copied, store::row_kind::pacticipants) == 3);
    CHECK(count_of(report.copied, store::row_kind::labels) == 1);
    CHECK(count_of(report.copied, store::row_kind::pact_versions) == 3);
    CHECK(count_of(report.copied, store::row_kind::integrations) == 2);
    CHECK(count_of(report.copied, store::row_kind::verifications) == 3);
    CHECK(count_of(report.copied, store::row_kind::deployed_versions) == 3);
    CHECK(count_of(report.copied, store::row_kind::released_versions) == 2);
    CHECK(count_of(report.copied, store::row_kind::triggered_webhooks) == 2);
    CHECK(count_of(report.copied, store::row_kind::webhook_executions) == 1);
    for (std::size_t index = 0; index < store::row_kind_count; ++index)
        CHECK_MESSAGE(report.source_counts[index] > 0, store::row_kind_name(static_cast<store::row_kind>(index)));
    const auto expected = answers(original.services);
    CHECK(answers(copy.services) == expected);
    // The verification after the deleted one keeps its number.
    const auto second = *copy.services.pacts.pact_for_consumer_version("Consumer", "Provider", "2");
    CHECK(copy.services.verifications.find_verification("Provider", "Consumer", second.pact_version_sha, 3)->provider_version_number == "13");

    // And on to a SQLite file (from PostgreSQL when the tests run there).
    copied_broker again(open_sqlite(original.directory.path() / "again.sqlite"));
    CHECK(store::copy_store(*copy.store, *again.store).agrees());
    CHECK(answers(again.services) == expected);
}

TEST_CASE("copying again duplicates nothing, and copies only what the source gained since, following ended deployments and deliveries") {
    broker_fixture original;
    fill(original);
    pact::broker::testing::test_database target_database(original.directory.path() / "copy.sqlite");
    copied_broker copy(target_database.open());
    const auto first = store::copy_store(*original.store, *copy.store);
    REQUIRE(first.agrees());

    const auto second = store::copy_store(*original.store, *copy.store);
    CHECK_MESSAGE(second.agrees(), store::format_report(second));
    CHECK(total(second.copied) == 0);
    CHECK(second.already_there == first.source_counts);
    CHECK(second.target_counts == first.target_counts);
    CHECK(store::format_report(second).find("in all: copied 0, already there " + std::to_string(total(first.source_counts))) != std::string::npos);

    // The old broker serves a little longer: a new version, a deployment ended, the delivery still pending attempted.
    publish(original.services, "Consumer", "3", "Provider", make_pact("Consumer", "Provider", {"third"}), std::string("main"));
    const auto production = *original.services.environments.find_environment_by_name("production");
    const auto deployed = *original.services.environments.currently_deployed(production.uuid, std::string_view("Consumer"));
    REQUIRE(deployed.size() == 1);
    REQUIRE(original.services.environments.record_undeployment(deployed.front().uuid).has_value());
    {
        auto writer = original.store->write();
        auto pending = writer->webhooks().pending_triggered_webhooks();
        REQUIRE(pending.size() == 2);  // the one left from fill and the one of version 3
        auto attempted = pending.front();
        attempted.status = "failure";
        attempted.attempts_made = 7;
        attempted.updated_at = "2024-01-01T01:00:00+00:00";
        writer->webhooks().update_triggered_webhook(attempted);
        (void)writer->webhooks().insert_webhook_execution({0, attempted.id, false, "POST https://ci.example.com/build: 500", "2024-01-01T01:00:00+00:00"});
        writer->commit();
    }

    const auto third = store::copy_store(*original.store, *copy.store);
    CHECK_MESSAGE(third.agrees(), store::format_report(third));
    CHECK(count_of(third.copied, store::row_kind::versions) == 1);
    CHECK(count_of(third.copied, store::row_kind::pact_versions) == 1);
    CHECK(count_of(third.copied, store::row_kind::pact_publications) == 1);
    CHECK(count_of(third.copied, store::row_kind::triggered_webhooks) == 1);
    CHECK(count_of(third.copied, store::row_kind::webhook_executions) == 1);
    CHECK(count_of(third.copied, store::row_kind::deployed_versions) == 0);
    CHECK(answers(copy.services) == answers(original.services));
    CHECK(copy.services.environments.currently_deployed(production.uuid, std::string_view("Consumer"))->empty());
}

TEST_CASE("a target with a conflicting row refuses the whole copy and stays as it was") {
    broker_fixture original;
    fill(original);
    pact::broker::testing::test_database target_database(original.directory.path() / "copy.sqlite");
    copied_broker copy(target_database.open());
    REQUIRE(copy.services.environments.create_environment({"production"}).has_value());  // another uuid

    CHECK_THROWS_AS((void)store::copy_store(*original.store, *copy.store), store::copy_conflict);

    CHECK(copy.services.pacticipants.list_pacticipants().empty());
    CHECK(copy.services.environments.list_environments().size() == 1);
}

TEST_SUITE_BEGIN("component");

namespace {

pact::testing::command_result copy_database(const std::string& from, const std::string& to) {
    return pact::testing::run_command({PACT_BROKER_BINARY, "copy-database", "--from", from, "--to", to});
}

// The target as pact-broker is told it: the test database's file, or its PostgreSQL URL.
std::string location_of(const pact::broker::testing::test_database& database) {
    return pact::broker::testing::broker_database_arguments(database.file()).at(1);
}

}  // namespace

TEST_CASE("pact-broker copy-database copies a SQLite broker into another database, checks it, and copies nothing the second time") {
    pact::broker::testing::temporary_directory directory;
    const auto source_file = directory.path() / "old.sqlite";
    nlohmann::json expected;
    {
        // A broker_fixture's services over a SQLite store, whichever database the tests run on.
        copied_broker source(open_sqlite(source_file));
        publish(source.services, "Consumer", "1", "Provider", make_pact("Consumer", "Provider", {"first"}), std::string("main"), {"prod"});
        auto second = publish(source.services, "Consumer", "2", "Provider", make_pact("Consumer", "Provider", {"second"}), std::string("main")).pacts.at(0);
        domain::verification_to_publish result{"10", true, std::nullopt, nlohmann::json::array(), nlohmann::json::object(), std::string("main"), {}};
        REQUIRE(source.services.verifications.publish_verification("Provider", "Consumer", second.pact_version_sha, result).has_value());
        auto production = source.services.environments.create_environment({"production", std::nullopt, true});
        REQUIRE(source.services.environments.record_deployment("Provider", "10", production->uuid, std::nullopt).has_value());
        expected = {pact_of(*source.services.pacts.latest_pact("Consumer", "Provider")), can_i_deploy(source.services, "Consumer", "2")};
    }
    pact::broker::testing::test_database target(directory.path() / "new.sqlite");

    const auto first = copy_database(source_file.string(), location_of(target));
    INFO(first.all());
    CHECK(first.exit_code == 0);
    CHECK(first.out.find("pact versions         2 (copied 2, already there 0)") != std::string::npos);
    CHECK(first.out.find("checked: counts agree, latest pacts agree") != std::string::npos);
    CHECK(first.errors.empty());
    {
        copied_broker copy(target.open());
        CHECK(nlohmann::json{pact_of(*copy.services.pacts.latest_pact("Consumer", "Provider")), can_i_deploy(copy.services, "Consumer", "2")} == expected);
    }

    const auto again = copy_database("sqlite://" + std::filesystem::absolute(source_file).string(), location_of(target));
    INFO(again.all());
    CHECK(again.exit_code == 0);
    CHECK(again.out.find("in all: copied 0, already there ") != std::string::npos);
    CHECK(again.out.find("checked: counts agree, latest pacts agree") != std::string::npos);
}

TEST_CASE("pact-broker copy-database says in one line why it cannot copy, never the password, and exits 1") {
    pact::broker::testing::temporary_directory directory;
    const auto source_file = directory.path() / "old.sqlite";
    (void)open_sqlite(source_file);
    const std::string password = "s3cret-pa55word";
    const std::vector<std::pair<std::string, std::string>> attempts{
        {source_file.string(), "postgres://broker:" + password + "@127.0.0.1:notaport/broker"},      // malformed
        {source_file.string(), "postgresql://broker:" + password + "@127.0.0.1:1/broker"},            // nobody listens
        {source_file.string(), "mysql://broker:" + password + "@127.0.0.1/broker"},                   // not a database we know
        {(directory.path() / "missing.sqlite").string(), (directory.path() / "new.sqlite").string()},  // no source
    };
    for (const auto& [from, to] : attempts) {
        const auto result = copy_database(from, to);
        INFO(from, " → ", to, ": ", result.all());
        CHECK(result.exit_code == 1);
        CHECK(result.errors.starts_with("pact-broker copy-database: "));
        CHECK(std::ranges::count(result.errors, '\n') == 1);
        CHECK(result.all().find(password) == std::string::npos);
        CHECK(result.all().find("terminate") == std::string::npos);
    }
    CHECK_FALSE(std::filesystem::exists(directory.path() / "missing.sqlite"));
}

TEST_SUITE_END();
