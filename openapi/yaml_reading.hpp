#pragma once
// YAML text as a JSON value, by YAML 1.2's core schema: plain scalars become null, booleans and numbers where
// they read as one, everything quoted stays a string.

#include <nlohmann/json.hpp>

#include <expected>
#include <string>
#include <string_view>

namespace pact::openapi {

// The first document of the text, or why it is not YAML ("line 3, column 7: ...").
[[nodiscard]] std::expected<nlohmann::json, std::string> read_yaml(std::string_view text);

}  // namespace pact::openapi
