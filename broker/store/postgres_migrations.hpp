#pragma once
// Schema changes of the PostgreSQL store as numbered migrations (internal to broker/store): the same numbers,
// tables, columns, constraints and indexes as sqlite_migrations.cpp, so that the shared SQL means the same on both.

#include "broker/store/postgres_connection.hpp"

#include <vector>

namespace pact::broker::store::postgres {

// Applies, each in its own transaction, the migrations newer than the database's schema_migrations rows. Holds
// a session-level advisory lock meanwhile, so that of several broker instances starting at once one applies
// each migration and the others wait for it. Throws store_failure.
void migrate(connection& session);

[[nodiscard]] int newest_migration();
[[nodiscard]] std::vector<int> applied(connection& session);

}  // namespace pact::broker::store::postgres
