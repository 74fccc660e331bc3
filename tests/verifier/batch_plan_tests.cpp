#include "verifier/batch_plan.hpp"

#include <doctest/doctest.h>

using namespace pact;
using namespace pact::verifier;

namespace {

interaction described(std::string method, std::vector<provider_state> states = {}) {
    interaction made;
    made.request.method = std::move(method);
    made.provider_states = std::move(states);
    return made;
}

std::vector<std::vector<std::size_t>> all_of(const std::vector<const pact_document*>& pacts) {
    std::vector<std::vector<std::size_t>> selected;
    for (const auto* pact : pacts) {
        auto& indexes = selected.emplace_back();
        for (std::size_t index = 0; index < pact->interactions.size(); ++index) indexes.push_back(index);
    }
    return selected;
}

std::vector<std::pair<std::size_t, std::size_t>> references(const batch& planned) {
    std::vector<std::pair<std::size_t, std::size_t>> found;
    for (const auto& reference : planned.interactions) found.emplace_back(reference.pact_index, reference.interaction_index);
    return found;
}

}  // namespace

TEST_CASE("with concurrency 1 every interaction is its own batch in pact order") {
    pact_document pact;
    pact.interactions = {described("GET"), described("GET", {{"a", {}}}), described("GET", {{"a", {}}})};
    const std::vector<const pact_document*> pacts{&pact};
    const auto batches = plan_batches(pacts, all_of(pacts), 1);
    REQUIRE(batches.size() == 3);
    for (std::size_t index = 0; index < 3; ++index) {
        CHECK(references(batches[index]) == std::vector<std::pair<std::size_t, std::size_t>>{{0, index}});
    }
    CHECK(batches[1].states.size() == 1);
}

TEST_CASE("interactions without states, and interactions sharing the same states, share a batch across pacts") {
    pact_document first;
    first.interactions = {described("GET"), described("GET", {{"order 1 exists", {{"id", 1}}}}), described("GET")};
    pact_document second;
    second.interactions = {described("GET", {{"order 1 exists", {{"id", 1}}}}), described("GET", {{"order 1 exists", {{"id", 2}}}})};
    const std::vector<const pact_document*> pacts{&first, &second};
    const auto batches = plan_batches(pacts, all_of(pacts), 8);
    REQUIRE(batches.size() == 3);
    CHECK(batches[0].states.empty());
    CHECK(references(batches[0]) == std::vector<std::pair<std::size_t, std::size_t>>{{0, 0}, {0, 2}});
    CHECK(references(batches[1]) == std::vector<std::pair<std::size_t, std::size_t>>{{0, 1}, {1, 0}});
    CHECK(batches[1].states[0].params == nlohmann::json{{"id", 1}});
    CHECK(references(batches[2]) == std::vector<std::pair<std::size_t, std::size_t>>{{1, 1}});
}

TEST_CASE("an interaction changing the provider under a provider state runs in a batch of its own") {
    pact_document pact;
    pact.interactions = {described("GET", {{"s", {}}}), described("DELETE", {{"s", {}}}), described("GET", {{"s", {}}}),
                         described("POST")};
    const std::vector<const pact_document*> pacts{&pact};
    const auto batches = plan_batches(pacts, all_of(pacts), 8);
    REQUIRE(batches.size() == 3);
    CHECK(references(batches[0]) == std::vector<std::pair<std::size_t, std::size_t>>{{0, 0}, {0, 2}});
    CHECK(references(batches[1]) == std::vector<std::pair<std::size_t, std::size_t>>{{0, 1}});
    CHECK(references(batches[2]) == std::vector<std::pair<std::size_t, std::size_t>>{{0, 3}});
}

TEST_CASE("only the selected interactions are planned") {
    pact_document pact;
    pact.interactions = {described("GET"), described("GET"), described("GET")};
    const std::vector<const pact_document*> pacts{&pact};
    const auto batches = plan_batches(pacts, {{2}}, 8);
    REQUIRE(batches.size() == 1);
    CHECK(references(batches[0]) == std::vector<std::pair<std::size_t, std::size_t>>{{0, 2}});
}
