// The field-usage index, in SQL: one row per place a pact content relies on, and one per indexed content.

#include "broker/store/sql/sql_queries.hpp"

#include <array>

namespace pact::broker::store::sql {
namespace {

// One seek of each table's primary key; the indexed row comes back once, with no place, for content that relies on none.
const statement field_usages_of_pact_version{
    "field_usages_of_pact_version",
    "SELECT u.position, u.method, u.target, u.field, u.rule FROM field_usage_indexed_pact_versions i"
    " LEFT JOIN field_usages u ON u.pact_version_id = i.pact_version_id WHERE i.pact_version_id = ? ORDER BY u.position"};
const statement field_usage_unindexed{
    "field_usage_unindexed_pact_versions",
    "SELECT pv.id FROM pact_versions pv"
    " WHERE NOT EXISTS (SELECT 1 FROM field_usage_indexed_pact_versions i WHERE i.pact_version_id = pv.id) ORDER BY pv.id LIMIT ?"};
const statement field_usage_mark_indexed{
    "field_usage_mark_indexed", "INSERT INTO field_usage_indexed_pact_versions (pact_version_id) VALUES (?) ON CONFLICT DO NOTHING"};
const statement field_usage_branch_heads{
    "field_usage_branch_heads",
    "SELECT v.id, p.name, v.number, pp.pact_version_id, b.name FROM integrations i"
    " JOIN pacticipants p ON p.id = i.consumer_id"
    " JOIN branches b ON b.pacticipant_id = i.consumer_id AND b.name = COALESCE(CAST(?2 AS TEXT), p.main_branch)"
    " JOIN pact_publications pp ON pp.id = (SELECT latest.id FROM branch_versions bv"
    "     JOIN pact_publications latest ON latest.consumer_version_id = bv.version_id AND latest.provider_id = i.provider_id"
    "     WHERE bv.branch_id = b.id ORDER BY bv.version_id DESC LIMIT 1)"
    " JOIN versions v ON v.id = pp.consumer_version_id"
    " WHERE i.provider_id = ?1"};
// From the indexes of current deployments and releases (partial: only what is there now).
std::string field_usage_in_environment_text(const char* table, const char* alias, const char* current) {
    const std::string a = alias;
    return std::string("SELECT v.id, p.name, v.number, pp.pact_version_id, e.name FROM ") + table + " " + a +
           " JOIN environments e ON e.id = " + a + ".environment_id"
           " JOIN pact_publications pp ON pp.consumer_version_id = " + a + ".version_id AND pp.provider_id = ?1"
           " JOIN versions v ON v.id = " + a + ".version_id"
           " JOIN pacticipants p ON p.id = " + a + ".pacticipant_id"
           " WHERE " + a + "." + current + " IS NULL AND (CAST(?2 AS BIGINT) IS NULL OR " + a + ".environment_id = ?2)";
}
const statement field_usage_in_environments{
    "field_usage_in_environments", field_usage_in_environment_text("deployed_versions", "d", "undeployed_at") + " UNION ALL " +
                                       field_usage_in_environment_text("released_versions", "r", "support_ended_at")};

counted_version_record read_counted_version(const row& found) {
    return {found.integer(0), found.text(1), found.text(2), found.integer(3), found.text(4)};
}

// Places go in batches of one statement each: a large pact relies on thousands, and PostgreSQL answers each statement
// with a round trip. Batches of 64, then of the powers of two below, so any count takes few statements.
constexpr std::size_t field_usage_batch = 64;
std::string field_usage_insert_text(std::size_t rows) {
    std::string text = "INSERT INTO field_usages (pact_version_id, position, method, target, field, rule) VALUES ";
    for (std::size_t index = 0; index < rows; ++index) text += index == 0 ? "(?, ?, ?, ?, ?, ?)" : ", (?, ?, ?, ?, ?, ?)";
    return text;
}
statement field_usage_insert(std::size_t rows) { return {"field_usage_insert_" + std::to_string(rows), field_usage_insert_text(rows)}; }
const std::array<statement, 7> field_usage_inserts{field_usage_insert(64), field_usage_insert(32), field_usage_insert(16), field_usage_insert(8),
                                                   field_usage_insert(4),  field_usage_insert(2),  field_usage_insert(1)};

class field_usage_repository final : public field_usage_writer {
public:
    explicit field_usage_repository(connection& session) : session_(session), sql_(session) {}

    std::optional<std::vector<field_usage_record>> field_usages_of(row_id pact_version_id) override {
        std::optional<std::vector<field_usage_record>> usages;
        const auto read = [&](const row& found) {
            if (!usages) usages.emplace();
            if (!found.is_null(0)) usages->push_back({optional_text(found, 1), found.text(2), found.text(3), found.text(4)});
            return 0;
        };
        (void)sql_.many(field_usages_of_pact_version, read, pact_version_id);
        return usages;
    }
    std::vector<counted_version_record> branch_heads(row_id provider_id, const std::optional<std::string>& branch) override {
        return sql_.many(field_usage_branch_heads, read_counted_version, provider_id, branch);
    }
    std::vector<counted_version_record> versions_in_environments(row_id provider_id, std::optional<row_id> environment_id) override {
        return sql_.many(field_usage_in_environments, read_counted_version, provider_id, environment_id);
    }
    std::vector<row_id> unindexed_pact_versions(std::int64_t limit) override {
        return sql_.many(field_usage_unindexed, [](const row& found) { return found.integer(0); }, limit);
    }
    void index_pact_version(row_id pact_version_id, const std::vector<field_usage_record>& usages) override {
        if (sql_.execute(field_usage_mark_indexed, pact_version_id) == 0) return;
        std::vector<value> parameters;
        parameters.reserve(6 * field_usage_batch);
        std::size_t position = 0;
        for (const auto& insert : field_usage_inserts) {
            const std::size_t rows = field_usage_batch >> (&insert - field_usage_inserts.data());
            while (usages.size() - position >= rows) {
                parameters.clear();
                for (std::size_t index = 0; index < rows; ++index, ++position) {
                    const auto& usage = usages[position];
                    parameters.insert(parameters.end(), {pact_version_id, static_cast<std::int64_t>(position), to_value(usage.method),
                                                         to_value(usage.target), to_value(usage.field), to_value(usage.rule)});
                }
                session_.run(insert, parameters, [](const row&) {});
            }
        }
    }

private:
    connection& session_;
    queries sql_;
};

}  // namespace

std::unique_ptr<field_usage_writer> make_field_usage_repository(connection& session) {
    return std::make_unique<field_usage_repository>(session);
}

}  // namespace pact::broker::store::sql
