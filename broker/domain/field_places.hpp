#pragma once
// The places of a provider's responses and messages a consumer's pact relies on, read from the pact: for each
// interaction the request (method and path, the path generalised where the pact matches it by a rule or fills it
// from a provider state: "/orders/{id}"), or the message's description; then the status, each header (or message
// metadata) and each node of the body down to its leaves ("$.items[*].quantity": every element of an array is one
// place), each with the rule the consumer applies to it ("equality" where no rule applies). What the field-usage
// index stores for each pact content.

#include "broker/store/field_usage.hpp"
#include "pact/model.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace pact::broker::domain {

// In the pact's order, each place of an interaction once.
[[nodiscard]] std::vector<store::field_usage_record> field_places(const pact::pact_document& pact);

// The rules of one place in a word or two: "type", "integer", "regex ^\d+$", "type (min 1)"; "equality" for none.
// Rules `inherited` from a place above (an array's "like this" for its elements) leave out the array's bounds.
[[nodiscard]] std::string rule_summary(const pact::rule_list* rules, bool inherited = false);

// Whether a place is the one asked for: the same, or below it ("$.items" asks for "$.items[*].quantity").
[[nodiscard]] bool field_is_within(std::string_view field, std::string_view asked);

}  // namespace pact::broker::domain
