#pragma once
// The order in which interactions are replayed. Provider states make a provider stateful, so a batch
// holds interactions that need the same states (or none): the states (or, for none, the baseline state
// "") are set up once before the batch, its interactions run concurrently, and the states are torn down
// after it. Batches run one after another, so no setup or teardown ever overlaps an interaction needing
// different states.
//
// With concurrency 1 every interaction is its own batch, in pact order, exactly as the official
// verifier runs. An interaction that changes the provider (POST, PUT, PATCH, DELETE) also gets a batch
// of its own, with or without states, so it cannot disturb another interaction's fixture or the
// baseline the interactions without states expect.

#include "pact/model.hpp"

#include <cstddef>
#include <vector>

namespace pact::verifier {

struct interaction_reference {
    std::size_t pact_index = 0;
    std::size_t interaction_index = 0;
};

struct batch {
    std::vector<provider_state> states;  // empty: no state change calls
    std::vector<interaction_reference> interactions;
};

// selected: per pact, the indexes of the interactions to verify, in pact order.
[[nodiscard]] std::vector<batch> plan_batches(const std::vector<const pact_document*>& pacts,
                                              const std::vector<std::vector<std::size_t>>& selected,
                                              unsigned concurrency);

}  // namespace pact::verifier
