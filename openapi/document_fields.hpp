#pragma once
// Fields of a contract's objects, read leniently: one of the wrong type reads as absent. Reading a contract checks
// its structure, not every optional field, and a comparison must never fail on a field it only consults.

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace pact::openapi {

[[nodiscard]] std::string text_field(const nlohmann::json& object, std::string_view key, std::string_view fallback = "");
[[nodiscard]] bool flag_field(const nlohmann::json& object, std::string_view key, bool fallback = false);

}  // namespace pact::openapi
