#include "pact/pact_reader.hpp"

#include "pact/base64.hpp"
#include "pact/content_type.hpp"
#include "pact/file_content.hpp"
#include "pact/json_text.hpp"
#include "pact/matchers.hpp"
#include "pact/query_string.hpp"
#include "schemas/validator.hpp"

#include <future>
#include <iterator>
#include <set>

namespace pact {
namespace {

// Where in the document a reader is; builds the JSON path of errors.
struct location {
    std::string path;

    [[nodiscard]] location key(std::string_view name) const { return {path + "." + std::string(name)}; }
    [[nodiscard]] location index(std::size_t position) const { return {path + "[" + std::to_string(position) + "]"}; }
};

template <typename value>
using read_result = std::expected<value, read_error>;

std::unexpected<read_error> fail(const location& where, std::string message) {
    return std::unexpected(read_error{"", where.path, std::move(message)});
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

// Without metadata: a v4 interaction says its type; anything else is read as v3, as the official tools do.
specification_version detect_version(const nlohmann::json& document) {
    if (auto declared = declared_version(document.value("metadata", nlohmann::json::object()))) return *declared;
    if (document.contains("interactions") && document.at("interactions").is_array()) {
        for (const auto& interaction : document.at("interactions")) {
            if (interaction.is_object() && interaction.contains("type")) return specification_version::v4;
        }
    }
    return specification_version::v3;
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

// Fills a body from the value a pact holds for it, before v4 or unwrapped from a v4 body object.
body body_from_value(const nlohmann::json& value, std::string content_type) {
    body result;
    result.content_type = std::move(content_type);
    if (value.is_string()) {
        result.content = value.get<std::string>();
        result.state = result.content.empty() ? body::presence::empty : body::presence::present;
        if (format_of(result.content_type) == body_format::json) {
            // A JSON body written as a string is either JSON text or a JSON string value.
            if (auto parsed = parse_json_if_valid(result.content)) {
                result.parsed = std::move(*parsed);
            } else {
                result.parsed = value;
                result.content = to_json_text(value);
            }
        }
        return result;
    }
    result.state = body::presence::present;
    result.parsed = value;
    result.content = to_json_text(value);
    if (result.content_type.empty()) result.content_type = "application/json";
    return result;
}

// A v4 body is wrapped ({"contentType", "encoded", "content"}); some v4 writers leave the wrapper out.
bool is_v4_body(const nlohmann::json& value, specification_version version) {
    if (!value.is_object() || !value.contains("content")) return false;
    return version == specification_version::v4 || value.contains("contentType") || value.contains("encoded");
}

read_result<body> read_v4_body(const nlohmann::json& value, std::string fallback_content_type, const location& where) {
    auto content_type = value.contains("contentType") ? read_string(value.at("contentType"), where.key("contentType")) : std::move(fallback_content_type);
    if (!content_type) return std::unexpected(content_type.error());
    const auto& content = value.at("content");
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

read_result<body> read_body(const nlohmann::json& holder, std::string_view key, std::string content_type, specification_version version, const location& where) {
    if (!holder.contains(key)) return body{};
    const auto& value = holder.at(key);
    if (is_v4_body(value, version)) return read_v4_body(value, std::move(content_type), where.key(key));
    return body_from_value(value, std::move(content_type));
}

// The v2 form: keys are JSONPath from the part's root ("$.body.a", "$.headers.Accept", "$.query.q", "$.path").
read_result<matching_rules> read_v2_rules(const nlohmann::json& value, const location& where, matcher_cache& cache) {
    matching_rules rules;
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
        rules.categories[category][rule_key] = std::move(*list);
    }
    return rules;
}

read_result<matching_rules> read_rules(const nlohmann::json& holder, const location& parent, matcher_cache& cache) {
    matching_rules rules;
    if (!holder.contains("matchingRules")) return rules;
    const auto& value = holder.at("matchingRules");
    const auto where = parent.key("matchingRules");
    if (value.is_null()) return rules;
    if (!value.is_object()) return fail(where, "expected an object, found " + found(value));
    const bool v2_form = std::ranges::any_of(value.items(), [](const auto& item) { return item.key().starts_with("$"); });
    if (v2_form) return read_v2_rules(value, where, cache);
    for (const auto& [name, category] : value.items()) {
        auto read = make_rule_category(category, &cache);
        if (!read) return fail(where.key(name), read.error());
        // Message contents are the "body" of a message; v4 message pacts call the category "content".
        const auto category_name = name == "content" || name == "contents" ? std::string("body") : name;
        const bool keyed_by_path = category_name != "path" && category_name != "status";
        auto& destination = rules.categories[category_name];
        if (keyed_by_path && destination.empty()) {
            destination = std::move(*read);  // the usual case: one spelling of the category, taken whole
            continue;
        }
        for (auto& [path, list] : *read) destination[keyed_by_path ? path : std::string()] = std::move(list);
    }
    return rules;
}

read_result<nlohmann::json> read_generators(const nlohmann::json& holder, const location& parent) {
    if (!holder.contains("generators") || holder.at("generators").is_null()) return nlohmann::json::object();
    const auto& value = holder.at("generators");
    if (!value.is_object()) return fail(parent.key("generators"), "expected an object, found " + found(value));
    return value;
}

read_result<http_request> read_request_at(const nlohmann::json& value, specification_version version, const location& where, matcher_cache& cache) {
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

read_result<http_response> read_response_at(const nlohmann::json& value, specification_version version, const location& where, matcher_cache& cache) {
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

read_result<message> read_message_at(const nlohmann::json& value, specification_version version, const location& where, matcher_cache& cache) {
    if (!value.is_object()) return fail(where, "expected an object, found " + found(value));
    message result;
    for (const char* key : {"metadata", "metaData"}) {
        if (value.contains(key) && !value.at(key).is_null()) {
            if (!value.at(key).is_object()) return fail(where.key(key), "expected an object, found " + found(value.at(key)));
            result.metadata = value.at(key);
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

read_result<std::vector<provider_state>> read_provider_states(const nlohmann::json& value, const location& where) {
    std::vector<provider_state> states;
    for (const char* key : {"providerState", "provider_state"}) {
        if (value.contains(key) && !value.at(key).is_null()) {
            auto name = read_string(value.at(key), where.key(key));
            if (!name) return std::unexpected(name.error());
            if (!name->empty()) states.push_back({std::move(*name)});
        }
    }
    if (!value.contains("providerStates") || value.at("providerStates").is_null()) return states;
    const auto& list = value.at("providerStates");
    const auto list_where = where.key("providerStates");
    if (!list.is_array()) return fail(list_where, "expected a list of provider states, found " + found(list));
    for (std::size_t position = 0; position < list.size(); ++position) {
        const auto& entry = list[position];
        const auto entry_where = list_where.index(position);
        if (!entry.is_object()) return fail(entry_where, "expected a provider state object, found " + found(entry));
        if (!entry.contains("name")) return fail(entry_where, "a provider state needs a name");
        auto name = read_string(entry.at("name"), entry_where.key("name"));
        if (!name) return std::unexpected(name.error());
        provider_state state{std::move(*name)};
        if (entry.contains("params") && !entry.at("params").is_null()) {
            if (!entry.at("params").is_object()) return fail(entry_where.key("params"), "expected an object, found " + found(entry.at("params")));
            state.params = entry.at("params");
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

read_result<interaction> read_interaction(const nlohmann::json& value, specification_version version, const location& where, bool in_messages, matcher_cache& cache) {
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
    if (value.contains("comments") && value.at("comments").is_object()) result.comments = value.at("comments");
    for (const auto& [name, field] : value.items()) {
        if (!interpreted_fields.contains(name)) result.extra[name] = field;
    }

    switch (result.kind) {
    case interaction_kind::synchronous_http: {
        auto request = read_request_at(value.value("request", nlohmann::json::object()), version, where.key("request"), cache);
        if (!request) return std::unexpected(request.error());
        result.request = std::move(*request);
        auto response = read_response_at(value.value("response", nlohmann::json::object()), version, where.key("response"), cache);
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
        auto request = read_message_at(value.value("request", nlohmann::json::object()), version, where.key("request"), cache);
        if (!request) return std::unexpected(request.error());
        result.message = std::move(*request);
        const auto responses = value.value("response", nlohmann::json::array());
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
    const location where{std::string("$.") + key};
    if (!document.contains(key)) return fail({"$"}, std::string("the pact has no ") + key);
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

// Below this many interactions, threads cost more than they save.
constexpr std::size_t interactions_read_in_parallel = 256;

[[nodiscard]] std::size_t interaction_count(const nlohmann::json& document) {
    std::size_t count = 0;
    for (const char* key : {"interactions", "messages"}) {
        if (const auto list = document.find(key); list != document.end() && list->is_array()) count += list->size();
    }
    return count;
}

[[nodiscard]] bool document_is_large(const nlohmann::json& document) {
    return interaction_count(document) >= interactions_read_in_parallel;
}

// Reads list[first, last) into `into` (same positions); the first error stops the slice.
std::optional<read_error> read_interaction_slice(const nlohmann::json& list, specification_version version,
                                                 const location& where, bool in_messages, std::size_t first,
                                                 std::size_t last, std::vector<interaction>& into) {
    matcher_cache cache;  // one per thread
    for (std::size_t position = first; position < last; ++position) {
        auto read = read_interaction(list[position], version, where.index(position), in_messages, cache);
        if (!read) return std::move(read.error());
        into[position] = std::move(*read);
    }
    return std::nullopt;
}

// The interactions (and v3 messages) in document order. A long list is read in halves on two threads;
// the error reported is still the first one in document order.
read_result<std::vector<interaction>> read_interactions(const nlohmann::json& document, specification_version version) {
    std::vector<interaction> interactions;
    for (const char* key : {"interactions", "messages"}) {
        const auto listed = document.find(key);
        if (listed == document.end() || listed->is_null()) continue;
        const auto& list = *listed;
        const location where{std::string("$.") + key};
        if (!list.is_array()) return fail(where, "expected a list, found " + found(list));
        const bool in_messages = std::string_view(key) == "messages";
        std::vector<interaction> read(list.size());
        const std::size_t half = list.size() >= interactions_read_in_parallel ? list.size() / 2 : list.size();
        auto second = std::async(half < list.size() ? std::launch::async : std::launch::deferred, [&] {
            return read_interaction_slice(list, version, where, in_messages, half, list.size(), read);
        });
        auto first_error = read_interaction_slice(list, version, where, in_messages, 0, half, read);
        auto second_error = second.get();
        if (first_error) return std::unexpected(std::move(*first_error));
        if (second_error) return std::unexpected(std::move(*second_error));
        if (interactions.empty()) {
            interactions = std::move(read);
        } else {
            std::move(read.begin(), read.end(), std::back_inserter(interactions));
        }
    }
    return interactions;
}

read_error with_source(read_error error, std::string_view source) {
    error.source = std::string(source);
    return error;
}

}  // namespace

std::string read_error::to_string() const {
    std::string text = source.empty() ? std::string("pact") : source;
    if (!json_path.empty()) text += ": " + json_path;
    return text + ": " + message;
}

std::expected<pact_document, read_error> read_pact(std::string_view text, std::string_view source) {
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
    nlohmann::json document;
    try {
        document = parse_json(text);
    } catch (const nlohmann::json::exception& error) {  // parse_error, or out_of_range for a number like 1e999
        return std::unexpected(read_error{std::string(source), "", std::string("not valid JSON: ") + error.what()});
    }
    return read_pact(document, source);
}

std::expected<pact_document, read_error> read_pact(const std::string& text, std::string_view source) {
    return read_pact(std::string_view(text), source);
}

std::expected<pact_document, read_error> read_pact(const char* text, std::string_view source) {
    return read_pact(std::string_view(text), source);
}

std::expected<pact_document, read_error> read_pact(const nlohmann::json& document, std::string_view source) {
    if (!document.is_object()) return std::unexpected(read_error{std::string(source), "$", "a pact must be a JSON object, found " + found(document)});
    pact_document result;
    result.version = detect_version(document);
    // Validation and reading the interactions are independent: large pacts do them on every core at once,
    // and a schema violation, when there is one, is still the error reported.
    auto validation = std::async(document_is_large(document) ? std::launch::async : std::launch::deferred,
                                 [&] { return schemas::validate(schema_for(result.version), document); });
    auto interactions = read_interactions(document, result.version);
    if (const auto violations = validation.get(); !violations.empty()) {
        auto message = violations.front().message;
        if (violations.size() > 1) message += " (and " + std::to_string(violations.size() - 1) + " more problem(s))";
        return std::unexpected(read_error{std::string(source), violations.front().path, std::move(message)});
    }
    if (!interactions) return std::unexpected(with_source(interactions.error(), source));
    auto consumer = read_party(document, "consumer");
    if (!consumer) return std::unexpected(with_source(consumer.error(), source));
    result.consumer = std::move(*consumer);
    auto provider = read_party(document, "provider");
    if (!provider) return std::unexpected(with_source(provider.error(), source));
    result.provider = std::move(*provider);
    if (document.contains("metadata") && document.at("metadata").is_object()) {
        result.metadata = document.at("metadata");
        for (const char* key : {"pactSpecification", "pact-specification", "pact_specification", "pactSpecificationVersion"}) result.metadata.erase(key);
    }
    result.interactions = std::move(*interactions);
    return result;
}

std::expected<pact_document, read_error> read_pact_file(const std::filesystem::path& file) {
    const auto content = read_file_content(file);
    if (!content) return std::unexpected(read_error{file.string(), "", "cannot open the file"});
    return read_pact(*content, file.string());
}

std::expected<http_request, read_error> read_request(const nlohmann::json& request, specification_version version) {
    matcher_cache cache;
    return read_request_at(request, version, {"$"}, cache);
}

std::expected<http_response, read_error> read_response(const nlohmann::json& response, specification_version version) {
    matcher_cache cache;
    return read_response_at(response, version, {"$"}, cache);
}

std::expected<message, read_error> read_message(const nlohmann::json& message, specification_version version) {
    matcher_cache cache;
    return read_message_at(message, version, {"$"}, cache);
}

}  // namespace pact
