#pragma once
// The comparison of a consumer's pact with a provider contract (bi-directional contract testing): does every
// HTTP interaction the consumer recorded stay within what the contract promises? Rules and result codes follow
// swagger-mock-validator's ("request.path-or-method.unknown", "response.body.incompatible", ...).

#include "openapi/provider_contract.hpp"
#include "pact/model.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>
#include <vector>

namespace pact::openapi {

enum class finding_severity { error, warning };

// "error", "warning".
[[nodiscard]] std::string to_string(finding_severity severity);

struct comparison_finding {
    std::string code;                 // "response.body.incompatible"
    finding_severity severity = finding_severity::error;
    std::size_t interaction_index = 0;  // in the pact's interactions
    std::string interaction;          // the interaction's description
    std::string pact_location;        // where in the interaction: "$.response.body.total_amount"
    std::string contract_location;    // JSON pointer into the contract: "/paths/~1orders~1{id}/get/responses/200"
    std::string message;              // a sentence, with the rename hint where one applies
};

struct contract_comparison {
    std::vector<comparison_finding> findings;  // errors first, then warnings; each in interaction order

    [[nodiscard]] bool compatible() const;  // no errors (warnings allowed)
    [[nodiscard]] std::size_t error_count() const;
    [[nodiscard]] std::size_t warning_count() const;
};

// Compares every HTTP interaction of the pact (V4 "Synchronous/HTTP" included; messages are not compared).
[[nodiscard]] contract_comparison compare(const pact_document& pact, const provider_contract& contract);

// {"compatible":…,"errors":N,"warnings":N,"findings":[{"code","severity","interaction","interactionIndex",
//   "pactLocation","contractLocation","message"}]}: what the broker stores and serves and `-o json` prints.
[[nodiscard]] nlohmann::json to_json(const contract_comparison& comparison);
// The findings for a terminal, grouped by interaction, errors first.
[[nodiscard]] std::string to_text(const contract_comparison& comparison);

}  // namespace pact::openapi
