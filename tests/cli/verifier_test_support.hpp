#pragma once
// What the component tests of `pact verifier` share: the binary's command line and JSON answers of the
// loopback providers they start.

#include "http/message.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace pact::testing {

// PACT_BINARY followed by the arguments.
[[nodiscard]] std::vector<std::string> pact_command(std::vector<std::string> arguments);

[[nodiscard]] http::response json_response(const http::request& to, unsigned status, const nlohmann::json& body);

}  // namespace pact::testing
