#pragma once
// Query strings: "a=1&b=x%20y" to and from the model's name -> values map, percent-decoding as browsers
// and servers do ('+' is a space).

#include "pact/model.hpp"

#include <string>
#include <string_view>

namespace pact {

[[nodiscard]] query_map parse_query_string(std::string_view text);
// Names and values percent-encoded where needed; names in map order, values in their order.
[[nodiscard]] std::string to_query_string(const query_map& query);
[[nodiscard]] std::string percent_decode(std::string_view text, bool plus_is_space);
[[nodiscard]] std::string percent_encode(std::string_view text);

}  // namespace pact
