#pragma once
// The HTTP interactions of pacts, found by method and path without trying every one: interactions whose
// path is matched literally are indexed by (method, path); those with a path matching rule are kept per
// method and tried after. Among the candidates the first one (in pact order) whose request matches wins.

#include "pact/matching.hpp"
#include "pact/model.hpp"

#include <cstddef>
#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

namespace pact::stub {

struct lookup_result {
    const interaction* matched = nullptr;  // the interaction to answer with, if any
    // When nothing matched: the closest interaction (fewest mismatches) and its mismatches.
    const interaction* closest = nullptr;
    std::vector<pact::mismatch> mismatches;
};

// Which interactions may answer a request (all when empty).
using interaction_predicate = std::function<bool(const interaction&)>;

// Immutable after construction, so lookups are thread-safe.
class interaction_index {
public:
    explicit interaction_index(std::vector<pact_document> pacts);

    [[nodiscard]] lookup_result find(const http_request& received, const interaction_predicate& admissible = {}) const;
    [[nodiscard]] std::size_t size() const { return ordered_.size(); }
    [[nodiscard]] const std::vector<const interaction*>& interactions() const { return ordered_; }

private:
    struct candidate {
        std::size_t order = 0;  // position in pact order
        const interaction* described = nullptr;
    };
    [[nodiscard]] static std::string key(std::string_view method, std::string_view path);

    std::vector<pact_document> pacts_;
    std::vector<const interaction*> ordered_;
    std::unordered_map<std::string, std::vector<candidate>> by_method_and_path_;
    std::unordered_map<std::string, std::vector<candidate>> by_method_with_path_rule_;
};

}  // namespace pact::stub
