// Pacticipants with their labels, versions, branches and tags, in SQL.

#include "broker/store/sql/sql_queries.hpp"

namespace pact::broker::store::sql {
namespace {

const statement find_pacticipant_by_name{"find_pacticipant_by_name", "SELECT " + pacticipant_columns + " FROM pacticipants p WHERE p.name = ?"};
const statement find_pacticipant_by_id{"find_pacticipant_by_id", "SELECT " + pacticipant_columns + " FROM pacticipants p WHERE p.id = ?"};
const statement list_pacticipants{"list_pacticipants", "SELECT " + pacticipant_columns + " FROM pacticipants p ORDER BY p.name"};
const paged_statement pacticipants_window{"pacticipants", pacticipant_columns, "FROM pacticipants p", "p.name"};
const paged_statement pacticipants_with_label_window{"pacticipants_with_label", pacticipant_columns,
                                                     "FROM labels l JOIN pacticipants p ON p.id = l.pacticipant_id WHERE l.name = ?", "p.name"};
const statement labels_of{"labels_of", "SELECT l.pacticipant_id, l.name, l.created_at FROM labels l WHERE l.pacticipant_id = ? ORDER BY l.name"};
const statement label_names{"label_names", "SELECT DISTINCT l.name FROM labels l ORDER BY l.name"};
const statement pacticipants_with_label{
    "pacticipants_with_label",
    "SELECT " + pacticipant_columns + " FROM labels l JOIN pacticipants p ON p.id = l.pacticipant_id WHERE l.name = ? ORDER BY p.name"};
const statement insert_label{"insert_label", "INSERT INTO labels (pacticipant_id, name, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING"};
const statement delete_label{"delete_label", "DELETE FROM labels WHERE pacticipant_id = ? AND name = ?"};
const statement insert_pacticipant{"insert_pacticipant",
                                   "INSERT INTO pacticipants (name, display_name, main_branch, repository_url, created_at, updated_at)"
                                   " VALUES (?, ?, ?, ?, ?, ?) RETURNING id"};
const statement update_pacticipant{"update_pacticipant",
                                   "UPDATE pacticipants SET name = ?, display_name = ?, main_branch = ?, repository_url = ?, updated_at = ? WHERE id = ?"};
// The schema's foreign keys cascade: deleting the row deletes what belongs to it.
const statement delete_pacticipant{"delete_pacticipant", "DELETE FROM pacticipants WHERE id = ?"};

const statement find_version{"find_version", "SELECT " + version_columns + " FROM versions v WHERE v.pacticipant_id = ? AND v.number = ?"};
const statement find_version_by_id{"find_version_by_id", "SELECT " + version_columns + " FROM versions v WHERE v.id = ?"};
const std::string versions_of_pacticipant = "SELECT " + version_columns + " FROM versions v WHERE v.pacticipant_id = ? ORDER BY v.id DESC";
const statement list_versions{"list_versions", versions_of_pacticipant};
const statement latest_version{"latest_version", versions_of_pacticipant + " LIMIT 1"};
const std::string versions_with_tag_text = "SELECT " + version_columns +
                                           " FROM tags t JOIN versions v ON v.id = t.version_id"
                                           " WHERE t.pacticipant_id = ? AND t.name = ? ORDER BY t.version_id DESC";
const statement versions_with_tag{"versions_with_tag", versions_with_tag_text};
const statement latest_version_with_tag{"latest_version_with_tag", versions_with_tag_text + " LIMIT 1"};
const std::string versions_on_branch_text = "SELECT " + version_columns +
                                            " FROM branch_versions bv JOIN versions v ON v.id = bv.version_id"
                                            " WHERE bv.branch_id = (" + branch_id_query("?", "?") + ") ORDER BY bv.version_id DESC";
const statement versions_on_branch{"versions_on_branch", versions_on_branch_text};
const statement latest_version_on_branch{"latest_version_on_branch", versions_on_branch_text + " LIMIT 1"};
const paged_statement versions_window{"versions", version_columns, "FROM versions v WHERE v.pacticipant_id = ?", "v.id DESC"};
const paged_statement versions_with_tag_window{"versions_with_tag", version_columns,
                                               "FROM tags t JOIN versions v ON v.id = t.version_id WHERE t.pacticipant_id = ? AND t.name = ?",
                                               "t.version_id DESC"};
const paged_statement versions_on_branch_window{"versions_on_branch", version_columns,
                                                "FROM branch_versions bv JOIN versions v ON v.id = bv.version_id"
                                                " WHERE bv.branch_id = (" + branch_id_query("?", "?") + ")",
                                                "bv.version_id DESC"};
const statement insert_version{"insert_version", "INSERT INTO versions (pacticipant_id, number, build_url, created_at) VALUES (?, ?, ?, ?) RETURNING id"};
const statement update_version{"update_version", "UPDATE versions SET build_url = ? WHERE id = ?"};
const statement delete_version{"delete_version", "DELETE FROM versions WHERE id = ?"};
const statement delete_versions_without_contracts{
    "delete_versions_without_contracts",
    "DELETE FROM versions WHERE pacticipant_id = ?"
    " AND NOT EXISTS (SELECT 1 FROM pact_publications pp WHERE pp.consumer_version_id = versions.id)"
    " AND NOT EXISTS (SELECT 1 FROM verifications vr WHERE vr.provider_version_id = versions.id)"};

const statement find_branch{"find_branch", "SELECT " + branch_columns + " FROM branches b WHERE b.pacticipant_id = ? AND b.name = ?"};
const statement list_branches{"list_branches", "SELECT " + branch_columns + " FROM branches b WHERE b.pacticipant_id = ? ORDER BY b.id DESC"};
const paged_statement branches_window{"branches", branch_columns, "FROM branches b WHERE b.pacticipant_id = ?", "b.id DESC"};
const statement branches_of_version{"branches_of_version",
                                    "SELECT b.id, b.name, bv.version_id, bv.created_at FROM branch_versions bv JOIN branches b ON b.id = bv.branch_id"
                                    " WHERE bv.version_id = ? ORDER BY bv.created_at, b.id"};
const statement insert_branch{"insert_branch", "INSERT INTO branches (pacticipant_id, name, created_at) VALUES (?, ?, ?) RETURNING id"};
const statement insert_branch_version{"insert_branch_version",
                                      "INSERT INTO branch_versions (branch_id, version_id, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING"};
const statement delete_branch{"delete_branch", "DELETE FROM branches WHERE id = ?"};
const statement delete_branch_version{"delete_branch_version", "DELETE FROM branch_versions WHERE branch_id = ? AND version_id = ?"};
const statement tags_of_version{"tags_of_version",
                                "SELECT t.version_id, t.name, t.created_at FROM tags t WHERE t.version_id = ? ORDER BY t.created_at, t.name"};
// Distinct names by skipping through the (pacticipant_id, name, version_id) index: one seek per name.
const statement tag_names{"tag_names",
                          "WITH RECURSIVE names(name) AS ("
                          "  SELECT MIN(name) FROM tags WHERE pacticipant_id = ?1"
                          "  UNION ALL SELECT (SELECT MIN(name) FROM tags WHERE pacticipant_id = ?1 AND name > names.name)"
                          "  FROM names WHERE names.name IS NOT NULL)"
                          " SELECT name FROM names WHERE name IS NOT NULL"};
const statement tag_first_used{"tag_first_used", "SELECT MIN(created_at) FROM tags WHERE pacticipant_id = ? AND name = ?"};
const statement insert_tag{"insert_tag",
                           "INSERT INTO tags (version_id, name, pacticipant_id, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING"};
const statement delete_tag{"delete_tag", "DELETE FROM tags WHERE version_id = ? AND name = ?"};

label_record read_label(const row& s) { return {s.integer(0), s.text(1), s.text(2)}; }
branch_version_record read_branch_version(const row& s) { return {s.integer(0), s.text(1), s.integer(2), s.text(3)}; }
tag_record read_tag(const row& s) { return {s.integer(0), s.text(1), s.text(2)}; }
std::string read_text(const row& s) { return s.text(0); }

class pacticipant_repository final : public pacticipant_writer {
public:
    explicit pacticipant_repository(connection& session) : sql_(session) {}

    std::optional<pacticipant_record> find_pacticipant(std::string_view name) override { return sql_.one(find_pacticipant_by_name, read_pacticipant, name); }
    std::optional<pacticipant_record> find_pacticipant(row_id id) override { return sql_.one(find_pacticipant_by_id, read_pacticipant, id); }
    std::vector<pacticipant_record> list_pacticipants() override { return sql_.many(sql::list_pacticipants, read_pacticipant); }
    std::vector<label_record> labels_of(row_id pacticipant_id) override { return sql_.many(sql::labels_of, read_label, pacticipant_id); }
    std::vector<pacticipant_record> pacticipants_with_label(std::string_view label) override {
        return sql_.many(sql::pacticipants_with_label, read_pacticipant, label);
    }
    std::vector<std::string> label_names() override { return sql_.many(sql::label_names, read_text); }

    std::optional<version_record> find_version(row_id pacticipant_id, std::string_view number) override {
        return sql_.one(sql::find_version, read_version, pacticipant_id, number);
    }
    std::optional<version_record> find_version(row_id version_id) override { return sql_.one(find_version_by_id, read_version, version_id); }
    std::vector<version_record> list_versions(row_id pacticipant_id) override { return sql_.many(sql::list_versions, read_version, pacticipant_id); }
    std::optional<version_record> latest_version(row_id pacticipant_id) override { return sql_.one(sql::latest_version, read_version, pacticipant_id); }
    std::optional<version_record> latest_version_with_tag(row_id pacticipant_id, std::string_view tag) override {
        return sql_.one(sql::latest_version_with_tag, read_version, pacticipant_id, tag);
    }
    std::vector<version_record> versions_with_tag(row_id pacticipant_id, std::string_view tag) override {
        return sql_.many(sql::versions_with_tag, read_version, pacticipant_id, tag);
    }
    std::optional<version_record> latest_version_on_branch(row_id pacticipant_id, std::string_view branch) override {
        return sql_.one(sql::latest_version_on_branch, read_version, pacticipant_id, branch);
    }
    std::vector<version_record> versions_on_branch(row_id pacticipant_id, std::string_view branch) override {
        return sql_.many(sql::versions_on_branch, read_version, pacticipant_id, branch);
    }

    std::optional<branch_record> find_branch(row_id pacticipant_id, std::string_view name) override {
        return sql_.one(sql::find_branch, read_branch, pacticipant_id, name);
    }
    std::vector<branch_record> list_branches(row_id pacticipant_id) override { return sql_.many(sql::list_branches, read_branch, pacticipant_id); }
    std::vector<branch_version_record> branches_of_version(row_id version_id) override {
        return sql_.many(sql::branches_of_version, read_branch_version, version_id);
    }
    std::vector<tag_record> tags_of_version(row_id version_id) override { return sql_.many(sql::tags_of_version, read_tag, version_id); }
    std::vector<std::string> tag_names(row_id pacticipant_id) override { return sql_.many(sql::tag_names, read_text, pacticipant_id); }
    std::optional<std::string> tag_first_used(row_id pacticipant_id, std::string_view tag) override {
        return sql_.one(sql::tag_first_used, [](const row& s) { return optional_text(s, 0); }, pacticipant_id, tag).value_or(std::nullopt);
    }

    record_page<pacticipant_record> list_pacticipants(list_window window) override {
        return sql_.page(sql::pacticipants_window, read_pacticipant, window);
    }
    record_page<pacticipant_record> pacticipants_with_label(std::string_view label, list_window window) override {
        return sql_.page(sql::pacticipants_with_label_window, read_pacticipant, window, label);
    }
    record_page<version_record> list_versions(row_id pacticipant_id, list_window window) override {
        return sql_.page(sql::versions_window, read_version, window, pacticipant_id);
    }
    record_page<version_record> versions_with_tag(row_id pacticipant_id, std::string_view tag, list_window window) override {
        return sql_.page(sql::versions_with_tag_window, read_version, window, pacticipant_id, tag);
    }
    record_page<version_record> versions_on_branch(row_id pacticipant_id, std::string_view branch, list_window window) override {
        return sql_.page(sql::versions_on_branch_window, read_version, window, pacticipant_id, branch);
    }
    record_page<branch_record> list_branches(row_id pacticipant_id, list_window window) override {
        return sql_.page(sql::branches_window, read_branch, window, pacticipant_id);
    }

    row_id insert_pacticipant(const pacticipant_record& p) override {
        return sql_.insert(sql::insert_pacticipant, p.name, p.display_name, p.main_branch, p.repository_url, p.created_at, p.updated_at);
    }
    void update_pacticipant(const pacticipant_record& p) override {
        sql_.execute(sql::update_pacticipant, p.name, p.display_name, p.main_branch, p.repository_url, p.updated_at, p.id);
    }
    void delete_pacticipant(row_id pacticipant_id) override { sql_.execute(sql::delete_pacticipant, pacticipant_id); }
    bool add_label(row_id pacticipant_id, std::string_view label, std::string_view now) override {
        return sql_.execute(insert_label, pacticipant_id, label, now) > 0;
    }
    bool delete_label(row_id pacticipant_id, std::string_view label) override { return sql_.execute(sql::delete_label, pacticipant_id, label) > 0; }

    row_id insert_version(const version_record& v) override {
        return sql_.insert(sql::insert_version, v.pacticipant_id, v.number, v.build_url, v.created_at);
    }
    void update_version(const version_record& v) override { sql_.execute(sql::update_version, v.build_url, v.id); }
    void delete_version(row_id version_id) override { sql_.execute(sql::delete_version, version_id); }
    void delete_versions_without_contracts(row_id pacticipant_id) override { sql_.execute(sql::delete_versions_without_contracts, pacticipant_id); }

    bool add_version_to_branch(row_id pacticipant_id, std::string_view branch, row_id version_id, std::string_view now) override {
        const auto existing = find_branch(pacticipant_id, branch);
        const row_id branch_id = existing ? existing->id : sql_.insert(sql::insert_branch, pacticipant_id, branch, now);
        return sql_.execute(insert_branch_version, branch_id, version_id, now) > 0;
    }
    row_id insert_branch(const branch_record& b) override { return sql_.insert(sql::insert_branch, b.pacticipant_id, b.name, b.created_at); }
    void delete_branch(row_id branch_id) override { sql_.execute(sql::delete_branch, branch_id); }
    bool remove_version_from_branch(row_id branch_id, row_id version_id) override {
        return sql_.execute(sql::delete_branch_version, branch_id, version_id) > 0;
    }
    bool add_tag(row_id pacticipant_id, row_id version_id, std::string_view tag, std::string_view now) override {
        return sql_.execute(insert_tag, version_id, tag, pacticipant_id, now) > 0;
    }
    bool delete_tag(row_id version_id, std::string_view tag) override { return sql_.execute(sql::delete_tag, version_id, tag) > 0; }

private:
    queries sql_;
};

}  // namespace

std::unique_ptr<pacticipant_writer> make_pacticipant_repository(connection& session) { return std::make_unique<pacticipant_repository>(session); }

}  // namespace pact::broker::store::sql
