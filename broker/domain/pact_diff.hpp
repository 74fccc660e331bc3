#pragma once
// What changed between two versions of a pact, per interaction, and which expectation each change
// affects: a new or stricter expectation can fail against provider versions that only verified the
// previous pact; a removed one frees the provider, once no deployed consumer version still relies on it.

#include "broker/domain/types.hpp"
#include "pact/model.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pact::broker::domain {

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

// "breaking", "relaxed", "neutral"; "added", "removed", "changed": the words the JSON and the pages show.
[[nodiscard]] std::string_view impact_name(change_impact impact);
[[nodiscard]] std::string_view status_name(interaction_diff::status status);

// What changed from `earlier`'s content to `later`'s; absent when either pact cannot be read.
[[nodiscard]] std::optional<pact_diff> diff_publications(const pact_publication& earlier, const pact_publication& later);

}  // namespace pact::broker::domain
