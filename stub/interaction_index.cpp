#include "stub/interaction_index.hpp"

#include <algorithm>
#include <limits>

namespace pact::stub {
namespace {

[[nodiscard]] std::string upper_case(std::string_view text) {
    std::string upper(text);
    std::ranges::transform(upper, upper.begin(), [](unsigned char character) {
        return static_cast<char>(std::toupper(character));
    });
    return upper;
}

[[nodiscard]] bool has_path_rule(const http_request& request) {
    const auto* rules = request.rules.category("path");
    return rules != nullptr && !rules->empty();
}

}  // namespace

std::string interaction_index::key(std::string_view method, std::string_view path) {
    return upper_case(method) + " " + std::string(path);
}

interaction_index::interaction_index(std::vector<pact_document> pacts) : pacts_(std::move(pacts)) {
    for (const auto& pact : pacts_) {
        for (const auto& described : pact.interactions) {
            if (described.kind != interaction_kind::synchronous_http) continue;
            const candidate entry{ordered_.size(), &described};
            ordered_.push_back(&described);
            if (has_path_rule(described.request)) {
                by_method_with_path_rule_[upper_case(described.request.method)].push_back(entry);
            } else {
                by_method_and_path_[key(described.request.method, described.request.path)].push_back(entry);
            }
        }
    }
}

lookup_result interaction_index::find(const http_request& received, const interaction_predicate& admissible) const {
    static const std::vector<candidate> none;
    const auto exact = by_method_and_path_.find(key(received.method, received.path));
    const auto& literal = exact == by_method_and_path_.end() ? none : exact->second;
    const auto ruled = by_method_with_path_rule_.find(upper_case(received.method));
    const auto& with_rule = ruled == by_method_with_path_rule_.end() ? none : ruled->second;

    lookup_result result;
    std::size_t fewest = std::numeric_limits<std::size_t>::max();
    std::size_t matched_order = std::numeric_limits<std::size_t>::max();
    const auto consider = [&](const candidate& entry) {
        if (entry.order > matched_order) return;
        if (admissible && !admissible(*entry.described)) return;
        auto mismatches = match_request(entry.described->request, received);
        if (mismatches.empty()) {
            result.matched = entry.described;
            matched_order = entry.order;
        } else if (result.matched == nullptr && mismatches.size() < fewest) {
            fewest = mismatches.size();
            result.closest = entry.described;
            result.mismatches = std::move(mismatches);
        }
    };
    // Both lists are in pact order; the literal ones are tried first, as the likelier and cheaper match.
    for (const auto& entry : literal) {
        consider(entry);
        if (result.matched) break;
    }
    for (const auto& entry : with_rule) consider(entry);
    if (result.matched) {
        result.closest = nullptr;
        result.mismatches.clear();
        return result;
    }
    if (result.closest == nullptr) {
        // No interaction has this method and path: the closest is searched among all (an error path only).
        for (std::size_t order = 0; order < ordered_.size(); ++order) consider({order, ordered_[order]});
        result.matched = nullptr;  // a different path never matches; consider() cannot have set it
    }
    return result;
}

}  // namespace pact::stub
