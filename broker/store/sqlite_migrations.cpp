#include "broker/store/sqlite_migrations.hpp"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include <span>

namespace pact::broker::store::sqlite {
namespace {

struct migration {
    int number;
    const char* description;
    const char* sql;
};

constexpr const char* create_migrations_table = R"sql(
CREATE TABLE IF NOT EXISTS schema_migrations (
    number INTEGER PRIMARY KEY,
    description TEXT NOT NULL,
    applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now'))
))sql";

constexpr const char* select_applied = "SELECT number FROM schema_migrations ORDER BY number";
constexpr const char* insert_applied = "INSERT INTO schema_migrations (number, description) VALUES (?, ?)";

// Indexes are named after the query they serve. "Latest" lookups are MAX(id) on an index prefix.
constexpr migration migrations[] = {
    {1, "pacticipants, versions, branches, tags, pacts, verifications", R"sql(
CREATE TABLE pacticipants (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL UNIQUE,
    display_name TEXT,
    main_branch TEXT,
    repository_url TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE versions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    pacticipant_id INTEGER NOT NULL REFERENCES pacticipants(id) ON DELETE CASCADE,
    number TEXT NOT NULL,
    build_url TEXT,
    created_at TEXT NOT NULL,
    UNIQUE (pacticipant_id, number)
);
CREATE INDEX versions_latest_of_pacticipant ON versions (pacticipant_id, id);
CREATE TABLE branches (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    pacticipant_id INTEGER NOT NULL REFERENCES pacticipants(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (pacticipant_id, name)
);
CREATE TABLE branch_versions (
    branch_id INTEGER NOT NULL REFERENCES branches(id) ON DELETE CASCADE,
    version_id INTEGER NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    PRIMARY KEY (branch_id, version_id)
) WITHOUT ROWID;
CREATE INDEX branch_versions_of_version ON branch_versions (version_id);
CREATE TABLE tags (
    version_id INTEGER NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    pacticipant_id INTEGER NOT NULL REFERENCES pacticipants(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    PRIMARY KEY (version_id, name)
) WITHOUT ROWID;
CREATE INDEX tags_latest_with_name ON tags (pacticipant_id, name, version_id);
CREATE TABLE pact_versions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    consumer_id INTEGER NOT NULL REFERENCES pacticipants(id) ON DELETE CASCADE,
    provider_id INTEGER NOT NULL REFERENCES pacticipants(id) ON DELETE CASCADE,
    sha TEXT NOT NULL,
    content TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (consumer_id, provider_id, sha)
);
CREATE TABLE pact_publications (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    consumer_id INTEGER NOT NULL REFERENCES pacticipants(id) ON DELETE CASCADE,
    provider_id INTEGER NOT NULL REFERENCES pacticipants(id) ON DELETE CASCADE,
    consumer_version_id INTEGER NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
    pact_version_id INTEGER NOT NULL REFERENCES pact_versions(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    UNIQUE (consumer_version_id, provider_id)
);
CREATE INDEX pact_publications_latest_of_pair ON pact_publications (consumer_id, provider_id, consumer_version_id);
CREATE INDEX pact_publications_of_pact_version ON pact_publications (pact_version_id, consumer_version_id);
CREATE TABLE integrations (
    consumer_id INTEGER NOT NULL REFERENCES pacticipants(id) ON DELETE CASCADE,
    provider_id INTEGER NOT NULL REFERENCES pacticipants(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    PRIMARY KEY (consumer_id, provider_id)
) WITHOUT ROWID;
CREATE INDEX integrations_of_provider ON integrations (provider_id, consumer_id);
CREATE TABLE verifications (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    pact_version_id INTEGER NOT NULL REFERENCES pact_versions(id) ON DELETE CASCADE,
    provider_version_id INTEGER NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    success INTEGER NOT NULL CHECK (success IN (0, 1)),
    build_url TEXT,
    test_results TEXT NOT NULL,
    verified_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (pact_version_id, number)
);
CREATE INDEX verifications_of_pact_by_provider_version ON verifications (pact_version_id, provider_version_id, id);
CREATE INDEX verifications_by_provider_version ON verifications (provider_version_id);
)sql"},
    {2, "environments, deployed and released versions", R"sql(
CREATE TABLE environments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    production INTEGER NOT NULL CHECK (production IN (0, 1)),
    contacts TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE deployed_versions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid TEXT NOT NULL UNIQUE,
    version_id INTEGER NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
    pacticipant_id INTEGER NOT NULL REFERENCES pacticipants(id) ON DELETE CASCADE,
    environment_id INTEGER NOT NULL REFERENCES environments(id) ON DELETE CASCADE,
    application_instance TEXT,
    target TEXT,
    created_at TEXT NOT NULL,
    undeployed_at TEXT
);
CREATE INDEX deployed_versions_current ON deployed_versions (environment_id, pacticipant_id, id) WHERE undeployed_at IS NULL;
CREATE INDEX deployed_versions_of_version ON deployed_versions (version_id);
CREATE TABLE released_versions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid TEXT NOT NULL UNIQUE,
    version_id INTEGER NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
    pacticipant_id INTEGER NOT NULL REFERENCES pacticipants(id) ON DELETE CASCADE,
    environment_id INTEGER NOT NULL REFERENCES environments(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    support_ended_at TEXT,
    UNIQUE (version_id, environment_id)
);
CREATE INDEX released_versions_current ON released_versions (environment_id, pacticipant_id, id) WHERE support_ended_at IS NULL;
)sql"},
    {3, "verifications made while the pact was work in progress", R"sql(
ALTER TABLE verifications ADD COLUMN wip INTEGER NOT NULL DEFAULT 0 CHECK (wip IN (0, 1));
)sql"},
    {4, "webhooks, their delivery queue and execution logs", R"sql(
CREATE TABLE webhooks (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid TEXT NOT NULL UNIQUE,
    description TEXT,
    consumer_name TEXT,
    consumer_label TEXT,
    provider_name TEXT,
    provider_label TEXT,
    request_method TEXT NOT NULL,
    request_url TEXT NOT NULL,
    request_headers TEXT NOT NULL,
    request_body TEXT,
    request_username TEXT,
    request_password TEXT,
    enabled INTEGER NOT NULL CHECK (enabled IN (0, 1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE webhook_events (
    webhook_id INTEGER NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    PRIMARY KEY (webhook_id, position)
) WITHOUT ROWID;
CREATE INDEX webhook_events_by_name ON webhook_events (name, webhook_id);
CREATE TABLE triggered_webhooks (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid TEXT NOT NULL UNIQUE,
    webhook_id INTEGER NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
    webhook_uuid TEXT NOT NULL,
    event_name TEXT NOT NULL,
    trigger_type TEXT NOT NULL,
    consumer_name TEXT NOT NULL,
    provider_name TEXT NOT NULL,
    context TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('not_run', 'retrying', 'success', 'failure')),
    attempts_made INTEGER NOT NULL,
    last_attempt_at_ms INTEGER,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX triggered_webhooks_pending ON triggered_webhooks (id) WHERE status IN ('not_run', 'retrying');
CREATE INDEX triggered_webhooks_of_pair ON triggered_webhooks (consumer_name, provider_name, id);
CREATE INDEX triggered_webhooks_of_webhook ON triggered_webhooks (webhook_id);
CREATE TABLE webhook_executions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    triggered_webhook_id INTEGER NOT NULL REFERENCES triggered_webhooks(id) ON DELETE CASCADE,
    success INTEGER NOT NULL CHECK (success IN (0, 1)),
    logs TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX webhook_executions_of_triggered_webhook ON webhook_executions (triggered_webhook_id, id);
)sql"},
    {5, "pacticipant labels", R"sql(
CREATE TABLE labels (
    pacticipant_id INTEGER NOT NULL REFERENCES pacticipants(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (pacticipant_id, name)
) WITHOUT ROWID;
CREATE INDEX labels_by_name ON labels (name, pacticipant_id);
)sql"},
    {6, "claims of webhook deliveries", R"sql(
ALTER TABLE triggered_webhooks ADD COLUMN claimed_until_ms INTEGER;
)sql"},
    // The pending and WIP checks (verified, verified_before, verified_from_branch, verified_with_tag) ask whether
    // a pact version has a successful verification; read from this index alone, a pact version's few successes are
    // cheaper to start from than the provider's branch. Without it PostgreSQL's planner, expecting a branch to hold
    // the average 20 versions, probed the verifications once per version on the provider's main branch (300 in
    // bench/broker_http_benchmark.sh's history): 0.3 ms a check, 82 checks per pacts-for-verification request.
    {7, "successful verifications of a pact version", R"sql(
CREATE INDEX verifications_successes_of_pact_version ON verifications (pact_version_id, success, wip, provider_version_id);
)sql"},
    // One clean-up of old data at a time, however many broker instances and `pact-broker clean` processes run.
    {8, "leases of maintenance tasks", R"sql(
CREATE TABLE maintenance_leases (
    name TEXT PRIMARY KEY,
    holder TEXT NOT NULL,
    until_ms INTEGER NOT NULL
) WITHOUT ROWID;
)sql"},
    // The field-usage index, keyed by pact content: content that many versions publish is indexed once. Content
    // stored before it existed is indexed when the broker starts (domain/field_usage_service).
    {9, "field-usage index", R"sql(
CREATE TABLE field_usage_indexed_pact_versions (
    pact_version_id INTEGER PRIMARY KEY REFERENCES pact_versions(id) ON DELETE CASCADE
);
CREATE TABLE field_usages (
    pact_version_id INTEGER NOT NULL REFERENCES field_usage_indexed_pact_versions(pact_version_id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    method TEXT,
    target TEXT NOT NULL,
    field TEXT NOT NULL,
    rule TEXT NOT NULL,
    PRIMARY KEY (pact_version_id, position)
) WITHOUT ROWID;
)sql"},
    // Bi-directional contract testing: a provider version's OpenAPI contract, and pact contents compared with it.
    {10, "provider contracts", R"sql(
CREATE TABLE provider_contracts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    provider_id INTEGER NOT NULL REFERENCES pacticipants(id) ON DELETE CASCADE,
    provider_version_id INTEGER NOT NULL UNIQUE REFERENCES versions(id) ON DELETE CASCADE,
    content TEXT NOT NULL,
    content_type TEXT NOT NULL,
    specification TEXT NOT NULL,
    self_verification_success INTEGER CHECK (self_verification_success IN (0, 1)),
    verification_content TEXT,
    verification_content_type TEXT,
    verification_format TEXT,
    verifier TEXT,
    verifier_version TEXT,
    build_url TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX provider_contracts_latest_of_provider ON provider_contracts (provider_id, id);
CREATE TABLE contract_comparisons (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    provider_contract_id INTEGER NOT NULL REFERENCES provider_contracts(id) ON DELETE CASCADE,
    pact_version_id INTEGER NOT NULL REFERENCES pact_versions(id) ON DELETE CASCADE,
    compatible INTEGER NOT NULL CHECK (compatible IN (0, 1)),
    errors INTEGER NOT NULL,
    warnings INTEGER NOT NULL,
    findings TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (provider_contract_id, pact_version_id)
);
CREATE INDEX contract_comparisons_of_pact_version ON contract_comparisons (pact_version_id, id);
)sql"},
};

}  // namespace

std::vector<int> applied(SQLite::Database& database) {
    std::vector<int> numbers;
    if (!database.tableExists("schema_migrations")) return numbers;
    SQLite::Statement query(database, select_applied);
    while (query.executeStep()) numbers.push_back(query.getColumn(0).getInt());
    return numbers;
}

void migrate(SQLite::Database& database) {
    database.exec(create_migrations_table);
    for (const migration& step : migrations) {
        // IMMEDIATE: two brokers starting on the same file must not both apply a migration.
        SQLite::Transaction transaction(database, SQLite::TransactionBehavior::IMMEDIATE);
        SQLite::Statement already(database, "SELECT 1 FROM schema_migrations WHERE number = ?");
        already.bind(1, step.number);
        if (already.executeStep()) continue;
        database.exec(step.sql);
        SQLite::Statement record(database, insert_applied);
        record.bind(1, step.number);
        record.bind(2, step.description);
        record.exec();
        transaction.commit();
    }
}

int newest_migration() { return std::span(migrations).back().number; }

}  // namespace pact::broker::store::sqlite
