#pragma once
// What a JSON parser would silently accept but the broker must refuse, found in one streaming pass
// before the text is parsed for real: nesting deeper than a limit (deep documents would exhaust the
// stack of anything that walks them recursively), duplicate keys in one object (the last one would win
// silently, and two readers of the same pact could disagree), numbers out of double range, ill-formed
// UTF-8 and syntax errors.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace pact::broker::domain {

// As the Ruby JSON parser's default max_nesting: any document the Pact Broker accepts, we accept.
inline constexpr std::size_t max_json_nesting_depth = 100;

// nullopt when the text is acceptable JSON; otherwise what is wrong and where, in a sentence
// ("duplicate key \"name\" at $.consumer", "nesting deeper than 100 levels at $.a[0]...").
[[nodiscard]] std::optional<std::string> find_json_problem(std::string_view text, std::size_t max_depth = max_json_nesting_depth);

// True when `text` is well-formed UTF-8 (no stray continuation bytes, overlong forms, surrogates or
// code points past U+10FFFF): names from URLs must be, or they could never be written back as JSON.
[[nodiscard]] bool is_well_formed_utf8(std::string_view text);

}  // namespace pact::broker::domain
