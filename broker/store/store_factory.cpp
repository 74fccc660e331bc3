#include "broker/store/store_factory.hpp"

#include "broker/store/postgres_store.hpp"
#include "broker/store/sqlite_store.hpp"

#include <algorithm>

namespace pact::broker::store {

std::unique_ptr<store> open_store(const store_options& options) {
    if (options.database.kind == database_kind::sqlite) {
        return open_sqlite_store({.database_file = options.database.sqlite_file, .busy_timeout = options.busy_timeout});
    }
    const auto connect_seconds = std::chrono::ceil<std::chrono::seconds>(options.connect_timeout);
    return open_postgres_store({.connection_string = libpq_connection_string(options.database, std::max(connect_seconds, std::chrono::seconds(1))),
                                .description = redacted_description(options.database),
                                .pool_size = options.pool_size,
                                .statement_timeout = options.statement_timeout,
                                .connect_timeout = options.connect_timeout});
}

}  // namespace pact::broker::store
