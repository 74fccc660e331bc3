#include "broker_fixture.hpp"

#include "broker/store/sqlite_store.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <doctest/doctest.h>

#include <numeric>
#include <thread>

using namespace pact::broker;
using pact::broker::testing::temporary_directory;

namespace {

store::pacticipant_record pacticipant_named(const std::string& name) { return {0, name, std::nullopt, std::nullopt, std::nullopt, "t", "t"}; }

}  // namespace

TEST_CASE("opening an empty SQLite database applies every migration and turns WAL on") {
    temporary_directory directory;
    const auto file = directory.path() / "new.sqlite";
    auto opened = store::open_sqlite_store({file});
    const auto applied = store::applied_migrations(file);
    REQUIRE(!applied.empty());
    CHECK(applied.back() == store::latest_schema_version());
    CHECK(applied.size() == static_cast<std::size_t>(store::latest_schema_version()));
    SQLite::Database database(file.string(), SQLite::OPEN_READONLY);
    CHECK(database.execAndGet("PRAGMA journal_mode").getString() == "wal");
}

TEST_CASE("reopening a SQLite database keeps its data and applies nothing twice") {
    temporary_directory directory;
    const auto file = directory.path() / "again.sqlite";
    {
        auto first = store::open_sqlite_store({file});
        auto writer = first->write();
        (void)writer->pacticipants().insert_pacticipant(pacticipant_named("Consumer"));
        writer->commit();
    }
    auto second = store::open_sqlite_store({file});
    CHECK(second->read()->pacticipants().find_pacticipant("Consumer").has_value());
    CHECK(store::applied_migrations(file).size() == static_cast<std::size_t>(store::latest_schema_version()));
}

TEST_CASE("a SQLite database from an older schema is upgraded without losing data") {
    temporary_directory directory;
    const auto file = directory.path() / "old.sqlite";
    {
        auto opened = store::open_sqlite_store({file});
        auto writer = opened->write();
        (void)writer->pacticipants().insert_pacticipant(pacticipant_named("Old App"));
        writer->commit();
    }
    {
        // Turn it back into a schema-version-1 database: what the later migrations created, and their records, removed.
        SQLite::Database database(file.string(), SQLite::OPEN_READWRITE);
        database.exec("DROP TABLE contract_comparisons; DROP TABLE provider_contracts; DROP TABLE field_usages; DROP TABLE field_usage_indexed_pact_versions; DROP TABLE maintenance_leases; DROP TABLE labels; DROP TABLE webhook_executions; DROP TABLE triggered_webhooks; DROP TABLE webhook_events; DROP TABLE webhooks;"
                      "DROP TABLE released_versions; DROP TABLE deployed_versions; DROP TABLE environments;"
                      "DROP INDEX verifications_successes_of_pact_version; ALTER TABLE verifications DROP COLUMN wip;"
                      "DELETE FROM schema_migrations WHERE number > 1");
    }
    REQUIRE(store::applied_migrations(file) == std::vector<int>{1});
    auto upgraded = store::open_sqlite_store({file});
    std::vector<int> every_migration(static_cast<std::size_t>(store::latest_schema_version()));
    std::iota(every_migration.begin(), every_migration.end(), 1);
    CHECK(store::applied_migrations(file) == every_migration);
    auto reader = upgraded->read();
    CHECK(reader->pacticipants().find_pacticipant("Old App").has_value());
    CHECK(reader->environments().list_environments().empty());
}

TEST_CASE("a writer dropped without commit leaves nothing behind") {
    temporary_directory directory;
    testing::test_database database(directory.path() / "rollback.sqlite");
    auto opened = database.open();
    {
        auto writer = opened->write();
        (void)writer->pacticipants().insert_pacticipant(pacticipant_named("Ghost"));
        CHECK(writer->pacticipants().find_pacticipant("Ghost").has_value());  // a writer sees its own writes
    }
    CHECK_FALSE(opened->read()->pacticipants().find_pacticipant("Ghost").has_value());
}

TEST_CASE("the store refuses a second pacticipant with the same name") {
    temporary_directory directory;
    testing::test_database database(directory.path() / "unique.sqlite");
    auto opened = database.open();
    auto writer = opened->write();
    (void)writer->pacticipants().insert_pacticipant(pacticipant_named("Twin"));
    CHECK_THROWS_AS((void)writer->pacticipants().insert_pacticipant(pacticipant_named("Twin")), store::store_failure);
}

TEST_CASE("foreign keys are enforced") {
    temporary_directory directory;
    testing::test_database database(directory.path() / "keys.sqlite");
    auto opened = database.open();
    auto writer = opened->write();
    CHECK_THROWS_AS((void)writer->pacticipants().insert_version({0, 999, "1.0.0", std::nullopt, "t"}), store::store_failure);
}

TEST_CASE("a reader keeps its snapshot while a writer commits") {
    temporary_directory directory;
    testing::test_database database(directory.path() / "snapshot.sqlite");
    auto opened = database.open();
    auto reader = opened->read();
    CHECK(reader->pacticipants().list_pacticipants().empty());
    std::thread([&] {
        auto writer = opened->write();
        (void)writer->pacticipants().insert_pacticipant(pacticipant_named("Later"));
        writer->commit();
    }).join();
    CHECK(reader->pacticipants().list_pacticipants().empty());
    CHECK(opened->read()->pacticipants().list_pacticipants().size() == 1);
}

TEST_CASE("latest version lookups follow creation order through branches and tags") {
    temporary_directory directory;
    testing::test_database database(directory.path() / "latest.sqlite");
    auto opened = database.open();
    auto writer = opened->write();
    const auto app = writer->pacticipants().insert_pacticipant(pacticipant_named("App"));
    const auto v1 = writer->pacticipants().insert_version({0, app, "1", std::nullopt, "t"});
    const auto v2 = writer->pacticipants().insert_version({0, app, "2", std::nullopt, "t"});
    const auto v3 = writer->pacticipants().insert_version({0, app, "3", std::nullopt, "t"});
    writer->pacticipants().add_version_to_branch(app, "main", v1, "t");
    writer->pacticipants().add_version_to_branch(app, "main", v2, "t");
    writer->pacticipants().add_version_to_branch(app, "feature", v3, "t");
    writer->pacticipants().add_tag(app, v1, "prod", "t");
    writer->pacticipants().add_tag(app, v3, "dev", "t");
    CHECK(writer->pacticipants().latest_version(app)->number == "3");
    CHECK(writer->pacticipants().latest_version_on_branch(app, "main")->number == "2");
    CHECK(writer->pacticipants().latest_version_with_tag(app, "prod")->number == "1");
    CHECK_FALSE(writer->pacticipants().latest_version_with_tag(app, "none").has_value());
    CHECK(writer->pacticipants().versions_on_branch(app, "main").size() == 2);
    CHECK_FALSE(writer->pacticipants().add_tag(app, v1, "prod", "t"));
    writer->commit();
}

TEST_CASE("two stores on one database (as two broker instances) write concurrently without 'database is locked'") {
    temporary_directory directory;
    testing::test_database database(directory.path() / "shared.sqlite");
    auto first = database.open();
    auto second = database.open();
    constexpr int writers_per_store = 8;
    std::vector<std::string> failures(2 * writers_per_store);
    std::vector<std::thread> threads;
    for (int index = 0; index < 2 * writers_per_store; ++index)
        threads.emplace_back([&, index] {
            try {
                auto writer = (index % 2 ? first : second)->write();
                (void)writer->pacticipants().insert_pacticipant(pacticipant_named("App " + std::to_string(index)));
                writer->commit();
            } catch (const std::exception& error) {
                failures[index] = error.what();
            }
        });
    for (auto& thread : threads) thread.join();
    for (const auto& failure : failures) CHECK(failure.empty());
    CHECK(first->read()->pacticipants().list_pacticipants().size() == 2 * writers_per_store);
}

TEST_CASE("of two broker instances claiming one webhook delivery, exactly one gets it, and a claim that expired can be taken") {
    temporary_directory directory;
    testing::test_database database(directory.path() / "claims.sqlite");
    auto first = database.open();
    auto second = database.open();
    store::row_id delivery = 0;
    {
        auto writer = first->write();
        const auto webhook = writer->webhooks().insert_webhook({.uuid = "w", .events = {"contract_published"}, .request_method = "POST",
                                                               .request_url = "http://example.org", .created_at = "t", .updated_at = "t"});
        delivery = writer->webhooks().insert_triggered_webhook({.uuid = "d", .webhook_id = webhook, .webhook_uuid = "w", .event_name = "contract_published",
                                                                .consumer_name = "C", .provider_name = "P", .context = "{}", .created_at = "t", .updated_at = "t"});
        writer->commit();
    }
    std::vector<int> claimed(16);
    std::vector<std::thread> threads;
    for (std::size_t index = 0; index < claimed.size(); ++index)
        threads.emplace_back([&, index] {
            auto writer = (index % 2 ? first : second)->write();
            claimed[index] = writer->webhooks().claim_triggered_webhook(delivery, 1'000, 61'000) ? 1 : 0;
            writer->commit();
        });
    for (auto& thread : threads) thread.join();
    CHECK(std::accumulate(claimed.begin(), claimed.end(), 0) == 1);

    auto writer = second->write();
    CHECK_FALSE(writer->webhooks().claim_triggered_webhook(delivery, 60'999, 120'000));  // still held
    CHECK(writer->webhooks().claim_triggered_webhook(delivery, 61'000, 121'000));        // its instance died: expired
    auto attempted = *writer->webhooks().find_triggered_webhook("d");
    attempted.status = "success";
    writer->webhooks().update_triggered_webhook(attempted);
    CHECK_FALSE(writer->webhooks().claim_triggered_webhook(delivery, 500'000, 560'000));  // delivered: nothing to claim
    writer->commit();
}
