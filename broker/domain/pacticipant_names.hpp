#pragma once
// The Pact Broker's guard against one application published under several names ("FooBar", "foo-bar",
// "Foo Bar Service"): a publish that would create a pacticipant whose name is a near-duplicate of an existing
// one is refused (PACT_BROKER_CHECK_FOR_POTENTIAL_DUPLICATE_PACTICIPANT_NAMES).

#include "broker/domain/domain_error.hpp"
#include "broker/domain/types.hpp"
#include "broker/store/store.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pact::broker::domain {

// The existing names `new_name` is a near-duplicate of; none when it is one of them. Near-duplicates have the
// same words, where a word boundary is a space, '-', '_', "::" or a change to upper case, words compare without
// regard to case and without a trailing 's', and the words "api", "provider" and "service" do not count.
[[nodiscard]] std::vector<std::string> potential_duplicate_names(std::string_view new_name, const std::vector<std::string>& existing_names);

// A conflict (409) naming, for each of `names` that is new and a near-duplicate, the similar existing names and
// what to do (the command creating the pacticipant names `broker_base_url`), under the field `field`; nothing
// when the configuration turns the check off or every name is fine. Read in a snapshot of its own, before the write
// that creates the names, so that a publish does not look names up twice under the writer lock.
[[nodiscard]] std::optional<domain_error> potential_duplicate_pacticipants(store::store& store, const std::vector<std::string>& names,
                                                                         std::string_view broker_base_url, std::string_view field,
                                                                         const broker_config& config);

}  // namespace pact::broker::domain
