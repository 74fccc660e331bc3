#include "broker_client/broker_error.hpp"

#include "broker_client/hal_reading.hpp"

namespace pact::broker_client {

namespace {

std::string as_text(const nlohmann::json& value) {
    return value.is_string() ? value.get<std::string>() : value.dump();
}

}  // namespace

std::vector<std::string> flatten_errors(const nlohmann::json& errors) {
    std::vector<std::string> lines;
    if (errors.is_object()) {
        for (const auto& [field, messages] : errors.items()) {
            if (messages.is_array()) {
                for (const auto& message : messages) {
                    lines.push_back(field + ": " + as_text(message));
                }
            } else {
                lines.push_back(field + ": " + as_text(messages));
            }
        }
    } else if (errors.is_array()) {
        for (const auto& message : errors) {
            lines.push_back(as_text(message));
        }
    } else if (!errors.is_null()) {
        lines.push_back(as_text(errors));
    }
    return lines;
}

std::vector<broker_notice> read_notices(const nlohmann::json& resource) {
    std::vector<broker_notice> notices;
    if (!resource.is_object() || !resource.contains("notices") || !resource["notices"].is_array()) {
        return notices;
    }
    for (const auto& notice : resource["notices"]) {
        if (notice.is_object()) {
            notices.push_back({string_member(notice, "type"), string_member(notice, "text")});
        }
    }
    return notices;
}

std::string broker_error::to_string() const {
    std::string text = message;
    for (const auto& error : errors) {
        text += "\n  " + error;
    }
    for (const auto& notice : notices) {
        // Conflict answers repeat the error as a notice; say it once.
        bool repeated = false;
        for (const auto& error : errors) {
            repeated = repeated || error.ends_with(notice.text);
        }
        if (!repeated && !notice.text.empty()) {
            text += "\n  " + notice.text;
        }
    }
    return text;
}

}  // namespace pact::broker_client
