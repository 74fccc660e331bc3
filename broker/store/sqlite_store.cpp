#include "broker/store/sqlite_store.hpp"

#include "broker/store/sqlite_migrations.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <mutex>
#include <unordered_map>

namespace pact::broker::store {
namespace {

// ---------------------------------------------------------------------------------------------------------
// Connections, prepared statements, binding and reading rows

// Statements are prepared once per connection and reused; a statement is reset as soon as its use ends so
// that it never holds a read lock past the query.
class connection {
public:
    connection(const std::filesystem::path& file, std::chrono::milliseconds busy_timeout)
        : database_(file.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE, static_cast<int>(busy_timeout.count())) {
        write_ahead_log_ = database_.execAndGet("PRAGMA journal_mode = WAL").getString() == "wal";
        // A committed write survives a power cut: in WAL mode the store syncs the log itself after each
        // commit (group_commit below), so SQLite need not; otherwise SQLite syncs every commit.
        database_.exec(write_ahead_log_ ? "PRAGMA synchronous = NORMAL" : "PRAGMA synchronous = FULL");
        database_.exec("PRAGMA foreign_keys = ON");
    }
    SQLite::Database& database() { return database_; }
    [[nodiscard]] bool write_ahead_log() const { return write_ahead_log_; }
    SQLite::Statement& prepare(const std::string& sql) {
        auto& statement = statements_[&sql];
        if (!statement) statement = std::make_unique<SQLite::Statement>(database_, sql);
        return *statement;
    }

private:
    SQLite::Database database_;
    bool write_ahead_log_ = false;
    std::unordered_map<const std::string*, std::unique_ptr<SQLite::Statement>> statements_;
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

class statement_use {
public:
    explicit statement_use(SQLite::Statement& statement) : statement_(statement) {}
    ~statement_use() {
        statement_.tryReset();
        statement_.clearBindings();
    }
    statement_use(const statement_use&) = delete;
    statement_use& operator=(const statement_use&) = delete;
    SQLite::Statement* operator->() { return &statement_; }
    SQLite::Statement& operator*() { return statement_; }

private:
    SQLite::Statement& statement_;
};

void bind_one(SQLite::Statement& statement, int index, std::string_view value) { statement.bind(index, std::string(value)); }
void bind_one(SQLite::Statement& statement, int index, const std::string& value) { statement.bind(index, value); }
void bind_one(SQLite::Statement& statement, int index, std::int64_t value) { statement.bind(index, static_cast<int64_t>(value)); }
void bind_one(SQLite::Statement& statement, int index, bool value) { statement.bind(index, value ? 1 : 0); }
void bind_one(SQLite::Statement& statement, int index, const std::optional<std::string>& value) {
    if (value) statement.bind(index, *value);
    else statement.bind(index);
}
void bind_one(SQLite::Statement& statement, int index, const std::optional<row_id>& value) {
    if (value) statement.bind(index, static_cast<int64_t>(*value));
    else statement.bind(index);
}

template <typename... Arguments>
void bind_all(SQLite::Statement& statement, const Arguments&... arguments) {
    int index = 0;
    (bind_one(statement, ++index, arguments), ...);
}

std::optional<std::string> optional_text(SQLite::Statement& statement, int column) {
    auto value = statement.getColumn(column);
    if (value.isNull()) return std::nullopt;
    return value.getString();
}
std::string text(SQLite::Statement& statement, int column) { return statement.getColumn(column).getString(); }
row_id integer(SQLite::Statement& statement, int column) { return statement.getColumn(column).getInt64(); }

// Column lists, with the table alias every query uses for that table, and their readers.
const std::string pacticipant_columns = "p.id, p.name, p.display_name, p.main_branch, p.repository_url, p.created_at, p.updated_at";
pacticipant_record read_pacticipant(SQLite::Statement& s) {
    return {integer(s, 0), text(s, 1), optional_text(s, 2), optional_text(s, 3), optional_text(s, 4), text(s, 5), text(s, 6)};
}
const std::string version_columns = "v.id, v.pacticipant_id, v.number, v.build_url, v.created_at";
version_record read_version(SQLite::Statement& s) { return {integer(s, 0), integer(s, 1), text(s, 2), optional_text(s, 3), text(s, 4)}; }
const std::string branch_columns = "b.id, b.pacticipant_id, b.name, b.created_at";
branch_record read_branch(SQLite::Statement& s) { return {integer(s, 0), integer(s, 1), text(s, 2), text(s, 3)}; }
const std::string pact_version_columns = "pv.id, pv.consumer_id, pv.provider_id, pv.sha, pv.content, pv.created_at";
pact_version_record read_pact_version(SQLite::Statement& s) {
    return {integer(s, 0), integer(s, 1), integer(s, 2), text(s, 3), text(s, 4), text(s, 5)};
}
const std::string publication_columns = "pp.id, pp.consumer_id, pp.provider_id, pp.consumer_version_id, pp.pact_version_id, pp.created_at";
pact_publication_record read_publication(SQLite::Statement& s) {
    return {integer(s, 0), integer(s, 1), integer(s, 2), integer(s, 3), integer(s, 4), text(s, 5)};
}
const std::string verification_columns =
    "vr.id, vr.pact_version_id, vr.provider_version_id, vr.number, vr.success, vr.build_url, vr.test_results, vr.verified_by, vr.created_at, vr.wip";
verification_record read_verification(SQLite::Statement& s) {
    return {integer(s, 0), integer(s, 1), integer(s, 2),  integer(s, 3), integer(s, 4) != 0,
            optional_text(s, 5), text(s, 6), text(s, 7), text(s, 8), integer(s, 9) != 0};
}
const std::string environment_columns = "e.id, e.uuid, e.name, e.display_name, e.production, e.contacts, e.created_at, e.updated_at";
environment_record read_environment(SQLite::Statement& s) {
    return {integer(s, 0), text(s, 1), text(s, 2), text(s, 3), integer(s, 4) != 0, text(s, 5), text(s, 6), text(s, 7)};
}
const std::string deployed_columns =
    "d.id, d.uuid, d.version_id, d.pacticipant_id, d.environment_id, d.application_instance, d.target, d.created_at, d.undeployed_at";
deployed_version_record read_deployed(SQLite::Statement& s) {
    return {integer(s, 0), text(s, 1), integer(s, 2), integer(s, 3), integer(s, 4), optional_text(s, 5), optional_text(s, 6), text(s, 7), optional_text(s, 8)};
}
const std::string released_columns = "r.id, r.uuid, r.version_id, r.pacticipant_id, r.environment_id, r.created_at, r.support_ended_at";
released_version_record read_released(SQLite::Statement& s) {
    return {integer(s, 0), text(s, 1), integer(s, 2), integer(s, 3), integer(s, 4), text(s, 5), optional_text(s, 6)};
}

const std::string webhook_columns =
    "w.id, w.uuid, w.description, w.consumer_name, w.consumer_label, w.provider_name, w.provider_label, w.request_method, w.request_url,"
    " w.request_headers, w.request_body, w.request_username, w.request_password, w.enabled, w.created_at, w.updated_at";
webhook_record read_webhook(SQLite::Statement& s) {  // without its events, read separately
    return {integer(s, 0),       text(s, 1),          optional_text(s, 2),  optional_text(s, 3),  optional_text(s, 4), optional_text(s, 5),
            optional_text(s, 6), {},                  text(s, 7),           text(s, 8),           text(s, 9),          optional_text(s, 10),
            optional_text(s, 11), optional_text(s, 12), integer(s, 13) != 0, text(s, 14),          text(s, 15)};
}
const std::string triggered_columns =
    "t.id, t.uuid, t.webhook_id, t.webhook_uuid, t.event_name, t.trigger_type, t.consumer_name, t.provider_name, t.context, t.status,"
    " t.attempts_made, t.last_attempt_at_ms, t.created_at, t.updated_at";
triggered_webhook_record read_triggered(SQLite::Statement& s) {
    auto last_attempt = s.getColumn(11);
    return {integer(s, 0), text(s, 1), integer(s, 2), text(s, 3), text(s, 4), text(s, 5), text(s, 6), text(s, 7), text(s, 8), text(s, 9),
            integer(s, 10), last_attempt.isNull() ? std::nullopt : std::optional<std::int64_t>(last_attempt.getInt64()), text(s, 12), text(s, 13)};
}
const std::string execution_columns = "x.id, x.triggered_webhook_id, x.success, x.logs, x.created_at";
webhook_execution_record read_execution(SQLite::Statement& s) { return {integer(s, 0), integer(s, 1), integer(s, 2) != 0, text(s, 3), text(s, 4)}; }

// ---------------------------------------------------------------------------------------------------------
// SQL

const std::string sql_find_pacticipant_by_name = "SELECT " + pacticipant_columns + " FROM pacticipants p WHERE p.name = ?";
const std::string sql_find_pacticipant_by_id = "SELECT " + pacticipant_columns + " FROM pacticipants p WHERE p.id = ?";
const std::string sql_list_pacticipants = "SELECT " + pacticipant_columns + " FROM pacticipants p ORDER BY p.name";
const std::string sql_labels_of = "SELECT l.pacticipant_id, l.name, l.created_at FROM labels l WHERE l.pacticipant_id = ? ORDER BY l.name";
const std::string sql_pacticipants_with_label =
    "SELECT " + pacticipant_columns + " FROM labels l JOIN pacticipants p ON p.id = l.pacticipant_id WHERE l.name = ? ORDER BY p.name";
const std::string sql_insert_label = "INSERT OR IGNORE INTO labels (pacticipant_id, name, created_at) VALUES (?, ?, ?)";
const std::string sql_delete_label = "DELETE FROM labels WHERE pacticipant_id = ? AND name = ?";
const std::string sql_insert_pacticipant =
    "INSERT INTO pacticipants (name, display_name, main_branch, repository_url, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)";
const std::string sql_update_pacticipant =
    "UPDATE pacticipants SET name = ?, display_name = ?, main_branch = ?, repository_url = ?, updated_at = ? WHERE id = ?";

const std::string sql_find_version = "SELECT " + version_columns + " FROM versions v WHERE v.pacticipant_id = ? AND v.number = ?";
const std::string sql_find_version_by_id = "SELECT " + version_columns + " FROM versions v WHERE v.id = ?";
const std::string sql_list_versions = "SELECT " + version_columns + " FROM versions v WHERE v.pacticipant_id = ? ORDER BY v.id DESC";
const std::string sql_latest_version = "SELECT " + version_columns + " FROM versions v WHERE v.pacticipant_id = ? ORDER BY v.id DESC LIMIT 1";
const std::string sql_versions_with_tag = "SELECT " + version_columns +
                                          " FROM tags t JOIN versions v ON v.id = t.version_id"
                                          " WHERE t.pacticipant_id = ? AND t.name = ? ORDER BY t.version_id DESC";
const std::string sql_latest_version_with_tag = sql_versions_with_tag + " LIMIT 1";
const std::string sql_versions_on_branch = "SELECT " + version_columns +
                                           " FROM branches b JOIN branch_versions bv ON bv.branch_id = b.id"
                                           " JOIN versions v ON v.id = bv.version_id"
                                           " WHERE b.pacticipant_id = ? AND b.name = ? ORDER BY bv.version_id DESC";
const std::string sql_latest_version_on_branch = sql_versions_on_branch + " LIMIT 1";
const std::string sql_insert_version = "INSERT INTO versions (pacticipant_id, number, build_url, created_at) VALUES (?, ?, ?, ?)";
const std::string sql_update_version = "UPDATE versions SET build_url = ? WHERE id = ?";

const std::string sql_find_branch = "SELECT " + branch_columns + " FROM branches b WHERE b.pacticipant_id = ? AND b.name = ?";
const std::string sql_list_branches = "SELECT " + branch_columns + " FROM branches b WHERE b.pacticipant_id = ? ORDER BY b.id DESC";
const std::string sql_branches_of_version =
    "SELECT b.id, b.name, bv.version_id, bv.created_at FROM branch_versions bv JOIN branches b ON b.id = bv.branch_id"
    " WHERE bv.version_id = ? ORDER BY bv.created_at, b.id";
const std::string sql_insert_branch = "INSERT INTO branches (pacticipant_id, name, created_at) VALUES (?, ?, ?)";
const std::string sql_insert_branch_version = "INSERT OR IGNORE INTO branch_versions (branch_id, version_id, created_at) VALUES (?, ?, ?)";
const std::string sql_delete_branch = "DELETE FROM branches WHERE id = ?";
const std::string sql_tags_of_version = "SELECT t.version_id, t.name, t.created_at FROM tags t WHERE t.version_id = ? ORDER BY t.created_at, t.name";
// Distinct names by skipping through the (pacticipant_id, name, version_id) index: one seek per name.
const std::string sql_tag_names =
    "WITH RECURSIVE names(name) AS ("
    "  SELECT MIN(name) FROM tags WHERE pacticipant_id = ?1"
    "  UNION ALL SELECT (SELECT MIN(name) FROM tags WHERE pacticipant_id = ?1 AND name > names.name) FROM names WHERE names.name IS NOT NULL)"
    " SELECT name FROM names WHERE name IS NOT NULL";
const std::string sql_tag_first_used = "SELECT MIN(created_at) FROM tags WHERE pacticipant_id = ? AND name = ?";
const std::string sql_insert_tag = "INSERT OR IGNORE INTO tags (version_id, name, pacticipant_id, created_at) VALUES (?, ?, ?, ?)";
const std::string sql_delete_tag = "DELETE FROM tags WHERE version_id = ? AND name = ?";

const std::string sql_find_pact_version_by_sha =
    "SELECT " + pact_version_columns + " FROM pact_versions pv WHERE pv.consumer_id = ? AND pv.provider_id = ? AND pv.sha = ?";
const std::string sql_find_pact_version_by_id = "SELECT " + pact_version_columns + " FROM pact_versions pv WHERE pv.id = ?";
const std::string sql_insert_pact_version =
    "INSERT INTO pact_versions (consumer_id, provider_id, sha, content, created_at) VALUES (?, ?, ?, ?, ?)";
const std::string sql_find_publication =
    "SELECT " + publication_columns + " FROM pact_publications pp WHERE pp.consumer_version_id = ? AND pp.provider_id = ?";
const std::string sql_publications_of_consumer_version =
    "SELECT " + publication_columns + " FROM pact_publications pp WHERE pp.consumer_version_id = ? ORDER BY pp.provider_id";
const std::string sql_publications_of_pact_version =
    "SELECT " + publication_columns + " FROM pact_publications pp WHERE pp.pact_version_id = ? ORDER BY pp.consumer_version_id DESC";
const std::string sql_publications_of_pair =
    "SELECT " + publication_columns + " FROM pact_publications pp WHERE pp.consumer_id = ? AND pp.provider_id = ? ORDER BY pp.consumer_version_id DESC";
const std::string sql_latest_publication = sql_publications_of_pair + " LIMIT 1";
const std::string sql_publications_with_tag = "SELECT " + publication_columns +
                                              " FROM tags t JOIN pact_publications pp ON pp.consumer_version_id = t.version_id AND pp.provider_id = ?2"
                                              " WHERE t.pacticipant_id = ?1 AND t.name = ?3 ORDER BY t.version_id DESC";
const std::string sql_latest_publication_with_tag = sql_publications_with_tag + " LIMIT 1";
const std::string sql_publications_on_branch =
    "SELECT " + publication_columns +
    " FROM branches b JOIN branch_versions bv ON bv.branch_id = b.id"
    " JOIN pact_publications pp ON pp.consumer_version_id = bv.version_id AND pp.provider_id = ?2"
    " WHERE b.pacticipant_id = ?1 AND b.name = ?3 ORDER BY bv.version_id DESC";
const std::string sql_latest_publication_on_branch = sql_publications_on_branch + " LIMIT 1";
const std::string sql_consumers_of = "SELECT consumer_id FROM integrations WHERE provider_id = ? ORDER BY consumer_id";
const std::string sql_providers_of = "SELECT provider_id FROM integrations WHERE consumer_id = ? ORDER BY provider_id";
const std::string sql_latest_publications =
    "SELECT " + publication_columns +
    " FROM integrations i JOIN pact_publications pp ON pp.id = ("
    "   SELECT latest.id FROM pact_publications latest WHERE latest.consumer_id = i.consumer_id AND latest.provider_id = i.provider_id"
    "   ORDER BY latest.consumer_version_id DESC LIMIT 1)";
const std::string sql_insert_publication =
    "INSERT INTO pact_publications (consumer_id, provider_id, consumer_version_id, pact_version_id, created_at) VALUES (?, ?, ?, ?, ?)";
const std::string sql_insert_integration = "INSERT OR IGNORE INTO integrations (consumer_id, provider_id, created_at) VALUES (?, ?, ?)";
// The foreign keys cascade (migration 1): deleting the row deletes what belongs to it.
const std::string sql_delete_pacticipant = "DELETE FROM pacticipants WHERE id = ?";
// Webhooks and their deliveries name their pacticipants instead of referring to their rows.
const std::string sql_delete_webhooks_of_pacticipant = "DELETE FROM webhooks WHERE consumer_name = ?1 OR provider_name = ?1";
const std::string sql_delete_triggered_webhooks_of_pacticipant = "DELETE FROM triggered_webhooks WHERE consumer_name = ?1 OR provider_name = ?1";
const std::string sql_delete_version = "DELETE FROM versions WHERE id = ?";
const std::string sql_delete_publication = "DELETE FROM pact_publications WHERE id = ?";
const std::string sql_delete_orphan_integrations =
    "DELETE FROM integrations WHERE NOT EXISTS (SELECT 1 FROM pact_publications pp"
    " WHERE pp.consumer_id = integrations.consumer_id AND pp.provider_id = integrations.provider_id)";
const std::string sql_replace_publication_content = "UPDATE pact_publications SET pact_version_id = ?, created_at = ? WHERE id = ?";

const std::string sql_verifications_of_pact_version =
    "SELECT " + verification_columns + " FROM verifications vr WHERE vr.pact_version_id = ? ORDER BY vr.number";
const std::string sql_find_verification = "SELECT " + verification_columns + " FROM verifications vr WHERE vr.pact_version_id = ? AND vr.number = ?";
const std::string sql_latest_verification =
    "SELECT " + verification_columns + " FROM verifications vr WHERE vr.pact_version_id = ? ORDER BY vr.number DESC LIMIT 1";
const std::string sql_latest_verification_by = "SELECT " + verification_columns +
                                               " FROM verifications vr WHERE vr.pact_version_id = ? AND vr.provider_version_id = ?"
                                               " ORDER BY vr.id DESC LIMIT 1";
const std::string sql_verifications_by_provider_version =
    "SELECT " + verification_columns + " FROM verifications vr WHERE vr.provider_version_id = ? ORDER BY vr.id";
// The last parameter of each is 1 to leave out verifications made while the pact was work in progress.
const std::string sql_verified_from_branch =
    "SELECT 1 FROM verifications vr JOIN branch_versions bv ON bv.version_id = vr.provider_version_id"
    " JOIN branches b ON b.id = bv.branch_id"
    " WHERE vr.pact_version_id = ? AND vr.success = 1 AND b.pacticipant_id = ? AND b.name = ? AND (vr.wip = 0 OR ? = 0) LIMIT 1";
const std::string sql_verified_with_tag =
    "SELECT 1 FROM verifications vr JOIN tags t ON t.version_id = vr.provider_version_id"
    " WHERE vr.pact_version_id = ? AND vr.success = 1 AND t.pacticipant_id = ? AND t.name = ? AND (vr.wip = 0 OR ? = 0) LIMIT 1";
const std::string sql_verified =
    "SELECT 1 FROM verifications vr WHERE vr.pact_version_id = ? AND vr.success = 1 AND (vr.wip = 0 OR ? = 0) LIMIT 1";
const std::string sql_verified_before =
    "SELECT 1 FROM verifications vr WHERE vr.pact_version_id = ? AND vr.success = 1 AND vr.created_at < ? AND (vr.wip = 0 OR ? = 0) LIMIT 1";
const std::string sql_next_verification_number = "SELECT COALESCE(MAX(number), 0) + 1 FROM verifications WHERE pact_version_id = ?";
const std::string sql_insert_verification =
    "INSERT INTO verifications (pact_version_id, provider_version_id, number, success, build_url, test_results, verified_by, created_at, wip)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

const std::string sql_find_environment_by_uuid = "SELECT " + environment_columns + " FROM environments e WHERE e.uuid = ?";
const std::string sql_find_environment_by_name = "SELECT " + environment_columns + " FROM environments e WHERE e.name = ?";
const std::string sql_find_environment_by_id = "SELECT " + environment_columns + " FROM environments e WHERE e.id = ?";
const std::string sql_list_environments = "SELECT " + environment_columns + " FROM environments e ORDER BY e.name";
const std::string sql_insert_environment =
    "INSERT INTO environments (uuid, name, display_name, production, contacts, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)";
const std::string sql_update_environment =
    "UPDATE environments SET name = ?, display_name = ?, production = ?, contacts = ?, updated_at = ? WHERE id = ?";
const std::string sql_delete_environment = "DELETE FROM environments WHERE id = ?";

const std::string sql_find_deployed = "SELECT " + deployed_columns + " FROM deployed_versions d WHERE d.uuid = ?";
const std::string sql_currently_deployed = "SELECT " + deployed_columns +
                                           " FROM deployed_versions d WHERE d.environment_id = ?1 AND d.undeployed_at IS NULL"
                                           " AND (?2 IS NULL OR d.pacticipant_id = ?2) ORDER BY d.id DESC";
const std::string sql_deployments_of_version = "SELECT " + deployed_columns + " FROM deployed_versions d WHERE d.version_id = ? ORDER BY d.id DESC";
const std::string sql_insert_deployed =
    "INSERT INTO deployed_versions (uuid, version_id, pacticipant_id, environment_id, application_instance, target, created_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?)";
const std::string sql_mark_undeployed = "UPDATE deployed_versions SET undeployed_at = ? WHERE id = ? AND undeployed_at IS NULL";
const std::string sql_find_released = "SELECT " + released_columns + " FROM released_versions r WHERE r.uuid = ?";
const std::string sql_find_release = "SELECT " + released_columns + " FROM released_versions r WHERE r.version_id = ? AND r.environment_id = ?";
const std::string sql_currently_supported = "SELECT " + released_columns +
                                            " FROM released_versions r WHERE r.environment_id = ?1 AND r.support_ended_at IS NULL"
                                            " AND (?2 IS NULL OR r.pacticipant_id = ?2) ORDER BY r.id DESC";
const std::string sql_releases_of_version = "SELECT " + released_columns + " FROM released_versions r WHERE r.version_id = ? ORDER BY r.id DESC";
const std::string sql_insert_released =
    "INSERT INTO released_versions (uuid, version_id, pacticipant_id, environment_id, created_at) VALUES (?, ?, ?, ?, ?)";
const std::string sql_mark_support_ended = "UPDATE released_versions SET support_ended_at = ? WHERE id = ? AND support_ended_at IS NULL";
const std::string sql_mark_supported_again = "UPDATE released_versions SET support_ended_at = NULL WHERE id = ?";

const std::string sql_find_webhook = "SELECT " + webhook_columns + " FROM webhooks w WHERE w.uuid = ?";
const std::string sql_list_webhooks = "SELECT " + webhook_columns + " FROM webhooks w ORDER BY w.id";
// A label filter is one probe of the labels primary key for the pacticipant named in the event.
const std::string sql_webhooks_to_trigger =
    "SELECT " + webhook_columns +
    " FROM webhook_events e JOIN webhooks w ON w.id = e.webhook_id"
    " WHERE e.name = ?1 AND w.enabled = 1"
    " AND ((w.consumer_name IS NULL AND w.consumer_label IS NULL) OR w.consumer_name = ?2"
    "      OR EXISTS (SELECT 1 FROM labels l JOIN pacticipants p ON p.id = l.pacticipant_id WHERE p.name = ?2 AND l.name = w.consumer_label))"
    " AND ((w.provider_name IS NULL AND w.provider_label IS NULL) OR w.provider_name = ?3"
    "      OR EXISTS (SELECT 1 FROM labels l JOIN pacticipants p ON p.id = l.pacticipant_id WHERE p.name = ?3 AND l.name = w.provider_label))"
    " ORDER BY w.id";
const std::string sql_events_of_webhook = "SELECT name FROM webhook_events WHERE webhook_id = ? ORDER BY position";
const std::string sql_insert_webhook =
    "INSERT INTO webhooks (uuid, description, consumer_name, consumer_label, provider_name, provider_label, request_method, request_url,"
    " request_headers, request_body, request_username, request_password, enabled, created_at, updated_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
const std::string sql_update_webhook =
    "UPDATE webhooks SET description = ?, consumer_name = ?, consumer_label = ?, provider_name = ?, provider_label = ?, request_method = ?,"
    " request_url = ?, request_headers = ?, request_body = ?, request_username = ?, request_password = ?, enabled = ?, updated_at = ?"
    " WHERE id = ?";
const std::string sql_delete_webhook = "DELETE FROM webhooks WHERE id = ?";
const std::string sql_delete_webhook_events = "DELETE FROM webhook_events WHERE webhook_id = ?";
const std::string sql_insert_webhook_event = "INSERT INTO webhook_events (webhook_id, position, name) VALUES (?, ?, ?)";
const std::string sql_find_triggered = "SELECT " + triggered_columns + " FROM triggered_webhooks t WHERE t.uuid = ?";
const std::string sql_triggered_of_pair =
    "SELECT " + triggered_columns + " FROM triggered_webhooks t WHERE t.consumer_name = ? AND t.provider_name = ? ORDER BY t.id DESC";
const std::string sql_pending_triggered =
    "SELECT " + triggered_columns + " FROM triggered_webhooks t WHERE t.status IN ('not_run', 'retrying') ORDER BY t.id";
const std::string sql_insert_triggered =
    "INSERT INTO triggered_webhooks (uuid, webhook_id, webhook_uuid, event_name, trigger_type, consumer_name, provider_name, context, status,"
    " attempts_made, last_attempt_at_ms, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
const std::string sql_update_triggered =
    "UPDATE triggered_webhooks SET status = ?, attempts_made = ?, last_attempt_at_ms = ?, updated_at = ? WHERE id = ?";
const std::string sql_executions_of = "SELECT " + execution_columns + " FROM webhook_executions x WHERE x.triggered_webhook_id = ? ORDER BY x.id";
const std::string sql_insert_execution = "INSERT INTO webhook_executions (triggered_webhook_id, success, logs, created_at) VALUES (?, ?, ?, ?)";

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

    std::unique_ptr<connection> take() {
        {
            std::lock_guard lock(mutex_);
            if (!idle_.empty()) {
                auto taken = std::move(idle_.back());
                idle_.pop_back();
                return taken;
            }
        }
        return std::make_unique<connection>(options_.database_file, options_.busy_timeout);
    }
    void give_back(std::unique_ptr<connection> returned) {
        std::lock_guard lock(mutex_);
        idle_.push_back(std::move(returned));
    }
    std::mutex& writer_mutex() { return writer_mutex_; }
    group_commit& commits() { return group_commit_; }

private:
    sqlite_store_options options_;
    group_commit group_commit_;
    std::mutex mutex_;
    std::vector<std::unique_ptr<connection>> idle_;
    std::mutex writer_mutex_;  // one writer per process; BEGIN IMMEDIATE + busy timeout across processes
};

class sqlite_transaction final : public store_writer {
public:
    // A writer holds the writer lock for its whole life; a reader takes none.
    sqlite_transaction(connection_pool& pool, bool writing)
        : pool_(pool),
          writer_lock_(writing ? std::unique_lock(pool.writer_mutex()) : std::unique_lock<std::mutex>()),
          connection_(pool.take()),
          transaction_(std::in_place, connection_->database(), writing ? SQLite::TransactionBehavior::IMMEDIATE : SQLite::TransactionBehavior::DEFERRED) {}

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

    // Pacticipants
    std::optional<pacticipant_record> find_pacticipant(std::string_view name) override { return one(sql_find_pacticipant_by_name, read_pacticipant, name); }
    std::optional<pacticipant_record> find_pacticipant(row_id id) override { return one(sql_find_pacticipant_by_id, read_pacticipant, id); }
    std::vector<pacticipant_record> list_pacticipants() override { return many(sql_list_pacticipants, read_pacticipant); }
    row_id insert_pacticipant(const pacticipant_record& p) override {
        return insert(sql_insert_pacticipant, p.name, p.display_name, p.main_branch, p.repository_url, p.created_at, p.updated_at);
    }
    void update_pacticipant(const pacticipant_record& p) override {
        execute(sql_update_pacticipant, p.name, p.display_name, p.main_branch, p.repository_url, p.updated_at, p.id);
    }
    std::vector<label_record> labels_of(row_id pacticipant_id) override {
        return many(sql_labels_of, [](SQLite::Statement& s) { return label_record{integer(s, 0), text(s, 1), text(s, 2)}; }, pacticipant_id);
    }
    std::vector<pacticipant_record> pacticipants_with_label(std::string_view label) override {
        return many(sql_pacticipants_with_label, read_pacticipant, label);
    }
    bool add_label(row_id pacticipant_id, std::string_view label, std::string_view now) override {
        return execute(sql_insert_label, pacticipant_id, label, now) > 0;
    }
    bool delete_label(row_id pacticipant_id, std::string_view label) override { return execute(sql_delete_label, pacticipant_id, label) > 0; }

    // Versions
    std::optional<version_record> find_version(row_id pacticipant_id, std::string_view number) override {
        return one(sql_find_version, read_version, pacticipant_id, number);
    }
    std::optional<version_record> find_version(row_id version_id) override { return one(sql_find_version_by_id, read_version, version_id); }
    std::vector<version_record> list_versions(row_id pacticipant_id) override { return many(sql_list_versions, read_version, pacticipant_id); }
    std::optional<version_record> latest_version(row_id pacticipant_id) override { return one(sql_latest_version, read_version, pacticipant_id); }
    std::optional<version_record> latest_version_with_tag(row_id pacticipant_id, std::string_view tag) override {
        return one(sql_latest_version_with_tag, read_version, pacticipant_id, tag);
    }
    std::vector<version_record> versions_with_tag(row_id pacticipant_id, std::string_view tag) override {
        return many(sql_versions_with_tag, read_version, pacticipant_id, tag);
    }
    std::optional<version_record> latest_version_on_branch(row_id pacticipant_id, std::string_view branch) override {
        return one(sql_latest_version_on_branch, read_version, pacticipant_id, branch);
    }
    std::vector<version_record> versions_on_branch(row_id pacticipant_id, std::string_view branch) override {
        return many(sql_versions_on_branch, read_version, pacticipant_id, branch);
    }
    row_id insert_version(const version_record& v) override { return insert(sql_insert_version, v.pacticipant_id, v.number, v.build_url, v.created_at); }
    void update_version(const version_record& v) override { execute(sql_update_version, v.build_url, v.id); }

    // Branches and tags
    std::optional<branch_record> find_branch(row_id pacticipant_id, std::string_view name) override {
        return one(sql_find_branch, read_branch, pacticipant_id, name);
    }
    std::vector<branch_record> list_branches(row_id pacticipant_id) override { return many(sql_list_branches, read_branch, pacticipant_id); }
    std::vector<branch_version_record> branches_of_version(row_id version_id) override {
        return many(sql_branches_of_version, [](SQLite::Statement& s) {
            return branch_version_record{integer(s, 0), text(s, 1), integer(s, 2), text(s, 3)};
        }, version_id);
    }
    std::vector<tag_record> tags_of_version(row_id version_id) override {
        return many(sql_tags_of_version, [](SQLite::Statement& s) { return tag_record{integer(s, 0), text(s, 1), text(s, 2)}; }, version_id);
    }
    std::vector<std::string> tag_names(row_id pacticipant_id) override {
        return many(sql_tag_names, [](SQLite::Statement& s) { return text(s, 0); }, pacticipant_id);
    }
    std::optional<std::string> tag_first_used(row_id pacticipant_id, std::string_view tag) override {
        return one(sql_tag_first_used, [](SQLite::Statement& s) { return optional_text(s, 0); }, pacticipant_id, tag).value_or(std::nullopt);
    }
    bool add_version_to_branch(row_id pacticipant_id, std::string_view branch, row_id version_id, std::string_view now) override {
        auto existing = find_branch(pacticipant_id, branch);
        row_id branch_id = existing ? existing->id : insert(sql_insert_branch, pacticipant_id, branch, now);
        return execute(sql_insert_branch_version, branch_id, version_id, now) > 0;
    }
    void delete_branch(row_id branch_id) override { execute(sql_delete_branch, branch_id); }
    bool add_tag(row_id pacticipant_id, row_id version_id, std::string_view tag, std::string_view now) override {
        return execute(sql_insert_tag, version_id, tag, pacticipant_id, now) > 0;
    }
    bool delete_tag(row_id version_id, std::string_view tag) override { return execute(sql_delete_tag, version_id, tag) > 0; }

    // Pacts
    std::optional<pact_version_record> find_pact_version(row_id consumer_id, row_id provider_id, std::string_view sha) override {
        return one(sql_find_pact_version_by_sha, read_pact_version, consumer_id, provider_id, sha);
    }
    std::optional<pact_version_record> find_pact_version(row_id pact_version_id) override {
        return one(sql_find_pact_version_by_id, read_pact_version, pact_version_id);
    }
    std::optional<pact_publication_record> find_pact_publication(row_id consumer_version_id, row_id provider_id) override {
        return one(sql_find_publication, read_publication, consumer_version_id, provider_id);
    }
    std::vector<pact_publication_record> publications_of_consumer_version(row_id consumer_version_id) override {
        return many(sql_publications_of_consumer_version, read_publication, consumer_version_id);
    }
    std::vector<pact_publication_record> publications_of_pact_version(row_id pact_version_id) override {
        return many(sql_publications_of_pact_version, read_publication, pact_version_id);
    }
    std::vector<pact_publication_record> publications_of_pair(row_id consumer_id, row_id provider_id) override {
        return many(sql_publications_of_pair, read_publication, consumer_id, provider_id);
    }
    std::optional<pact_publication_record> latest_publication(row_id consumer_id, row_id provider_id) override {
        return one(sql_latest_publication, read_publication, consumer_id, provider_id);
    }
    std::optional<pact_publication_record> latest_publication_with_tag(row_id consumer_id, row_id provider_id, std::string_view tag) override {
        return one(sql_latest_publication_with_tag, read_publication, consumer_id, provider_id, tag);
    }
    std::optional<pact_publication_record> latest_publication_on_branch(row_id consumer_id, row_id provider_id, std::string_view branch) override {
        return one(sql_latest_publication_on_branch, read_publication, consumer_id, provider_id, branch);
    }
    std::vector<pact_publication_record> publications_on_branch(row_id consumer_id, row_id provider_id, std::string_view branch) override {
        return many(sql_publications_on_branch, read_publication, consumer_id, provider_id, branch);
    }
    std::vector<pact_publication_record> publications_with_tag(row_id consumer_id, row_id provider_id, std::string_view tag) override {
        return many(sql_publications_with_tag, read_publication, consumer_id, provider_id, tag);
    }
    std::vector<row_id> consumers_of(row_id provider_id) override { return many(sql_consumers_of, [](SQLite::Statement& s) { return integer(s, 0); }, provider_id); }
    std::vector<row_id> providers_of(row_id consumer_id) override { return many(sql_providers_of, [](SQLite::Statement& s) { return integer(s, 0); }, consumer_id); }
    std::vector<pact_publication_record> latest_publications() override { return many(sql_latest_publications, read_publication); }
    row_id insert_pact_version(const pact_version_record& pv) override {
        return insert(sql_insert_pact_version, pv.consumer_id, pv.provider_id, pv.sha, pv.content, pv.created_at);
    }
    row_id insert_pact_publication(const pact_publication_record& pp) override {
        execute(sql_insert_integration, pp.consumer_id, pp.provider_id, pp.created_at);
        return insert(sql_insert_publication, pp.consumer_id, pp.provider_id, pp.consumer_version_id, pp.pact_version_id, pp.created_at);
    }
    void replace_publication_content(row_id publication_id, row_id pact_version_id, std::string_view now) override {
        execute(sql_replace_publication_content, pact_version_id, now, publication_id);
    }
    void delete_pacticipant(row_id pacticipant_id) override {
        if (auto pacticipant = find_pacticipant(pacticipant_id)) {
            execute(sql_delete_webhooks_of_pacticipant, pacticipant->name);
            execute(sql_delete_triggered_webhooks_of_pacticipant, pacticipant->name);
        }
        execute(sql_delete_pacticipant, pacticipant_id);
    }
    void delete_version(row_id version_id) override {
        execute(sql_delete_version, version_id);
        execute(sql_delete_orphan_integrations);
    }
    void delete_pact_publication(row_id publication_id) override {
        execute(sql_delete_publication, publication_id);
        execute(sql_delete_orphan_integrations);
    }

    // Verifications
    std::vector<verification_record> verifications_of_pact_version(row_id pact_version_id) override {
        return many(sql_verifications_of_pact_version, read_verification, pact_version_id);
    }
    std::optional<verification_record> find_verification(row_id pact_version_id, std::int64_t number) override {
        return one(sql_find_verification, read_verification, pact_version_id, number);
    }
    std::optional<verification_record> latest_verification(row_id pact_version_id) override {
        return one(sql_latest_verification, read_verification, pact_version_id);
    }
    std::optional<verification_record> latest_verification_by(row_id pact_version_id, row_id provider_version_id) override {
        return one(sql_latest_verification_by, read_verification, pact_version_id, provider_version_id);
    }
    std::vector<verification_record> verifications_by_provider_version(row_id provider_version_id) override {
        return many(sql_verifications_by_provider_version, read_verification, provider_version_id);
    }
    bool verified_successfully_from_branch(row_id pact_version_id, row_id provider_id, std::string_view branch, counted_verifications counted) override {
        return exists(sql_verified_from_branch, pact_version_id, provider_id, branch, counted == counted_verifications::not_wip);
    }
    bool verified_successfully_with_tag(row_id pact_version_id, row_id provider_id, std::string_view tag, counted_verifications counted) override {
        return exists(sql_verified_with_tag, pact_version_id, provider_id, tag, counted == counted_verifications::not_wip);
    }
    bool verified_successfully(row_id pact_version_id, counted_verifications counted) override {
        return exists(sql_verified, pact_version_id, counted == counted_verifications::not_wip);
    }
    bool verified_successfully_before(row_id pact_version_id, std::string_view created_at, counted_verifications counted) override {
        return exists(sql_verified_before, pact_version_id, created_at, counted == counted_verifications::not_wip);
    }
    verification_record insert_verification(const verification_record& v) override {
        verification_record stored = v;
        stored.number = *one(sql_next_verification_number, [](SQLite::Statement& s) { return integer(s, 0); }, v.pact_version_id);
        stored.id = insert(sql_insert_verification, v.pact_version_id, v.provider_version_id, stored.number, v.success, v.build_url, v.test_results,
                           v.verified_by, v.created_at, v.wip);
        return stored;
    }

    // Environments, deployments, releases
    std::optional<environment_record> find_environment_by_uuid(std::string_view uuid) override {
        return one(sql_find_environment_by_uuid, read_environment, uuid);
    }
    std::optional<environment_record> find_environment_by_name(std::string_view name) override {
        return one(sql_find_environment_by_name, read_environment, name);
    }
    std::optional<environment_record> find_environment(row_id id) override { return one(sql_find_environment_by_id, read_environment, id); }
    std::vector<environment_record> list_environments() override { return many(sql_list_environments, read_environment); }
    row_id insert_environment(const environment_record& e) override {
        return insert(sql_insert_environment, e.uuid, e.name, e.display_name, e.production, e.contacts, e.created_at, e.updated_at);
    }
    void update_environment(const environment_record& e) override {
        execute(sql_update_environment, e.name, e.display_name, e.production, e.contacts, e.updated_at, e.id);
    }
    void delete_environment(row_id environment_id) override { execute(sql_delete_environment, environment_id); }

    std::optional<deployed_version_record> find_deployed_version(std::string_view uuid) override { return one(sql_find_deployed, read_deployed, uuid); }
    std::vector<deployed_version_record> currently_deployed(row_id environment_id, std::optional<row_id> pacticipant_id) override {
        return many(sql_currently_deployed, read_deployed, environment_id, pacticipant_id);
    }
    std::vector<deployed_version_record> deployments_of_version(row_id version_id) override {
        return many(sql_deployments_of_version, read_deployed, version_id);
    }
    row_id insert_deployed_version(const deployed_version_record& d) override {
        return insert(sql_insert_deployed, d.uuid, d.version_id, d.pacticipant_id, d.environment_id, d.application_instance, d.target, d.created_at);
    }
    void mark_undeployed(row_id deployed_version_id, std::string_view now) override { execute(sql_mark_undeployed, now, deployed_version_id); }

    std::optional<released_version_record> find_released_version(std::string_view uuid) override { return one(sql_find_released, read_released, uuid); }
    std::optional<released_version_record> find_release(row_id version_id, row_id environment_id) override {
        return one(sql_find_release, read_released, version_id, environment_id);
    }
    std::vector<released_version_record> currently_supported(row_id environment_id, std::optional<row_id> pacticipant_id) override {
        return many(sql_currently_supported, read_released, environment_id, pacticipant_id);
    }
    std::vector<released_version_record> releases_of_version(row_id version_id) override {
        return many(sql_releases_of_version, read_released, version_id);
    }
    row_id insert_released_version(const released_version_record& r) override {
        return insert(sql_insert_released, r.uuid, r.version_id, r.pacticipant_id, r.environment_id, r.created_at);
    }
    void mark_support_ended(row_id released_version_id, std::string_view now) override { execute(sql_mark_support_ended, now, released_version_id); }
    void mark_supported_again(row_id released_version_id) override { execute(sql_mark_supported_again, released_version_id); }

    // Webhooks
    std::optional<webhook_record> find_webhook(std::string_view uuid) override {
        auto found = one(sql_find_webhook, read_webhook, uuid);
        if (found) found->events = events_of(found->id);
        return found;
    }
    std::vector<webhook_record> list_webhooks() override { return with_events(many(sql_list_webhooks, read_webhook)); }
    std::vector<webhook_record> webhooks_to_trigger(std::string_view event_name, std::string_view consumer_name, std::string_view provider_name) override {
        return with_events(many(sql_webhooks_to_trigger, read_webhook, event_name, consumer_name, provider_name));
    }
    std::optional<triggered_webhook_record> find_triggered_webhook(std::string_view uuid) override { return one(sql_find_triggered, read_triggered, uuid); }
    std::vector<triggered_webhook_record> triggered_webhooks_of_pair(std::string_view consumer_name, std::string_view provider_name) override {
        return many(sql_triggered_of_pair, read_triggered, consumer_name, provider_name);
    }
    std::vector<triggered_webhook_record> pending_triggered_webhooks() override { return many(sql_pending_triggered, read_triggered); }
    std::vector<webhook_execution_record> executions_of(row_id triggered_webhook_id) override {
        return many(sql_executions_of, read_execution, triggered_webhook_id);
    }
    row_id insert_webhook(const webhook_record& w) override {
        const auto id = insert(sql_insert_webhook, w.uuid, w.description, w.consumer_name, w.consumer_label, w.provider_name, w.provider_label,
                               w.request_method, w.request_url, w.request_headers, w.request_body, w.request_username, w.request_password,
                               w.enabled, w.created_at, w.updated_at);
        insert_events(id, w.events);
        return id;
    }
    void update_webhook(const webhook_record& w) override {
        execute(sql_update_webhook, w.description, w.consumer_name, w.consumer_label, w.provider_name, w.provider_label, w.request_method,
                w.request_url, w.request_headers, w.request_body, w.request_username, w.request_password, w.enabled, w.updated_at, w.id);
        execute(sql_delete_webhook_events, w.id);
        insert_events(w.id, w.events);
    }
    void delete_webhook(row_id webhook_id) override { execute(sql_delete_webhook, webhook_id); }
    row_id insert_triggered_webhook(const triggered_webhook_record& t) override {
        return insert(sql_insert_triggered, t.uuid, t.webhook_id, t.webhook_uuid, t.event_name, t.trigger_type, t.consumer_name, t.provider_name,
                      t.context, t.status, t.attempts_made, t.last_attempt_at_ms, t.created_at, t.updated_at);
    }
    void update_triggered_webhook(const triggered_webhook_record& t) override {
        execute(sql_update_triggered, t.status, t.attempts_made, t.last_attempt_at_ms, t.updated_at, t.id);
    }
    row_id insert_webhook_execution(const webhook_execution_record& x) override {
        return insert(sql_insert_execution, x.triggered_webhook_id, x.success, x.logs, x.created_at);
    }

private:
    template <typename Reader, typename... Arguments>
    auto one(const std::string& sql, Reader read, const Arguments&... arguments) -> std::optional<decltype(read(std::declval<SQLite::Statement&>()))> {
        return translating_failures([&]() -> std::optional<decltype(read(std::declval<SQLite::Statement&>()))> {
            statement_use statement(connection_->prepare(sql));
            bind_all(*statement, arguments...);
            if (!statement->executeStep()) return std::nullopt;
            return read(*statement);
        });
    }
    template <typename Reader, typename... Arguments>
    auto many(const std::string& sql, Reader read, const Arguments&... arguments) -> std::vector<decltype(read(std::declval<SQLite::Statement&>()))> {
        return translating_failures([&] {
            statement_use statement(connection_->prepare(sql));
            bind_all(*statement, arguments...);
            std::vector<decltype(read(std::declval<SQLite::Statement&>()))> rows;
            while (statement->executeStep()) rows.push_back(read(*statement));
            return rows;
        });
    }
    template <typename... Arguments>
    bool exists(const std::string& sql, const Arguments&... arguments) {
        return translating_failures([&] {
            statement_use statement(connection_->prepare(sql));
            bind_all(*statement, arguments...);
            return statement->executeStep();
        });
    }
    template <typename... Arguments>
    int execute(const std::string& sql, const Arguments&... arguments) {
        return translating_failures([&] {
            statement_use statement(connection_->prepare(sql));
            bind_all(*statement, arguments...);
            return statement->exec();
        });
    }
    template <typename... Arguments>
    row_id insert(const std::string& sql, const Arguments&... arguments) {
        execute(sql, arguments...);
        return connection_->database().getLastInsertRowid();
    }

    std::vector<std::string> events_of(row_id webhook_id) {
        return many(sql_events_of_webhook, [](SQLite::Statement& s) { return text(s, 0); }, webhook_id);
    }
    std::vector<webhook_record> with_events(std::vector<webhook_record> webhooks) {
        for (auto& webhook : webhooks) webhook.events = events_of(webhook.id);
        return webhooks;
    }
    void insert_events(row_id webhook_id, const std::vector<std::string>& events) {
        for (std::size_t position = 0; position < events.size(); ++position)
            execute(sql_insert_webhook_event, webhook_id, static_cast<std::int64_t>(position), events[position]);
    }

    connection_pool& pool_;
    std::unique_lock<std::mutex> writer_lock_;
    std::unique_ptr<connection> connection_;
    std::optional<SQLite::Transaction> transaction_;
};

class sqlite_store final : public store {
public:
    explicit sqlite_store(const sqlite_store_options& options) : pool_(options) {
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

private:
    connection_pool pool_;
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
