#pragma once
// The index page: one row per integration (consumer → provider) with its latest pact and the latest
// verification of that pact, coloured by state, linking to the pact, its matrix, its badge and the graph.

#include "broker/domain/types.hpp"
#include "broker/html/page_links.hpp"

#include <optional>
#include <string>
#include <vector>

namespace pact::broker::html {

struct integration_summary {
    domain::pact_publication latest_pact;                      // content may be left empty: only names, versions and sha are shown
    std::optional<domain::verification> latest_verification;  // of that pact's content
};

// "success", "failure" or "unknown" (never verified): the row's colour and the word shown.
[[nodiscard]] std::string verification_state(const std::optional<domain::verification>& verification);

[[nodiscard]] std::string render_index_page(const std::vector<integration_summary>& integrations, const page_links& links);

}  // namespace pact::broker::html
