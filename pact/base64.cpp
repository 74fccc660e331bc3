#include "pact/base64.hpp"

#include <array>
#include <cctype>

namespace pact {
namespace {

constexpr std::string_view alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int value_of(char character) {
    if (character == '-') return 62;  // the URL-safe alphabet decodes too
    if (character == '_') return 63;
    const auto position = alphabet.find(character);
    return position == std::string_view::npos ? -1 : static_cast<int>(position);
}

}  // namespace

std::string base64_encode(std::string_view bytes) {
    std::string text;
    text.reserve((bytes.size() + 2) / 3 * 4);
    std::size_t position = 0;
    for (; position + 2 < bytes.size(); position += 3) {
        const auto chunk = (static_cast<unsigned char>(bytes[position]) << 16) | (static_cast<unsigned char>(bytes[position + 1]) << 8) |
                           static_cast<unsigned char>(bytes[position + 2]);
        for (int shift : {18, 12, 6, 0}) text += alphabet[(chunk >> shift) & 0x3f];
    }
    const auto left = bytes.size() - position;
    if (left > 0) {
        unsigned chunk = static_cast<unsigned char>(bytes[position]) << 16;
        if (left == 2) chunk |= static_cast<unsigned char>(bytes[position + 1]) << 8;
        text += alphabet[(chunk >> 18) & 0x3f];
        text += alphabet[(chunk >> 12) & 0x3f];
        text += left == 2 ? alphabet[(chunk >> 6) & 0x3f] : '=';
        text += '=';
    }
    return text;
}

std::optional<std::string> base64_decode(std::string_view text) {
    std::string bytes;
    unsigned buffer = 0;
    int bits = 0;
    bool padding = false;
    for (char character : text) {
        if (std::isspace(static_cast<unsigned char>(character)) != 0) continue;
        if (character == '=') {
            padding = true;
            continue;
        }
        const int value = value_of(character);
        if (value < 0 || padding) return std::nullopt;
        buffer = (buffer << 6) | static_cast<unsigned>(value);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            bytes += static_cast<char>((buffer >> bits) & 0xff);
        }
    }
    return bytes;
}

}  // namespace pact
