#pragma once
// Bi-directional contract testing: a provider publishes its OpenAPI contract with the result of its own tests
// (POST /provider-contracts/provider/{provider}/publish, `pactflow publish-provider-contract`), and the broker
// compares consumer pacts with it. A comparison is made when either side is published, for the pairs that matter,
// stored, and read by the matrix as a verification of its own kind ("BDCT").

#include "broker/domain/domain_error.hpp"
#include "broker/domain/field_usage_service.hpp"
#include "broker/domain/types.hpp"
#include "broker/store/store.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pact::broker::domain {

// The provider's own tests of its contract (Dredd, Schemathesis, ...). `content` is their output, decoded.
struct self_verification_result {
    std::optional<bool> success;
    std::optional<std::string> content;
    std::optional<std::string> content_type;
    std::optional<std::string> format;
    std::optional<std::string> verifier;
    std::optional<std::string> verifier_version;
};

struct provider_contract_to_publish {
    std::string provider_version_number;
    std::optional<std::string> branch;
    std::vector<std::string> tags;
    std::optional<std::string> build_url;
    std::string content;  // base64 of the document
    std::optional<std::string> content_type;  // "application/yaml", "application/json"; absent: told from the text
    std::string specification = "oas";
    // Base64 output, as the clients send it; decoded when stored.
    self_verification_result self_verification;
};

// A pact content compared with a provider version's contract.
struct provider_contract_comparison {
    std::string consumer_name;
    std::string consumer_version_number;  // the newest consumer version that published the content
    std::string provider_name;
    std::string provider_version_number;
    std::string pact_version_sha;
    bool compatible = false;                 // the comparison found no error
    bool self_verification_success = false;  // the provider's own tests passed
    std::int64_t errors = 0;
    std::int64_t warnings = 0;
    nlohmann::json findings = nlohmann::json::array();  // openapi::to_json's findings
    std::string created_at;

    // What can-i-deploy counts: a compatible contract whose provider's tests passed.
    [[nodiscard]] bool success() const { return compatible && self_verification_success; }
};

struct provider_contract {
    std::string provider_name;
    version provider_version;
    std::string content;
    std::string content_type;
    std::string specification;
    self_verification_result self_verification;
    std::optional<std::string> build_url;
    std::string created_at;
    std::vector<provider_contract_comparison> comparisons;  // oldest first
};

struct publish_provider_contract_result {
    provider_contract contract;  // with the comparisons its publication made
    std::vector<notice> notices;
};

// A contract a provider proposes (`can-i-change`), to be compared without being published.
struct proposed_change {
    std::string content;  // base64 of the document
    std::optional<std::string> content_type;
    std::optional<std::string> environment;  // only the consumer versions there now
    std::optional<std::string> branch;       // only the head of this branch of each consumer
};

// One consumer version that counts, and what the proposed contract makes of its pact.
struct consumer_compatibility {
    counted_consumer_version consumer_version;
    std::string pact_version_sha;
    bool compatible = false;
    std::int64_t errors = 0;
    std::int64_t warnings = 0;
    nlohmann::json findings = nlohmann::json::array();
};

struct change_compatibility {
    bool compatible = true;  // with every consumer version that counts (also when none does)
    std::vector<consumer_compatibility> consumers;  // by consumer name, then oldest first
};

class provider_contract_service {
public:
    provider_contract_service(store::store& store, const broker_config& config);

    // Validates the document (400 naming what is wrong), creates the provider version with its branch and tags when
    // missing, stores the contract (replacing the version's earlier one) and compares it with the pacts of the consumer
    // versions that matter: the head of each consumer's main branch, those deployed or released, the latest of each.
    [[nodiscard]] result<publish_provider_contract_result> publish(std::string_view provider_name, const provider_contract_to_publish& request);
    [[nodiscard]] result<provider_contract> find(std::string_view provider_name, std::string_view provider_version_number);
    // not_found unless the consumer version published a pact for the provider and it was compared with the contract.
    [[nodiscard]] result<provider_contract_comparison> comparison(std::string_view provider_name, std::string_view provider_version_number,
                                                                  std::string_view consumer_name, std::string_view consumer_version_number);
    // Every comparison of the pact content with a provider contract, oldest first (none when never compared); not_found
    // for an unknown pacticipant or content.
    [[nodiscard]] result<std::vector<provider_contract_comparison>> comparisons_of_pact(std::string_view consumer_name, std::string_view provider_name,
                                                                                        std::string_view pact_version_sha);
    // The version number of the newest contract the provider published; nullopt for an unknown provider or one that publishes none.
    [[nodiscard]] std::optional<std::string> latest_contract_version(std::string_view provider_name);

    // Compares a proposed contract with the pacts of the consumer versions that count (field_usage_service's: the head
    // of each main branch and those deployed or released), storing nothing. 400 for a document that is not a contract,
    // 404 for an unknown provider or environment.
    [[nodiscard]] result<change_compatibility> check_change(std::string_view provider_name, const proposed_change& change);

private:
    store::store& store_;
    const broker_config& config_;
};

// What can-i-deploy and the webhooks count of a comparison: the contract was compatible and the provider's own tests of
// it passed (an absent self-verification result counts as not passed).
[[nodiscard]] bool comparison_succeeded(const store::contract_comparison_record& comparison, const store::provider_contract_record& contract);

// In the transaction that stored pact content for the provider: compares it with the contracts of the provider
// versions that matter (the head of the main branch, those deployed or released, the newest contract), storing each
// comparison and queuing its webhooks. Nothing for a provider without contracts. Returns the deliveries queued.
std::size_t compare_with_provider_contracts(store::store_writer& writer, const store::pacticipant_record& provider, store::row_id pact_version_id,
                                            const std::string& now);

}  // namespace pact::broker::domain
