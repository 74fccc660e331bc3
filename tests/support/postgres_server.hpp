#pragma once
// A throwaway PostgreSQL server for tests, run by scripts/postgres-test-server.sh (a target that compiles
// postgres_server.cpp defines PACT_POSTGRES_TEST_SERVER_SCRIPT as that script's path). Most tests share the
// one the CTest fixture `postgres` starts (tests/support/postgres.cmake) and make their own database on it;
// a test that stops and restarts its server starts its own with postgres_server.

#include "support/files.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace pact::testing {

class postgres_server {
public:
    enum class durability {
        none,     // no fsync, no synchronous commit: what most tests want, fast
        on_disk,  // PostgreSQL's defaults: a commit returns once it is on disk
    };
    // Starts a server in a fresh temporary directory. Throws std::runtime_error with the script's message
    // when it cannot.
    explicit postgres_server(durability kept = durability::none);
    // Stops the server and removes its directory.
    ~postgres_server();
    postgres_server(const postgres_server&) = delete;
    postgres_server& operator=(const postgres_server&) = delete;

    // Stops the server (fast: open sessions are ended), keeping its data for start().
    void stop();
    // Stops the server at once, as a crash would: what a commit had not written yet is lost.
    void crash();
    // Starts it again on the same data and, unless another process took it meanwhile, the same port.
    void start();

    // postgres://postgres@127.0.0.1:PORT/postgres, a superuser that needs no password.
    [[nodiscard]] std::string admin_url() const { return admin_url_; }
    [[nodiscard]] std::uint16_t port() const { return port_; }

private:
    void run_script(const std::vector<std::string>& arguments);

    temporary_directory directory_;
    std::string admin_url_;
    durability durability_;
    std::uint16_t port_ = 0;
    bool running_ = false;
};

// Creates a database of that name (letters, digits and underscores), dropping any of that name first,
// through psql as the admin URL's user; returns its URL. Throws std::runtime_error when psql fails and
// std::invalid_argument for a name that is not of that form.
[[nodiscard]] std::string create_test_database(const std::string& admin_url, const std::string& name);

// Drops the database (ending its sessions) if it exists. Throws std::runtime_error when psql fails.
void drop_test_database(const std::string& admin_url, const std::string& name);

// The admin URL of the server the CTest fixture started (from $PACT_BROKER_TEST_POSTGRES_DIR/url);
// nullopt when the test runs without the fixture.
[[nodiscard]] std::optional<std::string> fixture_admin_url();

}  // namespace pact::testing
