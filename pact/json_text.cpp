#include "pact/json_text.hpp"

namespace pact {

std::string to_json_text(const nlohmann::json& value, int indent) {
    return value.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace pact
