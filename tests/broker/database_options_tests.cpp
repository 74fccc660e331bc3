// How pact-broker is told its database, run as a user runs it: a database it cannot use is one sentence and
// exit 1, never a stack trace, and never the password.

#include "support/postgres_server.hpp"
#include "support/process.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace {

pact::testing::command_result run_broker(std::vector<std::string> arguments) {
    arguments.insert(arguments.begin(), {PACT_BROKER_BINARY, "--port", "0"});
    return pact::testing::run_command(arguments);
}

// One line, starting with the program's name, naming the problem, without the password.
void check_one_clear_sentence(const pact::testing::command_result& result, const std::string& expected, const std::string& password) {
    CAPTURE(result.all());
    CHECK(result.exit_code == 1);
    CHECK(result.errors.starts_with("pact-broker: "));
    CHECK(std::count(result.errors.begin(), result.errors.end(), '\n') == 1);
    CHECK(result.errors.find(expected) != std::string::npos);
    CHECK(result.all().find(password) == std::string::npos);
}

}  // namespace

TEST_SUITE_BEGIN("component");

TEST_CASE("a PostgreSQL server that cannot be reached is one sentence and exit 1, without the password") {
    // Port 1 on loopback: nothing listens there.
    check_one_clear_sentence(run_broker({"--database-url", "postgres://broker:s3cret-word@127.0.0.1:1/pact_broker", "--database-connect-timeout", "2"}),
                             "cannot connect to PostgreSQL", "s3cret-word");
}

TEST_CASE("a malformed database URL is one sentence and exit 1, without the password") {
    check_one_clear_sentence(run_broker({"--database-url", "postgres://broker:s3cret-word@db.internal:port/pact_broker"}), "port", "s3cret-word");
    check_one_clear_sentence(run_broker({"--database-url", "mysql://broker:s3cret-word@db.internal/pact_broker"}), "mysql", "s3cret-word");
}

TEST_CASE("a PostgreSQL database that does not exist, named by a URL or by the Pact Broker split variables, is one sentence and exit 1") {
    const auto admin_url = pact::testing::fixture_admin_url();
    if (!admin_url) {
        MESSAGE("needs the CTest fixture's PostgreSQL server: it runs as postgresql.*");
        return;
    }
    const auto authority = admin_url->substr(admin_url->find('@') + 1);
    const auto port = authority.substr(authority.find(':') + 1, authority.find('/') - authority.find(':') - 1);
    check_one_clear_sentence(run_broker({"--database-url", "postgres://postgres:s3cret-word@127.0.0.1:" + port + "/no_such_database"}),
                             "no_such_database", "s3cret-word");
    const auto split = pact::testing::run_command({"/usr/bin/env", "PACT_BROKER_DATABASE_HOST=127.0.0.1", "PACT_BROKER_DATABASE_PORT=" + port,
                                                   "PACT_BROKER_DATABASE_USERNAME=postgres", "PACT_BROKER_DATABASE_PASSWORD=s3cret-word",
                                                   "PACT_BROKER_DATABASE_NAME=no_such_database", PACT_BROKER_BINARY, "--port", "0"});
    check_one_clear_sentence(split, "no_such_database", "s3cret-word");
}

TEST_SUITE_END();
