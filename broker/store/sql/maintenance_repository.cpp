// What the clean-up of old data reads and deletes, in SQL.

#include "broker/store/sql/sql_queries.hpp"

namespace pact::broker::store::sql {
namespace {

const statement clean_version_facts{"clean_version_facts",
                              "SELECT v.id, v.pacticipant_id, p.name, p.main_branch, v.created_at"
                              " FROM versions v JOIN pacticipants p ON p.id = v.pacticipant_id ORDER BY v.id"};
const statement clean_version_tags{"clean_version_tags", "SELECT version_id, name FROM tags"};
const statement clean_version_branches{"clean_version_branches",
                                 "SELECT bv.version_id, b.name FROM branch_versions bv JOIN branches b ON b.id = bv.branch_id"};
const statement clean_version_deployments{"clean_version_deployments",
                                    "SELECT d.version_id, e.name FROM deployed_versions d JOIN environments e ON e.id = d.environment_id"
                                    " WHERE d.undeployed_at IS NULL"};
const statement clean_version_releases{"clean_version_releases",
                                 "SELECT r.version_id, e.name FROM released_versions r JOIN environments e ON e.id = r.environment_id"
                                 " WHERE r.support_ended_at IS NULL"};
// Each count is one seek of an index whose prefix is the version.
const statement clean_version_dependents{"clean_version_dependents",
                                   "SELECT (SELECT COUNT(*) FROM tags WHERE version_id = ?1),"
                                   " (SELECT COUNT(*) FROM branch_versions WHERE version_id = ?1),"
                                   " (SELECT COUNT(*) FROM pact_publications WHERE consumer_version_id = ?1),"
                                   " (SELECT COUNT(*) FROM verifications WHERE provider_version_id = ?1),"
                                   " (SELECT COUNT(*) FROM deployed_versions WHERE version_id = ?1 AND undeployed_at IS NULL),"
                                   " (SELECT COUNT(*) FROM released_versions WHERE version_id = ?1 AND support_ended_at IS NULL)"};
const statement clean_selection_generation{
    "clean_selection_generation",
    "SELECT (SELECT COUNT(*) FROM versions WHERE id <= ?), (SELECT COALESCE(MAX(updated_at), '') FROM pacticipants),"
    " (SELECT COALESCE(MAX(updated_at), '') FROM environments)"};
const statement clean_superseded_verifications{
    "clean_superseded_verifications",
    "SELECT vr.id FROM verifications vr WHERE vr.created_at < ?1"
    " AND EXISTS (SELECT 1 FROM verifications later WHERE later.pact_version_id = vr.pact_version_id"
    "             AND later.provider_version_id = vr.provider_version_id AND later.id > vr.id)"
    " ORDER BY vr.id LIMIT ?2"};
const statement clean_delete_verification{"clean_delete_verification", "DELETE FROM verifications WHERE id = ?"};
const statement clean_superseded_triggered{
    "clean_superseded_triggered_webhooks",
    "SELECT t.id FROM triggered_webhooks t WHERE t.created_at < ?1 AND t.status IN ('success', 'failure')"
    " AND EXISTS (SELECT 1 FROM triggered_webhooks later WHERE later.consumer_name = t.consumer_name"
    "             AND later.provider_name = t.provider_name AND later.webhook_id = t.webhook_id"
    "             AND later.event_name = t.event_name AND later.id > t.id)"
    " ORDER BY t.id LIMIT ?2"};
const statement clean_execution_count{"clean_execution_count", "SELECT COUNT(*) FROM webhook_executions WHERE triggered_webhook_id = ?"};
const statement clean_delete_triggered{"clean_delete_triggered_webhook", "DELETE FROM triggered_webhooks WHERE id = ?"};
const statement clean_unreferenced_pact_versions{
    "clean_unreferenced_pact_versions",
    "SELECT pv.id FROM pact_versions pv"
    " WHERE NOT EXISTS (SELECT 1 FROM pact_publications pp WHERE pp.pact_version_id = pv.id)"
    " AND NOT EXISTS (SELECT 1 FROM verifications vr WHERE vr.pact_version_id = pv.id)"
    " ORDER BY pv.id LIMIT ?"};
const statement clean_delete_pact_version{"clean_delete_pact_version", "DELETE FROM pact_versions WHERE id = ?"};
// Changes the row only when the lease is free, expired or the holder's own: one changed row means taken.
const statement clean_take_lease{"take_maintenance_lease",
                           "INSERT INTO maintenance_leases (name, holder, until_ms) VALUES (?1, ?2, ?4)"
                           " ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, until_ms = excluded.until_ms"
                           " WHERE maintenance_leases.until_ms <= ?3 OR maintenance_leases.holder = excluded.holder"};
const statement clean_release_lease{"release_maintenance_lease", "DELETE FROM maintenance_leases WHERE name = ? AND holder = ?"};

row_id read_clean_id(const row& found) { return found.integer(0); }
version_name_record read_clean_version_name(const row& found) { return {found.integer(0), found.text(1)}; }
version_fact_record read_clean_version_fact(const row& found) {
    return {found.integer(0), found.integer(1), found.text(2), optional_text(found, 3), found.text(4)};
}
version_dependents_record read_clean_dependents(const row& found) {
    return {found.integer(0), found.integer(1), found.integer(2), found.integer(3), found.integer(4), found.integer(5)};
}

class maintenance_repository final : public maintenance_writer {
public:
    explicit maintenance_repository(connection& session) : sql_(session) {}

    std::vector<version_fact_record> versions() override { return sql_.many(clean_version_facts, read_clean_version_fact); }
    std::vector<version_name_record> tags() override { return sql_.many(clean_version_tags, read_clean_version_name); }
    std::vector<version_name_record> branch_memberships() override { return sql_.many(clean_version_branches, read_clean_version_name); }
    std::vector<version_name_record> current_deployments() override { return sql_.many(clean_version_deployments, read_clean_version_name); }
    std::vector<version_name_record> current_releases() override { return sql_.many(clean_version_releases, read_clean_version_name); }
    version_dependents_record dependents_of_version(row_id version_id) override {
        return sql_.one(clean_version_dependents, read_clean_dependents, version_id).value_or(version_dependents_record{});
    }

    std::string selection_generation(row_id version_id) override {
        const auto read = [](const row& found) { return found.text(0) + "|" + found.text(1) + "|" + found.text(2); };
        return sql_.one(clean_selection_generation, read, version_id).value_or("");
    }

    std::vector<row_id> superseded_verifications(std::string_view before, std::int64_t limit) override {
        return sql_.many(clean_superseded_verifications, read_clean_id, before, limit);
    }
    void delete_verification(row_id verification_id) override { sql_.execute(clean_delete_verification, verification_id); }
    std::vector<row_id> superseded_triggered_webhooks(std::string_view before, std::int64_t limit) override {
        return sql_.many(clean_superseded_triggered, read_clean_id, before, limit);
    }
    std::int64_t execution_count(row_id triggered_webhook_id) override {
        return sql_.one(clean_execution_count, read_clean_id, triggered_webhook_id).value_or(0);
    }
    void delete_triggered_webhook(row_id triggered_webhook_id) override { sql_.execute(clean_delete_triggered, triggered_webhook_id); }
    std::vector<row_id> unreferenced_pact_versions(std::int64_t limit) override {
        return sql_.many(clean_unreferenced_pact_versions, read_clean_id, limit);
    }
    void delete_pact_version(row_id pact_version_id) override { sql_.execute(clean_delete_pact_version, pact_version_id); }

    bool take_lease(std::string_view name, std::string_view holder, std::int64_t now_ms, std::int64_t until_ms) override {
        return sql_.execute(clean_take_lease, name, holder, now_ms, until_ms) > 0;
    }
    void release_lease(std::string_view name, std::string_view holder) override { sql_.execute(clean_release_lease, name, holder); }

private:
    queries sql_;
};

}  // namespace

std::unique_ptr<maintenance_writer> make_maintenance_repository(connection& session) {
    return std::make_unique<maintenance_repository>(session);
}

}  // namespace pact::broker::store::sql
