#include "broker/store/postgres_store.hpp"

#include "broker/store/postgres_connection.hpp"
#include "broker/store/postgres_migrations.hpp"
#include "broker/store/sql/sql_repositories.hpp"

namespace pact::broker::store {
namespace postgres {
namespace {

// The shared repositories over a pooled transaction's session. The pooled transaction is a base so that it
// is begun before the repositories are made and ended after they are gone.
class postgres_transaction final : private pooled_transaction, public sql::transaction_repositories {
public:
    postgres_transaction(connection_pool& pool, transaction_kind kind)
        : pooled_transaction(pool, kind), sql::transaction_repositories(pooled_transaction::session()) {}

    void commit() override { pooled_transaction::commit(); }
};

class postgres_store final : public store {
public:
    postgres_store(connection_target target, const postgres_store_options& options)
        : pool_(std::move(target), options.pool_size, options.statement_timeout),
          description_(options.description.empty() ? "postgresql " + pool_.target().location() : options.description) {}

    std::unique_ptr<store_reader> read() override { return std::make_unique<postgres_transaction>(pool_, transaction_kind::reader); }
    std::unique_ptr<store_writer> write() override { return std::make_unique<postgres_transaction>(pool_, transaction_kind::writer); }
    std::string description() const override { return description_; }
    std::optional<session_pool_usage> session_pool() const override { return pool_.usage(); }

private:
    connection_pool pool_;
    std::string description_;
};

}  // namespace
}  // namespace postgres

std::unique_ptr<store> open_postgres_store(const postgres_store_options& options) {
    postgres::connection_target target(options.connection_string, options.connect_timeout);
    {
        // A session of its own without a statement timeout: a migration may take longer than any request, and so
        // may waiting for another instance's migrations.
        postgres::connection session(target, std::chrono::milliseconds::zero());
        postgres::migrate(session);
    }
    return std::make_unique<postgres::postgres_store>(std::move(target), options);
}

int latest_postgres_schema_version() { return postgres::newest_migration(); }

std::vector<int> applied_postgres_migrations(const std::string& connection_string) {
    const postgres::connection_target target(connection_string, postgres_store_options{}.connect_timeout);
    postgres::connection session(target, std::chrono::milliseconds::zero());
    return postgres::applied(session);
}

}  // namespace pact::broker::store
