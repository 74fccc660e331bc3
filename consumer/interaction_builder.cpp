#include "consumer/interaction_builder.hpp"

#include <stdexcept>

namespace pact::consumer {
namespace {

constexpr std::string_view json_media_type = "application/json";

void add_rules(matching_rules& rules, const std::string& category, const std::string& key,
               const std::vector<nlohmann::json>& matchers) {
    auto& list = rules.category_to_change(category)[key];
    for (const auto& definition : matchers) {
        list.matchers.push_back(pact::matcher{definition.at("match").get<std::string>(), definition, nullptr});
    }
}

// Generators in the v3 form: path and status generators stand directly under their category.
void add_generator(nlohmann::json& generators, const std::string& category, const std::string& key,
                   const nlohmann::json& generator) {
    if (key.empty()) {
        generators[category] = generator;
    } else {
        generators[category][key] = generator;
    }
}

// A value standing alone (path, header, query parameter, metadata entry): its rules are those at "$".
[[nodiscard]] nlohmann::json place_single_value(const pattern& value, std::string_view what, const std::string& category,
                                                const std::string& key, matching_rules& rules,
                                                nlohmann::json& generators) {
    const auto rendered = render(value);
    for (const auto& [path, matchers] : rendered.rules) {
        if (path != "$") throw std::invalid_argument(std::string(what) + " cannot hold matchers below its own value");
        add_rules(rules, category, key, matchers);
    }
    for (const auto& [path, generator] : rendered.generators) add_generator(generators, category, key, generator);
    return rendered.example;
}

[[nodiscard]] std::string single_string(const pattern& value, std::string_view what, const std::string& category,
                                        const std::string& key, matching_rules& rules, nlohmann::json& generators) {
    const auto example = place_single_value(value, what, category, key, rules, generators);
    if (example.is_string()) return example.get<std::string>();
    // Numbers and booleans in headers and queries travel as text.
    if (example.is_primitive() && !example.is_null()) return example.dump();
    throw std::invalid_argument(std::string(what) + " needs a string example, not " + example.dump());
}

void set_header(header_map& headers, const std::string& name, const pattern& value, matching_rules& rules,
                nlohmann::json& generators) {
    headers[name].push_back(single_string(value, "header " + name, "header", name, rules, generators));
}

void set_content_type_unless_given(header_map& headers, std::string_view content_type) {
    if (content_type.empty() || find_header(headers, "Content-Type") != nullptr) return;
    headers["Content-Type"].emplace_back(content_type);
}

void set_json_body(pact::body& target, const pattern& value, matching_rules& rules, nlohmann::json& generators) {
    const auto rendered = render(value);
    for (const auto& [path, matchers] : rendered.rules) add_rules(rules, "body", path, matchers);
    for (const auto& [path, generator] : rendered.generators) add_generator(generators, "body", path, generator);
    target.state = pact::body::presence::present;
    target.content_type = json_media_type;
    target.content = rendered.example.dump();
    target.parsed = rendered.example;
}

void set_plain_body(pact::body& target, std::string content, std::string content_type) {
    target.state = content.empty() ? pact::body::presence::empty : pact::body::presence::present;
    target.content_type = std::move(content_type);
    target.content = std::move(content);
    target.parsed.reset();
}

}  // namespace

request_builder::request_builder(interaction_builder& owner) : owner_(owner) {}

request_builder& request_builder::query(const std::string& name, const pattern& value) {
    auto& request = owner_.interaction().request;
    request.query[name].push_back(
        single_string(value, "query parameter " + name, "query", name, request.rules, request.generators));
    return *this;
}

request_builder& request_builder::header(const std::string& name, const pattern& value) {
    auto& request = owner_.interaction().request;
    set_header(request.headers, name, value, request.rules, request.generators);
    return *this;
}

request_builder& request_builder::json_body(const pattern& body) {
    auto& request = owner_.interaction().request;
    set_json_body(request.body, body, request.rules, request.generators);
    set_content_type_unless_given(request.headers, json_media_type);
    return *this;
}

request_builder& request_builder::body(std::string content, std::string content_type) {
    auto& request = owner_.interaction().request;
    set_content_type_unless_given(request.headers, content_type);
    set_plain_body(request.body, std::move(content), std::move(content_type));
    return *this;
}

response_builder& request_builder::will_respond_with(int status) { return owner_.will_respond_with(status); }

response_builder::response_builder(interaction_builder& owner) : owner_(owner) {}

response_builder& response_builder::header(const std::string& name, const pattern& value) {
    auto& response = owner_.interaction().response;
    set_header(response.headers, name, value, response.rules, response.generators);
    return *this;
}

response_builder& response_builder::json_body(const pattern& body) {
    auto& response = owner_.interaction().response;
    set_json_body(response.body, body, response.rules, response.generators);
    set_content_type_unless_given(response.headers, json_media_type);
    return *this;
}

response_builder& response_builder::body(std::string content, std::string content_type) {
    auto& response = owner_.interaction().response;
    set_content_type_unless_given(response.headers, content_type);
    set_plain_body(response.body, std::move(content), std::move(content_type));
    return *this;
}

interaction_builder::interaction_builder(std::string description) {
    interaction_.kind = interaction_kind::synchronous_http;
    interaction_.description = std::move(description);
}

interaction_builder& interaction_builder::given(std::string state, nlohmann::json params) {
    interaction_.provider_states.push_back({std::move(state), std::move(params)});
    return *this;
}

interaction_builder& interaction_builder::pending(bool is_pending) {
    interaction_.pending = is_pending;
    return *this;
}

interaction_builder& interaction_builder::comment(std::string text) {
    auto& texts = interaction_.comments["text"];
    if (!texts.is_array()) texts = nlohmann::json::array();
    texts.push_back(std::move(text));
    return *this;
}

request_builder& interaction_builder::with_request(std::string method, const pattern& path) {
    auto& request = interaction_.request;
    request.method = std::move(method);
    request.path = single_string(path, "the request path", "path", "", request.rules, request.generators);
    return request_;
}

response_builder& interaction_builder::will_respond_with(int status) {
    interaction_.response.status = status;
    return response_;
}

message_builder::message_builder(std::string description) {
    interaction_.kind = interaction_kind::asynchronous_message;
    interaction_.description = std::move(description);
}

message_builder& message_builder::given(std::string state, nlohmann::json params) {
    interaction_.provider_states.push_back({std::move(state), std::move(params)});
    return *this;
}

message_builder& message_builder::metadata(const std::string& name, const pattern& value) {
    auto& message = interaction_.message;
    message.metadata[name] =
        place_single_value(value, "metadata " + name, "metadata", name, message.rules, message.generators);
    return *this;
}

message_builder& message_builder::json_contents(const pattern& contents) {
    auto& message = interaction_.message;
    set_json_body(message.contents, contents, message.rules, message.generators);
    if (!message.metadata.contains("contentType")) message.metadata["contentType"] = json_media_type;
    return *this;
}

message_builder& message_builder::contents(std::string content, std::string content_type) {
    auto& message = interaction_.message;
    if (!message.metadata.contains("contentType") && !content_type.empty()) message.metadata["contentType"] = content_type;
    set_plain_body(message.contents, std::move(content), std::move(content_type));
    return *this;
}

}  // namespace pact::consumer
