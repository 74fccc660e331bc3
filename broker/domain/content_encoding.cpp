#include "broker/domain/content_encoding.hpp"

#include <boost/uuid/detail/sha1.hpp>

#include <array>
#include <cstdio>

namespace pact::broker::domain::encoding {

std::optional<std::string> decode_base64(std::string_view text) {
    constexpr std::string_view alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string decoded;
    decoded.reserve(text.size() * 3 / 4);
    unsigned buffer = 0;
    int bits = 0;
    bool padding_seen = false;
    for (char c : text) {
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
        if (c == '=') {
            padding_seen = true;
            continue;
        }
        const auto value = alphabet.find(c);
        if (value == std::string_view::npos || padding_seen) return std::nullopt;
        buffer = (buffer << 6) | static_cast<unsigned>(value);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            decoded += static_cast<char>((buffer >> bits) & 0xFF);
        }
    }
    if (bits >= 6) return std::nullopt;  // a lone trailing character cannot encode a byte
    return decoded;
}

std::string sha1_hex(std::string_view bytes) {
    boost::uuids::detail::sha1 hash;
    hash.process_bytes(bytes.data(), bytes.size());
    boost::uuids::detail::sha1::digest_type digest;
    hash.get_digest(digest);
    std::string hex;
    std::array<char, 9> word{};
    for (unsigned part : digest) {
        std::snprintf(word.data(), word.size(), "%08x", part);
        hex += word.data();
    }
    return hex;
}

}  // namespace pact::broker::domain::encoding
