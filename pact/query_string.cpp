#include "pact/query_string.hpp"

#include <cctype>

namespace pact {
namespace {

int hex_value(char character) {
    if (character >= '0' && character <= '9') return character - '0';
    if (character >= 'a' && character <= 'f') return character - 'a' + 10;
    if (character >= 'A' && character <= 'F') return character - 'A' + 10;
    return -1;
}

}  // namespace

std::string percent_decode(std::string_view text, bool plus_is_space) {
    std::string decoded;
    decoded.reserve(text.size());
    for (std::size_t position = 0; position < text.size(); ++position) {
        const char character = text[position];
        if (character == '%' && position + 2 < text.size() && hex_value(text[position + 1]) >= 0 && hex_value(text[position + 2]) >= 0) {
            decoded += static_cast<char>(hex_value(text[position + 1]) * 16 + hex_value(text[position + 2]));
            position += 2;
        } else if (character == '+' && plus_is_space) {
            decoded += ' ';
        } else {
            decoded += character;
        }
    }
    return decoded;
}

std::string percent_encode(std::string_view text) {
    static constexpr char digits[] = "0123456789ABCDEF";
    std::string encoded;
    for (const char character : text) {
        const auto byte = static_cast<unsigned char>(character);
        if (std::isalnum(byte) != 0 || character == '-' || character == '_' || character == '.' || character == '~') {
            encoded += character;
        } else {
            encoded += '%';
            encoded += digits[byte >> 4];
            encoded += digits[byte & 0x0f];
        }
    }
    return encoded;
}

query_map parse_query_string(std::string_view text) {
    query_map query;
    if (!text.empty() && text.front() == '?') text.remove_prefix(1);
    while (!text.empty()) {
        const auto ampersand = text.find('&');
        const auto pair = text.substr(0, ampersand);
        if (!pair.empty()) {
            const auto equals = pair.find('=');
            auto& values = query[percent_decode(pair.substr(0, equals), true)];
            values.push_back(equals == std::string_view::npos ? std::string() : percent_decode(pair.substr(equals + 1), true));
        }
        text = ampersand == std::string_view::npos ? std::string_view() : text.substr(ampersand + 1);
    }
    return query;
}

std::string to_query_string(const query_map& query) {
    std::string text;
    for (const auto& [name, values] : query) {
        for (const auto& value : values) {
            if (!text.empty()) text += '&';
            text += percent_encode(name) + "=" + percent_encode(value);
        }
    }
    return text;
}

}  // namespace pact
