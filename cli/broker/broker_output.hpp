#pragma once
// How the broker commands print: tables in the official CLI's style, JSON answers echoed compact or
// indented (failures are printed by command_failure.hpp's print_failure).

#include <nlohmann/json.hpp>

#include <iosfwd>
#include <string>
#include <vector>

namespace pact::cli {

// ┌──┬──┐ / │ A ┆ B │ / ╞══╪══╡ ... └──┴──┘, columns as wide as their widest cell (in characters).
[[nodiscard]] std::string render_table(const std::vector<std::string>& header,
                                       const std::vector<std::vector<std::string>>& rows);

// "json": compact, "pretty": indented by two spaces.
void print_json(std::ostream& out, const nlohmann::json& body, bool pretty);

// A member as text: strings unquoted, null or absent as "-", anything else as JSON.
[[nodiscard]] std::string text_of(const nlohmann::json& object, std::string_view key);

}  // namespace pact::cli
