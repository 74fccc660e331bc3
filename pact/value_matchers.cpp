#include "pact/value_matchers.hpp"
#include "pact/json_text.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <unordered_map>

namespace pact {
namespace {

const std::unordered_map<std::string_view, matcher_type>& matcher_names() {
    static const std::unordered_map<std::string_view, matcher_type> names = {
        {"equality", matcher_type::equality},   {"type", matcher_type::type},
        {"min", matcher_type::type},            {"max", matcher_type::type},
        {"minmax", matcher_type::type},         {"regex", matcher_type::regex},
        {"integer", matcher_type::integer},     {"decimal", matcher_type::decimal},
        {"real", matcher_type::decimal},        {"number", matcher_type::number},
        {"boolean", matcher_type::boolean},     {"null", matcher_type::null},
        {"include", matcher_type::include},     {"date", matcher_type::date},
        {"time", matcher_type::time},           {"datetime", matcher_type::datetime},
        {"timestamp", matcher_type::datetime},  {"values", matcher_type::values},
        {"eachKey", matcher_type::each_key},    {"eachValue", matcher_type::each_value},
        {"arrayContains", matcher_type::array_contains}, {"contentType", matcher_type::content_type},
        {"notEmpty", matcher_type::not_empty},  {"semver", matcher_type::semver},
        {"statusCode", matcher_type::status_code},
    };
    return names;
}

constexpr std::string_view semver_pattern =
    R"(^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$)";

std::expected<std::optional<std::size_t>, std::string> read_length(const nlohmann::json& definition, const char* key) {
    if (!definition.contains(key)) return std::optional<std::size_t>{};
    const auto& value = definition.at(key);
    if (!value.is_number_integer() || value.get<long long>() < 0) return std::unexpected(std::string("'") + key + "' must be a non-negative integer");
    return std::optional<std::size_t>{value.get<std::size_t>()};
}

std::expected<boost::regex, std::string> compile_regex(const std::string& pattern) {
    try {
        return boost::regex(pattern, boost::regex::perl);
    } catch (const boost::regex_error& error) {
        return std::unexpected("invalid regular expression \"" + pattern + "\": " + error.what());
    }
}

const char* default_date_pattern(matcher_type type) {
    switch (type) {
    case matcher_type::date: return "yyyy-MM-dd";
    case matcher_type::time: return "HH:mm[:ss][.SSS][XXX]";
    default: return "yyyy-MM-dd['T'][' ']HH:mm[:ss][.SSSSSS][.SSS][XXX]";
    }
}

std::string matcher_name_of(const nlohmann::json& definition) {
    if (definition.contains("match") && definition.at("match").is_string()) return definition.at("match").get<std::string>();
    // v2 matchers may leave "match" out: {"min": 1} is a type matcher, {"regex": "..."} a regex matcher.
    if (definition.contains("regex")) return "regex";
    if (definition.contains("min") || definition.contains("max")) return "type";
    return "";
}

// The date/time pattern a definition names, or the type's default.
std::string date_pattern_of(matcher_type type, const nlohmann::json& definition) {
    for (const char* key : {"format", "date", "time", "timestamp", "datetime"}) {
        if (definition.contains(key) && definition.at(key).is_string()) return definition.at(key).get<std::string>();
    }
    return default_date_pattern(type);
}

// What the compiled form of a matcher depends on, for the matchers worth sharing (their compiled form is
// costly: a regular expression, a date format); nullopt for the others.
std::optional<std::string> cache_key(matcher_type type, const nlohmann::json& definition) {
    switch (type) {
    case matcher_type::regex: {
        const auto pattern = definition.find("regex");
        if (pattern == definition.end() || !pattern->is_string()) return std::nullopt;
        return "regex " + pattern->get<std::string>();
    }
    case matcher_type::semver: return "semver";
    case matcher_type::date: return "date " + date_pattern_of(type, definition);
    case matcher_type::time: return "time " + date_pattern_of(type, definition);
    case matcher_type::datetime: return "datetime " + date_pattern_of(type, definition);
    default: return std::nullopt;
    }
}

std::expected<void, std::string> compile_details(compiled_matcher& result, const nlohmann::json& definition) {
    switch (result.type) {
    case matcher_type::type: {
        auto minimum = read_length(definition, "min");
        if (!minimum) return std::unexpected(minimum.error());
        auto maximum = read_length(definition, "max");
        if (!maximum) return std::unexpected(maximum.error());
        result.minimum = *minimum;
        result.maximum = *maximum;
        break;
    }
    case matcher_type::regex: {
        if (!definition.contains("regex") || !definition.at("regex").is_string()) return std::unexpected("a regex matcher needs a string 'regex'");
        auto regex = compile_regex(definition.at("regex").get<std::string>());
        if (!regex) return std::unexpected(regex.error());
        result.regex = std::move(*regex);
        break;
    }
    case matcher_type::semver: result.regex = boost::regex(std::string(semver_pattern)); break;
    case matcher_type::date:
    case matcher_type::time:
    case matcher_type::datetime: {
        auto format = date_format::compile(date_pattern_of(result.type, definition));
        if (!format) return std::unexpected(format.error());
        result.format = std::move(*format);
        break;
    }
    case matcher_type::include:
    case matcher_type::content_type:
        if (!definition.contains("value")) return std::unexpected("a '" + definition.value("match", std::string()) + "' matcher needs a 'value'");
        result.value = definition.at("value");
        break;
    case matcher_type::status_code:
        if (!definition.contains("status")) return std::unexpected("a statusCode matcher needs a 'status'");
        result.value = definition.at("status");
        break;
    case matcher_type::each_key:
    case matcher_type::each_value: {
        if (!definition.contains("rules") || !definition.at("rules").is_array()) return std::unexpected("an eachKey/eachValue matcher needs a 'rules' list");
        for (const auto& nested : definition.at("rules")) {
            auto rule = make_matcher(nested);
            if (!rule) return std::unexpected(rule.error());
            result.nested.matchers.push_back(std::move(*rule));
        }
        break;
    }
    case matcher_type::array_contains: {
        if (!definition.contains("variants") || !definition.at("variants").is_array()) return std::unexpected("an arrayContains matcher needs a 'variants' list");
        for (const auto& variant : definition.at("variants")) {
            array_variant compiled_variant;
            compiled_variant.index = variant.value("index", std::size_t{0});
            if (variant.contains("rules")) {
                auto rules = make_rule_category(variant.at("rules"));
                if (!rules) return std::unexpected(rules.error());
                compiled_variant.rules = std::move(*rules);
            }
            result.variants.push_back(std::move(compiled_variant));
        }
        break;
    }
    default: break;
    }
    return {};
}

bool is_integer_text(std::string_view text) {
    if (!text.empty() && text[0] == '-') text.remove_prefix(1);
    return !text.empty() && std::ranges::all_of(text, [](char c) { return c >= '0' && c <= '9'; });
}

bool is_decimal_text(std::string_view text) {
    const auto dot = text.find('.');
    return dot != std::string_view::npos && is_integer_text(text.substr(0, dot)) && dot + 1 < text.size() &&
           std::ranges::all_of(text.substr(dot + 1), [](char c) { return c >= '0' && c <= '9'; });
}

bool is_number_text(std::string_view text) {
    double value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    return error == std::errc{} && end == text.data() + text.size() && !text.empty();
}

// The text a value is compared as by text matchers (regex, include, dates): strings as they are,
// numbers and booleans as JSON writes them; containers and null have none.
std::optional<std::string> text_of(const nlohmann::json& value) {
    if (value.is_string()) return value.get<std::string>();
    if (value.is_number() || value.is_boolean()) return to_json_text(value);
    return std::nullopt;
}

bool same_type(const nlohmann::json& expected, const nlohmann::json& actual) {
    if (expected.is_number() && actual.is_number()) return true;
    return expected.type() == actual.type();
}

}  // namespace

std::optional<std::string> check_length(const matcher& rule, const nlohmann::json& actual) {
    const auto compiled_pointer = compiled(rule);
    const auto& compiled_rule = *compiled_pointer;
    if (!actual.is_array()) return std::nullopt;
    if (compiled_rule.minimum && actual.size() < *compiled_rule.minimum) {
        return "expected a list with at least " + std::to_string(*compiled_rule.minimum) + " element(s), found " + std::to_string(actual.size());
    }
    if (compiled_rule.maximum && actual.size() > *compiled_rule.maximum) {
        return "expected a list with at most " + std::to_string(*compiled_rule.maximum) + " element(s), found " + std::to_string(actual.size());
    }
    return std::nullopt;
}

namespace {

bool status_in_class(int status, const nlohmann::json& wanted) {
    if (wanted.is_array()) return std::ranges::any_of(wanted, [&](const auto& one) { return one.is_number_integer() && one.template get<int>() == status; });
    const auto name = wanted.is_string() ? wanted.get<std::string>() : std::string();
    if (name == "information") return status >= 100 && status < 200;
    if (name == "success") return status >= 200 && status < 300;
    if (name == "redirect") return status >= 300 && status < 400;
    if (name == "clientError") return status >= 400 && status < 500;
    if (name == "serverError") return status >= 500 && status < 600;
    if (name == "nonError") return status < 400;
    if (name == "error") return status >= 400;
    return false;
}

std::string quoted(const nlohmann::json& value) { return value.is_string() ? "\"" + value.get<std::string>() + "\"" : to_json_text(value); }

}  // namespace

std::string json_type_name(const nlohmann::json& value) {
    switch (value.type()) {
    case nlohmann::json::value_t::object: return "Map";
    case nlohmann::json::value_t::array: return "List";
    case nlohmann::json::value_t::string: return "String";
    case nlohmann::json::value_t::boolean: return "Boolean";
    case nlohmann::json::value_t::null: return "Null";
    default: return "Number";
    }
}

std::string describe(const nlohmann::json& value) {
    auto text = to_json_text(value);
    if (text.size() > 120) text = text.substr(0, 117) + "...";
    return text;
}

std::shared_ptr<const compiled_matcher> matcher_cache::find(const std::string& key) const {
    const auto found = entries_.find(key);
    return found == entries_.end() ? nullptr : found->second;
}

void matcher_cache::add(std::string key, std::shared_ptr<const compiled_matcher> compiled) {
    entries_.emplace(std::move(key), std::move(compiled));
}

std::optional<matching_rules> matcher_cache::find_rules(const std::string& text) const {
    const auto found = rule_sets_.find(text);
    if (found == rule_sets_.end()) return std::nullopt;
    return found->second;
}

void matcher_cache::add_rules(std::string text, matching_rules rules) { rule_sets_.emplace(std::move(text), std::move(rules)); }

std::expected<matcher, std::string> make_matcher(const nlohmann::json& definition, matcher_cache* cache) {
    if (!definition.is_object()) return std::unexpected("a matcher must be an object, found " + to_json_text(definition));
    const auto name = matcher_name_of(definition);
    const auto found = matcher_names().find(name);
    if (found == matcher_names().end()) {
        return std::unexpected(name.empty() ? std::string("a matcher needs a 'match' name") : "unknown matcher '" + name + "'");
    }
    const auto key = cache != nullptr ? cache_key(found->second, definition) : std::nullopt;
    if (key) {
        if (auto shared = cache->find(*key)) return matcher{name, definition, std::move(shared)};
    }
    auto result = std::make_shared<compiled_matcher>();
    result->type = found->second;
    if (auto compiled_ok = compile_details(*result, definition); !compiled_ok) return std::unexpected(compiled_ok.error());
    if (key) cache->add(*key, result);
    return matcher{name, definition, std::move(result)};
}

std::expected<rule_list, std::string> make_rule_list(const nlohmann::json& definition, std::string_view path, matcher_cache* cache) {
    rule_list rules;
    auto parsed_path = parse_json_path(path);
    if (!parsed_path) return std::unexpected(parsed_path.error());
    rules.path = std::move(*parsed_path);
    if (!definition.is_object()) return std::unexpected("matching rules must be an object");
    if (definition.contains("matchers")) {
        if (!definition.at("matchers").is_array()) return std::unexpected("'matchers' must be a list");
        for (const auto& one : definition.at("matchers")) {
            auto rule = make_matcher(one, cache);
            if (!rule) return std::unexpected(rule.error());
            rules.matchers.push_back(std::move(*rule));
        }
        const auto combine = definition.value("combine", std::string("AND"));
        if (combine != "AND" && combine != "OR") return std::unexpected("'combine' must be AND or OR, found " + combine);
        rules.logic = combine == "OR" ? rule_logic::any_of : rule_logic::all_of;
        return rules;
    }
    auto rule = make_matcher(definition, cache);
    if (!rule) return std::unexpected(rule.error());
    rules.matchers.push_back(std::move(*rule));
    return rules;
}

std::expected<std::map<std::string, rule_list>, std::string> make_rule_category(const nlohmann::json& category, matcher_cache* cache) {
    std::map<std::string, rule_list> result;
    if (!category.is_object()) return std::unexpected("a matching rule category must be an object");
    // v3 path and status rules are a bare rule list, not keyed by a path.
    if (category.contains("matchers") && category.at("matchers").is_array()) {
        auto rules = make_rule_list(category, "$", cache);
        if (!rules) return std::unexpected(rules.error());
        result.emplace("", std::move(*rules));
        return result;
    }
    for (const auto& [path, definition] : category.items()) {
        auto rules = make_rule_list(definition, path.empty() ? "$" : path, cache);
        if (!rules) return std::unexpected(path + ": " + rules.error());
        result.emplace(path, std::move(*rules));
    }
    return result;
}

std::shared_ptr<const compiled_matcher> compiled(const matcher& rule) {
    if (rule.compiled) return rule.compiled;
    auto definition = rule.definition.is_object() ? rule.definition : nlohmann::json::object();
    if (!definition.contains("match")) definition["match"] = rule.name;
    auto made = make_matcher(definition);
    return made ? made->compiled : std::make_shared<const compiled_matcher>();
}

std::optional<std::string> check_value(const matcher& rule, const nlohmann::json& expected, const nlohmann::json& actual, value_kind kind) {
    std::shared_ptr<const compiled_matcher> compiled_by_hand;
    const auto& compiled_rule = rule.compiled ? *rule.compiled : *(compiled_by_hand = compiled(rule));
    // The text form is only built for the matchers that need it (numbers would otherwise be printed).
    const bool as_text = kind == value_kind::text && actual.is_string();
    const std::string* actual_string = actual.is_string() ? &actual.get_ref<const std::string&>() : nullptr;
    const auto text_form = [&]() -> std::optional<std::string> { return actual_string != nullptr ? std::optional(*actual_string) : text_of(actual); };
    switch (compiled_rule.type) {
    case matcher_type::equality:
        if (expected == actual) return std::nullopt;
        return "expected " + quoted(expected) + " but found " + quoted(actual);
    case matcher_type::type:
        if (!same_type(expected, actual) && !(kind == value_kind::text && expected.is_primitive() && actual.is_primitive())) {
            return "expected a " + json_type_name(expected) + " (like " + quoted(expected) + ") but found a " + json_type_name(actual) + " " + quoted(actual);
        }
        return std::nullopt;
    case matcher_type::regex:
    case matcher_type::semver: {
        if (actual_string != nullptr && boost::regex_match(*actual_string, *compiled_rule.regex)) return std::nullopt;
        const auto text = actual_string == nullptr ? text_form() : std::nullopt;
        if (text && boost::regex_match(*text, *compiled_rule.regex)) return std::nullopt;
        return quoted(actual) + (compiled_rule.type == matcher_type::semver ? " is not a semantic version" : " does not match the regular expression " + rule.definition.value("regex", std::string()));
    }
    case matcher_type::integer:
        if (actual.is_number_integer() || (as_text && is_integer_text(*actual_string))) return std::nullopt;
        return "expected an integer but found " + quoted(actual);
    case matcher_type::decimal:
        if (actual.is_number_float() || (as_text && is_decimal_text(*actual_string))) return std::nullopt;
        return "expected a decimal number but found " + quoted(actual);
    case matcher_type::number:
        if (actual.is_number() || (as_text && is_number_text(*actual_string))) return std::nullopt;
        return "expected a number but found " + quoted(actual);
    case matcher_type::boolean:
        if (actual.is_boolean() || (actual_string != nullptr && (*actual_string == "true" || *actual_string == "false"))) return std::nullopt;
        return "expected a boolean but found " + quoted(actual);
    case matcher_type::null:
        if (actual.is_null()) return std::nullopt;
        return "expected null but found " + quoted(actual);
    case matcher_type::include: {
        const auto wanted = text_of(compiled_rule.value).value_or("");
        if (const auto text = text_form(); text && text->find(wanted) != std::string::npos) return std::nullopt;
        return "expected " + quoted(actual) + " to include \"" + wanted + "\"";
    }
    case matcher_type::date:
    case matcher_type::time:
    case matcher_type::datetime:
        if (actual_string != nullptr && compiled_rule.format->matches(*actual_string)) return std::nullopt;
        return quoted(actual) + " does not match the date/time format \"" + compiled_rule.format->pattern() + "\"";
    case matcher_type::not_empty:
        if (!actual.is_null() && !(actual.is_string() && actual.get<std::string>().empty()) && !(actual.is_structured() && actual.empty())) return std::nullopt;
        return "expected a non-empty value but found " + quoted(actual);
    case matcher_type::status_code: {
        const int status = actual.is_number_integer() ? actual.get<int>() : (actual_string != nullptr && is_integer_text(*actual_string) && actual_string->size() < 10 ? std::stoi(*actual_string) : 0);
        if (status_in_class(status, compiled_rule.value)) return std::nullopt;
        return "expected a status of " + describe(compiled_rule.value) + " but found " + quoted(actual);
    }
    case matcher_type::values:
    case matcher_type::each_key:
    case matcher_type::each_value:
    case matcher_type::array_contains:
        if (expected.is_structured() && !same_type(expected, actual)) {
            return "expected a " + json_type_name(expected) + " but found a " + json_type_name(actual) + " " + quoted(actual);
        }
        return std::nullopt;
    case matcher_type::content_type: return std::nullopt;  // applied to whole bodies by the engine
    }
    return std::nullopt;
}

std::vector<std::string> check_rules(const rule_list& rules, const nlohmann::json& expected, const nlohmann::json& actual, value_kind kind) {
    std::vector<std::string> failures;
    for (const auto& rule : rules.matchers) {
        if (auto failure = check_value(rule, expected, actual, kind)) {
            failures.push_back(std::move(*failure));
        } else if (rules.logic == rule_logic::any_of) {
            return {};
        }
    }
    return failures;
}

}  // namespace pact
