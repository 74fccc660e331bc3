#pragma once
// Path expressions of matching rules and generators ("$.items[*].id", "$['a b'][0]", "$.people.*['@id']")
// and the weighting that picks the most specific rule for a concrete place in a document, as
// pact-reference does it: every token that applies multiplies the weight (2 for an exact name or index,
// 1 for a wildcard); a token that does not apply makes the weight 0.

#include <cstddef>
#include <expected>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace pact {

struct path_token {
    enum class kind { root, field, index, star, star_index };
    kind type = kind::root;
    std::string name;       // field
    std::size_t index = 0;  // index
};

using json_path = std::vector<path_token>;

// One step of a concrete location in a document: an object key or an array index (as text).
struct path_step {
    std::string name;
    bool is_index = false;
    // XML elements: the element's position among its parent's child elements. Pacts address XML
    // elements both by name ("$.animals.alligator") and by position then name ("$.animals[*].alligator").
    std::optional<std::size_t> position;
};

[[nodiscard]] std::expected<json_path, std::string> parse_json_path(std::string_view expression);

// The weight of one token of a rule path for one step of a location (2 exact, 1 wildcard, 0 no match),
// for matchers that follow a location step by step instead of weighing whole paths.
[[nodiscard]] std::size_t token_weight(const path_token& token, const path_step& step);
// The weight of a rule path for a concrete location (the root step not included); 0 when the rule does
// not apply. A rule applies to its location and everything below it.
[[nodiscard]] std::size_t path_weight(const json_path& rule_path, std::span<const path_step> location);
// True when the rule path names exactly this location (same length, every token applies).
[[nodiscard]] bool path_matches_exactly(const json_path& rule_path, std::span<const path_step> location);

// The expression text of a parsed path ("$.items[*].id").
[[nodiscard]] std::string to_string(const json_path& path);
// "$.items[0]['a b']" for a concrete location.
[[nodiscard]] std::string to_string(std::span<const path_step> location);

}  // namespace pact
