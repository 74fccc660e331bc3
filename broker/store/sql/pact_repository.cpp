// Pact content, its publications and the integrations they make, in SQL.

#include "broker/store/sql/sql_queries.hpp"

namespace pact::broker::store::sql {
namespace {

const statement find_pact_version_by_sha{
    "find_pact_version_by_sha", "SELECT " + pact_version_columns + " FROM pact_versions pv WHERE pv.consumer_id = ? AND pv.provider_id = ? AND pv.sha = ?"};
const statement find_pact_version_by_id{"find_pact_version_by_id", "SELECT " + pact_version_columns + " FROM pact_versions pv WHERE pv.id = ?"};
const statement pact_versions_of_consumer{"pact_versions_of_consumer",
                                          "SELECT " + pact_version_columns + " FROM pact_versions pv WHERE pv.consumer_id = ? ORDER BY pv.id"};
const statement insert_pact_version{"insert_pact_version",
                                    "INSERT INTO pact_versions (consumer_id, provider_id, sha, content, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id"};
const statement find_publication{"find_publication",
                                 "SELECT " + publication_columns + " FROM pact_publications pp WHERE pp.consumer_version_id = ? AND pp.provider_id = ?"};
const statement publications_of_consumer_version{
    "publications_of_consumer_version",
    "SELECT " + publication_columns + " FROM pact_publications pp WHERE pp.consumer_version_id = ? ORDER BY pp.provider_id"};
const statement publications_of_pact_version{
    "publications_of_pact_version",
    "SELECT " + publication_columns + " FROM pact_publications pp WHERE pp.pact_version_id = ? ORDER BY pp.consumer_version_id DESC"};
const std::string publications_of_pair_text =
    "SELECT " + publication_columns + " FROM pact_publications pp WHERE pp.consumer_id = ? AND pp.provider_id = ? ORDER BY pp.consumer_version_id DESC";
const statement publications_of_pair{"publications_of_pair", publications_of_pair_text};
const statement latest_publication{"latest_publication", publications_of_pair_text + " LIMIT 1"};
const std::string publications_with_tag_text = "SELECT " + publication_columns +
                                               " FROM tags t JOIN pact_publications pp ON pp.consumer_version_id = t.version_id AND pp.provider_id = ?2"
                                               " WHERE t.pacticipant_id = ?1 AND t.name = ?3 ORDER BY t.version_id DESC";
const statement publications_with_tag{"publications_with_tag", publications_with_tag_text};
const statement latest_publication_with_tag{"latest_publication_with_tag", publications_with_tag_text + " LIMIT 1"};
const std::string publications_on_branch_text = "SELECT " + publication_columns +
                                                " FROM branch_versions bv"
                                                " JOIN pact_publications pp ON pp.consumer_version_id = bv.version_id AND pp.provider_id = ?2"
                                                " WHERE bv.branch_id = (" + branch_id_query("?1", "?3") + ") ORDER BY bv.version_id DESC";
const statement publications_on_branch{"publications_on_branch", publications_on_branch_text};
const statement latest_publication_on_branch{"latest_publication_on_branch", publications_on_branch_text + " LIMIT 1"};
const statement consumers_of{"consumers_of", "SELECT consumer_id FROM integrations WHERE provider_id = ? ORDER BY consumer_id"};
const statement providers_of{"providers_of", "SELECT provider_id FROM integrations WHERE consumer_id = ? ORDER BY provider_id"};
const statement list_integrations{"list_integrations",
                                  "SELECT consumer_id, provider_id, created_at FROM integrations ORDER BY consumer_id, provider_id"};
const paged_statement integrations_window{"integrations", "i.consumer_id, i.provider_id, i.created_at",
                                          "FROM integrations i JOIN pacticipants c ON c.id = i.consumer_id JOIN pacticipants p ON p.id = i.provider_id",
                                          "c.name, p.name"};
const statement latest_publications{"latest_publications",
                                    "SELECT " + publication_columns +
                                        " FROM integrations i JOIN pact_publications pp ON pp.id = ("
                                        "   SELECT latest.id FROM pact_publications latest"
                                        "   WHERE latest.consumer_id = i.consumer_id AND latest.provider_id = i.provider_id"
                                        "   ORDER BY latest.consumer_version_id DESC LIMIT 1)"
                                        " ORDER BY i.consumer_id, i.provider_id"};
const statement insert_publication{"insert_publication",
                                   "INSERT INTO pact_publications (consumer_id, provider_id, consumer_version_id, pact_version_id, created_at)"
                                   " VALUES (?, ?, ?, ?, ?) RETURNING id"};
const statement replace_publication_content{"replace_publication_content",
                                            "UPDATE pact_publications SET pact_version_id = ?, created_at = ? WHERE id = ?"};
const statement delete_publication{"delete_publication", "DELETE FROM pact_publications WHERE id = ?"};
const statement delete_pact_versions_of_pair{"delete_pact_versions_of_pair", "DELETE FROM pact_versions WHERE consumer_id = ? AND provider_id = ?"};
const statement insert_integration{"insert_integration",
                                   "INSERT INTO integrations (consumer_id, provider_id, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING"};
const statement delete_integrations_without_publications{
    "delete_integrations_without_publications",
    "DELETE FROM integrations WHERE NOT EXISTS (SELECT 1 FROM pact_publications pp"
    " WHERE pp.consumer_id = integrations.consumer_id AND pp.provider_id = integrations.provider_id)"};

row_id read_id(const row& s) { return s.integer(0); }
integration_record read_integration(const row& s) { return {s.integer(0), s.integer(1), s.text(2)}; }

class pact_repository final : public pact_writer {
public:
    explicit pact_repository(connection& session) : sql_(session) {}

    std::optional<pact_version_record> find_pact_version(row_id consumer_id, row_id provider_id, std::string_view sha) override {
        return sql_.one(find_pact_version_by_sha, read_pact_version, consumer_id, provider_id, sha);
    }
    std::optional<pact_version_record> find_pact_version(row_id pact_version_id) override {
        return sql_.one(find_pact_version_by_id, read_pact_version, pact_version_id);
    }
    std::vector<pact_version_record> pact_versions_of_consumer(row_id consumer_id) override {
        return sql_.many(sql::pact_versions_of_consumer, read_pact_version, consumer_id);
    }
    std::optional<pact_publication_record> find_pact_publication(row_id consumer_version_id, row_id provider_id) override {
        return sql_.one(find_publication, read_publication, consumer_version_id, provider_id);
    }
    std::vector<pact_publication_record> publications_of_consumer_version(row_id consumer_version_id) override {
        return sql_.many(sql::publications_of_consumer_version, read_publication, consumer_version_id);
    }
    std::vector<pact_publication_record> publications_of_pact_version(row_id pact_version_id) override {
        return sql_.many(sql::publications_of_pact_version, read_publication, pact_version_id);
    }
    std::vector<pact_publication_record> publications_of_pair(row_id consumer_id, row_id provider_id) override {
        return sql_.many(sql::publications_of_pair, read_publication, consumer_id, provider_id);
    }
    std::optional<pact_publication_record> latest_publication(row_id consumer_id, row_id provider_id) override {
        return sql_.one(sql::latest_publication, read_publication, consumer_id, provider_id);
    }
    std::optional<pact_publication_record> latest_publication_with_tag(row_id consumer_id, row_id provider_id, std::string_view tag) override {
        return sql_.one(sql::latest_publication_with_tag, read_publication, consumer_id, provider_id, tag);
    }
    std::optional<pact_publication_record> latest_publication_on_branch(row_id consumer_id, row_id provider_id, std::string_view branch) override {
        return sql_.one(sql::latest_publication_on_branch, read_publication, consumer_id, provider_id, branch);
    }
    std::vector<pact_publication_record> publications_on_branch(row_id consumer_id, row_id provider_id, std::string_view branch) override {
        return sql_.many(sql::publications_on_branch, read_publication, consumer_id, provider_id, branch);
    }
    std::vector<pact_publication_record> publications_with_tag(row_id consumer_id, row_id provider_id, std::string_view tag) override {
        return sql_.many(sql::publications_with_tag, read_publication, consumer_id, provider_id, tag);
    }
    std::vector<row_id> consumers_of(row_id provider_id) override { return sql_.many(sql::consumers_of, read_id, provider_id); }
    std::vector<row_id> providers_of(row_id consumer_id) override { return sql_.many(sql::providers_of, read_id, consumer_id); }
    std::vector<integration_record> list_integrations() override { return sql_.many(sql::list_integrations, read_integration); }
    record_page<integration_record> list_integrations(list_window window) override {
        return sql_.page(sql::integrations_window, read_integration, window);
    }
    std::vector<pact_publication_record> latest_publications() override { return sql_.many(sql::latest_publications, read_publication); }

    row_id insert_pact_version(const pact_version_record& pv) override {
        return sql_.insert(sql::insert_pact_version, pv.consumer_id, pv.provider_id, pv.sha, pv.content, pv.created_at);
    }
    row_id insert_pact_publication(const pact_publication_record& pp) override {
        return sql_.insert(insert_publication, pp.consumer_id, pp.provider_id, pp.consumer_version_id, pp.pact_version_id, pp.created_at);
    }
    void replace_publication_content(row_id publication_id, row_id pact_version_id, std::string_view now) override {
        sql_.execute(sql::replace_publication_content, pact_version_id, now, publication_id);
    }
    void delete_pact_publication(row_id publication_id) override { sql_.execute(delete_publication, publication_id); }
    void delete_pact_versions_of_pair(row_id consumer_id, row_id provider_id) override {
        sql_.execute(sql::delete_pact_versions_of_pair, consumer_id, provider_id);
    }
    void add_integration(row_id consumer_id, row_id provider_id, std::string_view now) override {
        sql_.execute(insert_integration, consumer_id, provider_id, now);
    }
    void delete_integrations_without_publications() override { sql_.execute(sql::delete_integrations_without_publications); }

private:
    queries sql_;
};

}  // namespace

std::unique_ptr<pact_writer> make_pact_repository(connection& session) { return std::make_unique<pact_repository>(session); }

}  // namespace pact::broker::store::sql
