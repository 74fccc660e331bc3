// JSON bodies: compares the expected document with the actual one node by node. At each node the most
// specific matching rule decides; without one, values must be equal. Rules apply to their node and
// everything below it (so a type matcher on a list covers its elements), as the specification says.

#include "pact/body_matching.hpp"
#include "pact/value_matchers.hpp"

#include <algorithm>

namespace pact {
namespace {

bool same_kind(const nlohmann::json& expected, const nlohmann::json& actual) {
    return (expected.is_number() && actual.is_number()) || expected.type() == actual.type();
}

bool has_matcher(const rule_list* rules, matcher_type type) {
    return rules != nullptr && std::ranges::any_of(rules->matchers, [&](const matcher& rule) { return compiled(rule)->type == type; });
}

// Rules that let a list hold any number of elements like its first example (type-like matchers).
bool varies_length(const rule_list* rules) {
    return rules != nullptr && std::ranges::any_of(rules->matchers, [](const matcher& rule) {
        const auto type = compiled(rule)->type;
        return type != matcher_type::equality;
    });
}

std::size_t common_prefix(std::string_view left, std::string_view right) {
    std::size_t length = 0;
    while (length < left.size() && length < right.size() && left[length] == right[length]) ++length;
    return length;
}

struct node_rules {
    const rule_list* best = nullptr;    // applies to this node (possibly from a node above)
    const rule_list* direct = nullptr;  // names this node itself
};

class json_comparator {
public:
    explicit json_comparator(const body_match_context& context) : context_(context) {
        if (context_.rules == nullptr) return;
        for (const auto& [key, list] : *context_.rules) {
            if (!list.path.empty() && list.path.front().type == path_token::kind::root) candidates_.push_back({&list, 1});
        }
    }

    void compare(const nlohmann::json& expected, const nlohmann::json& actual) {
        // The rules for this node, looked up once: the most specific, and whether it names this node itself.
        const auto* rules = rules_here();
        const node_rules here{rules, rules != nullptr && rules->path.size() - 1 == location_.size() ? rules : nullptr};
        if (expected.is_object()) {
            compare_object(here, expected, actual);
        } else if (expected.is_array()) {
            compare_array(here, expected, actual);
        } else {
            compare_leaf(here, expected, actual);
        }
    }

    std::vector<mismatch> take() { return std::move(mismatches_); }

private:
    [[nodiscard]] std::string here() const { return to_string(location_); }
    // The most specific rule for the current location, as best_rules picks it (highest weight, then the
    // longest path, then the first in key order), from the rules still on the path to it.
    [[nodiscard]] const rule_list* rules_here() const {
        const rule_list* best = nullptr;
        std::pair<std::size_t, std::size_t> best_score{0, 0};
        for (auto index = frame_starts_.empty() ? 0 : frame_starts_.back(); index < candidates_.size(); ++index) {
            const auto& [list, weight] = candidates_[index];
            if (list->path.size() - 1 > location_.size()) continue;  // names a place further down
            const std::pair<std::size_t, std::size_t> score{weight, list->path.size()};
            if (score > best_score) {
                best = list;
                best_score = score;
            }
        }
        return best;
    }

    // Steps down into a member or element: only the rules whose path still applies follow, with their
    // weight so far, so each node weighs one token per rule instead of whole paths against every rule.
    void enter(path_step step) {
        const auto depth = location_.size();
        const auto previous = frame_starts_.empty() ? 0 : frame_starts_.back();
        const auto end = candidates_.size();
        frame_starts_.push_back(end);
        for (auto index = previous; index < end; ++index) {
            const auto candidate = candidates_[index];
            const auto& path = candidate.list->path;
            if (path.size() - 1 <= depth) {
                candidates_.push_back(candidate);  // a rule applies to everything below its node
            } else if (const auto weight = token_weight(path[depth + 1], step)) {
                candidates_.push_back({candidate.list, candidate.weight * weight});
            }
        }
        location_.push_back(std::move(step));
    }

    void leave() {
        location_.pop_back();
        candidates_.resize(frame_starts_.back());
        frame_starts_.pop_back();
    }

    void add(const nlohmann::json& expected, const nlohmann::json& actual, std::string message) {
        mismatches_.push_back({context_.part, here(), expected, actual, std::move(message)});
    }

    // Matchers applied to a list or an object itself: its kind, emptiness, and (named directly) its length.
    bool check_container(const node_rules& here_rules, const nlohmann::json& expected, const nlohmann::json& actual) {
        const auto* rules = here_rules.best;
        if (rules != nullptr) {
            std::vector<std::string> failures;
            bool any_passed = false;
            for (const auto& rule : rules->matchers) {
                const auto type = compiled(rule)->type;
                std::optional<std::string> failure;
                if (type == matcher_type::not_empty || type == matcher_type::type || type == matcher_type::equality ||
                    type == matcher_type::values || type == matcher_type::each_key || type == matcher_type::each_value ||
                    type == matcher_type::array_contains) {
                    failure = same_kind(expected, actual) ? check_value(rule, expected, actual, value_kind::json) : std::nullopt;
                }
                if (!failure && same_kind(expected, actual) && here_rules.direct != nullptr) failure = check_length(rule, actual);
                if (failure) failures.push_back(std::move(*failure)); else any_passed = true;
            }
            if (rules->logic == rule_logic::any_of && any_passed) failures.clear();
            for (auto& failure : failures) add(expected, actual, here() + ": " + failure);
        }
        if (!same_kind(expected, actual)) {
            add(expected, actual, here() + ": expected a " + json_type_name(expected) + " but found a " + json_type_name(actual) + " " + describe(actual));
            return false;
        }
        return true;
    }

    void compare_object(const node_rules& here_rules, const nlohmann::json& expected, const nlohmann::json& actual) {
        if (!check_container(here_rules, expected, actual)) return;
        const auto* direct = here_rules.direct;
        const bool each_key = has_matcher(direct, matcher_type::each_key);
        const bool each_value = has_matcher(direct, matcher_type::each_value);
        if (each_key || each_value || has_matcher(direct, matcher_type::values)) {
            compare_each_entry(*direct, expected, actual);
            return;
        }
        if (!context_.allow_unexpected_keys) {
            for (const auto& [key, value] : actual.items()) {
                if (expected.contains(key)) continue;
                enter({key});
                add(nullptr, value, here() + " was not expected (the pact does not mention it)");
                leave();
            }
        }
        for (const auto& [key, value] : expected.items()) {
            enter({key});
            if (const auto found = actual.find(key); found != actual.end()) {
                compare(value, *found);
            } else {
                report_missing(key, value, expected, actual);
            }
            leave();
        }
    }

    // values / eachKey / eachValue: the object is a map of any keys; each value is like the example.
    void compare_each_entry(const rule_list& direct, const nlohmann::json& expected, const nlohmann::json& actual) {
        for (const auto& [key, value] : actual.items()) {
            enter({key});
            for (const auto& rule : direct.matchers) {
                const auto compiled_rule = compiled(rule);
                if (compiled_rule->type != matcher_type::each_key) continue;
                for (auto& failure : check_rules(compiled_rule->nested, key, key, value_kind::text)) add(nullptr, key, "key " + here() + ": " + failure);
            }
            if (const auto found = expected.find(key); found != expected.end()) {
                check_each_value(direct, *found, value);
                compare(*found, value);
            } else if (!expected.empty() && (has_matcher(&direct, matcher_type::values) || has_matcher(&direct, matcher_type::each_value))) {
                check_each_value(direct, expected.begin().value(), value);
                compare(expected.begin().value(), value);
            }
            leave();
        }
    }

    // eachValue on a list: any number of elements, each like its example (the first past the end), each
    // passing the nested rules.
    void compare_each_element(const rule_list& direct, const nlohmann::json& expected, const nlohmann::json& actual) {
        for (std::size_t index = 0; index < actual.size(); ++index) {
            enter({std::to_string(index), true});
            const auto& example = expected.empty() ? actual[index] : (index < expected.size() ? expected[index] : expected[0]);
            check_each_value(direct, example, actual[index]);
            compare(example, actual[index]);
            leave();
        }
    }

    // The rules an eachValue matcher holds, applied to one value of a map or list (its leaves: a nested
    // value is compared with its example by the rules below it).
    void check_each_value(const rule_list& direct, const nlohmann::json& example, const nlohmann::json& value) {
        if (value.is_structured()) return;
        for (const auto& rule : direct.matchers) {
            const auto compiled_rule = compiled(rule);
            if (compiled_rule->type != matcher_type::each_value) continue;
            for (auto& failure : check_rules(compiled_rule->nested, example, value, value_kind::json)) add(example, value, here() + ": " + failure);
        }
    }

    void report_missing(const std::string& key, const nlohmann::json& value, const nlohmann::json& expected, const nlohmann::json& actual) {
        std::string message = here() + " is missing";
        if (const auto renamed = rename_candidate(key, value, expected, actual)) {
            location_.back().name = *renamed;
            message += "; the " + context_.sender + " now sends " + here() + " (renamed?)";
            location_.back().name = key;
        }
        add(value, nullptr, std::move(message));
    }

    // A key of the actual object the pact does not mention whose value would satisfy the missing key's
    // rule (or, without one, has the expected type); the one sharing the longest prefix with its name wins.
    std::optional<std::string> rename_candidate(const std::string& key, const nlohmann::json& value, const nlohmann::json& expected, const nlohmann::json& actual) {
        const auto* rules = rules_here();
        const bool has_value_rule = rules != nullptr && varies_length(rules);
        std::optional<std::string> best;
        std::size_t best_score = 0;
        for (const auto& [candidate, candidate_value] : actual.items()) {
            if (expected.contains(candidate)) continue;
            const bool satisfies = has_value_rule ? check_rules(*rules, value, candidate_value, value_kind::json).empty() && same_kind(value, candidate_value)
                                                  : same_kind(value, candidate_value);
            if (!satisfies) continue;
            const auto score = common_prefix(key, candidate) + 1;
            if (!best || score > best_score) {
                best = candidate;
                best_score = score;
            }
        }
        return best;
    }

    void compare_array(const node_rules& here_rules, const nlohmann::json& expected, const nlohmann::json& actual) {
        if (!check_container(here_rules, expected, actual)) return;
        const auto* rules = here_rules.best;
        const auto* direct = here_rules.direct;
        if (direct != nullptr && has_matcher(direct, matcher_type::array_contains)) {
            compare_array_contains(*direct, expected, actual);
            return;
        }
        if (has_matcher(direct, matcher_type::each_value)) {
            compare_each_element(*direct, expected, actual);
            return;
        }
        if (varies_length(rules)) {
            if (expected.empty()) return;
            for (std::size_t index = 0; index < actual.size(); ++index) {
                enter({std::to_string(index), true});
                compare(index < expected.size() ? expected[index] : expected[0], actual[index]);
                leave();
            }
            return;
        }
        for (std::size_t index = 0; index < std::max(expected.size(), actual.size()); ++index) {
            enter({std::to_string(index), true});
            if (index >= actual.size()) {
                add(expected[index], nullptr, here() + " is missing (expected " + describe(expected[index]) + ")");
            } else if (index >= expected.size()) {
                add(nullptr, actual[index], here() + " was not expected: the list should have " + std::to_string(expected.size()) + " element(s), found " + std::to_string(actual.size()));
            } else {
                compare(expected[index], actual[index]);
            }
            leave();
        }
    }

    void compare_array_contains(const rule_list& direct, const nlohmann::json& expected, const nlohmann::json& actual) {
        for (const auto& rule : direct.matchers) {
            const auto compiled_rule = compiled(rule);
            if (compiled_rule->type != matcher_type::array_contains) continue;
            for (const auto& variant : compiled_rule->variants) {
                if (variant.index >= expected.size()) continue;
                const body_match_context variant_context{&variant.rules, true, context_.part, context_.sender};
                const bool found = std::ranges::any_of(actual, [&](const nlohmann::json& element) {
                    return match_json(expected[variant.index], element, variant_context).empty();
                });
                if (!found) add(expected[variant.index], actual, here() + ": no element matches the expected element " + describe(expected[variant.index]));
            }
        }
    }

    void compare_leaf(const node_rules& here_rules, const nlohmann::json& expected, const nlohmann::json& actual) {
        if (const auto* rules = here_rules.best) {
            for (auto& failure : check_rules(*rules, expected, actual, value_kind::json)) add(expected, actual, here() + ": " + failure);
            return;
        }
        if (expected != actual || !same_kind(expected, actual)) {
            add(expected, actual, here() + ": expected " + describe(expected) + " but found " + describe(actual));
        }
    }

    struct candidate {
        const rule_list* list;
        std::size_t weight;  // the product of the token weights so far
    };

    const body_match_context& context_;
    std::vector<path_step> location_;
    std::vector<candidate> candidates_;       // one frame per level of location_, the root's first
    std::vector<std::size_t> frame_starts_;  // where each level below the root starts in candidates_
    std::vector<mismatch> mismatches_;
};

}  // namespace

const rule_list* best_rules(const std::map<std::string, rule_list>* rules, std::span<const path_step> location) {
    if (rules == nullptr) return nullptr;
    const rule_list* best = nullptr;
    std::pair<std::size_t, std::size_t> best_score{0, 0};
    for (const auto& [key, list] : *rules) {
        const std::pair<std::size_t, std::size_t> score{path_weight(list.path, location), list.path.size()};
        if (score.first > 0 && score > best_score) {
            best = &list;
            best_score = score;
        }
    }
    return best;
}

const rule_list* exact_rules(const std::map<std::string, rule_list>* rules, std::span<const path_step> location) {
    const auto* best = best_rules(rules, location);
    return best != nullptr && path_matches_exactly(best->path, location) ? best : nullptr;
}

std::vector<mismatch> match_json(const nlohmann::json& expected, const nlohmann::json& actual, const body_match_context& context) {
    json_comparator comparator(context);
    comparator.compare(expected, actual);
    return comparator.take();
}

}  // namespace pact
