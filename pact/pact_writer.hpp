#pragma once
// Writing pact documents: as specification v3 or v4 JSON, keeping matching rules and generators.

#include "pact/model.hpp"

namespace pact {

// target must be v3 or v4; a v3 document cannot hold synchronous messages, so those need v4.
[[nodiscard]] nlohmann::json write_pact(const pact_document& document, specification_version target);

}  // namespace pact
