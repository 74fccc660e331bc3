#pragma once
// Whether bytes are UTF-8 text: bodies written into pacts, documents that must be Unicode (YAML).

#include <string_view>

namespace pact {

[[nodiscard]] bool is_valid_utf8(std::string_view text);

}  // namespace pact
