#include "broker_client/broker_settings.hpp"

#include <cstdlib>

namespace pact::broker_client {

namespace {

std::optional<std::string> from_environment(const char* name) {
    if (const char* value = std::getenv(name); value != nullptr && *value != '\0') {
        return std::string(value);
    }
    return std::nullopt;
}

std::optional<std::string> given_or_environment(const std::optional<std::string>& given, const char* name) {
    return given ? given : from_environment(name);
}

std::string trim(std::string_view text) {
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos) {
        return {};
    }
    const auto last = text.find_last_not_of(" \t");
    return std::string(text.substr(first, last - first + 1));
}

}  // namespace

std::expected<broker_settings, std::string> resolve_settings(const command_line_broker_options& given) {
    broker_settings settings;
    auto base_url = given_or_environment(given.base_url, "PACT_BROKER_BASE_URL");
    if (!base_url) {
        return std::unexpected("no Pact Broker URL: give --broker-base-url or set PACT_BROKER_BASE_URL");
    }
    while (!base_url->empty() && base_url->back() == '/') {
        base_url->pop_back();
    }
    if (!base_url->starts_with("http://") && !base_url->starts_with("https://")) {
        return std::unexpected("the Pact Broker URL '" + *base_url + "' must start with http:// or https://");
    }
    settings.base_url = *base_url;
    settings.tls = given.tls;
    settings.username = given_or_environment(given.username, "PACT_BROKER_USERNAME");
    settings.password = given_or_environment(given.password, "PACT_BROKER_PASSWORD");
    settings.token = given_or_environment(given.token, "PACT_BROKER_TOKEN");
    for (const auto& header : given.custom_headers) {
        const auto colon = header.find(':');
        if (colon == std::string::npos || colon == 0) {
            return std::unexpected("the custom header '" + header + "' must have the form 'Name: Value'");
        }
        settings.custom_headers.emplace_back(trim(header.substr(0, colon)), trim(header.substr(colon + 1)));
    }
    if (given.retries) {
        settings.attempts = *given.retries;
    } else if (const auto retries = from_environment("PACT_BROKER_HTTP_RETRIES")) {
        char* end = nullptr;
        const long parsed = std::strtol(retries->c_str(), &end, 10);
        if (end == retries->c_str() || *end != '\0') {
            return std::unexpected("PACT_BROKER_HTTP_RETRIES must be a number, not '" + *retries + "'");
        }
        settings.attempts = static_cast<int>(parsed);
    }
    if (settings.attempts < 1) {
        settings.attempts = 1;
    }
    return settings;
}

std::string base64_encode(std::string_view bytes) {
    static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string encoded;
    encoded.reserve((bytes.size() + 2) / 3 * 4);
    std::size_t index = 0;
    for (; index + 2 < bytes.size(); index += 3) {
        const unsigned triple = (static_cast<unsigned char>(bytes[index]) << 16) |
                                (static_cast<unsigned char>(bytes[index + 1]) << 8) |
                                static_cast<unsigned char>(bytes[index + 2]);
        encoded += alphabet[(triple >> 18) & 63];
        encoded += alphabet[(triple >> 12) & 63];
        encoded += alphabet[(triple >> 6) & 63];
        encoded += alphabet[triple & 63];
    }
    const auto remaining = bytes.size() - index;
    if (remaining == 1) {
        const unsigned single = static_cast<unsigned char>(bytes[index]) << 16;
        encoded += alphabet[(single >> 18) & 63];
        encoded += alphabet[(single >> 12) & 63];
        encoded += "==";
    } else if (remaining == 2) {
        const unsigned pair = (static_cast<unsigned char>(bytes[index]) << 16) |
                              (static_cast<unsigned char>(bytes[index + 1]) << 8);
        encoded += alphabet[(pair >> 18) & 63];
        encoded += alphabet[(pair >> 12) & 63];
        encoded += alphabet[(pair >> 6) & 63];
        encoded += '=';
    }
    return encoded;
}

std::optional<std::string> authorization_header(const broker_settings& settings) {
    if (settings.token) {
        return "Bearer " + *settings.token;
    }
    if (settings.username) {
        return "Basic " + base64_encode(*settings.username + ":" + settings.password.value_or(""));
    }
    return std::nullopt;
}

}  // namespace pact::broker_client
