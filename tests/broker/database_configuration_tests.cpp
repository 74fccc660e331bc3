#include "broker/store/database_configuration.hpp"

#include <doctest/doctest.h>

#include <map>
#include <stdexcept>
#include <string>

using pact::broker::store::database_configuration;
using pact::broker::store::database_kind;
using pact::broker::store::environment_lookup;
using pact::broker::store::from_environment;
using pact::broker::store::from_split_variables;
using pact::broker::store::libpq_connection_string;
using pact::broker::store::parse_database_url;
using pact::broker::store::redacted_description;

namespace {

// The message parse_database_url throws for the URL ("" when it does not throw).
std::string url_problem(std::string_view url) {
    try {
        static_cast<void>(parse_database_url(url));
    } catch (const std::invalid_argument& problem) {
        return problem.what();
    }
    return "";
}

environment_lookup environment_of(std::map<std::string, std::string, std::less<>> variables) {
    return [variables = std::move(variables)](std::string_view name) -> std::optional<std::string> {
        if (const auto found = variables.find(name); found != variables.end()) return found->second;
        return std::nullopt;
    };
}

std::string split_variables_problem(std::map<std::string, std::string, std::less<>> variables) {
    try {
        static_cast<void>(from_split_variables(environment_of(std::move(variables))));
    } catch (const std::invalid_argument& problem) {
        return problem.what();
    }
    return "";
}

}  // namespace

TEST_CASE("a postgres URL gives user, password, host, port and database") {
    const auto configuration = parse_database_url("postgres://broker:secret@db.internal:6543/pact_broker");
    CHECK(configuration.kind == database_kind::postgresql);
    CHECK(configuration.user == "broker");
    CHECK(configuration.password == "secret");
    CHECK(configuration.host == "db.internal");
    CHECK(configuration.port == 6543);
    CHECK(configuration.database_name == "pact_broker");
    CHECK_FALSE(configuration.sslmode.has_value());
}

TEST_CASE("the postgresql scheme means the same as postgres, in any case") {
    CHECK(parse_database_url("postgresql://broker:secret@db.internal:6543/pact_broker") ==
          parse_database_url("postgres://broker:secret@db.internal:6543/pact_broker"));
    CHECK(parse_database_url("PostgreSQL://db/pact_broker").kind == database_kind::postgresql);
}

TEST_CASE("a postgres URL without a port uses 5432") {
    CHECK(parse_database_url("postgres://broker@db.internal/pact_broker").port == 5432);
    CHECK(parse_database_url("postgres://db.internal:/pact_broker").port == 5432);
}

TEST_CASE("user, password, host and database name are percent-decoded") {
    const auto configuration = parse_database_url("postgres://us%40er:p%3Aa%2Fss%25w%20rd@db/pact%2Dbroker");
    CHECK(configuration.user == "us@er");
    CHECK(configuration.password == "p:a/ss%w rd");
    CHECK(configuration.database_name == "pact-broker");
    CHECK(parse_database_url("postgres://%2Fvar%2Frun%2Fpostgresql/pact_broker").host == "/var/run/postgresql");
}

TEST_CASE("an unescaped @ in the password still leaves the host after the last one") {
    const auto configuration = parse_database_url("postgres://broker:p@ss@db.internal/pact_broker");
    CHECK(configuration.password == "p@ss");
    CHECK(configuration.host == "db.internal");
}

TEST_CASE("an IPv6 host goes in brackets, with or without a port") {
    const auto with_port = parse_database_url("postgres://broker@[2001:db8::1]:6543/pact_broker");
    CHECK(with_port.host == "2001:db8::1");
    CHECK(with_port.port == 6543);
    const auto without_port = parse_database_url("postgres://[::1]/pact_broker");
    CHECK(without_port.host == "::1");
    CHECK(without_port.port == 5432);
    CHECK(redacted_description(with_port) == "postgresql broker@[2001:db8::1]:6543/pact_broker");
}

TEST_CASE("user, password and host may be left out, as libpq allows") {
    const auto configuration = parse_database_url("postgres:///pact_broker");
    CHECK(configuration.user.empty());
    CHECK(configuration.password.empty());
    CHECK(configuration.host.empty());
    CHECK(configuration.database_name == "pact_broker");
    CHECK(parse_database_url("postgres://broker@db/pact_broker").password.empty());
}

TEST_CASE("sslmode comes from the query") {
    CHECK(parse_database_url("postgres://db/pact_broker?sslmode=require").sslmode == "require");
    CHECK(parse_database_url("postgres://db/pact_broker?sslmode=verify-full").sslmode == "verify-full");
}

TEST_CASE("sqlite URLs name an absolute or a relative file") {
    const auto absolute = parse_database_url("sqlite:///var/lib/broker.sqlite");
    CHECK(absolute.kind == database_kind::sqlite);
    CHECK(absolute.sqlite_file == "/var/lib/broker.sqlite");
    CHECK(parse_database_url("sqlite://data/broker.sqlite").sqlite_file == "data/broker.sqlite");
    CHECK(parse_database_url("sqlite:///tmp/my%20broker.sqlite").sqlite_file == "/tmp/my broker.sqlite");
}

TEST_CASE("a URL of another kind is refused, naming its scheme") {
    CHECK(url_problem("mysql://broker:secret@db/pact_broker") ==
          "The database URL's scheme 'mysql' is not supported; use postgres://, postgresql:// or sqlite://.");
    CHECK(url_problem("db.internal/pact_broker") ==
          "The database URL does not start with postgres://, postgresql:// or sqlite://.");
    CHECK(url_problem("") == "The database URL is empty.");
}

TEST_CASE("malformed URLs are refused with one sentence naming the problem") {
    CHECK(url_problem("postgres://db:54x2/pact_broker").starts_with("The database URL's port is not a number"));
    CHECK(url_problem("postgres://db:70000/pact_broker").starts_with("The database URL's port is not a number"));
    CHECK(url_problem("postgres://db:0/pact_broker").starts_with("The database URL's port is not a number"));
    CHECK(url_problem("postgres://db:54x2/pact_broker") == "The database URL's port is not a number from 1 to 65535.");
    CHECK(url_problem("postgres://2001:db8::1/pact_broker") ==
          "The database URL's host looks like an IPv6 address without brackets; write it as [::1]:5432.");
    CHECK(url_problem("postgres://[::1]x/pact_broker") == "The database URL has text after its IPv6 host that is not a port.");
    CHECK(url_problem("postgres://[]/pact_broker") == "The database URL has empty brackets where its IPv6 host should be.");
    CHECK(url_problem("postgres://db/pact%00broker") == "The database URL's database name contains a NUL character.");
    CHECK(url_problem("postgres://db/pact_broker?sslmode") == "The database URL has a query parameter without a value.");
    CHECK(url_problem("sqlite:///broker.sqlite?mode=ro") == "The SQLite database URL takes no query parameters.");
    CHECK(url_problem("postgres://db/").starts_with("The database URL names no database"));
    CHECK(url_problem("postgres://db").starts_with("The database URL names no database"));
    CHECK(url_problem("postgres://db/pact_broker?sslmode=sometimes") ==
          "The database URL's sslmode is not one of disable, allow, prefer, require, verify-ca or verify-full.");
    CHECK(url_problem("postgres://db/pact_broker?application_name=x") ==
          "The database URL has a query parameter other than sslmode, the only one the broker understands.");
    CHECK(url_problem("postgres://[::1/pact_broker") == "The database URL has an IPv6 host without its closing ']'.");
    CHECK(url_problem("postgres://db1,db2/pact_broker") ==
          "The database URL names several hosts, which the broker does not support.");
    CHECK(url_problem("postgres://db/pact%2") == "The database URL has a malformed percent-escape in its database name.");
    CHECK(url_problem("sqlite://") ==
          "The database URL names no SQLite file; write sqlite:///absolute/path or sqlite://relative/path.");
}

TEST_CASE("the password never appears in a problem with the URL") {
    const std::string password = "hunter2";
    for (const std::string url : {
             "postgres://broker:hunter2@db:54x2/pact_broker",
             "postgres://broker:hunter2/pact_broker",  // the '@' forgotten: the password reads as a port
             "postgres://broker:hunter2@db/",
             "postgres://broker:hunter2@db/pact_broker?sslmode=hunter2",
             "postgres://broker:hunter2@db/pact_broker?hunter2=1",
             "postgres://broker:hunter2%zz@db/pact_broker",
             "postgres://broker:hunter2@db1,db2/pact_broker",
             "broker:hunter2@db://pact_broker",
         }) {
        CAPTURE(url);
        const std::string problem = url_problem(url);
        CHECK_FALSE(problem.empty());
        CHECK(problem.find(password) == std::string::npos);
    }
}

TEST_CASE("descriptions name the database without the password") {
    const auto postgresql = parse_database_url("postgres://broker:hunter2@db.internal/pact_broker?sslmode=require");
    CHECK(redacted_description(postgresql) == "postgresql broker@db.internal:5432/pact_broker (sslmode require)");
    CHECK(redacted_description(parse_database_url("postgres:///pact_broker")) ==
          "postgresql (local socket):5432/pact_broker");
    CHECK(redacted_description(parse_database_url("sqlite:///var/lib/broker.sqlite")) == "sqlite /var/lib/broker.sqlite");
}

TEST_CASE("the libpq connection string quotes every value and escapes quotes and backslashes") {
    database_configuration configuration;
    configuration.kind = database_kind::postgresql;
    configuration.user = "broker";
    configuration.password = R"(it's a \secret)";
    configuration.host = "db.internal";
    configuration.database_name = "pact_broker";
    CHECK(libpq_connection_string(configuration, std::chrono::seconds{7}) ==
          R"(host='db.internal' port='5432' dbname='pact_broker' user='broker' password='it\'s a \\secret' )"
          R"(connect_timeout='7' application_name='pact-broker')");
}

TEST_CASE("the libpq connection string carries sslmode when set and leaves out what libpq defaults") {
    auto configuration = parse_database_url("postgres:///pact_broker?sslmode=verify-full");
    CHECK(libpq_connection_string(configuration) ==
          "port='5432' dbname='pact_broker' sslmode='verify-full' connect_timeout='10' application_name='pact-broker'");
    // libpq reads a connect_timeout of 0 as "wait forever".
    CHECK(libpq_connection_string(configuration, std::chrono::seconds{0}).find("connect_timeout='1'") != std::string::npos);
    CHECK_THROWS_AS(static_cast<void>(libpq_connection_string(parse_database_url("sqlite:///broker.sqlite"))),
                    std::invalid_argument);
}

TEST_CASE("the split variables describe a PostgreSQL database") {
    const auto configuration = from_split_variables(environment_of({
        {"PACT_BROKER_DATABASE_USERNAME", "broker"},
        {"PACT_BROKER_DATABASE_PASSWORD", "hunter2"},
        {"PACT_BROKER_DATABASE_HOST", "db.internal"},
        {"PACT_BROKER_DATABASE_PORT", "6543"},
        {"PACT_BROKER_DATABASE_NAME", "pact_broker"},
        {"PACT_BROKER_DATABASE_SSLMODE", "require"},
    }));
    REQUIRE(configuration.has_value());
    CHECK(*configuration == parse_database_url("postgres://broker:hunter2@db.internal:6543/pact_broker?sslmode=require"));
}

TEST_CASE("the split variables default to postgres and port 5432, and take an explicit adapter") {
    const auto named = from_split_variables(environment_of({{"PACT_BROKER_DATABASE_NAME", "pact_broker"}}));
    REQUIRE(named.has_value());
    CHECK(named->kind == database_kind::postgresql);
    CHECK(named->port == 5432);
    const auto sqlite = from_split_variables(environment_of({
        {"PACT_BROKER_DATABASE_ADAPTER", "sqlite"},
        {"PACT_BROKER_DATABASE_NAME", "/var/lib/broker.sqlite"},
    }));
    REQUIRE(sqlite.has_value());
    CHECK(sqlite->kind == database_kind::sqlite);
    CHECK(sqlite->sqlite_file == "/var/lib/broker.sqlite");
    const auto bracketed = from_split_variables(environment_of({
        {"PACT_BROKER_DATABASE_HOST", "[::1]"},
        {"PACT_BROKER_DATABASE_NAME", "pact_broker"},
    }));
    REQUIRE(bracketed.has_value());
    CHECK(bracketed->host == "::1");
}

TEST_CASE("no split variables, or only empty ones, leave the choice to the caller") {
    CHECK_FALSE(from_split_variables(environment_of({})).has_value());
    CHECK_FALSE(from_split_variables(environment_of({{"PACT_BROKER_DATABASE_HOST", ""}})).has_value());
}

TEST_CASE("bad split variables are refused without the password") {
    CHECK(split_variables_problem({{"PACT_BROKER_DATABASE_ADAPTER", "mysql"}, {"PACT_BROKER_DATABASE_NAME", "x"}}) ==
          "PACT_BROKER_DATABASE_ADAPTER 'mysql' is not supported; use postgres or sqlite.");
    CHECK(split_variables_problem({{"PACT_BROKER_DATABASE_HOST", "db"}, {"PACT_BROKER_DATABASE_PASSWORD", "hunter2"}}) ==
          "PACT_BROKER_DATABASE_NAME is not set; it names the PostgreSQL database.");
    CHECK(split_variables_problem({{"PACT_BROKER_DATABASE_ADAPTER", "sqlite"}}) ==
          "PACT_BROKER_DATABASE_NAME is not set; for the sqlite adapter it names the database file.");
    CHECK(split_variables_problem({{"PACT_BROKER_DATABASE_NAME", "x"}, {"PACT_BROKER_DATABASE_PORT", "hunter2"}}) ==
          "PACT_BROKER_DATABASE_PORT is not a number from 1 to 65535.");
    CHECK(split_variables_problem({{"PACT_BROKER_DATABASE_NAME", "x"}, {"PACT_BROKER_DATABASE_SSLMODE", "hunter2"}}) ==
          "PACT_BROKER_DATABASE_SSLMODE is not one of disable, allow, prefer, require, verify-ca or verify-full.");
}

TEST_CASE("PACT_BROKER_DATABASE_URL wins over the split variables, and takes their sslmode when it has none") {
    const auto configuration = from_environment(environment_of({
        {"PACT_BROKER_DATABASE_URL", "postgres://broker@db.internal/pact_broker"},
        {"PACT_BROKER_DATABASE_HOST", "elsewhere"},
        {"PACT_BROKER_DATABASE_NAME", "other"},
        {"PACT_BROKER_DATABASE_SSLMODE", "require"},
    }));
    REQUIRE(configuration.has_value());
    CHECK(redacted_description(*configuration) == "postgresql broker@db.internal:5432/pact_broker (sslmode require)");
    const auto split = from_environment(environment_of({{"PACT_BROKER_DATABASE_NAME", "pact_broker"}}));
    REQUIRE(split.has_value());
    CHECK(split->database_name == "pact_broker");
    CHECK_FALSE(from_environment(environment_of({})).has_value());
}
