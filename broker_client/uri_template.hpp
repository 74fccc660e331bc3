#pragma once
// Percent-encoding and the expansion of the broker's templated HAL links ("/pacticipants/{pacticipant}").

#include <map>
#include <string>
#include <string_view>

namespace pact::broker_client {

// RFC 3986: every byte outside the unreserved set (ALPHA DIGIT - . _ ~) becomes %XX, so a value is
// always exactly one path segment or one query value ("a b/c+d" -> "a%20b%2Fc%2Bd").
[[nodiscard]] std::string percent_encode(std::string_view value);

// Replaces each {name} by the percent-encoded value of that variable; a variable without a value is
// left as written so that the broker's answer names what was missing.
[[nodiscard]] std::string expand_template(std::string_view href, const std::map<std::string, std::string>& variables);

}  // namespace pact::broker_client
