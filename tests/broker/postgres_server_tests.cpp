// The throwaway PostgreSQL server the store's PostgreSQL tests will run against, and the broker's libpq
// connection string read by a real libpq (psql's).
#include "broker/store/database_configuration.hpp"
#include "support/postgres_server.hpp"
#include "support/process.hpp"

#include <doctest/doctest.h>

#include <string>

using pact::testing::run_command;

namespace {

// psql's unaligned, tuples-only output of the query, or its error text when it fails.
std::string psql_answer(const std::string& connection, const std::string& query) {
    const auto result = run_command({"/usr/bin/psql", "-X", "-A", "-t", "-d", connection, "-c", query});
    if (result.exit_code != 0) return "failed: " + result.errors;
    std::string answer = result.out;
    while (!answer.empty() && answer.back() == '\n') answer.pop_back();
    return answer;
}

}  // namespace

TEST_SUITE_BEGIN("component");

TEST_CASE("a test PostgreSQL server makes databases and answers again after a restart on the same port") {
    if (pact::testing::fixture_admin_url()) {
        MESSAGE("starts a server of its own, so it runs once: in the tests' SQLite registration");
        return;
    }
    pact::testing::postgres_server server;
    CHECK(server.admin_url() == "postgres://postgres@127.0.0.1:" + std::to_string(server.port()) + "/postgres");
    const std::string url = pact::testing::create_test_database(server.admin_url(), "restart_check");
    CHECK(url == "postgres://postgres@127.0.0.1:" + std::to_string(server.port()) + "/restart_check");
    CHECK(psql_answer(url, "select 1") == "1");
    CHECK(psql_answer(url, "create table kept (value text); insert into kept values ('still here')").ends_with("INSERT 0 1"));

    const auto port = server.port();
    server.stop();
    CHECK(psql_answer(url, "select 1").starts_with("failed: "));
    server.start();
    CHECK(server.port() == port);
    CHECK(psql_answer(url, "select value from kept") == "still here");

    // Made again from scratch: the old table is gone.
    static_cast<void>(pact::testing::create_test_database(server.admin_url(), "restart_check"));
    CHECK(psql_answer(url, "select count(*) from pg_tables where tablename = 'kept'") == "0");
}

TEST_CASE("libpq reads the broker's connection string with quotes, backslashes and spaces intact") {
    if (pact::testing::fixture_admin_url()) {
        MESSAGE("starts a server of its own, so it runs once: in the tests' SQLite registration");
        return;
    }
    pact::testing::postgres_server server;
    const std::string awkward = R"(o'brien \ x)";  // a role name: trust authentication ignores passwords
    REQUIRE(psql_answer(server.admin_url(), R"(create role "o'brien \ x" login superuser)") == "CREATE ROLE");
    const std::string url = pact::testing::create_test_database(server.admin_url(), "quoting_check");

    auto configuration = pact::broker::store::parse_database_url(url);
    configuration.user = awkward;
    configuration.password = R"(it's a \secret)";
    const std::string connection = pact::broker::store::libpq_connection_string(configuration, std::chrono::seconds{5});
    CHECK(psql_answer(connection, "select current_user || '|' || current_database() || '|' || "
                                  "current_setting('application_name')") == awkward + "|quoting_check|pact-broker");
}

TEST_SUITE_END();
