#include "broker_client/uri_template.hpp"

namespace pact::broker_client {

namespace {

bool is_unreserved(unsigned char character) {
    return (character >= 'A' && character <= 'Z') || (character >= 'a' && character <= 'z') ||
           (character >= '0' && character <= '9') || character == '-' || character == '.' || character == '_' ||
           character == '~';
}

}  // namespace

std::string percent_encode(std::string_view value) {
    static constexpr char hex_digits[] = "0123456789ABCDEF";
    std::string encoded;
    encoded.reserve(value.size());
    for (const char raw : value) {
        const auto character = static_cast<unsigned char>(raw);
        if (is_unreserved(character)) {
            encoded += raw;
        } else {
            encoded += '%';
            encoded += hex_digits[character >> 4];
            encoded += hex_digits[character & 0x0F];
        }
    }
    return encoded;
}

std::string expand_template(std::string_view href, const std::map<std::string, std::string>& variables) {
    std::string expanded;
    expanded.reserve(href.size());
    std::size_t position = 0;
    while (position < href.size()) {
        const auto open = href.find('{', position);
        const auto close = open == std::string_view::npos ? std::string_view::npos : href.find('}', open);
        if (close == std::string_view::npos) {
            expanded += href.substr(position);
            break;
        }
        expanded += href.substr(position, open - position);
        const std::string name(href.substr(open + 1, close - open - 1));
        if (const auto value = variables.find(name); value != variables.end()) {
            expanded += percent_encode(value->second);
        } else {
            expanded += href.substr(open, close - open + 1);
        }
        position = close + 1;
    }
    return expanded;
}

}  // namespace pact::broker_client
