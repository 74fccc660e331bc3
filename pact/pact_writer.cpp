#include "pact/pact_writer.hpp"

#include "pact/base64.hpp"
#include "pact/content_type.hpp"
#include "pact/utf8.hpp"

#include <algorithm>

namespace pact {
namespace {

// v3 writes the body value itself: the JSON document, or the text.
nlohmann::json v3_body(const body& content) {
    if (content.parsed) return *content.parsed;
    if (is_valid_utf8(content.content)) return content.content;
    return base64_encode(content.content);
}

nlohmann::json v4_body(const body& content) {
    nlohmann::json result = nlohmann::json::object();
    result["contentType"] = content.content_type.empty() ? infer_content_type(content.content) : content.content_type;
    if (content.parsed) {
        result["encoded"] = false;
        result["content"] = *content.parsed;
    } else if (is_valid_utf8(content.content) && format_of(result["contentType"].get<std::string>()) != body_format::binary) {
        result["encoded"] = false;
        result["content"] = content.content;
    } else {
        result["encoded"] = "base64";
        result["content"] = base64_encode(content.content);
    }
    return result;
}

nlohmann::json write_body(const body& content, specification_version target) {
    if (content.state == body::presence::empty) {
        return target == specification_version::v4 ? nlohmann::json{{"contentType", content.content_type.empty() ? "text/plain" : content.content_type}, {"encoded", false}, {"content", ""}}
                                                   : nlohmann::json("");
    }
    return target == specification_version::v4 ? v4_body(content) : v3_body(content);
}

nlohmann::json write_rule_list(const rule_list& rules) {
    nlohmann::json matchers = nlohmann::json::array();
    for (const auto& rule : rules.matchers) matchers.push_back(rule.definition);
    return {{"matchers", std::move(matchers)}, {"combine", rules.logic == rule_logic::any_of ? "OR" : "AND"}};
}

nlohmann::json write_rules(const matching_rules& rules, std::string_view body_category) {
    nlohmann::json result = nlohmann::json::object();
    for (const auto& [name, category] : rules.categories()) {
        if (category.empty()) continue;
        const auto written_name = name == "body" ? std::string(body_category) : name;
        if ((name == "path" || name == "status") && category.size() == 1 && category.begin()->first.empty()) {
            result[written_name] = write_rule_list(category.begin()->second);
            continue;
        }
        auto& written = result[written_name];
        for (const auto& [path, list] : category) written[path] = write_rule_list(list);
    }
    return result;
}

nlohmann::json write_headers(const header_map& headers, specification_version target) {
    nlohmann::json result = nlohmann::json::object();
    for (const auto& [name, values] : headers) {
        if (target == specification_version::v4) {
            result[name] = values;
        } else {
            result[name] = header_value(headers, name).value_or("");
        }
    }
    return result;
}

void write_common_parts(nlohmann::json& target_object, const matching_rules& rules, const nlohmann::json& generators, std::string_view body_category) {
    if (!rules.empty()) target_object["matchingRules"] = write_rules(rules, body_category);
    if (generators.is_object() && !generators.empty()) target_object["generators"] = generators;
}

nlohmann::json write_request(const http_request& request, specification_version target) {
    nlohmann::json result = {{"method", request.method}, {"path", request.path}};
    if (!request.query.empty()) result["query"] = request.query;
    if (!request.headers.empty()) result["headers"] = write_headers(request.headers, target);
    if (!request.body.is_missing()) result["body"] = write_body(request.body, target);
    write_common_parts(result, request.rules, request.generators, "body");
    return result;
}

nlohmann::json write_response(const http_response& response, specification_version target) {
    nlohmann::json result = {{"status", response.status}};
    if (!response.headers.empty()) result["headers"] = write_headers(response.headers, target);
    if (!response.body.is_missing()) result["body"] = write_body(response.body, target);
    write_common_parts(result, response.rules, response.generators, "body");
    return result;
}

}  // namespace

nlohmann::json write_message(const message& content, specification_version target) {
    nlohmann::json result = nlohmann::json::object();
    if (!content.contents.is_missing()) result["contents"] = write_body(content.contents, target);
    result[target == specification_version::v4 ? "metadata" : "metaData"] = content.metadata;
    write_common_parts(result, content.rules, content.generators, target == specification_version::v4 ? "content" : "body");
    return result;
}

nlohmann::json write_provider_states(const std::vector<provider_state>& states) {
    nlohmann::json result = nlohmann::json::array();
    for (const auto& state : states) {
        nlohmann::json written = {{"name", state.name}};
        if (!state.params.empty()) written["params"] = state.params;
        result.push_back(std::move(written));
    }
    return result;
}

namespace {

nlohmann::json write_interaction(const interaction& source, specification_version target) {
    nlohmann::json result = source.extra.is_object() ? source.extra : nlohmann::json::object();
    result["description"] = source.description;
    if (!source.provider_states.empty()) result["providerStates"] = write_provider_states(source.provider_states);
    if (target == specification_version::v4) {
        result["type"] = to_string(source.kind);
        if (!source.key.empty()) result["key"] = source.key;
        result["pending"] = source.pending;
        if (!source.comments.empty()) result["comments"] = source.comments;
    }
    switch (source.kind) {
    case interaction_kind::synchronous_http:
        result["request"] = write_request(source.request, target);
        result["response"] = write_response(source.response, target);
        break;
    case interaction_kind::asynchronous_message: result.update(write_message(source.message, target)); break;
    case interaction_kind::synchronous_message: {
        result["request"] = write_message(source.message, target);
        auto& responses = result["response"] = nlohmann::json::array();
        for (const auto& response : source.message_responses) responses.push_back(write_message(response, target));
        break;
    }
    }
    return result;
}

}  // namespace

nlohmann::json write_pact(const pact_document& document, specification_version target) {
    // Only v4 holds synchronous messages and mixes HTTP with messages; such a document is written as v4.
    const bool needs_v4 = std::ranges::any_of(document.interactions, [](const auto& one) { return one.kind == interaction_kind::synchronous_message; });
    if (target != specification_version::v4 && (needs_v4 || target != specification_version::v3)) {
        target = needs_v4 ? specification_version::v4 : specification_version::v3;
    }
    nlohmann::json result = {{"consumer", {{"name", document.consumer}}}, {"provider", {{"name", document.provider}}}};
    auto& interactions = result["interactions"] = nlohmann::json::array();
    nlohmann::json messages = nlohmann::json::array();
    for (const auto& one : document.interactions) {
        if (target == specification_version::v3 && one.kind == interaction_kind::asynchronous_message) {
            messages.push_back(write_interaction(one, target));
        } else {
            interactions.push_back(write_interaction(one, target));
        }
    }
    if (!messages.empty()) {
        result["messages"] = std::move(messages);
        if (result["interactions"].empty()) result.erase("interactions");
    }
    result["metadata"] = document.metadata.is_object() ? document.metadata : nlohmann::json::object();
    result["metadata"]["pactSpecification"] = {{"version", to_string(target)}};
    return result;
}

}  // namespace pact
