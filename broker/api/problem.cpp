#include "broker/api/problem.hpp"


namespace pact::broker::api {

request_problem::request_problem(unsigned status, nlohmann::json errors, std::string summary)
    : std::runtime_error(std::move(summary)), status_(status), errors_(std::move(errors)) {}

request_problem&& request_problem::with(std::string_view key, nlohmann::json value) && {
    extra_[std::string(key)] = std::move(value);
    return std::move(*this);
}

request_problem&& request_problem::with_header(std::string name, std::string value) && {
    headers_.emplace_back(std::move(name), std::move(value));
    return std::move(*this);
}

nlohmann::json request_problem::body() const {
    nlohmann::json body = extra_;
    body["errors"] = errors_;
    return body;
}

request_problem invalid_field(std::string_view field, std::string message) {
    std::string summary = (std::string(field) + ": " + message);
    return {400, {{std::string(field), {std::move(message)}}}, std::move(summary)};
}

request_problem malformed_json(std::string parser_message) {
    std::string message = "The request body is not valid JSON: " + parser_message;
    return {400, {{"body", {message}}}, message};
}

request_problem not_found(std::string message) {
    return {404, nlohmann::json::array({message}), message};
}

request_problem conflict(std::string_view field, std::string message) {
    std::string summary = (std::string(field) + ": " + message);
    return {409, {{std::string(field), {std::move(message)}}}, std::move(summary)};
}

request_problem method_not_allowed(std::string_view method, std::string allowed_methods) {
    std::string message = (std::string(method) + " is not allowed on this resource (allowed: " + allowed_methods + ")");
    return request_problem{405, nlohmann::json::array({message}), message}.with_header("Allow", std::move(allowed_methods));
}

request_problem unsupported_media_type(std::string_view content_type) {
    std::string message = (std::string("Content type '") + std::string(content_type) + "' is not supported; send application/json");
    return {415, nlohmann::json::array({message}), message};
}

request_problem payload_too_large(std::uint64_t limit_bytes) {
    std::string message = (std::string("The request body is larger than the limit of ") + std::to_string(limit_bytes) + " bytes");
    return {413, nlohmann::json::array({message}), message};
}

}  // namespace pact::broker::api
