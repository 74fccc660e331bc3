// Environments, deployments and releases, in SQL.

#include "broker/store/sql/sql_queries.hpp"

namespace pact::broker::store::sql {
namespace {

const statement find_environment_by_uuid{"find_environment_by_uuid", "SELECT " + environment_columns + " FROM environments e WHERE e.uuid = ?"};
const statement find_environment_by_name{"find_environment_by_name", "SELECT " + environment_columns + " FROM environments e WHERE e.name = ?"};
const statement find_environment_by_id{"find_environment_by_id", "SELECT " + environment_columns + " FROM environments e WHERE e.id = ?"};
const statement list_environments{"list_environments", "SELECT " + environment_columns + " FROM environments e ORDER BY e.name"};
const statement insert_environment{"insert_environment",
                                   "INSERT INTO environments (uuid, name, display_name, production, contacts, created_at, updated_at)"
                                   " VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id"};
const statement update_environment{"update_environment",
                                   "UPDATE environments SET name = ?, display_name = ?, production = ?, contacts = ?, updated_at = ? WHERE id = ?"};
const statement delete_environment{"delete_environment", "DELETE FROM environments WHERE id = ?"};

const statement find_deployed{"find_deployed", "SELECT " + deployed_columns + " FROM deployed_versions d WHERE d.uuid = ?"};
// The casts let PostgreSQL type a parameter that is compared with NULL.
const statement currently_deployed{"currently_deployed", "SELECT " + deployed_columns +
                                                             " FROM deployed_versions d WHERE d.environment_id = ?1 AND d.undeployed_at IS NULL"
                                                             " AND (CAST(?2 AS BIGINT) IS NULL OR d.pacticipant_id = ?2) ORDER BY d.id DESC"};
const statement deployments_of_version{"deployments_of_version",
                                       "SELECT " + deployed_columns + " FROM deployed_versions d WHERE d.version_id = ? ORDER BY d.id DESC"};
const statement insert_deployed{"insert_deployed",
                                "INSERT INTO deployed_versions (uuid, version_id, pacticipant_id, environment_id, application_instance, target, created_at)"
                                " VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id"};
const statement mark_undeployed{"mark_undeployed", "UPDATE deployed_versions SET undeployed_at = ? WHERE id = ? AND undeployed_at IS NULL"};
const statement find_released{"find_released", "SELECT " + released_columns + " FROM released_versions r WHERE r.uuid = ?"};
const statement find_release{"find_release", "SELECT " + released_columns + " FROM released_versions r WHERE r.version_id = ? AND r.environment_id = ?"};
const statement currently_supported{"currently_supported", "SELECT " + released_columns +
                                                               " FROM released_versions r WHERE r.environment_id = ?1 AND r.support_ended_at IS NULL"
                                                               " AND (CAST(?2 AS BIGINT) IS NULL OR r.pacticipant_id = ?2) ORDER BY r.id DESC"};
const statement releases_of_version{"releases_of_version",
                                    "SELECT " + released_columns + " FROM released_versions r WHERE r.version_id = ? ORDER BY r.id DESC"};
const statement insert_released{"insert_released",
                                "INSERT INTO released_versions (uuid, version_id, pacticipant_id, environment_id, created_at)"
                                " VALUES (?, ?, ?, ?, ?) RETURNING id"};
const statement mark_support_ended{"mark_support_ended",
                                   "UPDATE released_versions SET support_ended_at = ? WHERE id = ? AND support_ended_at IS NULL"};
const statement mark_supported_again{"mark_supported_again", "UPDATE released_versions SET support_ended_at = NULL WHERE id = ?"};

class environment_repository final : public environment_writer {
public:
    explicit environment_repository(connection& session) : sql_(session) {}

    std::optional<environment_record> find_environment_by_uuid(std::string_view uuid) override {
        return sql_.one(sql::find_environment_by_uuid, read_environment, uuid);
    }
    std::optional<environment_record> find_environment_by_name(std::string_view name) override {
        return sql_.one(sql::find_environment_by_name, read_environment, name);
    }
    std::optional<environment_record> find_environment(row_id id) override { return sql_.one(find_environment_by_id, read_environment, id); }
    std::vector<environment_record> list_environments() override { return sql_.many(sql::list_environments, read_environment); }
    std::optional<deployed_version_record> find_deployed_version(std::string_view uuid) override { return sql_.one(find_deployed, read_deployed, uuid); }
    std::vector<deployed_version_record> currently_deployed(row_id environment_id, std::optional<row_id> pacticipant_id) override {
        return sql_.many(sql::currently_deployed, read_deployed, environment_id, pacticipant_id);
    }
    std::vector<deployed_version_record> deployments_of_version(row_id version_id) override {
        return sql_.many(sql::deployments_of_version, read_deployed, version_id);
    }
    std::optional<released_version_record> find_released_version(std::string_view uuid) override { return sql_.one(find_released, read_released, uuid); }
    std::optional<released_version_record> find_release(row_id version_id, row_id environment_id) override {
        return sql_.one(sql::find_release, read_released, version_id, environment_id);
    }
    std::vector<released_version_record> currently_supported(row_id environment_id, std::optional<row_id> pacticipant_id) override {
        return sql_.many(sql::currently_supported, read_released, environment_id, pacticipant_id);
    }
    std::vector<released_version_record> releases_of_version(row_id version_id) override {
        return sql_.many(sql::releases_of_version, read_released, version_id);
    }

    row_id insert_environment(const environment_record& e) override {
        return sql_.insert(sql::insert_environment, e.uuid, e.name, e.display_name, e.production, e.contacts, e.created_at, e.updated_at);
    }
    void update_environment(const environment_record& e) override {
        sql_.execute(sql::update_environment, e.name, e.display_name, e.production, e.contacts, e.updated_at, e.id);
    }
    void delete_environment(row_id environment_id) override { sql_.execute(sql::delete_environment, environment_id); }
    row_id insert_deployed_version(const deployed_version_record& d) override {
        return sql_.insert(insert_deployed, d.uuid, d.version_id, d.pacticipant_id, d.environment_id, d.application_instance, d.target, d.created_at);
    }
    void mark_undeployed(row_id deployed_version_id, std::string_view now) override { sql_.execute(sql::mark_undeployed, now, deployed_version_id); }
    row_id insert_released_version(const released_version_record& r) override {
        return sql_.insert(insert_released, r.uuid, r.version_id, r.pacticipant_id, r.environment_id, r.created_at);
    }
    void mark_support_ended(row_id released_version_id, std::string_view now) override {
        sql_.execute(sql::mark_support_ended, now, released_version_id);
    }
    void mark_supported_again(row_id released_version_id) override { sql_.execute(sql::mark_supported_again, released_version_id); }

private:
    queries sql_;
};

}  // namespace

std::unique_ptr<environment_writer> make_environment_repository(connection& session) { return std::make_unique<environment_repository>(session); }

}  // namespace pact::broker::store::sql
