#include "consumer/matchers.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace pact::consumer {

struct pattern::node {
    enum class kind { value, object, array, matched };
    kind type = kind::value;
    nlohmann::json value;                                  // kind::value
    std::vector<std::pair<std::string, pattern>> members;  // kind::object, in the order written
    std::vector<pattern> items;                            // kind::array
    // kind::matched: matchers standing at this place, over the example `inner`.
    std::vector<nlohmann::json> matchers;
    std::vector<pattern> inner;  // exactly one
    // each_like and friends: `inner` is one item, repeated this many times; its rules stand at "[*]".
    std::size_t repeat = 0;
    nlohmann::json generator;  // null when none
};

namespace {

using node = pattern::node;

// A matcher definition as pacts write it: {"match": name, ...extra}.
[[nodiscard]] nlohmann::json rule(std::string_view name, nlohmann::json extra = nlohmann::json::object()) {
    extra["match"] = name;
    return extra;
}

[[nodiscard]] pattern make(node content) { return pattern(std::make_shared<const node>(std::move(content))); }

[[nodiscard]] pattern matched(pattern example, std::vector<nlohmann::json> matchers, std::size_t repeat = 0,
                              nlohmann::json generator = nullptr) {
    node content;
    content.type = node::kind::matched;
    content.matchers = std::move(matchers);
    content.inner.push_back(std::move(example));
    content.repeat = repeat;
    content.generator = std::move(generator);
    return make(std::move(content));
}

[[nodiscard]] bool is_plain_name(std::string_view name) {
    return !name.empty() && std::ranges::all_of(name, [](char character) {
        return std::isalnum(static_cast<unsigned char>(character)) != 0 || character == '_' || character == '-';
    });
}

void add_rule(rendered_pattern& out, const std::string& path, const nlohmann::json& matcher) {
    const auto existing = std::ranges::find_if(out.rules, [&](const auto& entry) { return entry.first == path; });
    if (existing != out.rules.end()) {
        existing->second.push_back(matcher);
    } else {
        out.rules.emplace_back(path, std::vector<nlohmann::json>{matcher});
    }
}

[[nodiscard]] nlohmann::json render_at(const pattern& value, const std::string& path, rendered_pattern& out);

[[nodiscard]] nlohmann::json render_matched(const node& content, const std::string& path, rendered_pattern& out) {
    for (const auto& matcher : content.matchers) add_rule(out, path, matcher);
    if (!content.generator.is_null()) out.generators.emplace_back(path, content.generator);
    if (content.repeat == 0) return render_at(content.inner.front(), path, out);
    const auto item = render_at(content.inner.front(), path + "[*]", out);
    return nlohmann::json(std::vector<nlohmann::json>(content.repeat, item));
}

nlohmann::json render_at(const pattern& value, const std::string& path, rendered_pattern& out) {
    const auto& content = value.content();
    switch (content.type) {
    case node::kind::value: return content.value;
    case node::kind::object: {
        auto example = nlohmann::json::object();
        for (const auto& [name, member] : content.members) example[name] = render_at(member, child_path(path, name), out);
        return example;
    }
    case node::kind::array: {
        auto example = nlohmann::json::array();
        for (std::size_t index = 0; index < content.items.size(); ++index) {
            example.push_back(render_at(content.items[index], path + "[" + std::to_string(index) + "]", out));
        }
        return example;
    }
    case node::kind::matched: return render_matched(content, path, out);
    }
    return nullptr;
}

// The matchers a rule-taking matcher (each_key, each_value) wraps: those standing at the rule's root.
[[nodiscard]] std::pair<nlohmann::json, nlohmann::json> root_rules_of(const pattern& rule, std::string_view used_by) {
    const auto rendered = render(rule);
    const auto root = std::ranges::find_if(rendered.rules, [](const auto& entry) { return entry.first == "$"; });
    if (root == rendered.rules.end()) {
        throw std::invalid_argument(std::string(used_by) + " needs a matcher such as regex(...) or like(...), not a plain value");
    }
    return {nlohmann::json(root->second), rendered.example};
}

[[nodiscard]] nlohmann::json rules_object(const rendered_pattern& rendered) {
    auto rules = nlohmann::json::object();
    for (const auto& [path, matchers] : rendered.rules) rules[path] = {{"combine", "AND"}, {"matchers", matchers}};
    return rules;
}

[[nodiscard]] nlohmann::json generators_object(const rendered_pattern& rendered) {
    auto generators = nlohmann::json::object();
    for (const auto& [path, generator] : rendered.generators) generators[path] = generator;
    return generators;
}

[[nodiscard]] nlohmann::json array_bound(std::string_view name, std::size_t bound) {
    return rule("type", {{std::string(name), bound}});
}

}  // namespace

pattern::pattern(std::shared_ptr<const node> content) : content_(std::move(content)) {}

pattern::pattern(nlohmann::json value) {
    // Objects and arrays given as JSON become structure, so nested matchers and paths work the same way.
    node content;
    if (value.is_object()) {
        content.type = node::kind::object;
        for (auto& [name, member] : value.items()) content.members.emplace_back(name, pattern(member));
    } else if (value.is_array()) {
        content.type = node::kind::array;
        for (auto& item : value) content.items.emplace_back(item);
    } else {
        content.value = std::move(value);
    }
    content_ = std::make_shared<const node>(std::move(content));
}

pattern::pattern(const char* value) : pattern(nlohmann::json(value)) {}
pattern::pattern(std::string value) : pattern(nlohmann::json(std::move(value))) {}
pattern::pattern(int value) : pattern(nlohmann::json(value)) {}
pattern::pattern(long value) : pattern(nlohmann::json(value)) {}
pattern::pattern(long long value) : pattern(nlohmann::json(value)) {}
pattern::pattern(unsigned value) : pattern(nlohmann::json(value)) {}
pattern::pattern(unsigned long value) : pattern(nlohmann::json(value)) {}
pattern::pattern(unsigned long long value) : pattern(nlohmann::json(value)) {}
pattern::pattern(double value) : pattern(nlohmann::json(value)) {}
pattern::pattern(bool value) : pattern(nlohmann::json(value)) {}
pattern::pattern(std::nullptr_t) : pattern(nlohmann::json(nullptr)) {}

rendered_pattern render(const pattern& value) {
    rendered_pattern out;
    out.example = render_at(value, "$", out);
    return out;
}

std::string child_path(std::string_view parent, std::string_view name) {
    if (is_plain_name(name)) return std::string(parent) + "." + std::string(name);
    const char quote = name.find('\'') == std::string_view::npos ? '\'' : '"';
    return std::string(parent) + "[" + quote + std::string(name) + quote + "]";
}

pattern object(std::initializer_list<std::pair<std::string, pattern>> members) {
    return object(std::vector<std::pair<std::string, pattern>>(members));
}

pattern object(std::vector<std::pair<std::string, pattern>> members) {
    node content;
    content.type = node::kind::object;
    content.members = std::move(members);
    return make(std::move(content));
}

pattern array(std::initializer_list<pattern> items) { return array(std::vector<pattern>(items)); }

pattern array(std::vector<pattern> items) {
    node content;
    content.type = node::kind::array;
    content.items = std::move(items);
    return make(std::move(content));
}

pattern like(pattern example) { return matched(std::move(example), {rule("type")}); }

pattern each_like(pattern example, std::size_t min) {
    return matched(std::move(example), {array_bound("min", min)}, std::max<std::size_t>(min, 1));
}

pattern min_like(pattern example, std::size_t min) { return matched(std::move(example), {array_bound("min", min)}); }

pattern max_like(pattern example, std::size_t max) { return matched(std::move(example), {array_bound("max", max)}); }

pattern min_max_like(pattern example, std::size_t min, std::size_t max) {
    return matched(std::move(example), {rule("type", {{"min", min}, {"max", max}})});
}

pattern equal_to(pattern example) { return matched(std::move(example), {rule("equality")}); }

pattern integer(std::int64_t example) { return matched(example, {rule("integer")}); }

pattern decimal(double example) { return matched(example, {rule("decimal")}); }

pattern number(double example) { return matched(example, {rule("number")}); }

pattern boolean(bool example) { return matched(example, {rule("boolean")}); }

pattern null() { return matched(nullptr, {rule("null")}); }

pattern string(std::string example) { return like(std::move(example)); }

pattern regex(std::string expression, std::string example) {
    return matched(std::move(example), {rule("regex", {{"regex", std::move(expression)}})});
}

pattern include(std::string substring) {
    return matched(substring, {rule("include", {{"value", substring}})});
}

pattern not_empty(pattern example) { return matched(std::move(example), {rule("notEmpty")}); }

pattern semver(std::string example) { return matched(std::move(example), {rule("semver")}); }

pattern uuid(std::string example) {
    return regex("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$", std::move(example));
}

pattern datetime(std::string format, std::string example) {
    return matched(std::move(example), {rule("datetime", {{"format", std::move(format)}})});
}

pattern date(std::string format, std::string example) {
    return matched(std::move(example), {rule("date", {{"format", std::move(format)}})});
}

pattern time(std::string format, std::string example) {
    return matched(std::move(example), {rule("time", {{"format", std::move(format)}})});
}

pattern timestamp(std::string format, std::string example) {
    return matched(std::move(example), {rule("timestamp", {{"format", std::move(format)}})});
}

pattern each_key(pattern example, pattern key_rule) {
    auto [rules, value] = root_rules_of(key_rule, "each_key");
    return matched(std::move(example), {rule("eachKey", {{"rules", std::move(rules)}, {"value", std::move(value)}})});
}

pattern each_value(pattern example, pattern value_rule) {
    auto [rules, value] = root_rules_of(value_rule, "each_value");
    return matched(std::move(example),
                   {rule("eachValue", {{"rules", std::move(rules)}, {"value", std::move(value)}})});
}

pattern array_contains(std::vector<pattern> variants) {
    auto definitions = nlohmann::json::array();
    std::vector<pattern> examples;
    for (std::size_t index = 0; index < variants.size(); ++index) {
        const auto rendered = render(variants[index]);
        definitions.push_back(
            {{"index", index}, {"rules", rules_object(rendered)}, {"generators", generators_object(rendered)}});
        examples.emplace_back(rendered.example);
    }
    return matched(array(std::move(examples)), {rule("arrayContains", {{"variants", std::move(definitions)}})});
}

pattern from_provider_state(std::string expression, pattern example) {
    const auto type = render(example).example.is_number_integer() ? "INTEGER" : "STRING";
    return matched(std::move(example), {rule("type")},
                   0, {{"type", "ProviderState"}, {"expression", std::move(expression)}, {"dataType", type}});
}

}  // namespace pact::consumer
