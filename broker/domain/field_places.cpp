#include "broker/domain/field_places.hpp"

#include "pact/body_matching.hpp"
#include "pact/json_text.hpp"

#include <algorithm>
#include <cctype>
#include <regex>
#include <set>

namespace pact::broker::domain {
namespace {

std::string definition_text(const nlohmann::json& definition, const char* key) {
    if (!definition.contains(key)) return "";
    const auto& value = definition.at(key);
    return value.is_string() ? value.get<std::string>() : pact::to_json_text(value);
}

// The matcher's name, the one member that says what it accepts (a regex, a date format, an included value, a status
// class), and its bounds.
std::string matcher_summary(const pact::matcher& matcher, bool with_bounds) {
    const auto& definition = matcher.definition;
    std::string summary = matcher.name;
    for (const char* detail : {"regex", "format", "date", "time", "timestamp", "datetime", "value", "status"}) {
        if (definition.contains(detail)) {
            summary += " " + definition_text(definition, detail);
            break;
        }
    }
    std::string bounds;
    for (const char* bound : {"min", "max"}) {
        if (definition.contains(bound)) bounds += (bounds.empty() ? "" : ", ") + std::string(bound) + " " + definition_text(definition, bound);
    }
    if (with_bounds && !bounds.empty()) summary += " (" + bounds + ")";
    return summary;
}

// The place of a concrete location with every array index as [*].
std::string generalised_place(std::vector<pact::path_step> location) {
    for (auto& step : location) {
        if (step.is_index) step.name = "*";
    }
    return pact::to_string(std::span<const pact::path_step>(location));
}

class place_collector {
public:
    place_collector(std::optional<std::string> method, std::string target, std::vector<store::field_usage_record>& places)
        : method_(std::move(method)), target_(std::move(target)), places_(places) {}

    void add(const std::string& field, const pact::rule_list* rules, bool inherited = false) {
        if (seen_.insert(field).second) places_.push_back({method_, target_, field, rule_summary(rules, inherited)});
    }

    void add_named(const std::string& kind, const std::vector<std::string>& names, const pact::matching_rules::category_rules* category) {
        for (const auto& name : names) {
            const pact::rule_list* rules = nullptr;
            if (category != nullptr) {
                for (const auto& [key, candidate] : *category) {
                    if (pact::equals_ignoring_case(key, name)) rules = &candidate;
                }
            }
            add(kind + " " + name, rules);
        }
    }

    void add_body(const pact::body& body, const pact::matching_rules& rules) {
        if (body.is_missing()) return;
        if (!body.parsed) {
            add("body", nullptr);
            return;
        }
        std::vector<pact::path_step> location;
        add_node(*body.parsed, location, rules.category("body"));
    }

private:
    // Leaves, empty containers and containers a rule names exactly are places; arrays and objects are walked.
    void add_node(const nlohmann::json& value, std::vector<pact::path_step>& location, const pact::matching_rules::category_rules* category) {
        const bool container = value.is_object() || value.is_array();
        const auto* exact = pact::exact_rules(category, location);
        if (!container || value.empty() || exact != nullptr) add(generalised_place(location), pact::best_rules(category, location), exact == nullptr);
        if (value.is_object()) {
            for (const auto& [key, member] : value.items()) {
                location.push_back({key, false, std::nullopt});
                add_node(member, location, category);
                location.pop_back();
            }
        } else if (value.is_array()) {
            for (std::size_t index = 0; index < value.size(); ++index) {
                location.push_back({std::to_string(index), true, std::nullopt});
                add_node(value[index], location, category);
                location.pop_back();
            }
        }
    }

    std::optional<std::string> method_;
    std::string target_;
    std::vector<store::field_usage_record>& places_;
    std::set<std::string> seen_;
};

std::vector<std::string> names_of(const pact::header_map& headers) {
    std::vector<std::string> names;
    for (const auto& [name, values] : headers) names.push_back(name);
    return names;
}

std::vector<std::string> names_of(const nlohmann::json& metadata) {
    std::vector<std::string> names;
    if (metadata.is_object()) {
        for (const auto& [name, value] : metadata.items()) names.push_back(name);
    }
    return names;
}

bool has_regex_metacharacter(std::string_view text) { return text.find_first_of("\\^$.|?*+()[]{}") != std::string_view::npos; }

std::vector<std::string> path_segments(std::string_view path) {
    std::vector<std::string> segments;
    std::size_t start = 0;
    while (start <= path.size()) {
        const auto end = std::min(path.find('/', start), path.size());
        segments.emplace_back(path.substr(start, end - start));
        start = end + 1;
    }
    return segments;
}

// A path matched by a regex: the segments of the example that the expression does not spell out literally are
// parameters. When the expression's segments do not line up with the example's, the example stays as it is.
std::string path_of_regex(const std::string& example, std::string expression) {
    if (expression.starts_with('^')) expression.erase(0, 1);
    if (expression.ends_with('$')) expression.pop_back();
    auto example_segments = path_segments(example);
    const auto expression_segments = path_segments(expression);
    if (example_segments.size() != expression_segments.size()) return example;
    std::string path;
    for (std::size_t index = 0; index < example_segments.size(); ++index) {
        const auto& segment = expression_segments[index];
        if (index > 0) path += "/";
        path += has_regex_metacharacter(segment) ? "{id}" : segment;
    }
    return path;
}

// The request's path as the pact means it: a provider-state expression's "${id}" as "{id}", or the segments a
// regex leaves open as "{id}"; else the example.
std::string generalised_path(const pact::http_request& request) {
    if (request.generators.is_object() && request.generators.contains("path")) {
        const auto& generator = request.generators.at("path");
        if (generator.is_object() && generator.value("type", "") == "ProviderState" && generator.contains("expression") &&
            generator.at("expression").is_string()) {
            static const std::regex expression_variable(R"(\$\{([^}]*)\})");
            return std::regex_replace(generator.at("expression").get<std::string>(), expression_variable, "{$1}");
        }
    }
    if (const auto* category = request.rules.category("path")) {
        for (const auto& [key, rules] : *category) {
            for (const auto& matcher : rules.matchers) {
                if (matcher.name == "regex" && matcher.definition.contains("regex") && matcher.definition.at("regex").is_string()) {
                    return path_of_regex(request.path, matcher.definition.at("regex").get<std::string>());
                }
            }
        }
    }
    return request.path;
}

void add_message(place_collector& collector, const pact::message& message) {
    collector.add_named("metadata", names_of(message.metadata), message.rules.category("metadata"));
    collector.add_body(message.contents, message.rules);
}

}  // namespace

std::string rule_summary(const pact::rule_list* rules, bool inherited) {
    if (rules == nullptr || rules->matchers.empty()) return "equality";
    std::string summary;
    const char* joiner = rules->logic == pact::rule_logic::any_of ? " or " : " and ";
    for (const auto& matcher : rules->matchers) summary += (summary.empty() ? "" : joiner) + matcher_summary(matcher, !inherited);
    return summary;
}

bool field_is_within(std::string_view field, std::string_view asked) {
    if (!field.starts_with(asked)) return false;
    if (field.size() == asked.size()) return true;
    const char next = field[asked.size()];
    return next == '.' || next == '[';
}

std::vector<store::field_usage_record> field_places(const pact::pact_document& pact) {
    std::vector<store::field_usage_record> places;
    for (const auto& interaction : pact.interactions) {
        if (interaction.kind == pact::interaction_kind::synchronous_http) {
            std::string method = interaction.request.method;
            std::ranges::transform(method, method.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
            place_collector collector(std::move(method), generalised_path(interaction.request), places);
            const auto* status_rules = interaction.response.rules.category("status");
            collector.add("status", status_rules != nullptr && !status_rules->empty() ? &status_rules->begin()->second : nullptr);
            collector.add_named("header", names_of(interaction.response.headers), interaction.response.rules.category("header"));
            collector.add_body(interaction.response.body, interaction.response.rules);
        } else {
            place_collector collector(std::nullopt, interaction.description, places);
            if (interaction.kind == pact::interaction_kind::asynchronous_message) add_message(collector, interaction.message);
            for (const auto& response : interaction.message_responses) add_message(collector, response);
        }
    }
    return places;
}

}  // namespace pact::broker::domain
