#pragma once
// Internal to broker/domain: base64 decoding of published contracts and SHA-1 hex digests.

#include <optional>
#include <string>
#include <string_view>

namespace pact::broker::domain::encoding {

// Standard base64 (padding optional, whitespace ignored); nullopt when the text is not base64.
[[nodiscard]] std::optional<std::string> decode_base64(std::string_view text);
[[nodiscard]] std::string sha1_hex(std::string_view bytes);

}  // namespace pact::broker::domain::encoding
