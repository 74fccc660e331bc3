#pragma once
// Reading pact documents of every specification version into the model.

#include "pact/model.hpp"

#include <expected>
#include <filesystem>
#include <string>
#include <string_view>

namespace pact {

// Why a pact could not be read: which file, where in it, and what is wrong, in words.
struct read_error {
    std::string source;     // file name or URL, as given by the caller
    std::string json_path;  // "$.interactions[3].response.status"; "" for a syntax error
    std::string message;    // "expected an integer, found a string"

    [[nodiscard]] std::string to_string() const;  // "pacts/a.json: $.interactions[3]...: expected ..."
};

// Parses a pact document (a UTF-8 byte order mark is skipped), validating it against schemas/. Text is read
// while it is parsed, one interaction at a time; the first problem is reported where it stands.
[[nodiscard]] std::expected<pact_document, read_error> read_pact(std::string_view text, std::string_view source);
[[nodiscard]] std::expected<pact_document, read_error> read_pact(const nlohmann::json& document, std::string_view source);
// As above, taking what it keeps (bodies, parameters) out of the document instead of copying it.
[[nodiscard]] std::expected<pact_document, read_error> read_pact(nlohmann::json&& document, std::string_view source);
// Text given as std::string or a literal is parsed as text, never taken for a JSON string value.
[[nodiscard]] std::expected<pact_document, read_error> read_pact(const std::string& text, std::string_view source);
[[nodiscard]] std::expected<pact_document, read_error> read_pact(const char* text, std::string_view source);
[[nodiscard]] std::expected<pact_document, read_error> read_pact_file(const std::filesystem::path& file);

// The parts of an interaction, as they stand in a pact of the given version (also used by the
// specification's own test cases, which hold a bare request, response or message).
[[nodiscard]] std::expected<http_request, read_error> read_request(const nlohmann::json& request, specification_version version);
[[nodiscard]] std::expected<http_response, read_error> read_response(const nlohmann::json& response, specification_version version);
[[nodiscard]] std::expected<message, read_error> read_message(const nlohmann::json& message, specification_version version);

}  // namespace pact
