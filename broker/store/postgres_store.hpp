#pragma once
// The shared store: PostgreSQL through libpqxx, for several broker instances on one database. A pool of
// sessions; a reader is a REPEATABLE READ READ ONLY snapshot, a writer a READ COMMITTED transaction holding a
// transaction-scoped advisory lock that every instance's writers take, so that writers are serialised as
// SQLite's are. A session that lost its server is discarded and replaced on next use, so the store recovers by
// itself when PostgreSQL comes back; meanwhile each transaction fails within the connect timeout. Opening runs
// the numbered migrations that are not yet applied (schema_migrations table), under an advisory lock.

#include "broker/store/store.hpp"

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace pact::broker::store {

struct postgres_store_options {
    // libpq keyword=value pairs or a postgresql:// URL; its own connect_timeout (and keepalive) settings win.
    std::string connection_string;
    // For logs, without password ("postgresql broker@db.internal:5432/pact_broker"); taken from the connection string when empty.
    std::string description;
    std::size_t pool_size = 10;  // sessions at most; a transaction waits while all are in use
    std::chrono::milliseconds statement_timeout{30'000};  // zero: none
    std::chrono::milliseconds connect_timeout{5'000};     // libpq counts whole seconds, at least 2
};

// Connects and migrates the database. Throws store_failure with one sentence that never holds the password
// ("cannot connect to PostgreSQL at broker@db:5432/pact_broker: password authentication failed for user "broker"").
[[nodiscard]] std::unique_ptr<store> open_postgres_store(const postgres_store_options& options);

// The numbered migrations this build knows, and those applied to a database (for tests and diagnostics).
[[nodiscard]] int latest_postgres_schema_version();
[[nodiscard]] std::vector<int> applied_postgres_migrations(const std::string& connection_string);

}  // namespace pact::broker::store
