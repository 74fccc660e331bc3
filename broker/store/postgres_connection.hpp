#pragma once
// The PostgreSQL driver under the store (internal to broker/store): where a connection string leads, one
// session with the server running the shared SQL statements, a pool of sessions, and a transaction taken from
// it. libpqxx stays out of this header so that tests can drive the sessions without it.

#include "broker/store/records.hpp"
#include "broker/store/sql/sql_connection.hpp"

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace pact::broker::store::postgres {

// A connection string (libpq keyword=value pairs or a postgresql:// URL) made ready for libpq, and how to
// name the database in messages without its password. Settings the string makes itself win over the
// defaults added here: connect_timeout (libpq counts whole seconds, at least 2), TCP keepalives, and a TCP
// user timeout so that a server that vanished without closing the socket is noticed.
class connection_target {
public:
    // Throws store_failure, never quoting the password, when the string cannot be parsed.
    connection_target(const std::string& connection_string, std::chrono::milliseconds connect_timeout);

    [[nodiscard]] const std::string& libpq_string() const { return libpq_string_; }
    // "broker@db.internal:5432/pact_broker"
    [[nodiscard]] const std::string& location() const { return location_; }
    // The text with the password (and any other secret of the string) masked.
    [[nodiscard]] std::string masked(std::string text) const;

private:
    std::string libpq_string_;
    std::string location_;
    std::vector<std::string> secrets_;
};

// libpq's (multi-line, prefixed) report of a failed connection as one sentence:
// "cannot connect to PostgreSQL at broker@db:5432/pact: password authentication failed for user "broker"".
[[nodiscard]] std::string connection_failure_sentence(const connection_target& target, std::string_view libpq_message);

// One session with PostgreSQL. Runs each shared statement as a prepared statement, preparing it on first use
// (named "s" + its number). Failures throw store_failure naming the statement; a session whose server went
// away (restart, network) is broken() from then on and must be discarded. Not thread-safe.
class connection final : public sql::connection {
public:
    // Connects, then sets the statement timeout (zero: none). Throws store_failure with one sentence.
    connection(const connection_target& target, std::chrono::milliseconds statement_timeout);
    ~connection() override;
    connection(const connection&) = delete;
    connection& operator=(const connection&) = delete;

    std::int64_t run(const sql::statement& query, std::span<const sql::value> parameters, const sql::row_handler& each_row) override;

    // Runs SQL text without parameters, ignoring any result: DDL, SET, advisory locks; several statements at once.
    void execute(std::string_view what, const std::string& sql_text);

    // A transaction on this session: `begin_sql` is BEGIN with its isolation level. commit() throws
    // store_failure when it cannot commit, also when a statement of the transaction failed (PostgreSQL has
    // then aborted it, and a COMMIT would silently roll back). rollback() never throws; a session that cannot
    // roll back is broken().
    void begin(const std::string& begin_sql);
    void commit();
    void rollback() noexcept;

    [[nodiscard]] bool broken() const;
    [[nodiscard]] bool in_transaction() const { return in_transaction_; }

private:
    struct session;
    std::unique_ptr<session> session_;
    bool in_transaction_ = false;
    std::string transaction_failure_;  // why the open transaction is aborted; empty while it is not
};

// At most `size` sessions with one database, shared by the threads of one store. Thread-safe.
class connection_pool {
public:
    connection_pool(connection_target target, std::size_t size, std::chrono::milliseconds statement_timeout);

    struct lease {
        std::unique_ptr<connection> session;
        bool reused = false;  // it was idle: its server may have gone away since
    };
    // An idle session or a new one; waits while `size` are in use. Throws store_failure when it cannot connect.
    [[nodiscard]] lease take();
    // Keeps the session for the next caller, or discards it when it is broken or still in a transaction.
    void give_back(std::unique_ptr<connection> session) noexcept;

    [[nodiscard]] const connection_target& target() const { return target_; }
    // Sessions in use, open (idle or in use) and the most the pool opens, at this moment.
    [[nodiscard]] session_pool_usage usage() const;
    // One writer per process at a time, so that writers waiting for the database's writer lock do not hold
    // every session of the pool.
    [[nodiscard]] std::mutex& writer_mutex() { return writer_mutex_; }

private:
    connection_target target_;
    std::size_t size_;
    std::chrono::milliseconds statement_timeout_;
    mutable std::mutex mutex_;
    std::condition_variable returned_;
    std::vector<std::unique_ptr<connection>> idle_;  // under mutex_
    std::size_t open_ = 0;                           // idle and in use, under mutex_
    std::mutex writer_mutex_;
};

enum class transaction_kind {
    reader,  // a consistent snapshot: REPEATABLE READ READ ONLY
    writer,  // READ COMMITTED, holding the database-wide writer lock until it commits or ends
};

// The key of the transaction-scoped advisory lock every writer of every broker instance takes.
inline constexpr std::int64_t writer_lock_key = 0x7061'6374'2077'7269;  // "pact wri"

// A transaction on a session of the pool: begun on construction, rolled back on destruction unless committed;
// the session goes back to the pool (or is discarded when broken). A writer waits for the writer lock, in this
// process and then across every instance on the database. Belongs to the thread that made it.
class pooled_transaction {
public:
    // Throws store_failure. A session that was idle and turns out to have lost its server is discarded and
    // the transaction begun on a fresh one, so the first request after a PostgreSQL restart succeeds.
    pooled_transaction(connection_pool& pool, transaction_kind kind);
    ~pooled_transaction();
    pooled_transaction(const pooled_transaction&) = delete;
    pooled_transaction& operator=(const pooled_transaction&) = delete;

    [[nodiscard]] connection& session() { return *session_; }
    // Returns once the commit is on disk; a writer waits for that after releasing the writer lock.
    void commit();

private:
    connection_pool& pool_;
    std::unique_lock<std::mutex> writer_lock_;
    std::unique_ptr<connection> session_;
};

}  // namespace pact::broker::store::postgres
