// The row counts of store_reader::count_records, in SQL: one COUNT a kind, and the deliveries by status.

#include "broker/store/sql/sql_queries.hpp"

namespace pact::broker::store::sql {
namespace {

const statement count_kinds{
    "count_kinds",
    "SELECT (SELECT COUNT(*) FROM pacticipants), (SELECT COUNT(*) FROM versions), (SELECT COUNT(*) FROM pact_versions),"
    " (SELECT COUNT(*) FROM pact_publications), (SELECT COUNT(*) FROM verifications), (SELECT COUNT(*) FROM environments),"
    " (SELECT COUNT(*) FROM webhooks)"};
const statement count_deliveries_by_status{"count_deliveries_by_status",
                                           "SELECT status, COUNT(*) FROM triggered_webhooks GROUP BY status"};

}  // namespace

record_counts count_records(connection& session) {
    queries sql(session);
    auto counts = sql.one(count_kinds, [](const row& found) {
                         return record_counts{.pacticipants = found.integer(0),
                                              .versions = found.integer(1),
                                              .pact_versions = found.integer(2),
                                              .pact_publications = found.integer(3),
                                              .verification_results = found.integer(4),
                                              .environments = found.integer(5),
                                              .webhooks = found.integer(6)};
                     }).value_or(record_counts{});
    const auto by_status = sql.many(count_deliveries_by_status, [](const row& found) { return std::pair{found.text(0), found.integer(1)}; });
    for (const auto& [status, how_many] : by_status) {
        if (status == "not_run") counts.deliveries_not_run = how_many;
        else if (status == "retrying") counts.deliveries_retrying = how_many;
        else if (status == "success") counts.deliveries_succeeded = how_many;
        else if (status == "failure") counts.deliveries_failed = how_many;
    }
    return counts;
}

}  // namespace pact::broker::store::sql
