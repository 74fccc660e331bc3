#pragma once
// JSON as text for people and for the wire. Values may hold bytes from the wire that are not UTF-8 (a
// percent-decoded query, a provider's body); those are replaced by U+FFFD rather than throwing.
//
// Reading JSON text goes through parse_json: the same values and the same errors as nlohmann::json::parse,
// several times faster (pacts of 10,000 interactions and every provider answer are parsed with it).

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace pact {

[[nodiscard]] std::string to_json_text(const nlohmann::json& value, int indent = -1);

// As nlohmann::json::parse(text): throws nlohmann::json::parse_error (or out_of_range for 1e999) with its
// message for text that is not JSON.
[[nodiscard]] nlohmann::json parse_json(std::string_view text);
// As nlohmann::json::parse(text, nullptr, false), with nullopt instead of a discarded value.
[[nodiscard]] std::optional<nlohmann::json> parse_json_if_valid(std::string_view text);

}  // namespace pact
