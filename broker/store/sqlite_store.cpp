#include "broker/store/sqlite_store.hpp"

#include "broker/store/sqlite_migrations.hpp"
#include "broker/store/sql/sql_repositories.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <sqlite3.h>
#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <mutex>
#include <span>
#include <variant>
#include <vector>

namespace pact::broker::store {
namespace {

// ---------------------------------------------------------------------------------------------------------
// Connections, prepared statements, binding and reading rows

// Statements are prepared once per connection and reused; a statement is reset as soon as its use ends so
// that it never holds a read lock past the query.
class sqlite_connection {
public:
    sqlite_connection(const std::filesystem::path& file, std::chrono::milliseconds busy_timeout)
        : database_(file.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE, static_cast<int>(busy_timeout.count())) {
        write_ahead_log_ = database_.execAndGet("PRAGMA journal_mode = WAL").getString() == "wal";
        // A committed write survives a power cut: in WAL mode the store syncs the log itself after each
        // commit (group_commit below), so SQLite need not; otherwise SQLite syncs every commit.
        database_.exec(write_ahead_log_ ? "PRAGMA synchronous = NORMAL" : "PRAGMA synchronous = FULL");
        database_.exec("PRAGMA foreign_keys = ON");
    }
    SQLite::Database& database() { return database_; }
    [[nodiscard]] bool write_ahead_log() const { return write_ahead_log_; }
    SQLite::Statement& prepare(const sql::statement& query) {
        if (statements_.size() <= query.number()) statements_.resize(sql::statement::count());
        auto& statement = statements_[query.number()];
        if (!statement) statement = std::make_unique<SQLite::Statement>(database_, query.text());
        return *statement;
    }

private:
    SQLite::Database database_;
    bool write_ahead_log_ = false;
    std::vector<std::unique_ptr<SQLite::Statement>> statements_;  // by statement number
};

// Group commit. A writer commits into the write-ahead log under the writer lock, without a sync; it then
// releases the lock and waits here until the log is on disk. One fdatasync covers every commit written
// before it started, so while one writer waits for the disk the next ones commit, and they share the
// following sync: a commit still answers only once it is durable, but the disk is not asked once per commit.
class group_commit {
public:
    explicit group_commit(std::filesystem::path database_file) : log_file_(database_file.string() + "-wal") {}

    // Under the writer lock, right after a commit: the commit's place in line.
    [[nodiscard]] std::uint64_t committed() { return ++committed_; }

    // Returns once the commit numbered `sequence` is on disk. Throws store_failure if the sync fails.
    void make_durable(std::uint64_t sequence) {
        const std::lock_guard lock(sync_mutex_);
        if (synced_ >= sequence) return;  // a sync that started after this commit has finished meanwhile
        const std::uint64_t covered = committed_.load();
        // Opened per sync rather than kept: SQLite may replace the log file, and a kept descriptor would
        // then sync a file nobody reads.
        const int descriptor = ::open(log_file_.c_str(), O_RDONLY | O_CLOEXEC);
        if (descriptor < 0) throw store_failure("cannot open " + log_file_ + " to sync it: " + std::strerror(errno));
        const int synced = ::fdatasync(descriptor);
        const int error = errno;
        ::close(descriptor);
        if (synced != 0) throw store_failure("cannot sync " + log_file_ + ": " + std::strerror(error));
        synced_ = covered;
    }

private:
    std::string log_file_;
    std::atomic<std::uint64_t> committed_{0};
    std::mutex sync_mutex_;
    std::uint64_t synced_ = 0;  // under sync_mutex_
};

// SQLite's own exceptions leave the store as store_failure, so callers need not know SQLiteCpp.
template <typename Function>
auto translating_failures(Function&& function) {
    try {
        return function();
    } catch (const SQLite::Exception& failure) {
        throw store_failure(failure.what());
    }
}

// ---------------------------------------------------------------------------------------------------------
// The pool and the transaction

class connection_pool {
public:
    explicit connection_pool(sqlite_store_options options) : options_(std::move(options)), group_commit_(options_.database_file) {}

    std::unique_ptr<sqlite_connection> take() {
        {
            std::lock_guard lock(mutex_);
            if (!idle_.empty()) {
                auto taken = std::move(idle_.back());
                idle_.pop_back();
                return taken;
            }
        }
        return std::make_unique<sqlite_connection>(options_.database_file, options_.busy_timeout);
    }
    void give_back(std::unique_ptr<sqlite_connection> returned) {
        std::lock_guard lock(mutex_);
        idle_.push_back(std::move(returned));
    }
    std::mutex& writer_mutex() { return writer_mutex_; }
    group_commit& commits() { return group_commit_; }

private:
    sqlite_store_options options_;
    group_commit group_commit_;
    std::mutex mutex_;
    std::vector<std::unique_ptr<sqlite_connection>> idle_;
    std::mutex writer_mutex_;  // one writer per process; BEGIN IMMEDIATE + busy timeout across processes
};

// The SQL repositories' view of a connection: statements bound, stepped and reset after each use, so that
// none holds a read lock past its query.
class sqlite_session final : public sql::connection {
public:
    explicit sqlite_session(sqlite_connection& database) : database_(database) {}

    std::int64_t run(const sql::statement& query, std::span<const sql::value> parameters, const sql::row_handler& each_row) override {
        return translating_failures([&] {
            auto& statement = database_.prepare(query);
            statement_reset reset(statement);
            int index = 0;
            for (const auto& parameter : parameters) bind(statement, ++index, parameter);
            sqlite3* handle = database_.database().getHandle();
            const auto changes_before = sqlite3_total_changes64(handle);
            const sqlite_row current(statement);
            while (statement.executeStep()) each_row(current);
            return std::int64_t{sqlite3_total_changes64(handle) - changes_before};
        });
    }

private:
    class statement_reset {
    public:
        explicit statement_reset(SQLite::Statement& statement) : statement_(statement) {}
        ~statement_reset() {
            statement_.tryReset();
            statement_.clearBindings();
        }
        statement_reset(const statement_reset&) = delete;
        statement_reset& operator=(const statement_reset&) = delete;

    private:
        SQLite::Statement& statement_;
    };

    class sqlite_row final : public sql::row {
    public:
        explicit sqlite_row(SQLite::Statement& statement) : statement_(statement) {}
        bool is_null(int column) const override { return statement_.isColumnNull(column); }
        std::int64_t integer(int column) const override { return statement_.getColumn(column).getInt64(); }
        std::string text(int column) const override { return statement_.getColumn(column).getString(); }

    private:
        SQLite::Statement& statement_;
    };

    static void bind(SQLite::Statement& statement, int index, const sql::value& parameter) {
        if (const auto* number = std::get_if<std::int64_t>(&parameter)) statement.bind(index, static_cast<int64_t>(*number));
        else if (const auto* text = std::get_if<std::string_view>(&parameter)) statement.bind(index, std::string(*text));  // as text (SQLITE_TRANSIENT copies it anyway), not as a blob
        else statement.bind(index);
    }

    sqlite_connection& database_;
};

class sqlite_transaction final : public sql::transaction_repositories {
public:
    // A writer holds the writer lock for its whole life; a reader takes none.
    sqlite_transaction(connection_pool& pool, bool writing)
        : sqlite_transaction(pool, writing, pool.take()) {}

    ~sqlite_transaction() override {
        // Roll back (the Transaction's destructor) before the connection goes back to the pool.
        transaction_.reset();
        pool_.give_back(std::move(connection_));
    }
    sqlite_transaction(const sqlite_transaction&) = delete;
    sqlite_transaction& operator=(const sqlite_transaction&) = delete;

    // In WAL mode the writer lock is released before waiting for the disk (group_commit); nothing may be
    // written through this writer after commit().
    void commit() override {
        translating_failures([&] { transaction_->commit(); });
        if (!connection_->write_ahead_log() || !writer_lock_.owns_lock()) return;
        const auto sequence = pool_.commits().committed();
        writer_lock_.unlock();
        pool_.commits().make_durable(sequence);
    }

private:
    sqlite_transaction(connection_pool& pool, bool writing, std::unique_ptr<sqlite_connection> taken)
        : sql::transaction_repositories(session_),
          pool_(pool),
          writer_lock_(writing ? std::unique_lock(pool.writer_mutex()) : std::unique_lock<std::mutex>()),
          connection_(std::move(taken)),
          session_(*connection_),
          transaction_(std::in_place, connection_->database(), writing ? SQLite::TransactionBehavior::IMMEDIATE : SQLite::TransactionBehavior::DEFERRED) {}

    connection_pool& pool_;
    std::unique_lock<std::mutex> writer_lock_;
    std::unique_ptr<sqlite_connection> connection_;
    sqlite_session session_;
    std::optional<SQLite::Transaction> transaction_;
};

class sqlite_store final : public store {
public:
    explicit sqlite_store(const sqlite_store_options& options) : pool_(options), description_("sqlite " + options.database_file.string()) {
        auto first = pool_.take();
        sqlite::migrate(first->database());
        pool_.give_back(std::move(first));
    }
    std::unique_ptr<store_reader> read() override {
        return translating_failures([&] { return std::make_unique<sqlite_transaction>(pool_, false); });
    }
    std::unique_ptr<store_writer> write() override {
        return translating_failures([&] { return std::make_unique<sqlite_transaction>(pool_, true); });
    }
    std::string description() const override { return description_; }

private:
    connection_pool pool_;
    std::string description_;
};

}  // namespace

std::unique_ptr<store> open_sqlite_store(const sqlite_store_options& options) {
    return translating_failures([&] { return std::make_unique<sqlite_store>(options); });
}

int latest_schema_version() { return sqlite::newest_migration(); }

std::vector<int> applied_migrations(const std::filesystem::path& database_file) {
    return translating_failures([&] {
        SQLite::Database database(database_file.string(), SQLite::OPEN_READONLY);
        return sqlite::applied(database);
    });
}

}  // namespace pact::broker::store
