#include "broker/domain/provider_states.hpp"

#include "pact/pact_reader.hpp"

#include <algorithm>
#include <map>
#include <utility>

namespace pact::broker::domain {

std::vector<provider_state_usage> aggregate_provider_states(const std::vector<pact_publication>& pacts) {
    std::vector<provider_state_usage> usages;
    // (name, params as JSON text) → index in usages; "" stands for no params, which no JSON text is.
    std::map<std::pair<std::string, std::string>, std::size_t> seen;
    const auto record = [&](const provider_state& state, const std::string& consumer) {
        const auto params = state.params.empty() ? std::nullopt : std::optional(state.params);
        auto [position, added] = seen.try_emplace({state.name, params ? params->dump() : ""}, usages.size());
        if (added) {
            usages.push_back({state.name, params, {consumer}});
            return;
        }
        auto& consumers = usages[position->second].consumers;
        if (std::ranges::find(consumers, consumer) == consumers.end()) consumers.push_back(consumer);
    };
    for (const auto& publication : pacts) {
        // Stored pacts were read when they were published; one that no longer reads has no states to give.
        const auto pact = read_pact(publication.content, "the stored pact");
        if (!pact) continue;
        for (const auto& interaction : pact->interactions) {
            for (const auto& state : interaction.provider_states) record(state, publication.consumer_name);
        }
    }
    std::ranges::stable_sort(usages, {}, &provider_state_usage::name);
    return usages;
}

}  // namespace pact::broker::domain
