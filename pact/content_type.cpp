#include "pact/content_type.hpp"

#include "pact/model.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cctype>

namespace pact {
namespace {

std::string lower(std::string_view text) {
    std::string result(text);
    std::ranges::transform(result, result.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return result;
}

}  // namespace

media_type parse_media_type(std::string_view text) {
    media_type result;
    const auto semicolon = text.find(';');
    const auto essence = trim(text.substr(0, semicolon));
    const auto slash = essence.find('/');
    result.type = lower(trim(essence.substr(0, slash)));
    if (slash != std::string_view::npos) result.subtype = lower(trim(essence.substr(slash + 1)));
    auto rest = semicolon == std::string_view::npos ? std::string_view() : text.substr(semicolon + 1);
    while (!rest.empty()) {
        const auto next = rest.find(';');
        const auto parameter = trim(rest.substr(0, next));
        const auto equals = parameter.find('=');
        if (!parameter.empty()) {
            auto value = equals == std::string_view::npos ? std::string_view() : trim(parameter.substr(equals + 1));
            if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
            result.parameters[lower(trim(parameter.substr(0, equals)))] = std::string(value);
        }
        rest = next == std::string_view::npos ? std::string_view() : rest.substr(next + 1);
    }
    return result;
}

body_format format_of(std::string_view content_type) {
    if (trim(content_type).empty()) return body_format::binary;
    const auto media = parse_media_type(content_type);
    const auto& subtype = media.subtype;
    if (subtype == "json" || subtype.ends_with("+json") || subtype.starts_with("json")) return body_format::json;
    if (subtype == "xml" || subtype.ends_with("+xml")) return body_format::xml;
    if (subtype == "x-www-form-urlencoded") return body_format::form;
    if (media.type == "text" || subtype == "javascript") return body_format::text;
    return body_format::binary;
}

std::string infer_content_type(std::string_view content) {
    const auto trimmed = trim(content);
    if (trimmed.empty()) return "text/plain";
    if (nlohmann::json::accept(trimmed)) return "application/json";
    if (trimmed.front() == '<' && trimmed.back() == '>') return "application/xml";
    const bool printable = std::ranges::all_of(content, [](unsigned char c) { return c >= 0x20 || c == '\n' || c == '\r' || c == '\t'; });
    return printable ? "text/plain" : "application/octet-stream";
}

std::string sniff_media_type(std::string_view content) {
    struct signature {
        std::string_view first_bytes;
        std::string_view media_type;
    };
    static constexpr std::array<signature, 7> signatures{{
        {"\xFF\xD8\xFF", "image/jpeg"},
        {"\x89PNG\r\n\x1A\n", "image/png"},
        {"GIF87a", "image/gif"},
        {"GIF89a", "image/gif"},
        {"%PDF-", "application/pdf"},
        {"PK\x03\x04", "application/zip"},
        {"\x1F\x8B", "application/gzip"},
    }};
    for (const auto& [first_bytes, media_type] : signatures) {
        if (content.starts_with(first_bytes)) return std::string(media_type);
    }
    return "";
}

}  // namespace pact
