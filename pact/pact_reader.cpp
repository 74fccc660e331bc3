#include "pact/pact_reader.hpp"

#include "pact/base64.hpp"
#include "pact/content_type.hpp"
#include "pact/file_content.hpp"
#include "pact/json_text.hpp"
#include "pact/value_matchers.hpp"
#include "pact/query_string.hpp"
#include "schemas/validator.hpp"

#include <algorithm>
#include <array>
#include <iterator>
#include <optional>
#include <set>

namespace pact {
namespace {

// Where in the document a reader is, as a chain up to the root: the JSON path of an error is written out
// only when there is an error. A location refers to its parent, so it lives no longer than the parent.
struct location {
    const location* parent = nullptr;
    std::string_view name;  // the key, or the root's own text ("$") when there is no parent
    std::size_t position = 0;
    bool is_index = false;

    [[nodiscard]] location key(std::string_view key_name) const { return {this, key_name}; }
    [[nodiscard]] location index(std::size_t at) const { return {this, {}, at, true}; }
    [[nodiscard]] std::string text() const {
        if (parent == nullptr) return std::string(name);
        if (is_index) return parent->text() + "[" + std::to_string(position) + "]";
        return parent->text() + "." + std::string(name);
    }
};

const location document_root{nullptr, "$"};

template <typename value>
using read_result = std::expected<value, read_error>;

std::unexpected<read_error> fail(const location& where, std::string message) {
    return std::unexpected(read_error{"", where.text(), std::move(message)});
}

std::string found(const nlohmann::json& value) { return schemas::kind_in_words(value); }

read_result<std::string> read_string(const nlohmann::json& value, const location& where) {
    if (!value.is_string()) return fail(where, "expected a string, found " + found(value));
    return value.get<std::string>();
}

std::optional<specification_version> parse_version(const nlohmann::json& value) {
    if (!value.is_string()) return std::nullopt;
    const auto text = value.get<std::string>();
    if (text.starts_with("1.1")) return specification_version::v1_1;
    if (text.starts_with("1")) return specification_version::v1;
    if (text.starts_with("2")) return specification_version::v2;
    if (text.starts_with("3")) return specification_version::v3;
    if (text.starts_with("4")) return specification_version::v4;
    return std::nullopt;
}

// The version a pact declares in its metadata, in any of the spellings implementations have used.
std::optional<specification_version> declared_version(const nlohmann::json& metadata) {
    if (!metadata.is_object()) return std::nullopt;
    for (const char* key : {"pactSpecification", "pact-specification", "pact_specification"}) {
        if (metadata.contains(key) && metadata.at(key).is_object() && metadata.at(key).contains("version")) {
            return parse_version(metadata.at(key).at("version"));
        }
    }
    if (metadata.contains("pactSpecificationVersion")) return parse_version(metadata.at("pactSpecificationVersion"));
    return std::nullopt;
}

// Without a version in the metadata: a v4 interaction says its type; anything else is read as v3, as the
// official tools do.
specification_version detect_version(const nlohmann::json& document, bool an_interaction_has_a_type) {
    const auto metadata = document.find("metadata");
    if (metadata != document.end()) {
        if (auto declared = declared_version(*metadata)) return *declared;
    }
    return an_interaction_has_a_type ? specification_version::v4 : specification_version::v3;
}

specification_version detect_version(const nlohmann::json& document) {
    const auto interactions = document.find("interactions");
    const bool typed = interactions != document.end() && interactions->is_array() &&
                       std::ranges::any_of(*interactions, [](const auto& interaction) { return interaction.is_object() && interaction.contains("type"); });
    return detect_version(document, typed);
}

read_result<header_map> read_headers(const nlohmann::json& value, const location& where) {
    header_map headers;
    if (value.is_null()) return headers;
    if (!value.is_object()) return fail(where, "expected an object of header names to values, found " + found(value));
    for (const auto& [name, content] : value.items()) {
        auto& values = headers[name];
        if (content.is_array()) {
            for (std::size_t position = 0; position < content.size(); ++position) {
                auto text = read_string(content[position], where.key(name).index(position));
                if (!text) return std::unexpected(text.error());
                values.push_back(std::move(*text));
            }
        } else {
            auto text = read_string(content, where.key(name));
            if (!text) return std::unexpected(text.error());
            values.push_back(std::move(*text));
        }
    }
    return headers;
}

read_result<query_map> read_query_object(const nlohmann::json& value, const location& where) {
    query_map query;
    for (const auto& [name, content] : value.items()) {
        auto& values = query[name];
        if (content.is_array()) {
            for (std::size_t position = 0; position < content.size(); ++position) {
                const auto& one = content[position];
                if (one.is_null()) continue;
                auto text = read_string(one, where.key(name).index(position));
                if (!text) return std::unexpected(text.error());
                values.push_back(std::move(*text));
            }
        } else if (!content.is_null()) {
            auto text = read_string(content, where.key(name));
            if (!text) return std::unexpected(text.error());
            values.push_back(std::move(*text));
        }
    }
    return query;
}

std::string content_type_from(const header_map& headers) {
    return header_value(headers, "Content-Type").value_or("");
}

// Fills a body from the value a pact holds for it, before v4 or unwrapped from a v4 body object; the value
// is moved into the body.
body body_from_value(nlohmann::json& value, std::string content_type) {
    body result;
    result.content_type = std::move(content_type);
    if (value.is_string()) {
        result.content = std::move(value.get_ref<std::string&>());
        result.state = result.content.empty() ? body::presence::empty : body::presence::present;
        if (format_of(result.content_type) == body_format::json) {
            // A JSON body written as a string is either JSON text or a JSON string value.
            if (auto parsed = parse_json_if_valid(result.content)) {
                result.parsed = std::move(*parsed);
            } else {
                result.parsed = nlohmann::json(result.content);
                result.content = to_json_text(*result.parsed);
            }
        }
        return result;
    }
    result.state = body::presence::present;
    result.parsed = std::move(value);
    result.content = to_json_text(*result.parsed);
    if (result.content_type.empty()) result.content_type = "application/json";
    return result;
}

// A v4 body is wrapped ({"contentType", "encoded", "content"}); some v4 writers leave the wrapper out.
bool is_v4_body(const nlohmann::json& value, specification_version version) {
    if (!value.is_object() || !value.contains("content")) return false;
    return version == specification_version::v4 || value.contains("contentType") || value.contains("encoded");
}

read_result<body> read_v4_body(nlohmann::json& value, std::string fallback_content_type, const location& where) {
    auto content_type = value.contains("contentType") ? read_string(value.at("contentType"), where.key("contentType")) : std::move(fallback_content_type);
    if (!content_type) return std::unexpected(content_type.error());
    auto& content = value.at("content");
    const auto encoded = value.value("encoded", nlohmann::json(false));
    const bool base64 = (encoded.is_string() && encoded.get<std::string>() == "base64") || (encoded.is_boolean() && encoded.get<bool>());
    if (!base64) return body_from_value(content, std::move(*content_type));
    if (!content.is_string()) return fail(where.key("content"), "a base64 body must be a string, found " + found(content));
    auto bytes = base64_decode(content.get<std::string>());
    if (!bytes) return fail(where.key("content"), "the body is marked base64 but is not valid base64");
    body result;
    result.content_type = std::move(*content_type);
    result.content = std::move(*bytes);
    result.state = result.content.empty() ? body::presence::empty : body::presence::present;
    if (format_of(result.content_type) == body_format::json) {
        if (auto parsed = parse_json_if_valid(result.content)) result.parsed = std::move(*parsed);
    }
    return result;
}

read_result<body> read_body(nlohmann::json& holder, std::string_view key, std::string content_type, specification_version version, const location& where) {
    const auto found = holder.find(key);
    if (found == holder.end()) return body{};
    if (is_v4_body(*found, version)) return read_v4_body(*found, std::move(content_type), where.key(key));
    return body_from_value(*found, std::move(content_type));
}

// The v2 form: keys are JSONPath from the part's root ("$.body.a", "$.headers.Accept", "$.query.q", "$.path").
read_result<matching_rules::category_map> read_v2_rules(const nlohmann::json& value, const location& where, matcher_cache& cache) {
    matching_rules::category_map rules;
    for (const auto& [key, definition] : value.items()) {
        auto parsed = parse_json_path(key);
        if (!parsed) return fail(where.key(key), parsed.error());
        if (parsed->size() < 2 || parsed->at(1).type != path_token::kind::field) return fail(where.key(key), "a v2 matching rule path must start with $.body, $.headers, $.query or $.path");
        auto category = parsed->at(1).name;
        if (category == "headers") category = "header";
        if (category == "metaData") category = "metadata";
        std::string rule_key;
        if (category == "body" || category == "contents") {
            json_path rest{parsed->front()};
            rest.insert(rest.end(), parsed->begin() + 2, parsed->end());
            rule_key = to_string(rest);
            if (category == "contents") category = "body";
        } else if (parsed->size() > 2 && parsed->at(2).type == path_token::kind::field) {
            rule_key = parsed->at(2).name;
        }
        auto list = make_rule_list(definition, rule_key.empty() ? "$" : rule_key, &cache);
        if (!list) return fail(where.key(key), list.error());
        rules[category][rule_key] = std::move(*list);
    }
    return rules;
}

// The v3/v4 form: categories of rules keyed by path or name.
read_result<matching_rules::category_map> read_categorised_rules(const nlohmann::json& value, const location& where, matcher_cache& cache) {
    matching_rules::category_map rules;
    for (const auto& [name, category] : value.items()) {
        auto read = make_rule_category(category, &cache);
        if (!read) return fail(where.key(name), read.error());
        // Message contents are the "body" of a message; v4 message pacts call the category "content".
        const auto category_name = name == "content" || name == "contents" ? std::string("body") : name;
        const bool keyed_by_path = category_name != "path" && category_name != "status";
        auto& destination = rules[category_name];
        if (keyed_by_path && destination.empty()) {
            destination = std::move(*read);  // the usual case: one spelling of the category, taken whole
            continue;
        }
        for (auto& [path, list] : *read) destination[keyed_by_path ? path : std::string()] = std::move(list);
    }
    return rules;
}

// A part's "matchingRules" in either form. Equal rule sets are read once per cache and then shared.
read_result<matching_rules> read_rules(const nlohmann::json& holder, const location& parent, matcher_cache& cache) {
    const auto found_rules = holder.find("matchingRules");
    if (found_rules == holder.end() || found_rules->is_null()) return matching_rules{};
    const auto& value = *found_rules;
    const auto where = parent.key("matchingRules");
    if (!value.is_object()) return fail(where, "expected an object, found " + found(value));
    auto text = to_json_text(value);
    if (auto shared = cache.find_rules(text)) return std::move(*shared);
    const bool v2_form = std::ranges::any_of(value.items(), [](const auto& item) { return item.key().starts_with("$"); });
    auto read = v2_form ? read_v2_rules(value, where, cache) : read_categorised_rules(value, where, cache);
    if (!read) return std::unexpected(std::move(read.error()));
    matching_rules rules(std::move(*read));
    cache.add_rules(std::move(text), rules);
    return rules;
}

read_result<nlohmann::json> read_generators(nlohmann::json& holder, const location& parent) {
    const auto value = holder.find("generators");
    if (value == holder.end() || value->is_null()) return nlohmann::json::object();
    if (!value->is_object()) return fail(parent.key("generators"), "expected an object, found " + found(*value));
    return std::move(*value);
}

read_result<http_request> read_request_at(nlohmann::json& value, specification_version version, const location& where, matcher_cache& cache) {
    if (!value.is_object()) return fail(where, "expected an object, found " + found(value));
    http_request request;
    if (value.contains("method")) {
        auto method = read_string(value.at("method"), where.key("method"));
        if (!method) return std::unexpected(method.error());
        request.method = std::move(*method);
    }
    if (value.contains("path")) {
        auto path = read_string(value.at("path"), where.key("path"));
        if (!path) return std::unexpected(path.error());
        request.path = std::move(*path);
    }
    if (value.contains("query") && !value.at("query").is_null()) {
        const auto& query = value.at("query");
        if (query.is_string()) {
            request.raw_query = query.get<std::string>();
            request.query = parse_query_string(*request.raw_query);
            request.query_is_text = version == specification_version::v1;
        } else if (query.is_object()) {
            auto map = read_query_object(query, where.key("query"));
            if (!map) return std::unexpected(map.error());
            request.query = std::move(*map);
        } else {
            return fail(where.key("query"), "expected a query string or an object, found " + found(query));
        }
    }
    if (value.contains("headers")) {
        auto headers = read_headers(value.at("headers"), where.key("headers"));
        if (!headers) return std::unexpected(headers.error());
        request.headers = std::move(*headers);
    }
    auto read = read_body(value, "body", content_type_from(request.headers), version, where);
    if (!read) return std::unexpected(read.error());
    request.body = std::move(*read);
    if (version >= specification_version::v2) {
        auto rules = read_rules(value, where, cache);
        if (!rules) return std::unexpected(rules.error());
        request.rules = std::move(*rules);
    }
    auto generators = read_generators(value, where);
    if (!generators) return std::unexpected(generators.error());
    request.generators = std::move(*generators);
    return request;
}

read_result<http_response> read_response_at(nlohmann::json& value, specification_version version, const location& where, matcher_cache& cache) {
    if (!value.is_object()) return fail(where, "expected an object, found " + found(value));
    http_response response;
    if (value.contains("status")) {
        const auto& status = value.at("status");
        if (!status.is_number_integer() || status.get<long long>() < 100 || status.get<long long>() > 999) {
            return fail(where.key("status"), "expected an HTTP status (an integer from 100 to 999), found " + (status.is_number() ? status.dump() : found(status)));
        }
        response.status = status.get<int>();
    }
    if (value.contains("headers")) {
        auto headers = read_headers(value.at("headers"), where.key("headers"));
        if (!headers) return std::unexpected(headers.error());
        response.headers = std::move(*headers);
    }
    auto read = read_body(value, "body", content_type_from(response.headers), version, where);
    if (!read) return std::unexpected(read.error());
    response.body = std::move(*read);
    if (version >= specification_version::v2) {
        auto rules = read_rules(value, where, cache);
        if (!rules) return std::unexpected(rules.error());
        response.rules = std::move(*rules);
    }
    auto generators = read_generators(value, where);
    if (!generators) return std::unexpected(generators.error());
    response.generators = std::move(*generators);
    return response;
}

std::string content_type_from(const nlohmann::json& metadata) {
    if (!metadata.is_object()) return "";
    for (const char* key : {"contentType", "content-type", "Content-Type"}) {
        if (metadata.contains(key) && metadata.at(key).is_string()) return metadata.at(key).get<std::string>();
    }
    return "";
}

read_result<message> read_message_at(nlohmann::json& value, specification_version version, const location& where, matcher_cache& cache) {
    if (!value.is_object()) return fail(where, "expected an object, found " + found(value));
    message result;
    for (const char* key : {"metadata", "metaData"}) {
        const auto metadata = value.find(key);
        if (metadata != value.end() && !metadata->is_null()) {
            if (!metadata->is_object()) return fail(where.key(key), "expected an object, found " + found(*metadata));
            result.metadata = std::move(*metadata);
        }
    }
    auto contents = read_body(value, "contents", content_type_from(result.metadata), version, where);
    if (!contents) return std::unexpected(contents.error());
    result.contents = std::move(*contents);
    auto rules = read_rules(value, where, cache);
    if (!rules) return std::unexpected(rules.error());
    result.rules = std::move(*rules);
    auto generators = read_generators(value, where);
    if (!generators) return std::unexpected(generators.error());
    result.generators = std::move(*generators);
    return result;
}

read_result<std::vector<provider_state>> read_provider_states(nlohmann::json& value, const location& where) {
    std::vector<provider_state> states;
    for (const char* key : {"providerState", "provider_state"}) {
        if (value.contains(key) && !value.at(key).is_null()) {
            auto name = read_string(value.at(key), where.key(key));
            if (!name) return std::unexpected(name.error());
            if (!name->empty()) states.push_back({std::move(*name)});
        }
    }
    if (!value.contains("providerStates") || value.at("providerStates").is_null()) return states;
    auto& list = value.at("providerStates");
    const auto list_where = where.key("providerStates");
    if (!list.is_array()) return fail(list_where, "expected a list of provider states, found " + found(list));
    for (std::size_t position = 0; position < list.size(); ++position) {
        auto& entry = list[position];
        const auto entry_where = list_where.index(position);
        if (!entry.is_object()) return fail(entry_where, "expected a provider state object, found " + found(entry));
        if (!entry.contains("name")) return fail(entry_where, "a provider state needs a name");
        auto name = read_string(entry.at("name"), entry_where.key("name"));
        if (!name) return std::unexpected(name.error());
        provider_state state{std::move(*name)};
        if (entry.contains("params") && !entry.at("params").is_null()) {
            if (!entry.at("params").is_object()) return fail(entry_where.key("params"), "expected an object, found " + found(entry.at("params")));
            state.params = std::move(entry.at("params"));
        }
        states.push_back(std::move(state));
    }
    return states;
}

const std::set<std::string, std::less<>> interpreted_fields = {
    "type", "description", "providerState", "provider_state", "providerStates", "key", "pending", "comments",
    "request", "response", "contents", "metadata", "metaData", "matchingRules", "generators",
};

read_result<interaction_kind> kind_of(const nlohmann::json& value, const location& where) {
    if (value.contains("type")) {
        auto type = read_string(value.at("type"), where.key("type"));
        if (!type) return std::unexpected(type.error());
        for (auto kind : {interaction_kind::synchronous_http, interaction_kind::asynchronous_message, interaction_kind::synchronous_message}) {
            if (*type == to_string(kind)) return kind;
        }
        return fail(where.key("type"), "unknown interaction type \"" + *type + "\" (expected Synchronous/HTTP, Asynchronous/Messages or Synchronous/Messages)");
    }
    if (!value.contains("request") && (value.contains("contents") || value.contains("metadata") || value.contains("metaData"))) {
        return interaction_kind::asynchronous_message;
    }
    return interaction_kind::synchronous_http;
}

// Reads an interaction, moving what the model keeps (bodies, parameters, unread fields) out of `value`.
read_result<interaction> read_interaction(nlohmann::json& value, specification_version version, const location& where, bool in_messages, matcher_cache& cache) {
    if (!value.is_object()) return fail(where, "expected an interaction object, found " + found(value));
    interaction result;
    auto kind = in_messages ? read_result<interaction_kind>(interaction_kind::asynchronous_message) : kind_of(value, where);
    if (!kind) return std::unexpected(kind.error());
    result.kind = *kind;
    if (!value.contains("description")) return fail(where, "an interaction needs a description");
    auto description = read_string(value.at("description"), where.key("description"));
    if (!description) return std::unexpected(description.error());
    result.description = std::move(*description);
    auto states = read_provider_states(value, where);
    if (!states) return std::unexpected(states.error());
    result.provider_states = std::move(*states);
    if (value.contains("key") && value.at("key").is_string()) result.key = value.at("key").get<std::string>();
    if (value.contains("pending")) {
        if (!value.at("pending").is_boolean()) return fail(where.key("pending"), "expected true or false, found " + found(value.at("pending")));
        result.pending = value.at("pending").get<bool>();
    }
    if (value.contains("comments") && value.at("comments").is_object()) result.comments = std::move(value.at("comments"));
    for (auto& [name, field] : value.items()) {
        if (!interpreted_fields.contains(name)) result.extra[name] = std::move(field);
    }

    nlohmann::json absent = nlohmann::json::object();
    const auto part = [&](const char* key) -> nlohmann::json& {
        const auto found = value.find(key);
        return found == value.end() ? absent : *found;
    };
    switch (result.kind) {
    case interaction_kind::synchronous_http: {
        auto request = read_request_at(part("request"), version, where.key("request"), cache);
        if (!request) return std::unexpected(request.error());
        result.request = std::move(*request);
        auto response = read_response_at(part("response"), version, where.key("response"), cache);
        if (!response) return std::unexpected(response.error());
        result.response = std::move(*response);
        break;
    }
    case interaction_kind::asynchronous_message: {
        auto read = read_message_at(value, version, where, cache);
        if (!read) return std::unexpected(read.error());
        result.message = std::move(*read);
        break;
    }
    case interaction_kind::synchronous_message: {
        auto request = read_message_at(part("request"), version, where.key("request"), cache);
        if (!request) return std::unexpected(request.error());
        result.message = std::move(*request);
        absent = nlohmann::json::array();
        auto& responses = part("response");
        if (!responses.is_array()) return fail(where.key("response"), "expected a list of response messages, found " + found(responses));
        for (std::size_t position = 0; position < responses.size(); ++position) {
            auto response = read_message_at(responses[position], version, where.key("response").index(position), cache);
            if (!response) return std::unexpected(response.error());
            result.message_responses.push_back(std::move(*response));
        }
        break;
    }
    }
    return result;
}

read_result<std::string> read_party(const nlohmann::json& document, const char* key) {
    const auto where = document_root.key(key);
    if (!document.contains(key)) return fail(document_root, std::string("the pact has no ") + key);
    const auto& party = document.at(key);
    if (!party.is_object()) return fail(where, "expected an object with a name, found " + found(party));
    if (!party.contains("name")) return fail(where, std::string("the ") + key + " has no name");
    return read_string(party.at("name"), where.key("name"));
}

std::string_view schema_for(specification_version version) {
    switch (version) {
    case specification_version::v1:
    case specification_version::v1_1:
    case specification_version::v2: return "pact-v2";
    case specification_version::v3: return "pact-v3";
    case specification_version::v4: return "pact-v4";
    }
    return "pact-v3";
}

// The lists of a pact that hold interactions, in the order they are read: v3 message pacts call theirs
// "messages". This is also their keys' order, the order in which the validator checks them.
constexpr std::array<std::string_view, 2> interaction_lists{"interactions", "messages"};

[[nodiscard]] bool is_message_list(std::string_view list) { return list == interaction_lists[1]; }

[[nodiscard]] std::size_t list_index(std::string_view list) { return is_message_list(list) ? 1 : 0; }

// The pact around its interactions: the parties and the metadata, moved out of the document.
read_result<pact_document> assemble(nlohmann::json& document, specification_version version, std::vector<interaction> interactions) {
    pact_document result;
    result.version = version;
    auto consumer = read_party(document, "consumer");
    if (!consumer) return std::unexpected(consumer.error());
    result.consumer = std::move(*consumer);
    auto provider = read_party(document, "provider");
    if (!provider) return std::unexpected(provider.error());
    result.provider = std::move(*provider);
    if (const auto metadata = document.find("metadata"); metadata != document.end() && metadata->is_object()) {
        result.metadata = std::move(*metadata);
        for (const char* key : {"pactSpecification", "pact-specification", "pact_specification", "pactSpecificationVersion"}) result.metadata.erase(key);
    }
    result.interactions = std::move(interactions);
    return result;
}

// The member of the document a violation's path starts with: "consumer" for "$.consumer.name". The members
// the pact schemas describe have plain names, which the validator writes after a dot.
[[nodiscard]] std::string_view member_of(std::string_view path) {
    if (!path.starts_with("$.")) return {};
    path.remove_prefix(2);
    return path.substr(0, path.find_first_of(".["));
}

// Whether a violation of the document around its lists comes before the violations of a list's elements
// when the whole document is validated: the validator reports missing required members first, then checks
// the members in key order (nlohmann objects are sorted).
[[nodiscard]] bool validated_before(const schemas::schema_violation& violation, std::string_view list, const nlohmann::json& document) {
    const auto member = member_of(violation.path);
    return !document.contains(member) || member < list;
}

// Reads a pact one interaction at a time, in the order they come (as the parser hands them over, or out of
// a whole document), then the document around them, whose lists are empty by then. Each interaction is
// checked against its list's part of the schema, then read into the model (moved, not copied) and dropped.
// What goes wrong is reported as validating the whole document and then reading it would report it: the
// first schema violation in the validator's order with the count of the others, else the first interaction
// (in list order) that cannot be read, else a party that cannot be read. After the first problem, the
// interactions are only validated.
class pact_reading {
public:
    // `expected_counts`: how many elements each list is expected to hold (to reserve room), by list index.
    pact_reading(specification_version version, const std::array<std::size_t, 2>& expected_counts) : version_(version) {
        for (std::size_t list = 0; list < lists_.size(); ++list) {
            auto& validator = lists_[list].validator;
            validator.emplace(schema_for(version), "/properties/" + std::string(interaction_lists[list]) + "/items");
            if (!validator->has_part()) validator.reset();  // the schema leaves the list alone (v3 messages only)
            lists_[list].interactions.reserve(expected_counts[list]);
        }
    }

    // The element at `position` of interaction_lists[list]; the elements of a list come in order.
    void take(std::size_t list, std::size_t position, nlohmann::json&& value) {
        auto& reading = lists_[list];
        const auto list_where = document_root.key(interaction_lists[list]);
        const auto where = list_where.index(position);
        if (reading.validator) {
            auto violations = reading.validator->validate(value);
            if (!violations.empty() && reading.violation_count == 0) {
                reading.first_violation = schemas::schema_violation{where.text() + violations.front().path.substr(1), std::move(violations.front().message)};
            }
            reading.violation_count += violations.size();
        }
        if (has_failed(list)) return;
        auto read = read_interaction(value, version_, where, is_message_list(interaction_lists[list]), cache_);
        if (!read) {
            reading.read_failure = std::move(read.error());
            return;
        }
        reading.interactions.push_back(std::move(*read));
    }

    // The pact, once every element has been taken out of the document.
    read_result<pact_document> finish(nlohmann::json& document) {
        if (!document.is_object()) return fail(document_root, "a pact must be a JSON object, found " + found(document));
        auto violations = schemas::validate(schema_for(version_), document);
        if (auto violation = first_violation(violations, document)) return std::unexpected(std::move(*violation));
        for (std::size_t list = 0; list < lists_.size(); ++list) {
            if (lists_[list].read_failure) return std::unexpected(std::move(*lists_[list].read_failure));
            const auto listed = document.find(interaction_lists[list]);
            if (listed != document.end() && !listed->is_null() && !listed->is_array()) {
                return fail(document_root.key(interaction_lists[list]), "expected a list, found " + found(*listed));
            }
        }
        auto interactions = std::move(lists_[0].interactions);
        std::ranges::move(lists_[1].interactions, std::back_inserter(interactions));
        return assemble(document, version_, std::move(interactions));
    }

private:
    struct list_reading {
        std::optional<schemas::part_validator> validator;  // none when the schema does not describe the list
        std::optional<schemas::schema_violation> first_violation;  // its path from the document's root
        std::size_t violation_count = 0;
        std::optional<read_error> read_failure;
        std::vector<interaction> interactions;
    };

    // Whether what is read of the list is to be dropped: a violation anywhere, or a failure in it or before it.
    [[nodiscard]] bool has_failed(std::size_t list) const {
        for (std::size_t other = 0; other < lists_.size(); ++other) {
            if (lists_[other].violation_count > 0 || (other <= list && lists_[other].read_failure)) return true;
        }
        return false;
    }

    // The violation validating the whole document would report first, counting the others.
    std::optional<read_error> first_violation(std::vector<schemas::schema_violation>& around_lists, const nlohmann::json& document) {
        std::size_t count = around_lists.size();
        const list_reading* first_failing_list = nullptr;
        std::string_view first_failing_list_name;
        for (std::size_t list = 0; list < lists_.size(); ++list) {
            count += lists_[list].violation_count;
            if (first_failing_list == nullptr && lists_[list].violation_count > 0) {
                first_failing_list = &lists_[list];
                first_failing_list_name = interaction_lists[list];
            }
        }
        if (count == 0) return std::nullopt;
        const bool around_first = !around_lists.empty() &&
                                  (first_failing_list == nullptr || validated_before(around_lists.front(), first_failing_list_name, document));
        auto& first = around_first ? around_lists.front() : *first_failing_list->first_violation;
        auto message = std::move(first.message);
        if (count > 1) message += " (and " + std::to_string(count - 1) + " more problem(s))";
        return read_error{"", std::move(first.path), std::move(message)};
    }

    specification_version version_;
    matcher_cache cache_;
    std::array<list_reading, 2> lists_;
};

read_error with_source(read_error error, std::string_view source) {
    error.source = std::string(source);
    return error;
}

// Text Boost.JSON's parser refuses: nlohmann's says what is wrong with it, or reads what only it accepts
// (such as a document naming its interactions twice, where the last list counts).
std::expected<pact_document, read_error> read_refused_text(std::string_view text, std::string_view source) {
    nlohmann::json document;
    try {
        document = nlohmann::json::parse(text);
    } catch (const nlohmann::json::exception& error) {  // parse_error, or out_of_range for a number like 1e999
        return std::unexpected(read_error{std::string(source), "", std::string("not valid JSON: ") + error.what()});
    }
    return read_pact(std::move(document), source);
}

}  // namespace

std::string read_error::to_string() const {
    std::string text = source.empty() ? std::string("pact") : source;
    if (!json_path.empty()) text += ": " + json_path;
    return text + ": " + message;
}

// Fresh memory is most of what reading a large pact costs: reading a 33 MB pact of 10,000 interactions as a
// whole document touched 270 MB. A skim of the text first finds the version and the lengths of the lists;
// then the interactions are read as the parser hands them over.
std::expected<pact_document, read_error> read_pact(std::string_view text, std::string_view source) {
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
    bool interaction_has_a_type = false;
    std::array<std::size_t, 2> counts{};
    const auto skimmed = parse_json_skimming(
        text, interaction_lists,
        [&](std::string_view list, std::size_t, std::string_view key) {
            if (!is_message_list(list) && key == "type") interaction_has_a_type = true;
        },
        counts);
    if (!skimmed) return read_refused_text(text, source);
    pact_reading reading(detect_version(*skimmed, interaction_has_a_type), counts);
    auto document = parse_json_streaming(text, interaction_lists, [&](std::string_view list, std::size_t position, nlohmann::json&& element) {
        reading.take(list_index(list), position, std::move(element));
    });
    if (!document) return read_refused_text(text, source);
    auto read = reading.finish(*document);
    if (!read) return std::unexpected(with_source(std::move(read.error()), source));
    return std::move(*read);
}

std::expected<pact_document, read_error> read_pact(const std::string& text, std::string_view source) {
    return read_pact(std::string_view(text), source);
}

std::expected<pact_document, read_error> read_pact(const char* text, std::string_view source) {
    return read_pact(std::string_view(text), source);
}

std::expected<pact_document, read_error> read_pact(nlohmann::json&& document, std::string_view source) {
    std::array<nlohmann::json*, 2> lists{};
    std::array<std::size_t, 2> counts{};
    for (std::size_t list = 0; list < lists.size() && document.is_object(); ++list) {
        const auto listed = document.find(interaction_lists[list]);
        if (listed == document.end() || !listed->is_array()) continue;
        lists[list] = &*listed;
        counts[list] = listed->size();
    }
    pact_reading reading(detect_version(document), counts);
    for (std::size_t list = 0; list < lists.size(); ++list) {
        if (lists[list] == nullptr) continue;
        for (std::size_t position = 0; position < counts[list]; ++position) reading.take(list, position, std::move((*lists[list])[position]));
        *lists[list] = nlohmann::json::array();
    }
    auto read = reading.finish(document);
    if (!read) return std::unexpected(with_source(std::move(read.error()), source));
    return std::move(*read);
}

std::expected<pact_document, read_error> read_pact(const nlohmann::json& document, std::string_view source) {
    return read_pact(nlohmann::json(document), source);
}

std::expected<pact_document, read_error> read_pact_file(const std::filesystem::path& file) {
    const auto content = read_file_content(file);
    if (!content) return std::unexpected(read_error{file.string(), "", "cannot open the file"});
    return read_pact(*content, file.string());
}

std::expected<http_request, read_error> read_request(const nlohmann::json& request, specification_version version) {
    matcher_cache cache;
    auto owned = request;
    return read_request_at(owned, version, document_root, cache);
}

std::expected<http_response, read_error> read_response(const nlohmann::json& response, specification_version version) {
    matcher_cache cache;
    auto owned = response;
    return read_response_at(owned, version, document_root, cache);
}

std::expected<message, read_error> read_message(const nlohmann::json& message, specification_version version) {
    matcher_cache cache;
    auto owned = message;
    return read_message_at(owned, version, document_root, cache);
}

}  // namespace pact
