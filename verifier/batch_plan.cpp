#include "verifier/batch_plan.hpp"

#include <map>
#include <string>

namespace pact::verifier {
namespace {

// Two interactions need the same provider setup when their states (names and params, in order) agree.
[[nodiscard]] std::string state_key(const std::vector<provider_state>& states) {
    nlohmann::json key = nlohmann::json::array();
    for (const auto& state : states) key.push_back({state.name, state.params});
    return key.dump();
}

[[nodiscard]] bool changes_provider(const interaction& described) {
    if (described.kind != interaction_kind::synchronous_http) return false;
    const auto& method = described.request.method;
    return !(equals_ignoring_case(method, "GET") || equals_ignoring_case(method, "HEAD") ||
             equals_ignoring_case(method, "OPTIONS"));
}

}  // namespace

std::vector<batch> plan_batches(const std::vector<const pact_document*>& pacts,
                                const std::vector<std::vector<std::size_t>>& selected, unsigned concurrency) {
    std::vector<batch> batches;
    std::map<std::string, std::size_t> shared_batch_by_state;  // state key -> index into batches
    for (std::size_t pact_index = 0; pact_index < pacts.size(); ++pact_index) {
        for (const std::size_t interaction_index : selected[pact_index]) {
            const interaction& described = pacts[pact_index]->interactions[interaction_index];
            const interaction_reference reference{pact_index, interaction_index};
            if (concurrency <= 1 || changes_provider(described)) {
                batches.push_back({described.provider_states, {reference}});
                continue;
            }
            const auto [found, inserted] = shared_batch_by_state.try_emplace(state_key(described.provider_states),
                                                                             batches.size());
            if (inserted) batches.push_back({described.provider_states, {}});
            batches[found->second].interactions.push_back(reference);
        }
    }
    return batches;
}

}  // namespace pact::verifier
