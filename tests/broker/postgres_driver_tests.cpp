// The PostgreSQL driver against a real PostgreSQL server: PACT_BROKER_TEST_POSTGRES_URL names it with an
// administrator's URL (postgres://postgres@127.0.0.1:55432/postgres); each test makes a database of its own
// and drops it. Without the variable the tests that need a server say so and pass.

#include "broker/store/postgres_connection.hpp"
#include "broker/store/postgres_store.hpp"

#include "support/postgres_server.hpp"

#include <arpa/inet.h>
#include <doctest/doctest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <future>
#include <optional>
#include <regex>
#include <string>
#include <thread>
#include <vector>

TEST_SUITE_BEGIN("component");

namespace postgres_driver_tests {
namespace {

namespace store = pact::broker::store;
namespace postgres = pact::broker::store::postgres;
using namespace std::chrono_literals;

// The CTest fixture's server, or the one PACT_BROKER_TEST_POSTGRES_URL names (for a run by hand).
std::optional<std::string> postgres_admin_url() {
    const char* url = std::getenv("PACT_BROKER_TEST_POSTGRES_URL");
    if (url != nullptr && *url != '\0') return std::string(url);
    return pact::testing::fixture_admin_url();
}
const std::string skipped = "no PostgreSQL server to test against (the CTest fixture postgres, or PACT_BROKER_TEST_POSTGRES_URL)";

// The connection string for another database on the same server as `url` (a URL or key=value pairs).
std::string with_database(const std::string& url, const std::string& database) {
    if (!url.starts_with("postgres://") && !url.starts_with("postgresql://")) return url + " dbname=" + database;
    const auto authority = url.find("//") + 2;
    const auto path = url.find_first_of("/?", authority);
    const auto query = path == std::string::npos ? std::string::npos : url.find('?', path);
    return url.substr(0, path == std::string::npos ? url.size() : path) + "/" + database + (query == std::string::npos ? "" : url.substr(query));
}

// Runs SQL as the administrator, outside any transaction (CREATE DATABASE must).
void administer(const std::string& admin_url, const std::string& sql_text) {
    postgres::connection admin(postgres::connection_target(admin_url, 5s), 0ms);
    admin.execute("administer the test server", sql_text);
}

// A database of its own for one test, dropped (with any session left on it) at the end.
class scratch_database {
public:
    explicit scratch_database(std::string admin_url) : admin_url_(std::move(admin_url)) {
        static std::atomic<int> made{0};
        name_ = "pact_broker_test_" + std::to_string(::getpid()) + "_" + std::to_string(++made);
        administer(admin_url_, "DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
        administer(admin_url_, "CREATE DATABASE " + name_);
        url_ = with_database(admin_url_, name_);
    }
    ~scratch_database() {
        try {
            administer(admin_url_, "DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
        } catch (const store::store_failure&) {
            // A database left behind is harmless: the next run of the same process id drops it first.
        }
    }
    scratch_database(const scratch_database&) = delete;
    scratch_database& operator=(const scratch_database&) = delete;

    [[nodiscard]] const std::string& url() const { return url_; }
    [[nodiscard]] const std::string& name() const { return name_; }

private:
    std::string admin_url_;
    std::string name_;
    std::string url_;
};

const pact::broker::store::sql::statement insert_named_pacticipant{
    "insert a test pacticipant", "INSERT INTO pacticipants (name, created_at, updated_at) VALUES (?, 't', 't') RETURNING id"};
const pact::broker::store::sql::statement count_pacticipants{"count the test pacticipants", "SELECT count(*) FROM pacticipants"};
const pact::broker::store::sql::statement rename_pacticipants{"rename the test pacticipants", "UPDATE pacticipants SET name = name || ?"};
const pact::broker::store::sql::statement echo_values{"echo parameters", "SELECT ?1::bigint, ?2::text, ?3::text IS NULL, ?2::text = 'Zoë'"};
const pact::broker::store::sql::statement pacticipant_names{"list the test pacticipants", "SELECT name FROM pacticipants ORDER BY name"};
const pact::broker::store::sql::statement count_migrations{"count migration rows", "SELECT count(*), min(applied_at) FROM schema_migrations"};
const pact::broker::store::sql::statement sleep_a_while{"sleep for two seconds", "SELECT pg_sleep(2)"};
const pact::broker::store::sql::statement terminate_sessions{
    "terminate the sessions of a database",
    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()"};

std::int64_t single_integer(postgres::connection& session, const pact::broker::store::sql::statement& query,
                            std::span<const pact::broker::store::sql::value> parameters = {}) {
    std::int64_t answer = -1;
    session.run(query, parameters, [&](const pact::broker::store::sql::row& row) { answer = row.integer(0); });
    return answer;
}

std::int64_t pacticipants_in(postgres::connection_pool& pool) {
    postgres::pooled_transaction reader(pool, postgres::transaction_kind::reader);
    return single_integer(reader.session(), count_pacticipants);
}

void insert_pacticipant(postgres::connection& session, std::string_view name) {
    const pact::broker::store::sql::value parameters[] = {name};
    (void)single_integer(session, insert_named_pacticipant, parameters);
}

std::vector<int> every_migration() {
    std::vector<int> numbers;
    for (int number = 1; number <= store::latest_postgres_schema_version(); ++number) numbers.push_back(number);
    return numbers;
}

postgres::connection_pool pool_on(const std::string& url, std::size_t size = 4, std::chrono::milliseconds statement_timeout = 10s) {
    return postgres::connection_pool(postgres::connection_target(url, 5s), size, statement_timeout);
}

// What the action throws as store_failure.
template <typename Action>
std::string failure_message(Action&& action) {
    try {
        action();
    } catch (const store::store_failure& failure) {
        return failure.what();
    }
    return "(no failure)";
}

// A TCP port on the loopback that accepts connections (the kernel completes them) and never says a word.
class silent_server {
public:
    silent_server() : socket_(::socket(AF_INET, SOCK_STREAM, 0)) {
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof address;
        REQUIRE(::bind(socket_, reinterpret_cast<sockaddr*>(&address), length) == 0);
        REQUIRE(::listen(socket_, 8) == 0);
        REQUIRE(::getsockname(socket_, reinterpret_cast<sockaddr*>(&address), &length) == 0);
        port_ = ntohs(address.sin_port);
    }
    ~silent_server() { ::close(socket_); }
    silent_server(const silent_server&) = delete;
    silent_server& operator=(const silent_server&) = delete;
    [[nodiscard]] int port() const { return port_; }

private:
    int socket_;
    int port_ = 0;
};

}  // namespace

TEST_CASE("opening a new PostgreSQL database applies every migration once and records when") {
    const auto admin = postgres_admin_url();
    if (!admin) {
        MESSAGE(skipped);
        return;
    }
    scratch_database database(*admin);
    CHECK(store::applied_postgres_migrations(database.url()).empty());
    {
        auto opened = store::open_postgres_store({database.url()});
        CHECK(opened->description().starts_with("postgresql "));
        CHECK(opened->description().ends_with("/" + database.name()));
    }
    CHECK(store::applied_postgres_migrations(database.url()) == every_migration());
    auto reopened = store::open_postgres_store({database.url(), "postgresql broker@test"});
    CHECK(reopened->description() == "postgresql broker@test");

    postgres::connection session(postgres::connection_target(database.url(), 5s), 0ms);
    std::int64_t rows = 0;
    std::string first_applied;
    session.run(count_migrations, {}, [&](const store::sql::row& row) {
        rows = row.integer(0);
        first_applied = row.text(1);
    });
    CHECK(rows == store::latest_postgres_schema_version());
    CHECK(std::regex_match(first_applied, std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00)")));
}

TEST_CASE("two broker instances opening a new PostgreSQL database at once apply each migration once") {
    const auto admin = postgres_admin_url();
    if (!admin) {
        MESSAGE(skipped);
        return;
    }
    scratch_database database(*admin);
    const auto open = [&] { return store::open_postgres_store({database.url()}); };
    auto first = std::async(std::launch::async, open);
    auto second = std::async(std::launch::async, open);
    CHECK_NOTHROW(first.get());
    CHECK_NOTHROW(second.get());
    CHECK(store::applied_postgres_migrations(database.url()) == every_migration());
}

TEST_CASE("a PostgreSQL writer dropped without commit leaves nothing, a committed one stays") {
    const auto admin = postgres_admin_url();
    if (!admin) {
        MESSAGE(skipped);
        return;
    }
    scratch_database database(*admin);
    (void)store::open_postgres_store({database.url()});
    auto pool = pool_on(database.url());
    {
        postgres::pooled_transaction writer(pool, postgres::transaction_kind::writer);
        insert_pacticipant(writer.session(), "Dropped");
        CHECK(single_integer(writer.session(), count_pacticipants) == 1);  // a writer sees its own writes
    }
    CHECK(pacticipants_in(pool) == 0);
    {
        postgres::pooled_transaction writer(pool, postgres::transaction_kind::writer);
        insert_pacticipant(writer.session(), "Kept");
        writer.commit();
    }
    CHECK(pacticipants_in(pool) == 1);
}

TEST_CASE("a PostgreSQL store's writer dropped without commit leaves nothing") {
    const auto admin = postgres_admin_url();
    if (!admin) {
        MESSAGE(skipped);
        return;
    }
    scratch_database database(*admin);
    auto opened = store::open_postgres_store({database.url()});
    {
        auto writer = opened->write();
        (void)writer->pacticipants().insert_pacticipant({0, "Dropped", std::nullopt, std::nullopt, std::nullopt, "t", "t"});
    }
    CHECK_FALSE(opened->read()->pacticipants().find_pacticipant("Dropped").has_value());
}

TEST_CASE("a PostgreSQL reader keeps its snapshot while a writer commits") {
    const auto admin = postgres_admin_url();
    if (!admin) {
        MESSAGE(skipped);
        return;
    }
    scratch_database database(*admin);
    (void)store::open_postgres_store({database.url()});
    auto pool = pool_on(database.url());
    postgres::pooled_transaction reader(pool, postgres::transaction_kind::reader);
    CHECK(single_integer(reader.session(), count_pacticipants) == 0);
    {
        postgres::pooled_transaction writer(pool, postgres::transaction_kind::writer);
        insert_pacticipant(writer.session(), "Later");
        writer.commit();
    }
    CHECK(single_integer(reader.session(), count_pacticipants) == 0);
    CHECK(pacticipants_in(pool) == 1);
}

TEST_CASE("PostgreSQL writers of two broker instances take turns") {
    const auto admin = postgres_admin_url();
    if (!admin) {
        MESSAGE(skipped);
        return;
    }
    scratch_database database(*admin);
    (void)store::open_postgres_store({database.url()});
    auto first_instance = pool_on(database.url());
    auto second_instance = pool_on(database.url());

    std::optional<postgres::pooled_transaction> first(std::in_place, first_instance, postgres::transaction_kind::writer);
    insert_pacticipant(first->session(), "First");
    std::atomic<bool> second_began{false};
    auto second = std::async(std::launch::async, [&] {
        postgres::pooled_transaction writer(second_instance, postgres::transaction_kind::writer);
        second_began = true;
        // READ COMMITTED after the lock: the first writer's commit is visible.
        return single_integer(writer.session(), count_pacticipants);
    });
    std::this_thread::sleep_for(500ms);
    CHECK_FALSE(second_began.load());
    first->commit();
    first.reset();
    CHECK(second.get() == 1);
}

TEST_CASE("a PostgreSQL pool of one makes the second transaction wait for the first") {
    const auto admin = postgres_admin_url();
    if (!admin) {
        MESSAGE(skipped);
        return;
    }
    scratch_database database(*admin);
    (void)store::open_postgres_store({database.url()});
    auto pool = pool_on(database.url(), 1);
    std::optional<postgres::pooled_transaction> first(std::in_place, pool, postgres::transaction_kind::reader);
    std::atomic<bool> second_began{false};
    auto second = std::async(std::launch::async, [&] {
        postgres::pooled_transaction reader(pool, postgres::transaction_kind::reader);
        second_began = true;
    });
    std::this_thread::sleep_for(300ms);
    CHECK_FALSE(second_began.load());
    first.reset();
    second.get();
    CHECK(second_began.load());
}

TEST_CASE("PostgreSQL parameters and columns: NULL, integers, text, booleans, byte order") {
    const auto admin = postgres_admin_url();
    if (!admin) {
        MESSAGE(skipped);
        return;
    }
    scratch_database database(*admin);
    (void)store::open_postgres_store({database.url()});
    auto pool = pool_on(database.url());
    postgres::pooled_transaction writer(pool, postgres::transaction_kind::writer);
    const store::sql::value parameters[] = {std::int64_t{9'007'199'254'740'993}, std::string_view("Zoë"), std::monostate{}};
    int rows = 0;
    writer.session().run(echo_values, parameters, [&](const store::sql::row& row) {
        ++rows;
        CHECK(row.integer(0) == 9'007'199'254'740'993);
        CHECK(row.text(1) == "Zoë");
        CHECK(row.integer(2) == 1);
        CHECK(row.integer(3) == 1);
        CHECK_FALSE(row.is_null(1));
        CHECK_THROWS_AS((void)row.integer(1), store::store_failure);
        CHECK_THROWS_AS((void)row.text(7), store::store_failure);
    });
    CHECK(rows == 1);
    insert_pacticipant(writer.session(), "a");
    insert_pacticipant(writer.session(), "B");
    const store::sql::value suffix[] = {std::string_view("!")};
    CHECK(writer.session().run(rename_pacticipants, suffix, [](const store::sql::row&) {}) == 2);
    // Names sort by bytes (COLLATE "C"), as in SQLite, whatever the database's locale.
    std::vector<std::string> names;
    writer.session().run(pacticipant_names, {}, [&](const store::sql::row& row) { names.push_back(row.text(0)); });
    CHECK(names == std::vector<std::string>{"B!", "a!"});
}

TEST_CASE("a failed PostgreSQL statement names itself, and its transaction cannot commit") {
    const auto admin = postgres_admin_url();
    if (!admin) {
        MESSAGE(skipped);
        return;
    }
    scratch_database database(*admin);
    (void)store::open_postgres_store({database.url()});
    auto pool = pool_on(database.url());
    {
        postgres::pooled_transaction writer(pool, postgres::transaction_kind::writer);
        insert_pacticipant(writer.session(), "Twice");
        try {
            insert_pacticipant(writer.session(), "Twice");
            FAIL("a duplicate name was inserted");
        } catch (const store::store_failure& failure) {
            const std::string message = failure.what();
            CHECK(message.find("insert a test pacticipant") != std::string::npos);
            CHECK(message.find("duplicate key value violates unique constraint") != std::string::npos);
            CHECK(message.find('\n') == std::string::npos);
        }
        CHECK_THROWS_WITH_AS(writer.commit(), doctest::Contains("cannot commit"), store::store_failure);
    }
    CHECK(pacticipants_in(pool) == 0);  // and the session went back to the pool in order
}

TEST_CASE("a PostgreSQL statement that runs too long is cancelled") {
    const auto admin = postgres_admin_url();
    if (!admin) {
        MESSAGE(skipped);
        return;
    }
    scratch_database database(*admin);
    auto pool = pool_on(database.url(), 2, 200ms);
    postgres::pooled_transaction reader(pool, postgres::transaction_kind::reader);
    const auto started = std::chrono::steady_clock::now();
    CHECK_THROWS_WITH_AS(reader.session().run(sleep_a_while, {}, [](const store::sql::row&) {}), doctest::Contains("statement timeout"),
                         store::store_failure);
    CHECK(std::chrono::steady_clock::now() - started < 1500ms);
}

TEST_CASE("PostgreSQL sessions that lost their server are replaced, so the store recovers by itself") {
    const auto admin = postgres_admin_url();
    if (!admin) {
        MESSAGE(skipped);
        return;
    }
    scratch_database database(*admin);
    (void)store::open_postgres_store({database.url()});
    auto pool = pool_on(database.url());
    CHECK(pacticipants_in(pool) == 0);  // leaves an idle session in the pool
    const auto terminate = [&] {
        postgres::connection session(postgres::connection_target(*admin, 5s), 0ms);
        const store::sql::value name[] = {std::string_view(database.name())};
        return single_integer(session, terminate_sessions, name);
    };

    // As after a restart of PostgreSQL: the idle session is dead, the next transaction runs on a fresh one.
    CHECK(terminate() >= 1);
    CHECK(pacticipants_in(pool) == 0);

    // A transaction whose session dies fails, and the one after it works.
    {
        postgres::pooled_transaction writer(pool, postgres::transaction_kind::writer);
        insert_pacticipant(writer.session(), "Lost");
        CHECK(terminate() >= 1);
        CHECK_THROWS_WITH_AS(insert_pacticipant(writer.session(), "Lost too"), doctest::Contains("lost the connection to PostgreSQL"),
                             store::store_failure);
        CHECK_THROWS_AS(writer.commit(), store::store_failure);
    }
    CHECK(pacticipants_in(pool) == 0);
}

TEST_CASE("an unreachable PostgreSQL fails promptly with one sentence") {
    const auto started = std::chrono::steady_clock::now();
    try {
        (void)store::open_postgres_store({"postgresql://broker:secret-password@127.0.0.1:1/pact_broker"});
        FAIL("connected to a closed port");
    } catch (const store::store_failure& failure) {
        const std::string message = failure.what();
        CHECK(message.starts_with("cannot connect to PostgreSQL at broker@127.0.0.1:1/pact_broker: connection refused"));
        CHECK(message.find('\n') == std::string::npos);
        CHECK(message.find("secret-password") == std::string::npos);
    }
    CHECK(std::chrono::steady_clock::now() - started < 2s);

    // A server that accepts the connection and never answers: the connect timeout (at least 2 s in libpq) ends it.
    silent_server silent;
    const auto waited_from = std::chrono::steady_clock::now();
    store::postgres_store_options options{"host=127.0.0.1 port=" + std::to_string(silent.port()) + " user=broker dbname=pact_broker"};
    options.connect_timeout = 2s;
    CHECK_THROWS_WITH_AS((void)store::open_postgres_store(options), doctest::Contains("cannot connect to PostgreSQL at broker@127.0.0.1:"),
                         store::store_failure);
    CHECK(std::chrono::steady_clock::now() - waited_from < 5s);
}

TEST_CASE("a malformed PostgreSQL connection string is reported without its password") {
    // libpq quotes what it cannot parse: here the second word of the password.
    const std::string words = failure_message([] { (void)store::open_postgres_store({"host=db password=hunter2 secret-part"}); });
    CHECK(words.starts_with("the PostgreSQL connection string is neither key=value pairs nor a postgresql:// URL: "));
    CHECK(words.find("secret-part") == std::string::npos);
    const std::string url = failure_message([] { (void)store::open_postgres_store({"postgresql://broker:hunter2@db/x?hunter2=1"}); });
    CHECK(url.starts_with("the PostgreSQL connection string is"));
    CHECK(url.find("hunter2") == std::string::npos);
}

TEST_CASE("a wrong PostgreSQL password or a missing database is reported without the password") {
    const auto admin = postgres_admin_url();
    if (!admin) {
        MESSAGE(skipped);
        return;
    }
    const std::string role = "pact_broker_password_test";
    administer(*admin, "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + role + "') THEN CREATE ROLE " + role +
                           " LOGIN; END IF; END $$");
    administer(*admin, "ALTER ROLE " + role + " PASSWORD 'right-secret'");
    scratch_database database(*admin);
    const std::string& url = database.url();
    REQUIRE(url.starts_with("postgres"));  // an administrator's URL, as the test server's launcher gives
    const auto authority = url.find("//") + 2;
    const auto at = url.find('@', authority);
    const std::string server_and_database = url.substr(at == std::string::npos || at > url.find('/', authority) ? authority : at + 1);
    const std::string server = server_and_database.substr(0, server_and_database.find('/'));
    const auto as_role_with = [&](const std::string& password) { return url.substr(0, authority) + role + ":" + password + "@" + server_and_database; };

    const std::string wrong = "wrong-secret-4711";
    try {
        (void)store::applied_postgres_migrations(as_role_with(wrong));
        // The server trusts this client whatever the password: the missing database below still shows the message.
        MESSAGE("the test server does not ask " << role << " for a password");
    } catch (const store::store_failure& failure) {
        CHECK(std::string(failure.what()) ==
              "cannot connect to PostgreSQL at " + role + "@" + server + "/" + database.name() + ": password authentication failed for user \"" + role + "\"");
    }

    const std::string missing = "pact_broker_no_such_database";
    CHECK_THROWS_WITH_AS((void)store::applied_postgres_migrations(with_database(as_role_with("right-secret"), missing)),
                         ("cannot connect to PostgreSQL at " + role + "@" + server + "/" + missing + ": database \"" + missing + "\" does not exist").c_str(),
                         store::store_failure);
    administer(*admin, "DROP ROLE IF EXISTS " + role);
}

}  // namespace postgres_driver_tests

TEST_SUITE_END();
