#include "openapi/document_fields.hpp"

namespace pact::openapi {

std::string text_field(const nlohmann::json& object, std::string_view key, std::string_view fallback) {
    if (!object.is_object()) return std::string(fallback);
    const auto found = object.find(key);
    return found != object.end() && found->is_string() ? found->get<std::string>() : std::string(fallback);
}

bool flag_field(const nlohmann::json& object, std::string_view key, bool fallback) {
    if (!object.is_object()) return fallback;
    const auto found = object.find(key);
    return found != object.end() && found->is_boolean() ? found->get<bool>() : fallback;
}

}  // namespace pact::openapi
