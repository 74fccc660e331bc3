#include "pact/utf8.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace pact {

// nlohmann's serializer checks UTF-8 as the JSON grammar needs it: the one check the code base relies on.
bool is_valid_utf8(std::string_view text) {
    try {
        (void)nlohmann::json(std::string(text)).dump();
        return true;
    } catch (const nlohmann::json::type_error&) {
        return false;
    }
}

}  // namespace pact
