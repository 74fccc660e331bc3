#include "support/postgres_server.hpp"

#include "support/process.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>

#ifndef PACT_POSTGRES_TEST_SERVER_SCRIPT
#error "define PACT_POSTGRES_TEST_SERVER_SCRIPT as the path of scripts/postgres-test-server.sh"
#endif

namespace pact::testing {
namespace {

// Debian's postgresql-client; run_command takes a path, not a name to look up.
constexpr const char* psql_program = "/usr/bin/psql";

[[nodiscard]] std::string without_trailing_newlines(std::string text) {
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
    return text;
}

[[nodiscard]] bool is_plain_database_name(const std::string& name) {
    if (name.empty() || name.size() > 63 || (name.front() >= '0' && name.front() <= '9')) return false;
    return std::all_of(name.begin(), name.end(), [](char character) {
        return (character >= 'a' && character <= 'z') || (character >= 'A' && character <= 'Z') ||
               (character >= '0' && character <= '9') || character == '_';
    });
}

// The admin URL with its database replaced: scheme://authority/NAME, any query kept.
[[nodiscard]] std::string with_database(const std::string& url, const std::string& name) {
    const auto authority = url.find("://");
    if (authority == std::string::npos) throw std::invalid_argument("not a database URL: " + url);
    const auto path = url.find_first_of("/?", authority + 3);
    if (path == std::string::npos) return url + "/" + name;
    const auto query = url.find('?', path);
    return url.substr(0, path) + "/" + name + (query == std::string::npos ? "" : url.substr(query));
}

}  // namespace

postgres_server::postgres_server(durability kept) : durability_(kept) {
    try {
        start();
    } catch (...) {
        // The destructor will not run: stop whatever half-started and remove the directory here.
        static_cast<void>(run_command({"/bin/bash", PACT_POSTGRES_TEST_SERVER_SCRIPT, "stop", directory_.path().string()}));
        throw;
    }
}

postgres_server::~postgres_server() {
    // Also after stop(): the script removes the directory, which must go even if the server is down.
    try {
        static_cast<void>(run_command({"/bin/bash", PACT_POSTGRES_TEST_SERVER_SCRIPT, "stop", directory_.path().string()}));
    } catch (...) {
        // A destructor cannot report; the temporary directory's own removal follows.
    }
}

void postgres_server::run_script(const std::vector<std::string>& arguments) {
    std::vector<std::string> command{"/bin/bash", PACT_POSTGRES_TEST_SERVER_SCRIPT, arguments.front(), directory_.path().string()};
    command.insert(command.end(), arguments.begin() + 1, arguments.end());
    const auto result = run_command(command);
    if (result.exit_code != 0) {
        throw std::runtime_error("postgres-test-server.sh " + arguments.front() + " failed (exit code " +
                                 std::to_string(result.exit_code) + "): " + result.all());
    }
}

void postgres_server::start() {
    if (running_) return;
    if (durability_ == durability::on_disk) run_script({"start", "--durable"});
    else run_script({"start"});
    admin_url_ = without_trailing_newlines(read_file(directory_.path() / "url"));
    port_ = static_cast<std::uint16_t>(std::stoi(read_file(directory_.path() / "port")));
    running_ = true;
}

void postgres_server::stop() {
    if (!running_) return;
    // With --keep-data: without it the script would remove the data start() needs.
    run_script({"stop", "--keep-data"});
    running_ = false;
}

void postgres_server::crash() {
    if (!running_) return;
    run_script({"crash"});
    running_ = false;
}

std::string create_test_database(const std::string& admin_url, const std::string& name) {
    if (!is_plain_database_name(name)) {
        throw std::invalid_argument("'" + name + "' is not a database name of letters, digits and underscores");
    }
    // FORCE ends sessions a previous run left open, which would otherwise block the drop.
    const auto result = run_command({psql_program, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", admin_url, "-c",
                                     "SET client_min_messages = warning", "-c",
                                     "DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)", "-c",
                                     "CREATE DATABASE \"" + name + "\" STRATEGY FILE_COPY"});  // a copy of the small template beats logging it
    if (result.exit_code != 0) throw std::runtime_error("psql could not create database " + name + ": " + result.all());
    return with_database(admin_url, name);
}

void drop_test_database(const std::string& admin_url, const std::string& name) {
    if (!is_plain_database_name(name)) {
        throw std::invalid_argument("'" + name + "' is not a database name of letters, digits and underscores");
    }
    const auto result = run_command({psql_program, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", admin_url, "-c", "SET client_min_messages = warning",
                                     "-c", "DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)"});
    if (result.exit_code != 0) throw std::runtime_error("psql could not drop database " + name + ": " + result.all());
}

std::optional<std::string> fixture_admin_url() {
    const char* directory = std::getenv("PACT_BROKER_TEST_POSTGRES_DIR");
    if (directory == nullptr || *directory == '\0') return std::nullopt;
    const auto url_file = std::filesystem::path(directory) / "url";
    if (!std::filesystem::exists(url_file)) return std::nullopt;
    return without_trailing_newlines(read_file(url_file));
}

}  // namespace pact::testing
