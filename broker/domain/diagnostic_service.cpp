#include "broker/domain/diagnostic_service.hpp"

namespace pact::broker::domain {

diagnostic_service::diagnostic_service(store::store& store, const broker_config&) : store_(store) {}

database_check diagnostic_service::check_database() const {
    const auto started = std::chrono::steady_clock::now();
    database_check check;
    try {
        // Beginning a SQLite transaction reads nothing; a query does, on either database.
        const auto reader = store_.read();
        (void)reader->pacticipants().find_pacticipant(store::row_id{0});
        check.ok = true;
    } catch (const store::store_failure& failure) {
        check.problem = failure.what();
    }
    check.took = std::chrono::steady_clock::now() - started;
    return check;
}

broker_statistics diagnostic_service::statistics() const {
    // The pool first: the transaction below takes a session of its own.
    broker_statistics statistics{.counts = std::nullopt, .session_pool = store_.session_pool()};
    try {
        statistics.counts = store_.read()->count_records();
    } catch (const store::store_failure&) {
        // Metrics stay available while the database is not; the counts are left out.
    }
    return statistics;
}

}  // namespace pact::broker::domain
