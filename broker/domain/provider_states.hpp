#pragma once
// The provider states a provider has to support, gathered from a set of pacts: each distinct state (its
// name and parameters) once, with the consumers whose pacts use it, ordered by name.

#include "broker/domain/types.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace pact::broker::domain {

struct provider_state_usage {
    std::string name;
    std::optional<nlohmann::json> params;  // absent when the pact gives none
    std::vector<std::string> consumers;    // in the order of the pacts, each once

    friend bool operator==(const provider_state_usage&, const provider_state_usage&) = default;
};

// Which pacts the states are read from: the latest pact of each consumer on its main branch (neither
// set), on a named branch, or those of the consumer versions currently in an environment.
struct provider_states_scope {
    std::optional<std::string> branch;
    std::optional<std::string> environment;  // a name (or an environment's uuid)
};

// The states of every interaction and message of the pacts, as the pact model reads them (a v1/v2
// `providerState` name, v3/v4 `providerStates` with params). Interactions without a state add nothing;
// empty params count as none.
[[nodiscard]] std::vector<provider_state_usage> aggregate_provider_states(const std::vector<pact_publication>& pacts);

}  // namespace pact::broker::domain
