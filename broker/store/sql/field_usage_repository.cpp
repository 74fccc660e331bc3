// The field-usage index, in SQL: one row per place a pact content relies on, and one per indexed content.

#include "broker/store/sql/sql_queries.hpp"

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
// Places go in batches of one statement each: a large pact relies on thousands, and PostgreSQL answers each statement
// with a round trip.
constexpr std::size_t field_usage_batch = 64;
std::string field_usage_insert_text(std::size_t rows) {
    std::string text = "INSERT INTO field_usages (pact_version_id, position, method, target, field, rule) VALUES ";
    for (std::size_t index = 0; index < rows; ++index) text += index == 0 ? "(?, ?, ?, ?, ?, ?)" : ", (?, ?, ?, ?, ?, ?)";
    return text;
}
const statement field_usage_insert_one{"field_usage_insert_one", field_usage_insert_text(1)};
const statement field_usage_insert_batch{"field_usage_insert_batch", field_usage_insert_text(field_usage_batch)};

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
    std::vector<row_id> unindexed_pact_versions(std::int64_t limit) override {
        return sql_.many(field_usage_unindexed, [](const row& found) { return found.integer(0); }, limit);
    }
    void index_pact_version(row_id pact_version_id, const std::vector<field_usage_record>& usages) override {
        if (sql_.execute(field_usage_mark_indexed, pact_version_id) == 0) return;
        std::vector<value> parameters;
        parameters.reserve(6 * field_usage_batch);
        std::size_t position = 0;
        while (position < usages.size()) {
            const bool whole_batch = usages.size() - position >= field_usage_batch;
            const std::size_t rows = whole_batch ? field_usage_batch : 1;
            parameters.clear();
            for (std::size_t index = 0; index < rows; ++index, ++position) {
                const auto& usage = usages[position];
                parameters.insert(parameters.end(), {pact_version_id, static_cast<std::int64_t>(position), to_value(usage.method),
                                                     to_value(usage.target), to_value(usage.field), to_value(usage.rule)});
            }
            session_.run(whole_batch ? field_usage_insert_batch : field_usage_insert_one, parameters, [](const row&) {});
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
