#pragma once
// Matching rules as a pact carries them: per category (body, header, query, path, status, metadata),
// per path expression, a list of matchers combined with AND or OR. Both the v2 form (JSONPath keys
// from the interaction part's root) and the v3/v4 form (categories) read into this one structure.

#include "pact/json_path.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace pact {

enum class rule_logic { all_of, any_of };  // "combine": "AND" / "OR"

struct compiled_matcher;  // engine-private precomputed state (compiled regex, parsed format, ...)

struct matcher {
    std::string name;           // the "match" value: "type", "regex", "integer", ...
    nlohmann::json definition;  // the matcher object as written, kept for writing back and for reports
    std::shared_ptr<const compiled_matcher> compiled;  // built once when the rules are read
};

struct rule_list {
    std::vector<matcher> matchers;
    rule_logic logic = rule_logic::all_of;
    json_path path;  // the key this list is stored under, parsed once when the rules are read
};

// category name -> path expression -> rules. Body paths are "$"-rooted JSONPath ("$.items[*].id");
// header, query and metadata rules are keyed by name; path and status rules by "".
//
// Copies share their rules: the interactions of a large pact mostly carry equal rules, which are then read
// once and held once. A change to shared rules copies them first. Not for changing from several threads.
class matching_rules {
public:
    using category_rules = std::map<std::string, rule_list>;       // path expression -> rules
    using category_map = std::map<std::string, category_rules>;    // category name -> its rules

    matching_rules() = default;
    explicit matching_rules(category_map categories);

    [[nodiscard]] bool empty() const;
    // The rules of one category, or nullptr when it has none.
    [[nodiscard]] const category_rules* category(std::string_view name) const;
    [[nodiscard]] const category_map& categories() const;
    // The rules of a category, to add to or change; created when missing.
    [[nodiscard]] category_rules& category_to_change(const std::string& name);

private:
    std::shared_ptr<category_map> categories_;  // null when there are none
};

}  // namespace pact
