#include "schemas/validator.hpp"

#include "schemas/embedded_schemas.hpp"

#include <boost/regex.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <optional>
#include <unordered_map>

namespace pact::schemas {
namespace {

constexpr int maximum_depth = 64;  // deeper $ref chains are taken for a cycle

using pattern_map = std::map<std::string, boost::regex, std::less<>>;

// Compiles every "pattern" of a schema once; an invalid one is left out and reported when used.
void collect_patterns(const nlohmann::json& schema, pattern_map& patterns) {
    if (schema.is_object()) {
        for (const auto& [key, value] : schema.items()) {
            if (key == "pattern" && value.is_string() && !patterns.contains(value.get<std::string>())) {
                try {
                    patterns.emplace(value.get<std::string>(), boost::regex(value.get<std::string>(), boost::regex::ECMAScript));
                } catch (const boost::regex_error&) {
                }
            }
            if (key == "patternProperties" && value.is_object()) {
                for (const auto& [pattern, ignored] : value.items()) {
                    try {
                        patterns.emplace(pattern, boost::regex(pattern, boost::regex::ECMAScript));
                    } catch (const boost::regex_error&) {
                    }
                }
            }
            collect_patterns(value, patterns);
        }
    } else if (schema.is_array()) {
        for (const auto& value : schema) collect_patterns(value, patterns);
    }
}

struct compiled_schema {
    nlohmann::json root;
    pattern_map patterns;
};

compiled_schema compile(nlohmann::json root) {
    compiled_schema result{std::move(root), {}};
    collect_patterns(result.root, result.patterns);
    return result;
}

const std::map<std::string, compiled_schema, std::less<>>& embedded() {
    static const auto schemas = [] {
        std::map<std::string, compiled_schema, std::less<>> parsed;
        for (const auto& schema : embedded_schemas()) {
            auto root = nlohmann::json::parse(schema.text, nullptr, false);
            if (!root.is_discarded()) parsed.emplace(std::string(schema.name), compile(std::move(root)));
        }
        return parsed;
    }();
    return schemas;
}

}  // namespace

std::string kind_in_words(const nlohmann::json& value) {
    switch (value.type()) {
    case nlohmann::json::value_t::object: return "an object";
    case nlohmann::json::value_t::array: return "a list";
    case nlohmann::json::value_t::string: return "a string";
    case nlohmann::json::value_t::boolean: return "a boolean";
    case nlohmann::json::value_t::null: return "null";
    case nlohmann::json::value_t::number_float: return "a number";
    default: return "an integer";
    }
}

namespace {

std::string type_name(std::string_view type) {
    if (type == "object") return "an object";
    if (type == "array") return "a list";
    if (type == "string") return "a string";
    if (type == "integer") return "an integer";
    if (type == "number") return "a number";
    if (type == "boolean") return "a boolean";
    if (type == "null") return "null";
    return std::string(type);
}

bool has_type(const nlohmann::json& value, std::string_view type) {
    if (type == "object") return value.is_object();
    if (type == "array") return value.is_array();
    if (type == "string") return value.is_string();
    if (type == "boolean") return value.is_boolean();
    if (type == "null") return value.is_null();
    if (type == "number") return value.is_number();
    if (type == "integer") {
        return value.is_number_integer() || (value.is_number_float() && std::isfinite(value.get<double>()) && std::floor(value.get<double>()) == value.get<double>());
    }
    return false;
}

bool is_plain_name(std::string_view name) {
    return !name.empty() && std::ranges::all_of(name, [](unsigned char c) { return std::isalnum(c) != 0 || c == '_' || c == '-'; });
}

// A place in the document being validated, as a chain up to the root; written out as "$.a['b c'][2]"
// only when a violation names it, so valid documents build no path text at all.
struct location {
    const location* parent = nullptr;  // nullptr for the root "$"
    std::string_view name;
    std::size_t index = 0;
    bool is_index = false;
};

std::string to_text(const location& place) {
    if (place.parent == nullptr) return "$";
    auto text = to_text(*place.parent);
    if (place.is_index) return text + "[" + std::to_string(place.index) + "]";
    if (is_plain_name(place.name)) return text + "." + std::string(place.name);
    return text + "['" + std::string(place.name) + "']";
}

std::string short_text(const nlohmann::json& value) {
    auto text = value.dump();
    return text.size() > 80 ? text.substr(0, 77) + "..." : text;
}

struct resolved_reference {
    const compiled_schema* schema = nullptr;
    const nlohmann::json* target = nullptr;
};
// Each "$ref" (by the address of its text in the schema) resolved once per validation, not on every use.
using reference_cache = std::unordered_map<const nlohmann::json*, resolved_reference>;

class checker {
public:
    checker(const compiled_schema& schema, std::vector<schema_violation>& violations, reference_cache& references)
        : schema_(schema), violations_(violations), references_(references) {}

    void check(const nlohmann::json& rules, const nlohmann::json& value, const location& path, int depth) {
        if (depth > maximum_depth) return add(path, "the schema nests too deeply (a $ref cycle?)");
        if (rules.is_boolean()) {
            if (!rules.get<bool>()) add(path, "is not allowed here");
            return;
        }
        if (!rules.is_object()) return;
        if (const auto reference = rules.find("$ref"); reference != rules.end()) {
            check_reference(*reference, value, path, depth);
            return;  // draft-07: $ref replaces its siblings
        }
        if (!check_type(rules, value, path)) return;
        check_value_keywords(rules, value, path);
        if (value.is_object()) check_object(rules, value, path, depth);
        if (value.is_array()) check_array(rules, value, path, depth);
        check_combinations(rules, value, path, depth);
    }

private:
    void add(const location& path, std::string message) { violations_.push_back({to_text(path), std::move(message)}); }

    // "#/definitions/x" in this schema, or "other.json#/definitions/x" in another embedded schema.
    void check_reference(const nlohmann::json& reference, const nlohmann::json& value, const location& path, int depth) {
        auto found = references_.find(&reference);
        if (found == references_.end()) {
            const auto resolved = resolve(reference, path);
            if (!resolved) return;
            found = references_.emplace(&reference, *resolved).first;
        }
        checker(*found->second.schema, violations_, references_).check(*found->second.target, value, path, depth + 1);
    }

    // "#/definitions/x" in this schema, or "other.json#/definitions/x" in another embedded schema.
    std::optional<resolved_reference> resolve(const nlohmann::json& reference, const location& path) {
        if (!reference.is_string()) {
            add(path, "the schema has a $ref that is not a string");
            return std::nullopt;
        }
        const auto& text = reference.get_ref<const std::string&>();
        const auto hash = text.find('#');
        const auto* target_schema = &schema_;
        if (hash != 0) {
            auto name = std::string_view(text).substr(0, hash);
            if (name.ends_with(".json")) name.remove_suffix(5);
            const auto found = embedded().find(name);
            if (found == embedded().end()) {
                add(path, "the schema's $ref " + text + " names an unknown schema");
                return std::nullopt;
            }
            target_schema = &found->second;
        }
        const auto pointer_text = hash == std::string::npos ? std::string() : text.substr(hash + 1);
        try {
            const auto& target = pointer_text.empty() ? target_schema->root : target_schema->root.at(nlohmann::json::json_pointer(pointer_text));
            return resolved_reference{target_schema, &target};
        } catch (const nlohmann::json::exception&) {
            add(path, "the schema's $ref " + text + " does not resolve");
            return std::nullopt;
        }
    }

    bool check_type(const nlohmann::json& rules, const nlohmann::json& value, const location& path) {
        const auto type = rules.find("type");
        if (type == rules.end()) return true;
        // Every node of a pact passes here: nothing is allocated unless a failure needs explaining.
        const auto accepts = [&](const nlohmann::json& name) { return name.is_string() && has_type(value, name.get_ref<const std::string&>()); };
        if (type->is_string() ? accepts(*type) : type->is_array() && std::ranges::any_of(*type, accepts)) return true;
        std::vector<std::string_view> allowed;
        if (type->is_string()) allowed.push_back(type->get_ref<const std::string&>());
        if (type->is_array()) {
            for (const auto& one : *type) if (one.is_string()) allowed.push_back(one.get_ref<const std::string&>());
        }
        if (allowed.empty()) return true;
        std::string wanted;
        for (std::size_t index = 0; index < allowed.size(); ++index) {
            if (index > 0) wanted += index + 1 == allowed.size() ? " or " : ", ";
            wanted += type_name(allowed[index]);
        }
        add(path, "expected " + wanted + ", found " + kind_in_words(value));
        return false;
    }

    void check_value_keywords(const nlohmann::json& rules, const nlohmann::json& value, const location& path) {
        if (const auto options = rules.find("enum"); options != rules.end() && options->is_array()) {
            if (std::ranges::find(*options, value) == options->end()) add(path, "must be one of " + short_text(*options) + ", found " + short_text(value));
        }
        if (const auto constant = rules.find("const"); constant != rules.end() && *constant != value) {
            add(path, "must be " + short_text(*constant) + ", found " + short_text(value));
        }
        if (value.is_number()) {
            const auto number = value.get<double>();
            if (const auto minimum = rules.find("minimum"); minimum != rules.end() && minimum->is_number() && number < minimum->get<double>()) {
                add(path, "must be at least " + minimum->dump() + ", found " + value.dump());
            }
            if (const auto maximum = rules.find("maximum"); maximum != rules.end() && maximum->is_number() && number > maximum->get<double>()) {
                add(path, "must be at most " + maximum->dump() + ", found " + value.dump());
            }
        }
        if (value.is_string()) {
            const auto& text = value.get_ref<const std::string&>();
            const auto length = count_characters(text);
            if (const auto minimum = rules.find("minLength"); minimum != rules.end() && minimum->is_number_unsigned() && length < minimum->get<std::size_t>()) {
                add(path, "must be at least " + minimum->dump() + " character(s) long");
            }
            if (const auto maximum = rules.find("maxLength"); maximum != rules.end() && maximum->is_number_unsigned() && length > maximum->get<std::size_t>()) {
                add(path, "must be at most " + maximum->dump() + " character(s) long");
            }
            if (const auto pattern = rules.find("pattern"); pattern != rules.end() && pattern->is_string()) {
                if (!matches(pattern->get<std::string>(), text)) add(path, "must match the pattern " + pattern->get<std::string>() + ", found " + short_text(value));
            }
        }
    }

    static std::size_t count_characters(const std::string& text) {
        return static_cast<std::size_t>(std::ranges::count_if(text, [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
    }

    bool matches(const std::string& pattern, const std::string& text) {
        const auto found = schema_.patterns.find(pattern);
        if (found == schema_.patterns.end()) return false;
        try {
            return boost::regex_search(text, found->second);
        } catch (const std::runtime_error&) {
            return false;  // the regex engine gave up on this text (too complex)
        }
    }

    void check_object(const nlohmann::json& rules, const nlohmann::json& value, const location& path, int depth) {
        if (const auto required = rules.find("required"); required != rules.end() && required->is_array()) {
            for (const auto& name : *required) {
                if (name.is_string() && !value.contains(name.get<std::string>())) add(location{&path, name.get_ref<const std::string&>()}, "is required but missing");
            }
        }
        const auto properties = rules.find("properties");
        const auto pattern_properties = rules.find("patternProperties");
        const auto additional = rules.find("additionalProperties");
        for (const auto& [name, member] : value.items()) {
            bool described = false;
            const location where{&path, name};
            if (properties != rules.end() && properties->is_object()) {
                if (const auto property = properties->find(name); property != properties->end()) {
                    described = true;
                    check(*property, member, where, depth + 1);
                }
            }
            if (pattern_properties != rules.end() && pattern_properties->is_object()) {
                for (const auto& [pattern, property] : pattern_properties->items()) {
                    if (matches(pattern, name)) {
                        described = true;
                        check(property, member, where, depth + 1);
                    }
                }
            }
            if (!described && additional != rules.end()) {
                if (additional->is_boolean() && !additional->get<bool>()) {
                    add(where, "is not allowed here (unknown property \"" + name + "\")");
                } else {
                    check(*additional, member, where, depth + 1);
                }
            }
        }
    }

    void check_array(const nlohmann::json& rules, const nlohmann::json& value, const location& path, int depth) {
        if (const auto minimum = rules.find("minItems"); minimum != rules.end() && minimum->is_number_unsigned() && value.size() < minimum->get<std::size_t>()) {
            add(path, "must have at least " + minimum->dump() + " element(s), found " + std::to_string(value.size()));
        }
        if (const auto maximum = rules.find("maxItems"); maximum != rules.end() && maximum->is_number_unsigned() && value.size() > maximum->get<std::size_t>()) {
            add(path, "must have at most " + maximum->dump() + " element(s), found " + std::to_string(value.size()));
        }
        if (const auto items = rules.find("items"); items != rules.end() && (items->is_object() || items->is_boolean())) {
            for (std::size_t index = 0; index < value.size(); ++index) check(*items, value[index], location{&path, {}, index, true}, depth + 1);
        }
    }

    // Violations of one alternative, checked on the side.
    std::vector<schema_violation> try_branch(const nlohmann::json& rules, const nlohmann::json& value, const location& path, int depth) {
        std::vector<schema_violation> branch;
        checker(schema_, branch, references_).check(rules, value, path, depth + 1);
        return branch;
    }

    void check_combinations(const nlohmann::json& rules, const nlohmann::json& value, const location& path, int depth) {
        if (const auto all = rules.find("allOf"); all != rules.end() && all->is_array()) {
            for (const auto& branch : *all) check(branch, value, path, depth + 1);
        }
        for (const char* keyword : {"anyOf", "oneOf"}) {
            const auto branches = rules.find(keyword);
            if (branches == rules.end() || !branches->is_array() || branches->empty()) continue;
            std::size_t passing = 0;
            std::optional<std::vector<schema_violation>> closest;
            std::size_t closest_distance = 0;
            for (const auto& branch : *branches) {
                auto found = try_branch(branch, value, path, depth);
                if (found.empty()) {
                    ++passing;
                    continue;
                }
                // An alternative of another type is further away than one whose details are wrong.
                const auto path_text = to_text(path);
                const bool wrong_type = std::ranges::any_of(found, [&](const auto& one) { return one.path == path_text && one.message.starts_with("expected "); });
                const auto distance = found.size() + (wrong_type ? 1000 : 0);
                if (!closest || distance < closest_distance) {
                    closest = std::move(found);
                    closest_distance = distance;
                }
            }
            if (passing == 0) {
                // The alternative that came closest explains best what is wrong.
                violations_.insert(violations_.end(), closest->begin(), closest->end());
            } else if (passing > 1 && std::string_view(keyword) == "oneOf") {
                add(path, "matches more than one of the allowed forms");
            }
        }
        if (const auto negated = rules.find("not"); negated != rules.end() && try_branch(*negated, value, path, depth).empty()) {
            add(path, "must not be " + short_text(*negated));
        }
    }

    const compiled_schema& schema_;
    std::vector<schema_violation>& violations_;
    reference_cache& references_;
};

}  // namespace

std::vector<schema_violation> validate_with(const nlohmann::json& schema, const nlohmann::json& document) {
    const auto compiled = compile(schema);
    std::vector<schema_violation> violations;
    reference_cache references;
    checker(compiled, violations, references).check(compiled.root, document, location{}, 0);
    return violations;
}

struct part_validator::state {
    const compiled_schema* schema = nullptr;
    const nlohmann::json* part = nullptr;
    std::string problem;  // why there is no part to validate against
    reference_cache references;
};

part_validator::part_validator(std::string_view schema_name, std::string_view pointer) : state_(std::make_unique<state>()) {
    const auto found = embedded().find(schema_name);
    if (found == embedded().end()) {
        state_->problem = "no schema named \"" + std::string(schema_name) + "\"";
        return;
    }
    state_->schema = &found->second;
    try {
        state_->part = &found->second.root.at(nlohmann::json::json_pointer(std::string(pointer)));
    } catch (const nlohmann::json::exception&) {
        state_->problem = "the schema " + std::string(schema_name) + " has no part " + std::string(pointer);
    }
}

part_validator::~part_validator() = default;

std::vector<schema_violation> part_validator::validate(const nlohmann::json& value) {
    if (state_->part == nullptr) return {{"$", state_->problem}};
    std::vector<schema_violation> violations;
    checker(*state_->schema, violations, state_->references).check(*state_->part, value, location{}, 0);
    return violations;
}

bool part_validator::has_part() const { return state_->part != nullptr; }

std::vector<schema_violation> validate(std::string_view schema_name, const nlohmann::json& document) {
    return part_validator(schema_name, "").validate(document);  // the empty pointer names the whole schema
}

std::vector<std::string> schema_names() {
    std::vector<std::string> names;
    for (const auto& [name, schema] : embedded()) names.push_back(name);
    return names;
}

}  // namespace pact::schemas
