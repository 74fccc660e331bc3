#include "pact/body_matching.hpp"

#include "pact/content_type.hpp"
#include "pact/json_text.hpp"
#include "pact/value_matchers.hpp"
#include "pact/query_string.hpp"

namespace pact {
namespace {

// The body's own media type, else the one its headers name, else a guess from the content.
std::string content_type_of(const body& content, const std::string& from_headers) {
    if (!content.content_type.empty()) return content.content_type;
    return from_headers.empty() ? infer_content_type(content.content) : from_headers;
}

// The body's JSON: the parsed value it carries, or parsed now into `storage`; nullptr when not JSON.
const nlohmann::json* json_of(const body& content, nlohmann::json& storage) {
    if (content.parsed) return &*content.parsed;
    auto parsed = parse_json_if_valid(content.content);
    if (!parsed) return nullptr;
    storage = std::move(*parsed);
    return &storage;
}

mismatch body_mismatch(const body_match_context& context, const body& expected, const body& actual, std::string message) {
    return {context.part, "$", expected.content, actual.content, std::move(message)};
}

// A whole-body rule (at "$") such as contentType or regex applies to the body as bytes.
std::optional<std::vector<mismatch>> match_whole_body_rules(const body& expected, const body& actual, const body_match_context& context) {
    const auto* rules = exact_rules(context.rules, {});
    if (rules == nullptr) return std::nullopt;
    std::vector<mismatch> mismatches;
    bool any_content_type = false;
    for (const auto& rule : rules->matchers) {
        if (compiled(rule)->type != matcher_type::content_type) continue;
        any_content_type = true;
        const auto wanted = compiled(rule)->value.is_string() ? compiled(rule)->value.get<std::string>() : std::string();
        const auto sniffed = sniff_media_type(actual.content);
        const auto found = sniffed.empty() ? parse_media_type(content_type_of(actual, context.actual_header_content_type)).essence() : sniffed;
        if (parse_media_type(wanted).essence() != found) {
            mismatches.push_back(body_mismatch(context, expected, actual, "expected a body of type " + wanted + " but found " + found));
        }
    }
    if (!any_content_type) return std::nullopt;
    return mismatches;
}

std::vector<mismatch> match_text(const body& expected, const body& actual, const body_match_context& context) {
    if (const auto* rules = exact_rules(context.rules, {})) {
        std::vector<mismatch> mismatches;
        for (auto& failure : check_rules(*rules, expected.content, actual.content, value_kind::text)) {
            mismatches.push_back(body_mismatch(context, expected, actual, "the body " + failure));
        }
        return mismatches;
    }
    if (expected.content == actual.content) return {};
    return {body_mismatch(context, expected, actual, "expected the body " + describe(expected.content) + " but found " + describe(actual.content))};
}

nlohmann::json form_as_json(std::string_view content) {
    nlohmann::json result = nlohmann::json::object();
    for (const auto& [name, values] : parse_query_string(content)) result[name] = values;
    return result;
}

}  // namespace

std::vector<mismatch> match_body(const body& expected, const body& actual, const body_match_context& context) {
    if (expected.is_missing()) return {};
    if (expected.state == body::presence::empty) {
        if (actual.state != body::presence::present) return {};
        return {body_mismatch(context, expected, actual, "expected an empty body but found " + describe(actual.content))};
    }
    if (actual.state != body::presence::present) {
        if (expected.is_null()) return {};  // "body": null asks for no body: none, or an empty one, is that
        return {body_mismatch(context, expected, actual, "expected a body (" + describe(expected.parsed.value_or(expected.content)) + ") but it is missing")};
    }
    if (auto content_type_result = match_whole_body_rules(expected, actual, context)) return *content_type_result;

    const auto expected_type = content_type_of(expected, context.expected_header_content_type);
    const auto expected_format = format_of(expected_type);
    const auto actual_own_type = actual.content_type.empty() ? context.actual_header_content_type : actual.content_type;
    const auto actual_type = actual_own_type.empty() ? expected_type : actual_own_type;
    const auto actual_format = format_of(actual_type);
    if (expected_format != actual_format && !(expected.parsed && actual.parsed) && expected_format != body_format::binary && actual_format != body_format::binary) {
        return {body_mismatch(context, expected, actual, "expected a body of type " + parse_media_type(expected_type).essence() + " but found " + parse_media_type(actual_type).essence())};
    }
    switch (expected_format) {
    case body_format::json: {
        nlohmann::json expected_storage;
        nlohmann::json actual_storage;
        const auto* expected_json = json_of(expected, expected_storage);
        const auto* actual_json = json_of(actual, actual_storage);
        if (!expected_json) return match_text(expected, actual, context);
        if (!actual_json) return {body_mismatch(context, expected, actual, "expected a JSON body but the body is not valid JSON: " + describe(actual.content))};
        return match_json(*expected_json, *actual_json, context);
    }
    case body_format::xml: return match_xml(expected.content, actual.content, context);
    case body_format::form: return match_json(form_as_json(expected.content), form_as_json(actual.content), context);
    default:
        if (expected.parsed && actual.parsed) return match_json(*expected.parsed, *actual.parsed, context);
        return match_text(expected, actual, context);
    }
}

}  // namespace pact
