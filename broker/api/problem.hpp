#pragma once
// "This request cannot be served": the one exception the broker's HTTP layer throws for a client's
// mistake (bad input, unknown resource, conflict, wrong method). broker_application turns it into a
// status and a JSON `errors` body in exactly one place; anything else that escapes a handler is a 500.

#include <nlohmann/json.hpp>

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace pact::broker::api {

class request_problem : public std::runtime_error {
public:
    // `errors` is what the client prints: an object {field: [messages]} or an array of messages.
    request_problem(unsigned status, nlohmann::json errors, std::string summary);

    [[nodiscard]] unsigned status() const { return status_; }
    [[nodiscard]] const nlohmann::json& errors() const { return errors_; }
    // Extra members of the JSON body beside `errors` (the publish conflict adds `notices`).
    [[nodiscard]] const nlohmann::json& extra() const { return extra_; }
    request_problem&& with(std::string_view key, nlohmann::json value) &&;
    // Header lines to add to the answer (405 sends `Allow`).
    [[nodiscard]] const std::vector<std::pair<std::string, std::string>>& headers() const { return headers_; }
    request_problem&& with_header(std::string name, std::string value) &&;

    // The JSON body sent to the client.
    [[nodiscard]] nlohmann::json body() const;

private:
    unsigned status_;
    nlohmann::json errors_;
    nlohmann::json extra_ = nlohmann::json::object();
    std::vector<std::pair<std::string, std::string>> headers_;
};

// 400 naming the field (a body member or query parameter) and what is wrong with it.
[[nodiscard]] request_problem invalid_field(std::string_view field, std::string message);
// 400 for a body that is not JSON at all.
[[nodiscard]] request_problem malformed_json(std::string parser_message);
// 404 with a sentence saying what was not found.
[[nodiscard]] request_problem not_found(std::string message);
// 409 for a write that contradicts what is stored.
[[nodiscard]] request_problem conflict(std::string_view field, std::string message);
[[nodiscard]] request_problem method_not_allowed(std::string_view method, std::string allowed_methods);
[[nodiscard]] request_problem unsupported_media_type(std::string_view content_type);
[[nodiscard]] request_problem payload_too_large(std::uint64_t limit_bytes);

}  // namespace pact::broker::api
