#pragma once
// Writing pact documents: as specification v3 or v4 JSON, keeping matching rules and generators.

#include "pact/model.hpp"

namespace pact {

// target must be v3 or v4; a v3 document cannot hold synchronous messages, so those need v4.
[[nodiscard]] nlohmann::json write_pact(const pact_document& document, specification_version target);

// Parts of a pact as write_pact writes them, for those who send them elsewhere (the verifier asks
// providers for messages with them). A message: "contents", "metadata" (v3: "metaData"), rules, generators.
[[nodiscard]] nlohmann::json write_message(const message& content, specification_version target);
// Provider states: {"name"}, with "params" when there are any.
[[nodiscard]] nlohmann::json write_provider_states(const std::vector<provider_state>& states);

}  // namespace pact
