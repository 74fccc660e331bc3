#pragma once
// Media types: parsing "application/json; charset=UTF-8", telling JSON, XML, text and form bodies apart,
// and guessing the type of a body that does not say (as pact-reference does when no content type is given).

#include <map>
#include <string>
#include <string_view>

namespace pact {

struct media_type {
    std::string type;     // "application", lower case
    std::string subtype;  // "vnd.api+json", lower case
    std::map<std::string, std::string> parameters;  // names lower case, values as written

    [[nodiscard]] std::string essence() const { return type + "/" + subtype; }
};

[[nodiscard]] media_type parse_media_type(std::string_view text);

enum class body_format { json, xml, form, text, binary };

// The format a media type names; "" gives binary (unknown).
[[nodiscard]] body_format format_of(std::string_view content_type);
// The media type of content that does not say: JSON when it parses, XML when it looks like XML, else text.
[[nodiscard]] std::string infer_content_type(std::string_view content);
// The media type binary content announces by its first bytes (JPEG, PNG, GIF, PDF, ZIP, gzip), or "" when
// they announce none: what a contentType matcher compares, whatever the headers say.
[[nodiscard]] std::string sniff_media_type(std::string_view content);

}  // namespace pact
