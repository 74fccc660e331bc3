#include "pact/matching.hpp"
#include "pact/json_text.hpp"

#include "pact/body_matching.hpp"
#include "pact/content_type.hpp"
#include "pact/value_matchers.hpp"
#include "pact/query_string.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace pact {
namespace {

// Headers whose one value holds commas (dates, cookies, user agents), so a comma does not separate values.
bool is_single_value_header(std::string_view name) {
    constexpr std::array<std::string_view, 9> names{"Date", "Expires", "Last-Modified", "If-Modified-Since", "If-Unmodified-Since",
                                                    "Retry-After", "Set-Cookie", "User-Agent", "Accept-Datetime"};
    return std::ranges::any_of(names, [&](std::string_view single) { return equals_ignoring_case(single, name); });
}

// A header's values: each line, split at its commas unless the header's one value may hold commas.
std::vector<std::string> header_values(std::string_view name, const std::vector<std::string>& lines) {
    if (is_single_value_header(name)) return lines;
    std::vector<std::string> values;
    for (const auto& line : lines) {
        std::string_view rest = line;
        while (true) {
            const auto comma = rest.find(',');
            values.emplace_back(trim(rest.substr(0, comma)));
            if (comma == std::string_view::npos) break;
            rest = rest.substr(comma + 1);
        }
    }
    return values;
}

// Rules of a category keyed by name (headers: names compared without case).
const rule_list* named_rules(const matching_rules& rules, std::string_view category, std::string_view name, bool ignore_case) {
    const auto* found_category = rules.category(category);
    if (found_category == nullptr) return nullptr;
    for (const auto& [key, list] : *found_category) {
        if (ignore_case ? equals_ignoring_case(key, name) : key == name) return &list;
    }
    return nullptr;
}

const rule_list* unnamed_rules(const matching_rules& rules, std::string_view category) {
    const auto* found = rules.category(category);
    return found == nullptr || found->empty() ? nullptr : &found->begin()->second;
}

void add_failures(std::vector<mismatch>& mismatches, std::vector<std::string> failures, const std::string& part, const std::string& path,
                  const nlohmann::json& expected, const nlohmann::json& actual, const std::string& subject) {
    for (auto& failure : failures) mismatches.push_back({part, path, expected, actual, subject + ": " + failure});
}

// The rules of a repeated header or query parameter, applied to each of its values against the expected
// value at the same place (the last one past the end), and their min/max to the number of values.
void check_each_value(std::vector<mismatch>& mismatches, const rule_list& rules, const std::vector<std::string>& expected_values,
                      const std::vector<std::string>& actual_values, const std::string& part, const std::string& name, const std::string& subject) {
    for (std::size_t index = 0; index < actual_values.size(); ++index) {
        const auto& example = expected_values.empty() ? actual_values[index] : expected_values[std::min(index, expected_values.size() - 1)];
        add_failures(mismatches, check_rules(rules, example, actual_values[index], value_kind::text), part, name, example, actual_values[index], subject);
    }
    for (const auto& rule : rules.matchers) {
        if (auto failure = check_length(rule, actual_values)) add_failures(mismatches, {std::move(*failure)}, part, name, expected_values, actual_values, subject);
    }
}

bool content_types_equal(std::string_view expected, std::string_view actual) {
    const auto left = parse_media_type(expected);
    const auto right = parse_media_type(actual);
    // The type as written (values are case-sensitive, as the specification's cases say); parameters the
    // pact names must be there with the same value (charset without case); others may be added.
    if (trim(expected.substr(0, expected.find(';'))) != trim(actual.substr(0, actual.find(';')))) return false;
    return std::ranges::all_of(left.parameters, [&](const auto& parameter) {
        const auto found = right.parameters.find(parameter.first);
        return found != right.parameters.end() &&
               (parameter.first == "charset" ? equals_ignoring_case(parameter.second, found->second) : parameter.second == found->second);
    });
}

// Headers whose values are media types: parameters compared by name, charset without case.
bool is_media_type_header(std::string_view name) {
    return equals_ignoring_case(name, "Content-Type") || equals_ignoring_case(name, "Accept");
}

void match_method(std::vector<mismatch>& mismatches, const http_request& expected, const http_request& actual) {
    if (!equals_ignoring_case(expected.method, actual.method)) {
        mismatches.push_back({"method", "", expected.method, actual.method, "expected the method " + expected.method + " but found " + actual.method});
    }
}

void match_path(std::vector<mismatch>& mismatches, const http_request& expected, const http_request& actual) {
    if (const auto* rules = unnamed_rules(expected.rules, "path")) {
        add_failures(mismatches, check_rules(*rules, expected.path, actual.path, value_kind::text), "path", "", expected.path, actual.path, "the path");
    } else if (expected.path != actual.path) {
        mismatches.push_back({"path", "", expected.path, actual.path, "expected the path " + expected.path + " but found " + actual.path});
    }
}

void match_query(std::vector<mismatch>& mismatches, const http_request& expected, const http_request& actual) {
    if (expected.query_is_text) {
        const auto expected_text = percent_decode(expected.raw_query.value_or(""), true);
        const auto actual_text = percent_decode(actual.raw_query.value_or(to_query_string(actual.query)), true);
        if (expected_text != actual_text) {
            mismatches.push_back({"query", "", expected_text, actual_text, "expected the query string \"" + expected_text + "\" but found \"" + actual_text + "\""});
        }
        return;
    }
    for (const auto& [name, expected_values] : expected.query) {
        const auto found = actual.query.find(name);
        if (found == actual.query.end()) {
            mismatches.push_back({"query", name, expected_values, nullptr, "the query parameter " + name + " is missing"});
            continue;
        }
        const auto& actual_values = found->second;
        const auto subject = "the query parameter " + name;
        if (const auto* rules = named_rules(expected.rules, "query", name, false)) {
            check_each_value(mismatches, *rules, expected_values, actual_values, "query", name, subject);
        } else if (expected_values != actual_values) {
            mismatches.push_back({"query", name, expected_values, actual_values,
                                  subject + ": expected " + to_json_text(nlohmann::json(expected_values)) + " but found " + to_json_text(nlohmann::json(actual_values))});
        }
    }
    for (const auto& [name, actual_values] : actual.query) {
        if (!expected.query.contains(name)) {
            mismatches.push_back({"query", name, nullptr, actual_values, "the query parameter " + name + " was not expected (found " + to_json_text(nlohmann::json(actual_values)) + ")"});
        }
    }
}

void match_headers(std::vector<mismatch>& mismatches, const header_map& expected, const header_map& actual, const matching_rules& rules) {
    for (const auto& [name, expected_lines] : expected) {
        const auto* actual_lines = find_header(actual, name);
        const auto* header_rules = named_rules(rules, "header", name, true);
        // The common case, and a hot path of the verifier and the stub: the same lines, equal however compared.
        if (actual_lines != nullptr && header_rules == nullptr && *actual_lines == expected_lines) continue;
        const auto expected_value = header_value(expected, name).value_or("");
        const auto subject = "the header " + name;
        if (actual_lines == nullptr) {
            mismatches.push_back({"header", name, expected_value, nullptr, subject + " is missing (expected \"" + expected_value + "\")"});
            continue;
        }
        const auto expected_values = header_values(name, expected_lines);
        const auto actual_values = header_values(name, *actual_lines);
        if (header_rules != nullptr) {
            check_each_value(mismatches, *header_rules, expected_values, actual_values, "header", name, subject);
            continue;
        }
        const auto actual_value = header_value(actual, name).value_or("");
        const bool equal = is_media_type_header(name) ? std::ranges::equal(expected_values, actual_values, content_types_equal) : expected_values == actual_values;
        if (!equal) {
            mismatches.push_back({"header", name, expected_value, actual_value, subject + ": expected \"" + expected_value + "\" but found \"" + actual_value + "\""});
        }
    }
}

void match_metadata(std::vector<mismatch>& mismatches, const message& expected, const message& actual) {
    if (!expected.metadata.is_object()) return;
    for (const auto& [key, value] : expected.metadata.items()) {
        const auto subject = "the metadata " + key;
        const auto found = actual.metadata.is_object() ? actual.metadata.find(key) : actual.metadata.end();
        if (!actual.metadata.is_object() || found == actual.metadata.end()) {
            mismatches.push_back({"metadata", key, value, nullptr, subject + " is missing (expected " + describe(value) + ")"});
            continue;
        }
        if (const auto* rules = named_rules(expected.rules, "metadata", key, false)) {
            add_failures(mismatches, check_rules(*rules, value, *found, value_kind::text), "metadata", key, value, *found, subject);
        } else if (equals_ignoring_case(key, "contentType") || equals_ignoring_case(key, "content-type")) {
            if (!value.is_string() || !found->is_string() || !content_types_equal(value.get<std::string>(), found->get<std::string>())) {
                mismatches.push_back({"metadata", key, value, *found, subject + ": expected " + describe(value) + " but found " + describe(*found)});
            }
        } else if (value != *found) {
            mismatches.push_back({"metadata", key, value, *found, subject + ": expected " + describe(value) + " but found " + describe(*found)});
        }
    }
}

body_match_context body_context(const matching_rules& rules, bool allow_unexpected_keys, std::string sender,
                                const header_map& expected_headers, const header_map& actual_headers) {
    return {rules.category("body"), allow_unexpected_keys, "body", std::move(sender),
            header_value(expected_headers, "Content-Type").value_or(""), header_value(actual_headers, "Content-Type").value_or("")};
}

}  // namespace

std::vector<mismatch> match_request(const http_request& expected, const http_request& actual) {
    std::vector<mismatch> mismatches;
    match_method(mismatches, expected, actual);
    match_path(mismatches, expected, actual);
    match_query(mismatches, expected, actual);
    match_headers(mismatches, expected.headers, actual.headers, expected.rules);
    const auto context = body_context(expected.rules, false, "consumer", expected.headers, actual.headers);
    auto body_mismatches = match_body(expected.body, actual.body, context);
    mismatches.insert(mismatches.end(), std::make_move_iterator(body_mismatches.begin()), std::make_move_iterator(body_mismatches.end()));
    return mismatches;
}

std::vector<mismatch> match_response(const http_response& expected, const http_response& actual) {
    std::vector<mismatch> mismatches;
    if (const auto* rules = unnamed_rules(expected.rules, "status")) {
        add_failures(mismatches, check_rules(*rules, expected.status, actual.status, value_kind::json), "status", "", expected.status, actual.status, "the status");
    } else if (expected.status != actual.status) {
        mismatches.push_back({"status", "", expected.status, actual.status,
                              "expected the status " + std::to_string(expected.status) + " but found " + std::to_string(actual.status)});
    }
    match_headers(mismatches, expected.headers, actual.headers, expected.rules);
    const auto context = body_context(expected.rules, true, "provider", expected.headers, actual.headers);
    auto body_mismatches = match_body(expected.body, actual.body, context);
    mismatches.insert(mismatches.end(), std::make_move_iterator(body_mismatches.begin()), std::make_move_iterator(body_mismatches.end()));
    return mismatches;
}

std::vector<mismatch> match_message(const message& expected, const message& actual) {
    const body_match_context context{expected.rules.category("body"), true, "body", "provider"};
    auto mismatches = match_body(expected.contents, actual.contents, context);
    match_metadata(mismatches, expected, actual);
    return mismatches;
}

std::string describe(const mismatch& difference) {
    // Messages usually name their path already ("$.total_amount is missing; ..."): no need to say it twice.
    if (!difference.path.empty() && difference.message.find(difference.path) != std::string::npos) return difference.part + ": " + difference.message;
    std::string where = difference.part;
    if (!difference.path.empty()) where += " " + difference.path;
    return where + ": " + difference.message;
}

}  // namespace pact
