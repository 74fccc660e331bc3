#pragma once
// Provider contracts (bi-directional contract testing): the OpenAPI document a provider version published with
// the result of its own tests, and the comparisons of consumer pacts with it. The comparison is computed by the
// domain layer (domain/provider_contract_service) when either side is published and stored here, so that the
// matrix reads it like a verification.

#include "broker/store/records.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace pact::broker::store {

// One per provider version: publishing again for the version replaces it (and its comparisons).
struct provider_contract_record {
    row_id id = 0;
    row_id provider_id = 0;
    row_id provider_version_id = 0;
    std::string content;       // the document as published (YAML or JSON text)
    std::string content_type;  // "application/yaml", "application/json"
    std::string specification = "oas";
    // The provider's own tests of the contract; an absent result counts as not succeeded.
    std::optional<bool> self_verification_success;
    std::optional<std::string> verification_content;  // their output, as published
    std::optional<std::string> verification_content_type;
    std::optional<std::string> verification_format;
    std::optional<std::string> verifier;
    std::optional<std::string> verifier_version;
    std::optional<std::string> build_url;
    std::string created_at;
};

// A pact content compared with a provider contract.
struct contract_comparison_record {
    row_id id = 0;
    row_id provider_contract_id = 0;
    row_id pact_version_id = 0;
    bool compatible = false;  // no errors (warnings allowed)
    std::int64_t errors = 0;
    std::int64_t warnings = 0;
    std::string findings;  // JSON text (openapi::to_json)
    std::string created_at;
};

class provider_contract_reader {
public:
    virtual ~provider_contract_reader() = default;

    [[nodiscard]] virtual std::optional<provider_contract_record> find_provider_contract(row_id provider_contract_id) = 0;
    [[nodiscard]] virtual std::optional<provider_contract_record> provider_contract_of_version(row_id provider_version_id) = 0;
    // The newest contract a version of the provider published; nullopt for a provider that publishes none.
    [[nodiscard]] virtual std::optional<provider_contract_record> latest_provider_contract(row_id provider_id) = 0;
    [[nodiscard]] virtual std::optional<contract_comparison_record> find_comparison(row_id provider_contract_id, row_id pact_version_id) = 0;
    // Every comparison of the pact content, oldest first.
    [[nodiscard]] virtual std::vector<contract_comparison_record> comparisons_of_pact_version(row_id pact_version_id) = 0;
    // Every comparison with the contract, oldest first.
    [[nodiscard]] virtual std::vector<contract_comparison_record> comparisons_of_contract(row_id provider_contract_id) = 0;
};

class provider_contract_writer : public provider_contract_reader {
public:
    // Stores the version's contract, replacing the one it had (whose comparisons go with it); returns its id.
    [[nodiscard]] virtual row_id save_provider_contract(const provider_contract_record& contract) = 0;
    // Stores the comparison, replacing an earlier one of the same pair.
    virtual void save_comparison(const contract_comparison_record& comparison) = 0;
};

}  // namespace pact::broker::store
