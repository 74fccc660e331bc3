#pragma once
// The embedded store: SQLite in WAL mode through SQLiteCpp. One connection per open transaction, taken
// from a pool; one writer at a time (a mutex in this process, BEGIN IMMEDIATE and a busy timeout across
// processes). Opening runs the numbered migrations that are not yet applied (schema_migrations table).

#include "broker/store/store.hpp"

#include <chrono>
#include <filesystem>
#include <memory>

namespace pact::broker::store {

struct sqlite_store_options {
    std::filesystem::path database_file = "pact_broker.sqlite";
    std::chrono::milliseconds busy_timeout{10'000};
};

// Opens (creating if needed) and migrates the database. Throws store_failure when it cannot.
[[nodiscard]] std::unique_ptr<store> open_sqlite_store(const sqlite_store_options& options);

// The numbered migrations this build knows, and those applied to a database file (for tests and diagnostics).
[[nodiscard]] int latest_schema_version();
[[nodiscard]] std::vector<int> applied_migrations(const std::filesystem::path& database_file);

}  // namespace pact::broker::store
