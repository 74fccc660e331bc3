#pragma once
// A pact as documentation: each interaction with its description, provider states, request, expected
// response and the fields the consumer relies on (rules in words), with the verification history of
// this pact content beside it, failures showing their mismatches, and its comparisons with provider contracts.

#include "broker/domain/provider_contract_service.hpp"
#include "broker/domain/types.hpp"
#include "broker/html/page_links.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace pact::broker::html {

// `verifications`: every verification of the publication's content, in any order; `comparisons`: those of the content
// with provider contracts (bi-directional).
[[nodiscard]] std::string render_pact_page(const domain::pact_publication& publication, const std::vector<domain::verification>& verifications,
                                           const page_links& links, const std::vector<domain::provider_contract_comparison>& comparisons = {});

// The mismatches of one test result (as the verifier publishes them) as an HTML list; "" when none.
[[nodiscard]] std::string render_mismatches(const nlohmann::json& test_result);

}  // namespace pact::broker::html
