#pragma once
// Schema changes of the SQLite store as numbered migrations (internal to broker/store).

#include <SQLiteCpp/Database.h>

#include <vector>

namespace pact::broker::store::sqlite {

// Applies, each in its own transaction, the migrations newer than the database's schema_migrations rows.
// Data is never dropped: later migrations add tables, columns and indexes, or copy rows into new shapes.
void migrate(SQLite::Database& database);

[[nodiscard]] int newest_migration();
[[nodiscard]] std::vector<int> applied(SQLite::Database& database);

}  // namespace pact::broker::store::sqlite
