#pragma once
// The expansion of the broker's templated HAL links ("/pacticipants/{pacticipant}").

#include <map>
#include <string>
#include <string_view>

namespace pact::broker_client {

// Replaces each {name} by the value of that variable percent-encoded as one URL component (RFC 3986
// unreserved characters kept: "a b/c+d" -> "a%20b%2Fc%2Bd"); a variable without a value is left as
// written so that the broker's answer names what was missing.
[[nodiscard]] std::string expand_template(std::string_view href, const std::map<std::string, std::string>& variables);

}  // namespace pact::broker_client
