// Verification results, in SQL.

#include "broker/store/sql/sql_queries.hpp"

namespace pact::broker::store::sql {
namespace {

const statement verifications_of_pact_version{
    "verifications_of_pact_version", "SELECT " + verification_columns + " FROM verifications vr WHERE vr.pact_version_id = ? ORDER BY vr.number"};
const statement find_verification{"find_verification",
                                  "SELECT " + verification_columns + " FROM verifications vr WHERE vr.pact_version_id = ? AND vr.number = ?"};
const statement latest_verification{
    "latest_verification", "SELECT " + verification_columns + " FROM verifications vr WHERE vr.pact_version_id = ? ORDER BY vr.number DESC LIMIT 1"};
const statement latest_verification_by{"latest_verification_by", "SELECT " + verification_columns +
                                                                     " FROM verifications vr WHERE vr.pact_version_id = ? AND vr.provider_version_id = ?"
                                                                     " ORDER BY vr.id DESC LIMIT 1"};
const statement verifications_by_provider_version{
    "verifications_by_provider_version", "SELECT " + verification_columns + " FROM verifications vr WHERE vr.provider_version_id = ? ORDER BY vr.id"};
// The last parameter of each is 1 to leave out verifications made while the pact was work in progress.
const statement verified_from_branch{"verified_from_branch",
                                     "SELECT 1 FROM verifications vr JOIN branch_versions bv ON bv.version_id = vr.provider_version_id"
                                     " JOIN branches b ON b.id = bv.branch_id"
                                     " WHERE vr.pact_version_id = ? AND vr.success = 1 AND b.pacticipant_id = ? AND b.name = ?"
                                     " AND (vr.wip = 0 OR ? = 0) LIMIT 1"};
const statement verified_with_tag{"verified_with_tag",
                                  "SELECT 1 FROM verifications vr JOIN tags t ON t.version_id = vr.provider_version_id"
                                  " WHERE vr.pact_version_id = ? AND vr.success = 1 AND t.pacticipant_id = ? AND t.name = ?"
                                  " AND (vr.wip = 0 OR ? = 0) LIMIT 1"};
const statement verified{"verified", "SELECT 1 FROM verifications vr WHERE vr.pact_version_id = ? AND vr.success = 1 AND (vr.wip = 0 OR ? = 0) LIMIT 1"};
const statement verified_before{
    "verified_before",
    "SELECT 1 FROM verifications vr WHERE vr.pact_version_id = ? AND vr.success = 1 AND vr.created_at < ? AND (vr.wip = 0 OR ? = 0) LIMIT 1"};
const statement next_verification_number{"next_verification_number",
                                         "SELECT COALESCE(MAX(number), 0) + 1 FROM verifications WHERE pact_version_id = ?"};
const statement insert_verification{
    "insert_verification",
    "INSERT INTO verifications (pact_version_id, provider_version_id, number, success, build_url, test_results, verified_by, created_at, wip)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"};
const statement delete_verification{"delete_verification", "DELETE FROM verifications WHERE id = ?"};

bool not_wip(counted_verifications counted) { return counted == counted_verifications::not_wip; }

class verification_repository final : public verification_writer {
public:
    explicit verification_repository(connection& session) : sql_(session) {}

    std::vector<verification_record> verifications_of_pact_version(row_id pact_version_id) override {
        return sql_.many(sql::verifications_of_pact_version, read_verification, pact_version_id);
    }
    std::optional<verification_record> find_verification(row_id pact_version_id, std::int64_t number) override {
        return sql_.one(sql::find_verification, read_verification, pact_version_id, number);
    }
    std::optional<verification_record> latest_verification(row_id pact_version_id) override {
        return sql_.one(sql::latest_verification, read_verification, pact_version_id);
    }
    std::optional<verification_record> latest_verification_by(row_id pact_version_id, row_id provider_version_id) override {
        return sql_.one(sql::latest_verification_by, read_verification, pact_version_id, provider_version_id);
    }
    std::vector<verification_record> verifications_by_provider_version(row_id provider_version_id) override {
        return sql_.many(sql::verifications_by_provider_version, read_verification, provider_version_id);
    }
    bool verified_successfully_from_branch(row_id pact_version_id, row_id provider_id, std::string_view branch, counted_verifications counted) override {
        return sql_.exists(verified_from_branch, pact_version_id, provider_id, branch, not_wip(counted));
    }
    bool verified_successfully_with_tag(row_id pact_version_id, row_id provider_id, std::string_view tag, counted_verifications counted) override {
        return sql_.exists(verified_with_tag, pact_version_id, provider_id, tag, not_wip(counted));
    }
    bool verified_successfully(row_id pact_version_id, counted_verifications counted) override {
        return sql_.exists(verified, pact_version_id, not_wip(counted));
    }
    bool verified_successfully_before(row_id pact_version_id, std::string_view created_at, counted_verifications counted) override {
        return sql_.exists(verified_before, pact_version_id, created_at, not_wip(counted));
    }
    // Writers are serialised, so the next number cannot be taken by another transaction meanwhile.
    verification_record insert_verification(const verification_record& v) override {
        verification_record stored = v;
        if (stored.number == 0) stored.number = *sql_.one(next_verification_number, [](const row& s) { return s.integer(0); }, v.pact_version_id);
        stored.id = sql_.insert(sql::insert_verification, v.pact_version_id, v.provider_version_id, stored.number, v.success, v.build_url,
                                v.test_results, v.verified_by, v.created_at, v.wip);
        return stored;
    }
    void delete_verification(row_id verification_id) override { sql_.execute(sql::delete_verification, verification_id); }

private:
    queries sql_;
};

}  // namespace

std::unique_ptr<verification_writer> make_verification_repository(connection& session) { return std::make_unique<verification_repository>(session); }

}  // namespace pact::broker::store::sql
