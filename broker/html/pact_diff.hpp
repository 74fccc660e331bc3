#pragma once
// What changed between two versions of a pact, per interaction, and which expectation each change
// affects: a new or stricter expectation can fail against provider versions that only verified the
// previous pact; a removed one frees the provider, once no deployed consumer version still relies on it.

#include "broker/domain/types.hpp"
#include "broker/html/page_links.hpp"
#include "pact/model.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace pact::broker::html {

enum class change_impact {
    breaking,  // a new or stricter expectation: verification can fail where the previous pact passed
    relaxed,   // an expectation removed or loosened
    neutral,   // an example changed where only its type matters
};

struct pact_change {
    change_impact impact = change_impact::neutral;
    std::string place;   // "request", "response status", "$.total_amount", "header Content-Type", "provider states"
    std::string before;  // in words ("any integer (example 42)"); "" when added
    std::string after;   // "" when removed
    std::string effect;  // a sentence saying which expectation this breaks or frees
};

struct interaction_diff {
    std::string description;  // with provider states: "a request for an order (given an order exists)"
    enum class status { added, removed, changed } what = status::changed;
    std::vector<pact_change> changes;
};

struct pact_diff {
    std::vector<interaction_diff> interactions;  // only interactions that changed; unchanged ones are counted
    std::size_t unchanged = 0;

    [[nodiscard]] bool breaking() const;
};

[[nodiscard]] pact_diff diff_pacts(const pact::pact_document& previous, const pact::pact_document& current);

[[nodiscard]] nlohmann::json to_json(const pact_diff& diff);

// What changed from `earlier`'s content to `later`'s; absent when either pact cannot be read.
[[nodiscard]] std::optional<pact_diff> diff_publications(const domain::pact_publication& earlier, const domain::pact_publication& later);

// The JSON answer of a diff: to_json of the changes from `compared_with` to `current`, with links to `self`, the
// pact and, under `comparison_relation`, the pact compared with; absent `compared_with`: a notice that this is the
// first version of the pact.
[[nodiscard]] nlohmann::json diff_resource(const domain::pact_publication& current, const std::optional<domain::pact_publication>& compared_with,
                                           std::string_view comparison_relation, const std::string& self, const page_links& links);

// `previous` absent: this is the first distinct version of the pact.
[[nodiscard]] std::string render_diff_page(const domain::pact_publication& current, const std::optional<domain::pact_publication>& previous,
                                           const std::optional<pact_diff>& diff, const page_links& links);

}  // namespace pact::broker::html
