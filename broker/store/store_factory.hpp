#pragma once
// Opens the store a configuration names: SQLite (the embedded default) or PostgreSQL (several broker
// instances on one database). The rest of the broker sees only broker/store/store.hpp.

#include "broker/store/database_configuration.hpp"
#include "broker/store/store.hpp"

#include <chrono>
#include <cstddef>
#include <memory>

namespace pact::broker::store {

struct store_options {
    database_configuration database;
    std::size_t pool_size = 10;                          // PostgreSQL sessions at most
    std::chrono::milliseconds statement_timeout{15'000};  // PostgreSQL: a statement running longer is cancelled
    std::chrono::milliseconds connect_timeout{5'000};     // PostgreSQL: how long to wait for a session
    std::chrono::milliseconds busy_timeout{10'000};       // SQLite: how long to wait for another process's writer
};

// Creates (SQLite) or connects to (PostgreSQL) and migrates the database. Throws store_failure with one
// sentence naming the database (never its password) and what went wrong.
[[nodiscard]] std::unique_ptr<store> open_store(const store_options& options);

}  // namespace pact::broker::store
