#include "broker/domain/rule_words.hpp"

#include "pact/json_text.hpp"

#include "pact/json_path.hpp"

#include <span>

namespace pact::broker::domain {
namespace {


std::string kind_of(const nlohmann::json& value) {
    switch (value.type()) {
        case nlohmann::json::value_t::object: return "object";
        case nlohmann::json::value_t::array: return "array";
        case nlohmann::json::value_t::string: return "string";
        case nlohmann::json::value_t::boolean: return "boolean";
        case nlohmann::json::value_t::number_integer:
        case nlohmann::json::value_t::number_unsigned: return "integer";
        case nlohmann::json::value_t::number_float: return "decimal number";
        case nlohmann::json::value_t::null: return "null";
        default: return "value";
    }
}

std::string text_of(const nlohmann::json& definition, const char* key) {
    return definition.contains(key) ? (definition.at(key).is_string() ? definition.at(key).get<std::string>() : pact::to_json_text(definition.at(key))) : "";
}

std::string length_words(const nlohmann::json& definition) {
    const bool has_min = definition.contains("min"), has_max = definition.contains("max");
    if (has_min && has_max) return "between " + text_of(definition, "min") + " and " + text_of(definition, "max");
    if (has_min) return "at least " + text_of(definition, "min");
    if (has_max) return "at most " + text_of(definition, "max");
    return "";
}

std::string date_words(const char* what, const nlohmann::json& definition) {
    for (const char* key : {"format", "date", "time", "timestamp", "datetime"}) {
        if (definition.contains(key) && definition.at(key).is_string()) return std::string(what) + " in the format " + definition.at(key).get<std::string>();
    }
    return std::string("any ") + what;
}

std::string nested_words(const nlohmann::json& definition, const nlohmann::json& example) {
    std::string words;
    if (!definition.contains("rules") || !definition.at("rules").is_array()) return "matching rules";
    for (const auto& nested : definition.at("rules")) {
        pact::matcher inner;
        inner.name = nested.value("match", std::string(nested.contains("regex") ? "regex" : "type"));
        inner.definition = nested;
        words += (words.empty() ? "" : " and ") + describe_matcher(inner, example);
    }
    return words;
}

}  // namespace

std::string describe_matcher(const pact::matcher& matcher, const nlohmann::json& example) {
    const auto& definition = matcher.definition;
    const auto& name = matcher.name;
    if (name == "type") {
        const auto length = length_words(definition);
        if (example.is_array()) return length.empty() ? "an array like this" : "an array of " + length + " like this";
        if (example.is_object()) return "an object like this (same keys, same types)";
        return "any " + kind_of(example);
    }
    if (name == "regex") return "matches " + text_of(definition, "regex");
    if (name == "integer") return "any integer";
    if (name == "decimal") return "any decimal number";
    if (name == "number") return "any number";
    if (name == "boolean") return "any boolean";
    if (name == "null") return "null";
    if (name == "equality") return "equal to " + pact::to_json_text(example);
    if (name == "include") return "includes \"" + text_of(definition, "value") + "\"";
    if (name == "date") return date_words("date", definition);
    if (name == "time") return date_words("time", definition);
    if (name == "timestamp" || name == "datetime") return date_words("timestamp", definition);
    if (name == "contentType") return "content of type " + text_of(definition, "value");
    if (name == "values") return "an object with any keys, each value like this";
    if (name == "semver") return "a semantic version";
    if (name == "notEmpty") return "any non-empty " + kind_of(example);
    if (name == "arrayContains") return "an array containing elements like these, in any order";
    if (name == "statusCode") return "a status of class " + text_of(definition, "status");
    if (name == "eachKey") return "every key " + nested_words(definition, nlohmann::json(""));
    if (name == "eachValue") return "every value " + nested_words(definition, example);
    return "the '" + name + "' matcher " + pact::to_json_text(definition);
}

std::string describe_rules(const pact::rule_list& rules, const nlohmann::json& example) {
    std::string words;
    const std::string joiner = rules.logic == pact::rule_logic::any_of ? " or " : " and ";
    for (const auto& matcher : rules.matchers) words += (words.empty() ? "" : joiner) + describe_matcher(matcher, example);
    return words.empty() ? "equal to the example" : words;
}

namespace {

// The most specific rule list of `category` for the location; nullptr when none applies.
const pact::rule_list* best_rule(const std::map<std::string, pact::rule_list>* category, std::span<const pact::path_step> location) {
    if (category == nullptr) return nullptr;
    const pact::rule_list* best = nullptr;
    std::size_t best_weight = 0;
    for (const auto& [expression, rules] : *category) {
        const auto weight = pact::path_weight(rules.path, location);
        if (weight > best_weight) {
            best_weight = weight;
            best = &rules;
        }
    }
    return best;
}

bool is_array_template(const pact::rule_list* rules) {
    if (rules == nullptr) return false;
    for (const auto& matcher : rules->matchers) {
        if (matcher.name == "type" || matcher.name == "arrayContains") return true;
    }
    return false;
}

void collect_body(const nlohmann::json& value, std::vector<pact::path_step>& location, const std::map<std::string, pact::rule_list>* category,
                  std::vector<relied_on_field>& fields) {
    const auto* rules = best_rule(category, location);
    const auto place = pact::to_string(std::span<const pact::path_step>(location));
    const bool leaf = !value.is_object() && !value.is_array();
    const bool exact_rule = rules != nullptr && pact::path_matches_exactly(rules->path, location);
    if (leaf || exact_rule || value.empty()) {
        fields.push_back({place, leaf || value.empty() ? value : nlohmann::json(), rules ? describe_rules(*rules, value) : "equal to the example"});
    }
    if (value.is_object()) {
        for (const auto& [key, member] : value.items()) {
            location.push_back({key, false, std::nullopt});
            collect_body(member, location, category, fields);
            location.pop_back();
        }
    } else if (value.is_array()) {
        // Under a "like this" rule the first element stands for every element.
        const std::size_t count = exact_rule && is_array_template(rules) ? std::min<std::size_t>(1, value.size()) : value.size();
        for (std::size_t index = 0; index < count; ++index) {
            location.push_back({std::to_string(index), true, std::nullopt});
            collect_body(value[index], location, category, fields);
            location.pop_back();
        }
    }
}

void collect_named(const std::string& kind, const std::map<std::string, std::vector<std::string>>& values,
                   const std::map<std::string, pact::rule_list>* category, std::vector<relied_on_field>& fields) {
    for (const auto& [name, list] : values) {
        nlohmann::json example = list.size() == 1 ? nlohmann::json(list.front()) : nlohmann::json(list);
        const pact::rule_list* rules = nullptr;
        if (category != nullptr) {
            for (const auto& [key, candidate] : *category) {
                if (pact::equals_ignoring_case(key, name)) rules = &candidate;
            }
        }
        fields.push_back({kind + " " + name, example, rules ? describe_rules(*rules, example) : "equal to the example"});
    }
}

void collect_json_body(const pact::body& body, const pact::matching_rules& rules, std::vector<relied_on_field>& fields) {
    if (!body.parsed) {
        if (body.state == pact::body::presence::present) fields.push_back({"body", nlohmann::json(body.content), "equal to the example"});
        return;
    }
    std::vector<pact::path_step> location;
    collect_body(*body.parsed, location, rules.category("body"), fields);
}

}  // namespace

std::vector<relied_on_field> relied_on_fields(const pact::http_response& response) {
    std::vector<relied_on_field> fields;
    const auto* status_rules = response.rules.category("status");
    const pact::rule_list* status_rule = status_rules && !status_rules->empty() ? &status_rules->begin()->second : nullptr;
    fields.push_back({"status", response.status, status_rule ? describe_rules(*status_rule, response.status) : "equal to the example"});
    std::map<std::string, std::vector<std::string>> headers(response.headers.begin(), response.headers.end());
    collect_named("header", headers, response.rules.category("header"), fields);
    collect_json_body(response.body, response.rules, fields);
    return fields;
}

std::vector<relied_on_field> relied_on_fields(const pact::message& message) {
    std::vector<relied_on_field> fields;
    std::map<std::string, std::vector<std::string>> metadata;
    for (const auto& [key, value] : message.metadata.items()) metadata[key] = {value.is_string() ? value.get<std::string>() : pact::to_json_text(value)};
    collect_named("metadata", metadata, message.rules.category("metadata"), fields);
    collect_json_body(message.contents, message.rules, fields);
    return fields;
}

}  // namespace pact::broker::domain
