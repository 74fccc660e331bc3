// Provider contracts and their comparisons with pact contents, in SQL.

#include "broker/store/sql/sql_queries.hpp"

namespace pact::broker::store::sql {
namespace {

const std::string provider_contract_columns =
    "c.id, c.provider_id, c.provider_version_id, c.content, c.content_type, c.specification, c.self_verification_success,"
    " c.verification_content, c.verification_content_type, c.verification_format, c.verifier, c.verifier_version, c.build_url,"
    " c.created_at";  // c
const std::string comparison_columns =
    "cc.id, cc.provider_contract_id, cc.pact_version_id, cc.compatible, cc.errors, cc.warnings, cc.findings, cc.created_at";  // cc

const statement find_provider_contract{"find_provider_contract",
                                       "SELECT " + provider_contract_columns + " FROM provider_contracts c WHERE c.id = ?"};
const statement provider_contract_of_version{
    "provider_contract_of_version", "SELECT " + provider_contract_columns + " FROM provider_contracts c WHERE c.provider_version_id = ?"};
const statement latest_provider_contract{
    "latest_provider_contract",
    "SELECT " + provider_contract_columns + " FROM provider_contracts c WHERE c.provider_id = ? ORDER BY c.id DESC LIMIT 1"};
const statement delete_provider_contract_of_version{"delete_provider_contract_of_version",
                                                    "DELETE FROM provider_contracts WHERE provider_version_id = ?"};
const statement insert_provider_contract{
    "insert_provider_contract",
    "INSERT INTO provider_contracts (provider_id, provider_version_id, content, content_type, specification, self_verification_success,"
    " verification_content, verification_content_type, verification_format, verifier, verifier_version, build_url, created_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"};
const statement find_comparison{
    "find_contract_comparison",
    "SELECT " + comparison_columns + " FROM contract_comparisons cc WHERE cc.provider_contract_id = ? AND cc.pact_version_id = ?"};
const statement comparisons_of_pact_version{
    "contract_comparisons_of_pact_version",
    "SELECT " + comparison_columns + " FROM contract_comparisons cc WHERE cc.pact_version_id = ? ORDER BY cc.id"};
const statement comparisons_of_contract{
    "contract_comparisons_of_contract",
    "SELECT " + comparison_columns + " FROM contract_comparisons cc WHERE cc.provider_contract_id = ? ORDER BY cc.id"};
const statement delete_comparison{"delete_contract_comparison",
                                  "DELETE FROM contract_comparisons WHERE provider_contract_id = ? AND pact_version_id = ?"};
const statement insert_comparison{
    "insert_contract_comparison",
    "INSERT INTO contract_comparisons (provider_contract_id, pact_version_id, compatible, errors, warnings, findings, created_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?)"};

std::optional<std::int64_t> to_integer(std::optional<bool> flag) {
    if (!flag) return std::nullopt;
    return *flag ? 1 : 0;
}

provider_contract_record read_provider_contract(const row& found) {
    const auto success = optional_integer(found, 6);
    return {found.integer(0),
            found.integer(1),
            found.integer(2),
            found.text(3),
            found.text(4),
            found.text(5),
            success ? std::optional(*success != 0) : std::nullopt,
            optional_text(found, 7),
            optional_text(found, 8),
            optional_text(found, 9),
            optional_text(found, 10),
            optional_text(found, 11),
            optional_text(found, 12),
            found.text(13)};
}

contract_comparison_record read_comparison(const row& found) {
    return {found.integer(0), found.integer(1), found.integer(2), found.integer(3) != 0, found.integer(4), found.integer(5), found.text(6), found.text(7)};
}

class provider_contract_repository final : public provider_contract_writer {
public:
    explicit provider_contract_repository(connection& session) : sql_(session) {}

    std::optional<provider_contract_record> find_provider_contract(row_id provider_contract_id) override {
        return sql_.one(sql::find_provider_contract, read_provider_contract, provider_contract_id);
    }
    std::optional<provider_contract_record> provider_contract_of_version(row_id provider_version_id) override {
        return sql_.one(sql::provider_contract_of_version, read_provider_contract, provider_version_id);
    }
    std::optional<provider_contract_record> latest_provider_contract(row_id provider_id) override {
        return sql_.one(sql::latest_provider_contract, read_provider_contract, provider_id);
    }
    std::optional<contract_comparison_record> find_comparison(row_id provider_contract_id, row_id pact_version_id) override {
        return sql_.one(sql::find_comparison, read_comparison, provider_contract_id, pact_version_id);
    }
    std::vector<contract_comparison_record> comparisons_of_pact_version(row_id pact_version_id) override {
        return sql_.many(sql::comparisons_of_pact_version, read_comparison, pact_version_id);
    }
    std::vector<contract_comparison_record> comparisons_of_contract(row_id provider_contract_id) override {
        return sql_.many(sql::comparisons_of_contract, read_comparison, provider_contract_id);
    }
    row_id save_provider_contract(const provider_contract_record& c) override {
        (void)sql_.execute(delete_provider_contract_of_version, c.provider_version_id);
        return sql_.insert(insert_provider_contract, c.provider_id, c.provider_version_id, c.content, c.content_type, c.specification,
                           to_integer(c.self_verification_success), c.verification_content, c.verification_content_type, c.verification_format,
                           c.verifier, c.verifier_version, c.build_url, c.created_at);
    }
    void save_comparison(const contract_comparison_record& c) override {
        (void)sql_.execute(delete_comparison, c.provider_contract_id, c.pact_version_id);
        (void)sql_.execute(insert_comparison, c.provider_contract_id, c.pact_version_id, c.compatible, c.errors, c.warnings, c.findings, c.created_at);
    }

private:
    queries sql_;
};

}  // namespace

std::unique_ptr<provider_contract_writer> make_provider_contract_repository(connection& session) {
    return std::make_unique<provider_contract_repository>(session);
}

}  // namespace pact::broker::store::sql
