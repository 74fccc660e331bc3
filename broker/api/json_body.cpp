#include "broker/api/json_body.hpp"

#include "broker/domain/json_checks.hpp"
#include "broker/api/problem.hpp"
#include "schemas/validator.hpp"


namespace pact::broker::api {

json_body json_body::parse(const resource_request& request) {
    if (request.body.find_first_not_of(" \t\r\n") == std::string::npos) return json_body(nlohmann::json::object());
    if (auto problem = domain::find_json_problem(request.body)) throw malformed_json(*problem);
    nlohmann::json parsed;
    try {
        parsed = nlohmann::json::parse(request.body);
    } catch (const nlohmann::json::parse_error& error) {
        throw malformed_json(error.what());
    }
    if (!parsed.is_object()) throw invalid_field("body", (std::string("must be a JSON object, not ") + std::string(parsed.type_name())));
    return json_body(std::move(parsed));
}

json_body json_body::parse(const resource_request& request, std::string_view schema_name) {
    auto body = parse(request);
    auto violations = schemas::validate(schema_name, body.object_);
    if (violations.empty()) return body;
    nlohmann::json errors = nlohmann::json::object();
    for (const auto& violation : violations) {
        // "$.contracts[0].content" → "contracts[0].content", as the clients print "field: message".
        std::string field = violation.path == "$" ? "body" : violation.path.substr(violation.path.starts_with("$.") ? 2 : 0);
        errors[field].push_back(violation.message);
    }
    auto summary = errors.begin().key() + ": " + errors.begin()->front().get<std::string>();
    throw request_problem(400, std::move(errors), std::move(summary));
}

bool json_body::has(std::string_view name) const { return member(name) != nullptr; }

const nlohmann::json* json_body::member(std::string_view name) const {
    auto found = object_.find(name);
    if (found == object_.end() || found->is_null()) return nullptr;
    return &*found;
}

std::optional<std::string> json_body::optional_string(std::string_view name) const {
    const auto* value = member(name);
    if (value == nullptr) return std::nullopt;
    if (!value->is_string()) throw invalid_field(name, (std::string("must be a string, not ") + std::string(value->type_name())));
    return value->get<std::string>();
}

std::string json_body::required_string(std::string_view name) const {
    auto value = optional_string(name);
    if (!value || value->empty()) throw invalid_field(name, "can't be blank");
    return *value;
}

std::optional<bool> json_body::optional_boolean(std::string_view name) const {
    const auto* value = member(name);
    if (value == nullptr) return std::nullopt;
    if (!value->is_boolean()) throw invalid_field(name, (std::string("must be true or false, not ") + std::string(value->type_name())));
    return value->get<bool>();
}

std::vector<std::string> json_body::string_array(std::string_view name) const {
    const auto* value = optional_array(name);
    std::vector<std::string> strings;
    if (value == nullptr) return strings;
    for (const auto& element : *value) {
        if (!element.is_string()) throw invalid_field(name, "must be an array of strings");
        strings.push_back(element.get<std::string>());
    }
    return strings;
}

const nlohmann::json* json_body::optional_array(std::string_view name) const {
    const auto* value = member(name);
    if (value != nullptr && !value->is_array()) throw invalid_field(name, (std::string("must be an array, not ") + std::string(value->type_name())));
    return value;
}

const nlohmann::json* json_body::optional_object(std::string_view name) const {
    const auto* value = member(name);
    if (value != nullptr && !value->is_object()) throw invalid_field(name, (std::string("must be an object, not ") + std::string(value->type_name())));
    return value;
}

}  // namespace pact::broker::api
