#pragma once
// The index page: one row per integration (consumer → provider) with its latest pact and the latest
// verification of that pact, coloured by state, linking to the pact, its matrix, its badge and the graph, and to
// the provider's newest contract when it publishes them.

#include "broker/domain/types.hpp"
#include "broker/html/page_links.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace pact::broker::html {

struct integration_summary {
    domain::pact_publication latest_pact;                      // content may be left empty: only names, versions and sha are shown
    std::optional<domain::verification> latest_verification;  // of that pact's content
    std::optional<std::string> provider_contract_version;      // of the provider's newest bi-directional contract, when it published one
};

// "success", "failure" or "unknown" (never verified): the row's colour and the word shown.
[[nodiscard]] std::string verification_state(const std::optional<domain::verification>& verification);

// Which integrations the page shows: page `number` of those `size` long, out of `total`.
struct index_window {
    std::int64_t number = 1;
    std::int64_t size = 100;
    std::int64_t total = 0;
};

[[nodiscard]] std::string render_index_page(const std::vector<integration_summary>& integrations, const index_window& window, const page_links& links);

}  // namespace pact::broker::html
