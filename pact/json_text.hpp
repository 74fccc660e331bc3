#pragma once
// JSON as text for people and for the wire. Values may hold bytes from the wire that are not UTF-8 (a
// percent-decoded query, a provider's body); those are replaced by U+FFFD rather than throwing.

#include <nlohmann/json.hpp>

#include <string>

namespace pact {

[[nodiscard]] std::string to_json_text(const nlohmann::json& value, int indent = -1);

}  // namespace pact
