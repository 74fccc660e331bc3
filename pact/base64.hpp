#pragma once
// Base64 as pacts use it (v4 bodies with "encoded": "base64", the Pact-Message-Metadata header).

#include <optional>
#include <string>
#include <string_view>

namespace pact {

[[nodiscard]] std::string base64_encode(std::string_view bytes);
// nullopt when the text is not base64 (padding optional, whitespace ignored).
[[nodiscard]] std::optional<std::string> base64_decode(std::string_view text);

}  // namespace pact
