#pragma once
// URLs of the http and https schemes: parsing into parts and
// percent-encoding per RFC 3986. A '+' is an ordinary character in paths; only form-encoded query
// strings read it as a space, and only when asked to.

#include <cstdint>
#include <expected>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pact::http {

struct url {
    std::string scheme;      // "http" or "https", lower case
    std::string host;        // as written, without brackets for IPv6 literals
    std::uint16_t port = 0;  // explicit, or the scheme's default (80, 443)
    std::string path = "/";  // percent-encoded as given; "/" when the URL has none
    std::string query;       // without the '?', percent-encoded as given; "" when absent

    // The request target in origin form: path plus "?query" when there is one.
    [[nodiscard]] std::string target() const;
    // "host" or "host:port" when the port is not the scheme's default; the value of a Host header.
    [[nodiscard]] std::string authority() const;
    [[nodiscard]] std::string to_string() const;
};

// "http://host:8080/base/path?x=1" -> url. Errors are sentences naming what is wrong.
[[nodiscard]] std::expected<url, std::string> parse_url(std::string_view text);

enum class plus_sign { literal, space };

// Encodes everything but RFC 3986 unreserved characters; a path also keeps '/' and the characters a path
// segment may hold as they are (sub-delimiters such as '+', ':' and '@'), and escapes already in it ("%20").
[[nodiscard]] std::string percent_encode_path(std::string_view text);
[[nodiscard]] std::string percent_encode_component(std::string_view text);
// Decodes %XX sequences; a malformed sequence is kept as written. '+' stays '+' unless asked otherwise.
[[nodiscard]] std::string percent_decode(std::string_view text, plus_sign plus = plus_sign::literal);

// "a=1&b=x%20y&a=2" -> {{"a","1"},{"b","x y"},{"a","2"}} in order; a name without '=' has value "".
[[nodiscard]] std::vector<std::pair<std::string, std::string>> parse_query(std::string_view query,
                                                                           plus_sign plus = plus_sign::literal);

}  // namespace pact::http
