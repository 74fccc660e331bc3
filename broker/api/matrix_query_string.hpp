#pragma once
// The matrix's query string as the official client sends it: raw `q[][pacticipant]` brackets (a new selector starts
// at each q[][pacticipant], Rack's nested-query rule), `ignore[][…]`, `latestby`, `latest`, `tag`, `environment`,
// `mainBranch`, `limit`, `success[]`.

#include "broker/domain/matrix_service.hpp"

#include <string>
#include <utility>
#include <vector>

namespace pact::broker::api {

// `parameters` are decoded (name, value) pairs in request order. Refusals are domain_error::invalid sentences, as
// the Pact Broker words them.
[[nodiscard]] domain::result<domain::matrix_query> parse_matrix_query(const std::vector<std::pair<std::string, std::string>>& parameters);

}  // namespace pact::broker::api
