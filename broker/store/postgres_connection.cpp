#include "broker/store/postgres_connection.hpp"

#include "broker/store/store.hpp"

#include <libpq-fe.h>
#include <pqxx/connection>
#include <pqxx/except>
#include <pqxx/nontransaction>
#include <pqxx/result>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <optional>
#include <utility>

namespace pact::broker::store::postgres {
namespace {

using parsed_options = std::unique_ptr<PQconninfoOption, decltype(&PQconninfoFree)>;

std::string trimmed(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r");
    if (first == std::string_view::npos) return {};
    const auto last = text.find_last_not_of(" \t\r");
    return std::string(text.substr(first, last - first + 1));
}

// "ERROR:  x", "FATAL:  x", "DETAIL:  x" -> "x".
std::string without_severity(std::string line) {
    for (std::string_view severity : {"ERROR:", "FATAL:", "PANIC:", "WARNING:", "DETAIL:", "HINT:"}) {
        if (line.starts_with(severity)) return trimmed(std::string_view(line).substr(severity.size()));
    }
    return line;
}

// A server's report (severity prefixes, DETAIL and HINT lines, a caret under the query) as one line.
std::string one_line(std::string_view message) {
    std::string joined;
    std::size_t start = 0;
    while (start <= message.size()) {
        const auto end = std::min(message.find('\n', start), message.size());
        std::string line = trimmed(message.substr(start, end - start));
        start = end + 1;
        // The quoted query and the caret under it say nothing the statement's name does not.
        if (line.empty() || line.starts_with("LINE ") || line.find_first_not_of("^ ") == std::string::npos) continue;
        line = without_severity(std::move(line));
        if (!joined.empty()) joined += "; ";
        joined += line;
    }
    return joined;
}

// Parse errors quote the part of the string they choke on, which may be the password.
std::string without_quoted_text(std::string_view message) {
    std::string result;
    bool quoted = false;
    std::string inside;
    for (const char character : message) {
        if (character != '"') {
            (quoted ? inside : result) += character;
            continue;
        }
        if (quoted) result += inside.size() <= 1 ? '"' + inside + '"' : std::string("\"...\"");
        inside.clear();
        quoted = !quoted;
    }
    return result;
}

std::string quoted_value(std::string_view value) {
    std::string quoted = "'";
    for (const char character : value) {
        if (character == '\'' || character == '\\') quoted += '\\';
        quoted += character;
    }
    return quoted + "'";
}

std::optional<std::string> option_value(const PQconninfoOption* options, std::string_view keyword) {
    if (options == nullptr) return std::nullopt;
    for (const PQconninfoOption* option = options; option->keyword != nullptr; ++option) {
        if (keyword == option->keyword && option->val != nullptr && *option->val != '\0') return std::string(option->val);
    }
    return std::nullopt;
}

}  // namespace

connection_target::connection_target(const std::string& connection_string, std::chrono::milliseconds connect_timeout) {
    char* error = nullptr;
    parsed_options parsed(PQconninfoParse(connection_string.c_str(), &error), &PQconninfoFree);
    if (!parsed) {
        const std::string message = error != nullptr ? one_line(without_quoted_text(error)) : "out of memory";
        PQfreemem(error);
        throw store_failure("the PostgreSQL connection string is neither key=value pairs nor a postgresql:// URL: " + message);
    }
    std::vector<std::pair<std::string, std::string>> settings;
    for (const PQconninfoOption* option = parsed.get(); option->keyword != nullptr; ++option) {
        if (option->val == nullptr || *option->val == '\0') continue;
        settings.emplace_back(option->keyword, option->val);
        // libpq marks the options a connection dialog must hide (password, sslpassword) with '*'.
        if (option->dispchar != nullptr && std::string_view(option->dispchar) == "*") secrets_.emplace_back(option->val);
    }
    const auto add_default = [&](std::string keyword, std::string value) {
        if (std::ranges::none_of(settings, [&](const auto& setting) { return setting.first == keyword; }))
            settings.emplace_back(std::move(keyword), std::move(value));
    };
    const auto whole_seconds = std::max<std::int64_t>(2, (connect_timeout.count() + 999) / 1000);
    add_default("connect_timeout", std::to_string(whole_seconds));
    // Unanswered data (a vanished server, a cut network) ends the connection after the connect timeout, and an
    // idle session waiting for a long query probes the server after ten seconds, rather than after two hours.
    add_default("tcp_user_timeout", std::to_string(std::max<std::int64_t>(2'000, connect_timeout.count())));
    add_default("keepalives", "1");
    add_default("keepalives_idle", "10");
    add_default("keepalives_interval", "5");
    add_default("keepalives_count", "3");
    for (const auto& [keyword, value] : settings) {
        if (!libpq_string_.empty()) libpq_string_ += ' ';
        libpq_string_ += keyword + "=" + quoted_value(value);
    }

    // What libpq would use for what the string leaves out (environment variables, the login name).
    parsed_options defaults(PQconndefaults(), &PQconninfoFree);
    const auto setting = [&](std::string_view keyword) {
        return option_value(parsed.get(), keyword).or_else([&] { return option_value(defaults.get(), keyword); });
    };
    const std::string user = setting("user").value_or("");
    const std::string host = setting("host").or_else([&] { return setting("hostaddr"); }).value_or("[local]");  // a Unix socket, named as psql names it
    location_ = (user.empty() ? "" : user + "@") + host + ":" + setting("port").value_or("5432") + "/" + setting("dbname").value_or(user);
}

std::string connection_target::masked(std::string text) const {
    for (const std::string& secret : secrets_) {
        for (auto found = text.find(secret); found != std::string::npos; found = text.find(secret, found + 8)) text.replace(found, secret.size(), "********");
    }
    return text;
}

std::string connection_failure_sentence(const connection_target& target, std::string_view libpq_message) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (start <= libpq_message.size()) {
        const auto end = std::min(libpq_message.find('\n', start), libpq_message.size());
        std::string line = trimmed(libpq_message.substr(start, end - start));
        start = end + 1;
        if (line.empty()) continue;
        // "connection to server at "db" (10.0.0.5), port 5432 failed: FATAL:  ..." names what the location says.
        if (line.starts_with("connection to server")) {
            if (const auto failed = line.find(" failed: "); failed != std::string::npos) line = trimmed(std::string_view(line).substr(failed + 9));
        }
        line = without_severity(std::move(line));
        if (line.size() > 1 && std::isupper(static_cast<unsigned char>(line[0])) && std::islower(static_cast<unsigned char>(line[1])))
            line[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(line[0])));
        if (line.starts_with("is the server running") && !parts.empty()) {
            parts.back() += " (" + line + ")";
            continue;
        }
        // Each address of a host fails alike ("localhost" is ::1 and 127.0.0.1): say it once.
        if (std::ranges::find(parts, line) == parts.end()) parts.push_back(std::move(line));
    }
    std::string details;
    for (const auto& part : parts) details += (details.empty() ? "" : "; ") + part;
    if (details.empty()) details = "the server did not answer";
    return target.masked("cannot connect to PostgreSQL at " + target.location() + ": " + details);
}

// ---------------------------------------------------------------------------------------------------------

struct connection::session {
    explicit session(const connection_target& where) : target(where), database(where.libpq_string()) {}

    connection_target target;
    pqxx::connection database;
    std::vector<bool> prepared;  // by statement number: whether it is prepared on this session
};

namespace {

// One row of a pqxx result, read as SQLite reads its columns: NULL is 0 or "" for those who ask anyway.
class result_row final : public sql::row {
public:
    explicit result_row(std::string_view statement_name) : statement_name_(statement_name) {}
    void point_at(const pqxx::row& current) { current_ = &current; }

    [[nodiscard]] bool is_null(int column) const override { return field(column).is_null(); }
    [[nodiscard]] std::int64_t integer(int column) const override {
        const pqxx::field value = field(column);
        if (value.is_null()) return 0;
        const std::string_view text(value.c_str(), value.size());
        // A boolean expression (EXISTS, a comparison) comes back as t or f, where SQLite answers 1 or 0.
        if (text == "t") return 1;
        if (text == "f") return 0;
        std::int64_t number = 0;
        const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
        if (error != std::errc{} || end != text.data() + text.size())
            throw store_failure("column " + std::to_string(column) + " of \"" + std::string(statement_name_) + "\" is not an integer: " + std::string(text));
        return number;
    }
    [[nodiscard]] std::string text(int column) const override {
        const pqxx::field value = field(column);
        return value.is_null() ? std::string() : std::string(value.c_str(), value.size());
    }

private:
    [[nodiscard]] pqxx::field field(int column) const {
        if (column < 0 || static_cast<pqxx::row::size_type>(column) >= current_->size())
            throw store_failure("\"" + std::string(statement_name_) + "\" has no column " + std::to_string(column));
        return (*current_)[static_cast<pqxx::row::size_type>(column)];
    }

    std::string_view statement_name_;
    const pqxx::row* current_ = nullptr;
};

// Runs `work` on the session, turning what libpqxx throws into store_failure with `what` in the message. A
// session that lost its server is never used again: libpqxx would otherwise reconnect quietly, and what
// followed would run outside the transaction that was open.
template <typename Work>
auto guarded(const connection_target& target, pqxx::connection& database, std::string_view what, Work&& work) {
    const auto lost = [&](std::string_view details) {
        return store_failure(target.masked("lost the connection to PostgreSQL at " + target.location() + " (running \"" + std::string(what) +
                                           "\")" + (details.empty() ? "" : ": " + one_line(details))));
    };
    if (!database.is_open()) throw lost("");
    try {
        return work();
    } catch (const pqxx::broken_connection& failure) {
        throw lost(failure.what());
    } catch (const pqxx::pqxx_exception& failure) {
        if (!database.is_open()) throw lost(failure.base().what());
        throw store_failure(target.masked("PostgreSQL at " + target.location() + " could not run \"" + std::string(what) +
                                          "\": " + one_line(failure.base().what())));
    }
}

}  // namespace

connection::connection(const connection_target& target, std::chrono::milliseconds statement_timeout) {
    try {
        session_ = std::make_unique<session>(target);
    } catch (const pqxx::pqxx_exception& failure) {
        throw store_failure(connection_failure_sentence(target, failure.base().what()));
    }
    // Server notices (NOTICE: relation already exists, skipping) would otherwise go to stderr.
    execute("set up the session", "SET statement_timeout = " + std::to_string(statement_timeout.count()) + "; SET client_min_messages = warning");
}

connection::~connection() = default;

std::int64_t connection::run(const sql::statement& query, std::span<const sql::value> parameters, const sql::row_handler& each_row) {
    session& current = *session_;
    const std::size_t number = query.number();
    if (number >= current.prepared.size()) current.prepared.resize(std::max(number + 1, sql::statement::count()));
    const std::string name = "s" + std::to_string(number);

    // libpq takes parameters as NUL-terminated text; the server converts them to the columns' types.
    std::vector<std::string> texts;
    texts.reserve(parameters.size());  // never reallocated below: `values` points into it
    std::vector<const char*> values;
    values.reserve(parameters.size());
    for (const sql::value& parameter : parameters) {
        if (std::holds_alternative<std::monostate>(parameter)) {
            values.push_back(nullptr);
            continue;
        }
        if (const auto* integer = std::get_if<std::int64_t>(&parameter)) texts.push_back(std::to_string(*integer));
        else texts.emplace_back(std::get<std::string_view>(parameter));
        values.push_back(texts.back().c_str());
    }

    pqxx::result result;
    try {
        result = guarded(current.target, current.database, query.name(), [&] {
            if (!current.prepared[number]) {
                current.database.prepare(name, sql::numbered_placeholders(query.text()));
                current.prepared[number] = true;
            }
            pqxx::nontransaction work(current.database);
            pqxx::result answer = work.exec_prepared(name, pqxx::prepare::make_dynamic_params(values));
            work.commit();
            return answer;
        });
    } catch (const store_failure& failure) {
        if (in_transaction_ && transaction_failure_.empty()) transaction_failure_ = failure.what();
        throw;
    }
    // What the handler throws is the caller's, not a failure of the database.
    result_row row(query.name());
    for (const pqxx::row& each : result) {
        row.point_at(each);
        each_row(row);
    }
    return static_cast<std::int64_t>(result.affected_rows());
}

void connection::execute(std::string_view what, const std::string& sql_text) {
    try {
        guarded(session_->target, session_->database, what, [&] {
            pqxx::nontransaction work(session_->database);
            work.exec(sql_text);
            work.commit();
        });
    } catch (const store_failure& failure) {
        if (in_transaction_ && transaction_failure_.empty()) transaction_failure_ = failure.what();
        throw;
    }
}

void connection::begin(const std::string& begin_sql) {
    if (in_transaction_) throw store_failure("a PostgreSQL session began a transaction inside another one");
    transaction_failure_.clear();
    // In a transaction from here on, even if a statement after BEGIN in begin_sql fails: rollback() must then end it.
    in_transaction_ = true;
    execute("begin a transaction", begin_sql);
}

void connection::commit() {
    if (!in_transaction_) throw store_failure("a PostgreSQL transaction was committed after it ended");
    if (!transaction_failure_.empty()) {
        const std::string why = transaction_failure_;
        rollback();
        throw store_failure("cannot commit: PostgreSQL rolled the transaction back after a failed statement (" + why + ")");
    }
    try {
        execute("commit", "COMMIT");
        in_transaction_ = false;
    } catch (const store_failure& failure) {
        in_transaction_ = false;
        if (!broken()) throw;
        throw store_failure(std::string(failure.what()) + "; the transaction may or may not have been committed");
    }
}

void connection::rollback() noexcept {
    if (!in_transaction_) return;
    in_transaction_ = false;
    transaction_failure_.clear();
    if (broken()) return;
    try {
        execute("roll back", "ROLLBACK");
    } catch (...) {
        // The session's state is unknown now: make sure nobody uses it again.
        session_->database.disconnect();
    }
}

bool connection::broken() const { return !session_->database.is_open(); }

// ---------------------------------------------------------------------------------------------------------

connection_pool::connection_pool(connection_target target, std::size_t size, std::chrono::milliseconds statement_timeout)
    : target_(std::move(target)), size_(std::max<std::size_t>(size, 1)), statement_timeout_(statement_timeout) {}

connection_pool::lease connection_pool::take() {
    std::unique_lock lock(mutex_);
    returned_.wait(lock, [&] { return !idle_.empty() || open_ < size_; });
    if (!idle_.empty()) {
        lease taken{std::move(idle_.back()), true};
        idle_.pop_back();
        return taken;
    }
    ++open_;
    lock.unlock();  // connecting takes a round trip or a timeout: others may use idle sessions meanwhile
    try {
        return {std::make_unique<connection>(target_, statement_timeout_), false};
    } catch (...) {
        lock.lock();
        --open_;
        lock.unlock();
        returned_.notify_one();
        throw;
    }
}

void connection_pool::give_back(std::unique_ptr<connection> session) noexcept {
    if (!session) return;
    std::unique_ptr<connection> discarded;
    {
        const std::lock_guard lock(mutex_);
        if (session->broken() || session->in_transaction()) {
            --open_;
            discarded = std::move(session);
        } else {
            idle_.push_back(std::move(session));
        }
    }
    returned_.notify_one();
}  // a discarded session closes here, outside the lock

session_pool_usage connection_pool::usage() const {
    const std::lock_guard lock(mutex_);
    return {.in_use = open_ - idle_.size(), .open = open_, .capacity = size_};
}

// ---------------------------------------------------------------------------------------------------------

namespace {

const std::string begin_reader = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";
// READ COMMITTED: the writer lock already excludes other writers. A writer commits without waiting for the disk,
// so that the lock is not held through the flush of the write-ahead log; commit() then waits for the flush after
// letting the lock go (wait_for_disk). Writers waiting together share PostgreSQL's flushes: a group commit.
// One round trip: the lock is taken in the statement that begins the transaction.
const std::string begin_writer =
    "BEGIN; SET LOCAL synchronous_commit = off; SELECT pg_advisory_xact_lock(" + std::to_string(writer_lock_key) + ")";
// A transaction that writes to the log commits synchronously (the session's setting), flushing the log up to its
// own commit record and so past every commit before it, the writer's included. A transactional logical message
// is the smallest such write any user may make (one that only takes a transaction id writes nothing, and
// PostgreSQL commits it without a flush).
const std::string wait_for_disk = "SELECT pg_logical_emit_message(true, 'pact-broker', '')";

}  // namespace

pooled_transaction::pooled_transaction(connection_pool& pool, transaction_kind kind) : pool_(pool) {
    if (kind == transaction_kind::writer) writer_lock_ = std::unique_lock(pool.writer_mutex());
    for (;;) {
        auto lease = pool_.take();
        try {
            lease.session->begin(kind == transaction_kind::writer ? begin_writer : begin_reader);
            session_ = std::move(lease.session);
            return;
        } catch (const store_failure&) {
            const bool stale = lease.reused && lease.session->broken();
            lease.session->rollback();
            pool_.give_back(std::move(lease.session));
            // Nothing ran yet, so a session that died while idle is simply replaced; the pool holds few of them.
            if (!stale) throw;
        }
    }
}

pooled_transaction::~pooled_transaction() {
    if (!session_) return;
    session_->rollback();
    pool_.give_back(std::move(session_));
}

void pooled_transaction::commit() {
    session_->commit();
    if (!writer_lock_.owns_lock()) return;
    writer_lock_.unlock();
    try {
        session_->execute("wait for the commit to reach the disk", wait_for_disk);
    } catch (const store_failure& failure) {
        throw store_failure(std::string(failure.what()) + "; the transaction was committed but may not be on disk");
    }
}

}  // namespace pact::broker::store::postgres
