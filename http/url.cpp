#include "http/url.hpp"

#include "pact/query_string.hpp"

#include <array>
#include <charconv>

namespace pact::http {
namespace {

[[nodiscard]] bool is_unreserved(unsigned char character) {
    return (character >= 'A' && character <= 'Z') || (character >= 'a' && character <= 'z') ||
           (character >= '0' && character <= '9') || character == '-' || character == '.' || character == '_' ||
           character == '~';
}

[[nodiscard]] int hex_value(char character) {
    if (character >= '0' && character <= '9') return character - '0';
    if (character >= 'a' && character <= 'f') return character - 'a' + 10;
    if (character >= 'A' && character <= 'F') return character - 'A' + 10;
    return -1;
}

// RFC 3986 pchar minus the unreserved characters: legal as they are in a path segment, and not
// equivalent to their encoded forms, so a path keeps them.
[[nodiscard]] bool is_path_delimiter(char character) {
    return std::string_view("/!$&'()*+,;=:@").find(character) != std::string_view::npos;
}

[[nodiscard]] std::string encode(std::string_view text, bool is_path) {
    static constexpr std::array<char, 16> digits{'0', '1', '2', '3', '4', '5', '6', '7',
                                                 '8', '9', 'A', 'B', 'C', 'D', 'E', 'F'};
    std::string encoded;
    encoded.reserve(text.size());
    for (const char character : text) {
        const auto byte = static_cast<unsigned char>(character);
        if (is_unreserved(byte) || (is_path && is_path_delimiter(character))) {
            encoded.push_back(character);
        } else {
            encoded.push_back('%');
            encoded.push_back(digits[byte >> 4]);
            encoded.push_back(digits[byte & 0x0F]);
        }
    }
    return encoded;
}

[[nodiscard]] std::uint16_t default_port(std::string_view scheme) { return scheme == "https" ? 443 : 80; }

[[nodiscard]] std::string to_lower(std::string_view text) {
    std::string lowered(text);
    for (char& character : lowered) {
        if (character >= 'A' && character <= 'Z') character = static_cast<char>(character - 'A' + 'a');
    }
    return lowered;
}

}  // namespace

std::string url::target() const { return query.empty() ? path : path + "?" + query; }

std::string url::authority() const {
    const std::string printable_host = host.find(':') != std::string::npos ? "[" + host + "]" : host;
    if (port == default_port(scheme)) return printable_host;
    return printable_host + ":" + std::to_string(port);
}

std::string url::to_string() const { return scheme + "://" + authority() + target(); }

std::expected<url, std::string> parse_url(std::string_view text) {
    const auto scheme_end = text.find("://");
    if (scheme_end == std::string_view::npos) {
        return std::unexpected("'" + std::string(text) + "' is not a URL: expected scheme://host[:port][/path]");
    }
    url parsed;
    parsed.scheme = to_lower(text.substr(0, scheme_end));
    if (parsed.scheme != "http" && parsed.scheme != "https") {
        return std::unexpected("'" + std::string(text) + "' uses the scheme '" + parsed.scheme +
                               "'; only http and https are supported");
    }
    std::string_view rest = text.substr(scheme_end + 3);
    if (const auto fragment = rest.find('#'); fragment != std::string_view::npos) rest = rest.substr(0, fragment);
    const auto authority_end = rest.find_first_of("/?");
    std::string_view authority = rest.substr(0, authority_end);
    std::string_view path_and_query =
        authority_end == std::string_view::npos ? std::string_view{} : rest.substr(authority_end);
    if (const auto at = authority.rfind('@'); at != std::string_view::npos) authority = authority.substr(at + 1);

    std::string_view port_text;
    if (authority.starts_with('[')) {
        const auto closing = authority.find(']');
        if (closing == std::string_view::npos) {
            return std::unexpected("'" + std::string(text) + "' has an unterminated IPv6 address");
        }
        parsed.host = std::string(authority.substr(1, closing - 1));
        const std::string_view after = authority.substr(closing + 1);
        if (after.starts_with(':')) port_text = after.substr(1);
    } else {
        const auto colon = authority.rfind(':');
        parsed.host = std::string(authority.substr(0, colon));
        if (colon != std::string_view::npos) port_text = authority.substr(colon + 1);
    }
    if (parsed.host.empty()) return std::unexpected("'" + std::string(text) + "' has no host");

    parsed.port = default_port(parsed.scheme);
    if (!port_text.empty()) {
        unsigned port = 0;
        const auto [end, error] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
        if (error != std::errc{} || end != port_text.data() + port_text.size() || port == 0 || port > 65535) {
            return std::unexpected("'" + std::string(text) + "' has an invalid port '" + std::string(port_text) + "'");
        }
        parsed.port = static_cast<std::uint16_t>(port);
    }

    const auto question = path_and_query.find('?');
    const std::string_view path = path_and_query.substr(0, question);
    parsed.path = path.empty() ? "/" : std::string(path);
    if (question != std::string_view::npos) parsed.query = std::string(path_and_query.substr(question + 1));
    return parsed;
}

std::string percent_encode_path(std::string_view text) {
    // Escapes already in the path stay as written (as a URL parser keeps them): "/a%20b" is sent as it is.
    std::string encoded;
    std::size_t start = 0;
    for (std::size_t index = 0; index + 2 < text.size(); ++index) {
        if (text[index] == '%' && hex_value(text[index + 1]) >= 0 && hex_value(text[index + 2]) >= 0) {
            encoded += encode(text.substr(start, index - start), true);
            encoded += text.substr(index, 3);
            start = index + 3;
            index += 2;
        }
    }
    encoded += encode(text.substr(start), true);
    return encoded;
}

std::string percent_encode_component(std::string_view text) { return encode(text, false); }

// One decoding for the whole code base: the pact model's (query strings in pacts) is this one.
std::string percent_decode(std::string_view text, plus_sign plus) { return pact::percent_decode(text, plus == plus_sign::space); }

std::vector<std::pair<std::string, std::string>> parse_query(std::string_view query, plus_sign plus) {
    std::vector<std::pair<std::string, std::string>> parameters;
    while (!query.empty()) {
        const auto ampersand = query.find('&');
        const std::string_view pair = query.substr(0, ampersand);
        query = ampersand == std::string_view::npos ? std::string_view{} : query.substr(ampersand + 1);
        if (pair.empty()) continue;
        const auto equals = pair.find('=');
        parameters.emplace_back(
            percent_decode(pair.substr(0, equals), plus),
            equals == std::string_view::npos ? std::string{} : percent_decode(pair.substr(equals + 1), plus));
    }
    return parameters;
}

}  // namespace pact::http
