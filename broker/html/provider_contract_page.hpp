#pragma once
// Bi-directional contracts as people read them: a provider version's OpenAPI contract with the provider's own tests of
// it and how each consumer version's pact compares with it; one comparison, its findings grouped by interaction with
// errors first, so that a person sees which field a pact relies on that the contract lacks; and, for the pact page,
// the contracts a pact content was compared with.

#include "broker/domain/provider_contract_service.hpp"
#include "broker/html/page_links.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace pact::broker::html {

[[nodiscard]] std::string render_provider_contract_page(const domain::provider_contract& contract, const page_links& links);

[[nodiscard]] std::string render_contract_comparison_page(const domain::provider_contract_comparison& comparison, const page_links& links);

// A section listing each provider contract the pact content was compared with, its links naming `consumer_version`
// (the version whose pact page shows it); "" when the content was never compared.
[[nodiscard]] std::string render_pact_comparisons(const std::vector<domain::provider_contract_comparison>& comparisons, std::string_view consumer_version,
                                                  const page_links& links);

}  // namespace pact::broker::html
