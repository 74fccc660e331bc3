#include "broker/domain/provider_states.hpp"

#include <algorithm>
#include <map>
#include <utility>

namespace pact::broker::domain {
namespace {

struct state_reference {
    std::string name;
    std::optional<nlohmann::json> params;
};

// The states one interaction (or message) is set up with.
std::vector<state_reference> states_of(const nlohmann::json& interaction) {
    std::vector<state_reference> states;
    if (!interaction.is_object()) return states;
    if (auto single = interaction.find("providerState"); single != interaction.end() && single->is_string()) {
        states.push_back({single->get<std::string>(), std::nullopt});
    } else if (auto many = interaction.find("providerStates"); many != interaction.end() && many->is_array()) {
        for (const auto& state : *many) {
            if (!state.is_object() || !state.contains("name") || !state["name"].is_string()) continue;
            auto params = state.find("params");
            states.push_back({state["name"].get<std::string>(),
                              params == state.end() || params->is_null() ? std::nullopt : std::optional(*params)});
        }
    }
    return states;
}

}  // namespace

std::vector<provider_state_usage> aggregate_provider_states(const std::vector<pact_publication>& pacts) {
    std::vector<provider_state_usage> usages;
    // (name, params as JSON text) → index in usages; "" stands for no params, which no JSON text is.
    std::map<std::pair<std::string, std::string>, std::size_t> seen;
    auto record = [&](const state_reference& state, const std::string& consumer) {
        auto [position, added] = seen.try_emplace({state.name, state.params ? state.params->dump() : ""}, usages.size());
        if (added) {
            usages.push_back({state.name, state.params, {consumer}});
            return;
        }
        auto& consumers = usages[position->second].consumers;
        if (std::ranges::find(consumers, consumer) == consumers.end()) consumers.push_back(consumer);
    };
    for (const auto& pact : pacts) {
        if (!pact.content.is_object()) continue;
        for (const char* list : {"interactions", "messages"}) {
            auto interactions = pact.content.find(list);
            if (interactions == pact.content.end() || !interactions->is_array()) continue;
            for (const auto& interaction : *interactions) {
                for (const auto& state : states_of(interaction)) record(state, pact.consumer_name);
            }
        }
    }
    std::ranges::stable_sort(usages, {}, &provider_state_usage::name);
    return usages;
}

}  // namespace pact::broker::domain
