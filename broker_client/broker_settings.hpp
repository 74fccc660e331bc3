#pragma once
// Where the broker is and how to talk to it: base URL, credentials, extra headers, retries, TLS trust.

#include "http/tls_options.hpp"

#include <chrono>
#include <expected>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace pact::broker_client {

struct broker_settings {
    std::string base_url;                 // "http://127.0.0.1:9292" or with a path prefix; no trailing '/'
    std::optional<std::string> username;  // basic auth (a missing password is sent as "")
    std::optional<std::string> password;
    std::optional<std::string> token;     // bearer token; wins over basic auth when both are given
    std::vector<std::pair<std::string, std::string>> custom_headers;
    int attempts = 8;                     // total attempts for a request answered 5xx/408/429 or not at all
    std::chrono::milliseconds first_backoff{500};  // doubled after each failed attempt
    std::string user_agent = "pact-cpp-broker-client";
    http::tls_options tls;                // for an https broker
};

// Builds settings from what the command line gave, falling back to PACT_BROKER_BASE_URL,
// PACT_BROKER_USERNAME, PACT_BROKER_PASSWORD, PACT_BROKER_TOKEN and PACT_BROKER_HTTP_RETRIES.
// Fails with a sentence when no base URL is known or a value is malformed.
struct command_line_broker_options {
    std::optional<std::string> base_url;
    std::optional<std::string> username;
    std::optional<std::string> password;
    std::optional<std::string> token;
    std::vector<std::string> custom_headers;  // "Name: Value"
    std::optional<int> retries;
    http::tls_options tls;
};
[[nodiscard]] std::expected<broker_settings, std::string> resolve_settings(const command_line_broker_options& given);

// The Authorization header value for these settings, if any ("Bearer t" or "Basic base64(user:password)").
[[nodiscard]] std::optional<std::string> authorization_header(const broker_settings& settings);

[[nodiscard]] std::string base64_encode(std::string_view bytes);

}  // namespace pact::broker_client
