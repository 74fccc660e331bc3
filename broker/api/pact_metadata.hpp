#pragma once
// The metadata segment of a pact-version URL (`…/pact-version/{sha}/metadata/{metadata}`), written as the Pact
// Broker writes it: base64url without padding of a query string. The pact and its verification results are
// served under the same segment, so what the broker put there when it handed the URL out (`w=true`: the pact
// was included as work in progress) comes back with the results published to it.

#include "broker/api/resource_request.hpp"

#include <string>
#include <string_view>

namespace pact::broker::api {

[[nodiscard]] std::string encode_pact_metadata(std::string_view query);
// Empty parameters when the segment is not base64url (old or foreign URLs carry other things there).
[[nodiscard]] query_parameters decode_pact_metadata(std::string_view segment);

}  // namespace pact::broker::api
