#pragma once
// The page of what changed between a pact and its previous distinct version (domain/pact_diff.hpp), with each
// change's effect on the provider.

#include "broker/domain/pact_diff.hpp"
#include "broker/domain/types.hpp"
#include "broker/html/page_links.hpp"

#include <optional>
#include <string>

namespace pact::broker::html {

// `previous` absent: this is the first distinct version of the pact; `diff` absent: one of the two cannot be read.
[[nodiscard]] std::string render_diff_page(const domain::pact_publication& current, const std::optional<domain::pact_publication>& previous,
                                           const std::optional<domain::pact_diff>& diff, const page_links& links);

}  // namespace pact::broker::html
