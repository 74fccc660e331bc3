#pragma once
// Text that matches a regular expression, for the Regex generator. Handles the common subset: literals,
// escapes (\d \w \s and escaped characters), character classes with ranges and negation, '.', groups with
// alternatives, and the quantifiers ? * + {n} {n,} {n,m}. Anchors are ignored.

#include <optional>
#include <random>
#include <string>
#include <string_view>

namespace pact {

// nullopt when the expression uses something outside that subset (back-references, look-around, ...).
[[nodiscard]] std::optional<std::string> generate_from_regex(std::string_view expression, std::mt19937_64& random);

}  // namespace pact
