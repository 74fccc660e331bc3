#pragma once
// What operators ask of a running broker: whether its database answers (the dependencies check a load balancer
// or a monitor probes) and how much it holds (the record counts and session pool that /metrics exposes).
// Thread-safe: each call opens a read transaction of its own.

#include "broker/domain/types.hpp"
#include "broker/store/store.hpp"

#include <chrono>
#include <optional>
#include <string>

namespace pact::broker::domain {

struct database_check {
    bool ok = false;
    std::string problem;  // when not ok: the store's one sentence, never a password
    std::chrono::duration<double, std::milli> took{};
};

struct broker_statistics {
    std::optional<store::record_counts> counts;  // nullopt when the database did not answer
    std::optional<store::session_pool_usage> session_pool;  // nullopt for a store without a pool (SQLite)
};

class diagnostic_service {
public:
    diagnostic_service(store::store& store, const broker_config& config);

    // A trivial read transaction (a primary-key probe); a store_failure is the answer, not an exception.
    [[nodiscard]] database_check check_database() const;
    // The session pool as it is now, then one COUNT query a kind of record in one read transaction.
    [[nodiscard]] broker_statistics statistics() const;

private:
    store::store& store_;
};

}  // namespace pact::broker::domain
