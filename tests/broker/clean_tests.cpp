// The clean-up of old data (domain/clean_service, pact-broker clean): it removes exactly the versions no keep selector
// reaches, with what belongs to them, and nothing a selector keeps; a dry run deletes nothing; the deletion limit
// holds; one clean at a time. And the cron schedules of the scheduled clean.

#include "broker/domain/clean_service.hpp"
#include "broker/domain/cron_schedule.hpp"
#include "broker_fixture.hpp"
#include "broker_process.hpp"
#include "support/process.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <set>
#include <thread>

using namespace pact::broker;
using pact::broker::testing::broker_fixture;
using pact::broker::testing::make_pact;
using pact::broker::testing::publish;
using pact::broker::testing::verify;

namespace {

using version_set = std::set<std::string>;

// A history, oldest first (the name says what keeps it under the default selectors, once 90 days have passed):
//   Consumer 1, 2 on main (superseded)     Consumer 6 tagged prod (superseded)    Consumer 4 on feat (superseded)
//   Consumer 8 deployed to test            Consumer 9 released to test             Consumer 7 tagged prod (latest prod)
//   Consumer 5 on feat (head)              Consumer 3 on main (head, latest)
//   Provider 100 on main (verified 1), Provider 101 on main (head; verified 3 twice, 20 days apart)
// Each consumer version publishes its own pact content.
struct seeded_broker {
    broker_fixture broker;

    seeded_broker() {
        auto& services = broker.services;
        const auto environment = services.environments.create_environment({"test"});
        REQUIRE(environment.has_value());
        const auto consumer = [&](const std::string& number, std::optional<std::string> branch, std::vector<std::string> tags = {}) {
            return publish(services, "Consumer", number, "Provider", make_pact("Consumer", "Provider", {"request of " + number}), std::move(branch),
                           std::move(tags))
                .pacts.at(0);
        };
        const auto first = consumer("1", "main");
        consumer("2", "main");
        consumer("6", std::nullopt, {"prod"});
        consumer("4", "feat");
        consumer("8", std::nullopt);
        REQUIRE(services.environments.record_deployment("Consumer", "8", environment->uuid, std::nullopt).has_value());
        consumer("9", std::nullopt);
        REQUIRE(services.environments.record_release("Consumer", "9", environment->uuid).has_value());
        consumer("7", std::nullopt, {"prod"});
        consumer("5", "feat");
        const auto head = consumer("3", "main");
        verify(broker, first, "100", true, std::string("main"));
        verify(broker, head, "101", false, std::string("main"));
        broker.clock.advance(std::chrono::days(20));
        verify(broker, head, "101", true, std::string("main"));
        broker.clock.advance(std::chrono::days(100));  // past max_age 90: only the other selectors keep
    }

    domain::clean_report clean(domain::clean_options options = {}) {
        return domain::clean_service(*broker.store, broker.services.config).clean(options);
    }
    version_set versions(const std::string& pacticipant) {
        version_set numbers;
        const auto listed = broker.services.pacticipants.list_versions(pacticipant);  // kept: a range-for over *call() would dangle
        REQUIRE(listed.has_value());
        for (const auto& version : *listed) numbers.insert(version.number);
        return numbers;
    }
};

std::vector<domain::keep_selector> selectors(const std::string& json_text) {
    auto parsed = domain::parse_keep_selectors(json_text);
    REQUIRE_MESSAGE(parsed.has_value(), (parsed ? std::string() : parsed.error()));
    return *parsed;
}

std::chrono::system_clock::time_point utc(int year, unsigned month, unsigned day, int hour, int minute) {
    return std::chrono::sys_days{std::chrono::year{year} / month / day} + std::chrono::hours(hour) + std::chrono::minutes(minute);
}

}  // namespace

TEST_CASE("a clean with the default selectors removes the superseded versions with their tags, branches, pacts and verifications") {
    seeded_broker seeded;
    const auto report = seeded.clean();

    CHECK(report.performed);
    CHECK(seeded.versions("Consumer") == version_set{"3", "5", "7", "8", "9"});
    CHECK(seeded.versions("Provider") == version_set{"101"});
    CHECK(report.versions == 5);
    CHECK(report.versions_kept == 6);
    CHECK(report.tags == 1);                // Consumer 6's prod
    CHECK(report.branch_memberships == 4);  // Consumer 1, 2, 4 and Provider 100
    CHECK(report.pact_publications == 4);   // of Consumer 1, 2, 6, 4
    CHECK(report.verifications == 1);       // Provider 100's
    CHECK(report.superseded_verifications == 1);  // Provider 101's first of the head's pact
    CHECK(report.pact_versions == 4);       // the content only those four published
    // What stays still answers.
    CHECK(seeded.broker.services.pacts.latest_pact("Consumer", "Provider")->consumer_version_number == "3");
    CHECK(seeded.broker.services.pacts.latest_pact_with_tag("Consumer", "Provider", "prod")->consumer_version_number == "7");
    CHECK(seeded.broker.services.pacts.latest_pact_for_branch("Consumer", "Provider", "feat")->consumer_version_number == "5");

    // Nothing more goes on a second run.
    const auto again = seeded.clean();
    CHECK(again.versions == 0);
    CHECK(again.pact_versions == 0);
    CHECK(seeded.versions("Consumer") == version_set{"3", "5", "7", "8", "9"});
}

TEST_CASE("a dry run of the clean reports what a clean would delete and deletes nothing") {
    seeded_broker seeded;
    const auto before_consumer = seeded.versions("Consumer");
    const auto dry = seeded.clean({.dry_run = true});

    CHECK(dry.dry_run);
    CHECK(dry.versions == 5);
    CHECK(dry.pact_publications == 4);
    CHECK(dry.pact_versions == 4);
    CHECK(dry.superseded_verifications == 1);
    CHECK(seeded.versions("Consumer") == before_consumer);
    CHECK(seeded.versions("Provider") == version_set{"100", "101"});
    CHECK(domain::format_clean_report(dry).find("[DRY RUN] Would delete:") != std::string::npos);

    const auto real = seeded.clean();
    CHECK(real.versions == dry.versions);
    CHECK(real.tags == dry.tags);
    CHECK(real.branch_memberships == dry.branch_memberships);
    CHECK(real.pact_versions == dry.pact_versions);
}

TEST_CASE("a clean deletes at most the deletion limit of versions per run, the oldest first") {
    seeded_broker seeded;
    const auto first = seeded.clean({.deletion_limit = 2, .batch_size = 1});
    CHECK(first.versions == 2);
    CHECK(seeded.versions("Consumer") == version_set{"3", "4", "5", "6", "7", "8", "9"});
    const auto second = seeded.clean({.deletion_limit = 2});
    CHECK(second.versions == 2);
    CHECK(seeded.versions("Consumer") == version_set{"3", "5", "7", "8", "9"});
    CHECK(seeded.versions("Provider") == version_set{"100", "101"});
    CHECK(seeded.clean({.deletion_limit = 2}).versions == 1);
    CHECK(seeded.versions("Provider") == version_set{"101"});
}

TEST_CASE("each keep selector keeps what it selects, keys AND-ed, selectors OR-ed, deployed and released always") {
    struct example {
        std::string keep;
        version_set consumer;
        version_set provider;
    };
    // Consumer 8 (deployed) and 9 (released) are kept by every one.
    const example examples[] = {
        {R"([{"branch": "feat"}])", {"4", "5", "8", "9"}, {}},
        {R"([{"branch": true}])", {"1", "2", "3", "4", "5", "8", "9"}, {"100", "101"}},
        {R"([{"branch": true, "latest": true}])", {"3", "5", "8", "9"}, {"101"}},
        {R"([{"mainBranch": true}])", {"1", "2", "3", "8", "9"}, {"100", "101"}},
        {R"([{"main_branch": true, "latest": true}])", {"3", "8", "9"}, {"101"}},
        {R"([{"tag": "prod"}])", {"6", "7", "8", "9"}, {}},
        {R"([{"tag": true, "latest": true}])", {"7", "8", "9"}, {}},
        {R"([{"latest": true}])", {"3", "8", "9"}, {"101"}},
        {R"([{"pacticipant": "Provider", "latest": true}, {"branch": "feat", "latest": true}])", {"5", "8", "9"}, {"101"}},
        {R"([{"max_age": 200}])", {"1", "2", "3", "4", "5", "6", "7", "8", "9"}, {"100", "101"}},
        {R"([{"max_age": 130, "pacticipant": "Provider"}])", {"8", "9"}, {"100", "101"}},
        {R"([{"deployed": true, "environment": "test"}])", {"8", "9"}, {}},
        {R"([{"deployedOrReleased": true}])", {"8", "9"}, {}},
    };
    for (const auto& [keep, consumer, provider] : examples) {
        CAPTURE(keep);
        seeded_broker seeded;
        const auto report = seeded.clean({.keep = selectors(keep)});
        CHECK(seeded.versions("Consumer") == consumer);
        CHECK(seeded.versions("Provider") == provider);
        CHECK(report.versions == static_cast<std::int64_t>(11 - consumer.size() - provider.size()));
    }
}

TEST_CASE("keep selectors that are not a list of known keys are refused with one sentence") {
    CHECK(domain::parse_keep_selectors("not json").error() == "the keep version selectors are not JSON");
    CHECK(domain::parse_keep_selectors("{}").error().find("non-empty JSON list") != std::string::npos);
    CHECK(domain::parse_keep_selectors(R"([{"branches": true}])").error().find("\"branches\" is not a keep selector key") != std::string::npos);
    CHECK(domain::parse_keep_selectors(R"([{"max_age": "90"}])").error().find("whole number of days") != std::string::npos);
    CHECK(domain::parse_keep_selectors(R"([{"maxAge": 30, "tag": "prod", "latest": true}])").has_value());
}

TEST_CASE("a clean removes superseded finished webhook deliveries with their executions, keeping the latest and those pending") {
    broker_fixture broker;
    store::row_id webhook_id = 0;
    {
        auto writer = broker.store->write();
        store::webhook_record webhook;
        webhook.uuid = "webhook-1";
        webhook.events = {"contract_published"};
        webhook.request_method = "POST";
        webhook.request_url = "https://ci.example.com";
        webhook.created_at = webhook.updated_at = "2024-01-01T00:00:00+00:00";
        webhook_id = writer->webhooks().insert_webhook(webhook);
        const auto delivery = [&](const std::string& uuid, const std::string& status, const std::string& created_at) {
            store::triggered_webhook_record triggered{0,  uuid,   webhook_id, "webhook-1", "contract_published", "resource_creation", "Consumer",
                                                      "Provider", "{}", status, 1, std::nullopt, created_at, created_at};
            const auto id = writer->webhooks().insert_triggered_webhook(triggered);
            (void)writer->webhooks().insert_webhook_execution({0, id, status == "success", "logs", created_at});
        };
        delivery("old-success", "success", "2023-01-01T00:00:00+00:00");
        delivery("old-retrying", "retrying", "2023-01-02T00:00:00+00:00");
        delivery("old-failure", "failure", "2023-01-03T00:00:00+00:00");
        delivery("latest", "success", "2023-01-04T00:00:00+00:00");
        writer->commit();
    }

    const auto report = domain::clean_service(*broker.store, broker.services.config).clean({});
    CHECK(report.triggered_webhooks == 2);
    CHECK(report.webhook_executions == 2);
    std::set<std::string> left;
    for (const auto& triggered : broker.store->read()->webhooks().triggered_webhooks_of(webhook_id)) left.insert(triggered.uuid);
    CHECK(left == std::set<std::string>{"old-retrying", "latest"});
}

TEST_CASE("a clean does not run while another holds the lease, and runs once it is released or expired") {
    seeded_broker seeded;
    const auto now_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    {
        auto writer = seeded.broker.store->write();
        REQUIRE(writer->maintenance().take_lease("clean", "another instance", now_ms, now_ms + 60'000));
        CHECK_FALSE(writer->maintenance().take_lease("clean", "a third instance", now_ms, now_ms + 60'000));
        writer->commit();
    }
    const auto refused = seeded.clean();
    CHECK_FALSE(refused.performed);
    CHECK(domain::format_clean_report(refused).find("another clean is in progress") != std::string::npos);
    CHECK(seeded.versions("Consumer").size() == 9);
    {
        auto writer = seeded.broker.store->write();
        // Expired: another instance that died holding it.
        CHECK(writer->maintenance().take_lease("clean", "a third instance", now_ms + 60'000, now_ms + 120'000));
        writer->maintenance().release_lease("clean", "a third instance");
        writer->commit();
    }
    CHECK(seeded.clean().versions == 5);
}

TEST_CASE("pact-broker clean runs beside a running broker on the same database: a dry run, then the clean") {
    seeded_broker seeded;
    // The process cleans by the real clock: the seeded history (2024) is older than max_age there.
    pact::broker::api::testing::broker_process running(seeded.broker.database.file());
    auto arguments = std::vector<std::string>{PACT_BROKER_BINARY, "clean"};
    for (auto& argument : testing::broker_database_arguments(seeded.broker.database.file())) arguments.push_back(argument);

    auto dry_arguments = arguments;
    dry_arguments.push_back("--dry-run");
    const auto dry = pact::testing::run_command(dry_arguments);
    REQUIRE_MESSAGE(dry.exit_code == 0, dry.all());
    CHECK(dry.out.find("[DRY RUN] Would delete:") != std::string::npos);
    CHECK(dry.out.find("[DRY RUN]   versions: 5\n") != std::string::npos);
    CHECK(running.get("/pacticipants/Consumer/versions/1").status == 200);

    const auto cleaned = pact::testing::run_command(arguments);
    REQUIRE_MESSAGE(cleaned.exit_code == 0, cleaned.all());
    CHECK(cleaned.out.find("Deleted:\n") != std::string::npos);
    CHECK(cleaned.out.find("  versions: 5\n") != std::string::npos);
    CHECK(cleaned.out.find("  pact publications: 4\n") != std::string::npos);
    for (const auto* gone : {"1", "2", "4", "6"}) CHECK(running.get(std::string("/pacticipants/Consumer/versions/") + gone).status == 404);
    for (const auto* kept : {"3", "5", "7", "8", "9"}) CHECK(running.get(std::string("/pacticipants/Consumer/versions/") + kept).status == 200);
    CHECK(running.get("/pacticipants/Provider/versions/100").status == 404);
    CHECK(running.get("/pacts/provider/Provider/consumer/Consumer/latest").body["_links"]["self"]["href"].get<std::string>().find("/version/3") !=
          std::string::npos);

    auto bad_arguments = arguments;
    bad_arguments.insert(bad_arguments.end(), {"--keep-version-selectors", R"([{"brnch": true}])"});
    const auto bad = pact::testing::run_command(bad_arguments);
    CHECK(bad.exit_code == 1);
    CHECK(bad.errors.find("pact-broker clean: --keep-version-selectors: keep selector {\"brnch\":true}: \"brnch\" is not a keep selector key") !=
          std::string::npos);
    CHECK(std::ranges::count(bad.errors, '\n') == 1);
}

TEST_CASE("a broker with the scheduled clean enabled cleans at the schedule's next minute and goes on serving") {
    seeded_broker seeded;
    pact::broker::api::testing::broker_process running(
        seeded.broker.database.file(), {}, {"PACT_BROKER_DATABASE_CLEAN_ENABLED=true", "PACT_BROKER_DATABASE_CLEAN_CRON_SCHEDULE=* * * * *"});
    CHECK(running.get("/pacticipants/Consumer/versions/1").status == 200);
    // Within a minute and a bit (the next whole minute, then the clean itself).
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(75);
    while (running.get("/pacticipants/Consumer/versions/1").status == 200 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(250));
    CHECK(running.get("/pacticipants/Consumer/versions/1").status == 404);
    CHECK(running.get("/pacticipants/Consumer/versions/3").status == 200);
    CHECK(running.get("/pacticipants/Consumer/versions/8").status == 200);
    CHECK(running.stop() == 0);
}

TEST_CASE("a broker refuses to start with a cron schedule it cannot read, naming what is wrong") {
    const auto answer = pact::testing::run_command(
        {"/usr/bin/env", "PACT_BROKER_DATABASE_CLEAN_ENABLED=true", "PACT_BROKER_DATABASE_CLEAN_CRON_SCHEDULE=15 2 * *", PACT_BROKER_BINARY,
         "--database", "/nonexistent/never-opened.sqlite", "--port", "0"});
    CHECK(answer.exit_code == 1);
    CHECK(answer.errors.find("--clean-cron-schedule: a cron schedule has five fields") != std::string::npos);
}

TEST_CASE("cron schedules name minutes by numbers, lists, ranges and steps, in UTC") {
    const auto next = [](std::string_view text, std::chrono::system_clock::time_point after) {
        auto schedule = domain::cron_schedule::parse(text);
        REQUIRE_MESSAGE(schedule.has_value(), (schedule ? std::string() : schedule.error()));
        return schedule->next_after(after);
    };
    CHECK(next("15 2 * * *", utc(2024, 3, 10, 1, 0)) == utc(2024, 3, 10, 2, 15));
    CHECK(next("15 2 * * *", utc(2024, 3, 10, 2, 15)) == utc(2024, 3, 11, 2, 15));  // strictly after
    CHECK(next("*/20 * * * *", utc(2024, 3, 10, 1, 41)) == utc(2024, 3, 10, 2, 0));
    CHECK(next("0,30 8-9 * * *", utc(2024, 3, 10, 9, 31)) == utc(2024, 3, 11, 8, 0));
    CHECK(next("0 0 29 2 *", utc(2024, 3, 1, 0, 0)) == utc(2028, 2, 29, 0, 0));
    CHECK(next("0 12 * * 0", utc(2024, 3, 11, 0, 0)) == utc(2024, 3, 17, 12, 0));  // the next Sunday
    CHECK(next("0 12 * * 7", utc(2024, 3, 11, 0, 0)) == utc(2024, 3, 17, 12, 0));
    CHECK(next("0 12 1 * 1", utc(2024, 3, 2, 0, 0)) == utc(2024, 3, 4, 12, 0));  // both day fields: either matches
    CHECK(next("10-20/5 3 * 1-2 *", utc(2024, 2, 29, 3, 20)) == utc(2025, 1, 1, 3, 10));
    CHECK(next("0 0 31 2 *", utc(2024, 1, 1, 0, 0)) == std::chrono::system_clock::time_point::max());

    for (const auto* bad : {"", "* * * *", "60 * * * *", "* 24 * * *", "* * 0 * *", "* * * 13 *", "* * * * 8", "*/0 * * * *", "a * * * *",
                            "5-1 * * * *", "1,,2 * * * *", "* * * * * *"}) {
        CAPTURE(bad);
        CHECK_FALSE(domain::cron_schedule::parse(bad).has_value());
    }
    CHECK(domain::cron_schedule::parse("61 * * * *").error() == "cron schedule '61 * * * *': the minute field's '61' is out of range (0-59)");
}
