// XML bodies, compared structurally: element names (by namespace and local name, not prefix), attributes,
// child elements grouped by name, and text. Locations follow the JSONPath form pacts use for XML:
// "$.people.person['@id']" for an attribute, "$.dates.date['#text']" for text.

#include "pact/body_matching.hpp"
#include "pact/value_matchers.hpp"

#include <pugixml.hpp>

#include <algorithm>
#include <cctype>

namespace pact {
namespace {

struct qualified_name {
    std::string uri;
    std::string local;

    bool operator==(const qualified_name&) const = default;
};

std::string_view prefix_of(std::string_view name) {
    const auto colon = name.find(':');
    return colon == std::string_view::npos ? std::string_view() : name.substr(0, colon);
}

std::string_view local_of(std::string_view name) {
    const auto colon = name.find(':');
    return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

std::string namespace_for(pugi::xml_node node, std::string_view prefix) {
    const auto declaration = prefix.empty() ? std::string("xmlns") : "xmlns:" + std::string(prefix);
    for (; node; node = node.parent()) {
        if (const auto attribute = node.attribute(declaration.c_str())) return attribute.value();
    }
    return "";
}

qualified_name element_name(pugi::xml_node node) {
    const std::string_view name = node.name();
    return {namespace_for(node, prefix_of(name)), std::string(local_of(name))};
}

bool is_namespace_declaration(std::string_view name) { return name == "xmlns" || name.starts_with("xmlns:"); }

std::string trimmed_text(pugi::xml_node node) {
    std::string text;
    for (const auto child : node.children()) {
        if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) text += child.value();
    }
    const auto begin = text.find_first_not_of(" \t\r\n");
    if (begin == std::string::npos) return "";
    return text.substr(begin, text.find_last_not_of(" \t\r\n") - begin + 1);
}

std::vector<std::pair<qualified_name, std::vector<pugi::xml_node>>> children_by_name(pugi::xml_node node) {
    std::vector<std::pair<qualified_name, std::vector<pugi::xml_node>>> groups;
    for (const auto child : node.children()) {
        if (child.type() != pugi::node_element) continue;
        const auto name = element_name(child);
        auto found = std::ranges::find_if(groups, [&](const auto& group) { return group.first == name; });
        if (found == groups.end()) {
            groups.emplace_back(name, std::vector<pugi::xml_node>{child});
        } else {
            found->second.push_back(child);
        }
    }
    return groups;
}

qualified_name attribute_name(pugi::xml_node element, std::string_view name) {
    // Unprefixed attributes are in no namespace (the default namespace applies to elements only).
    const auto prefix = prefix_of(name);
    return {prefix.empty() ? std::string() : namespace_for(element, prefix), std::string(local_of(name))};
}

pugi::xml_attribute find_attribute(pugi::xml_node element, const qualified_name& wanted) {
    for (const auto attribute : element.attributes()) {
        if (!is_namespace_declaration(attribute.name()) && attribute_name(element, attribute.name()) == wanted) return attribute;
    }
    return {};
}

// Rules that make children a list of elements like the example (type-like matchers), not fixed content.
bool is_type_like(const rule_list* rules) {
    return rules != nullptr && std::ranges::any_of(rules->matchers, [](const matcher& rule) { return compiled(rule)->type != matcher_type::equality; });
}

class xml_comparator {
public:
    explicit xml_comparator(const body_match_context& context) : context_(context) {}

    void compare_element(pugi::xml_node expected, pugi::xml_node actual, std::optional<std::size_t> position) {
        const auto expected_name = element_name(expected);
        location_.push_back({expected_name.local, false, position});
        const auto actual_name = element_name(actual);
        if (expected_name != actual_name) {
            add(expected.name(), actual.name(), here() + ": expected the element <" + std::string(expected.name()) + "> but found <" + actual.name() + ">");
        } else {
            compare_attributes(expected, actual);
            compare_children(expected, actual);
            compare_text(expected, actual);
        }
        location_.pop_back();
    }

    std::vector<mismatch> take() { return std::move(mismatches_); }

private:
    [[nodiscard]] std::string here() const { return to_string(location_); }

    void add(const nlohmann::json& expected, const nlohmann::json& actual, std::string message) {
        mismatches_.push_back({context_.part, here(), expected, actual, std::move(message)});
    }

    void compare_value(const std::string& expected, const std::string& actual) {
        if (const auto* rules = best_rules(context_.rules, location_)) {
            for (auto& failure : check_rules(*rules, expected, actual, value_kind::text)) add(expected, actual, here() + ": " + failure);
        } else if (expected != actual) {
            add(expected, actual, here() + ": expected \"" + expected + "\" but found \"" + actual + "\"");
        }
    }

    void compare_attributes(pugi::xml_node expected, pugi::xml_node actual) {
        for (const auto attribute : expected.attributes()) {
            if (is_namespace_declaration(attribute.name())) continue;
            const auto name = attribute_name(expected, attribute.name());
            location_.push_back({"@" + name.local});
            if (const auto found = find_attribute(actual, name)) {
                compare_value(attribute.value(), found.value());
            } else {
                add(attribute.value(), nullptr, here() + " is missing (the attribute " + attribute.name() + " was expected)");
            }
            location_.pop_back();
        }
        if (context_.allow_unexpected_keys) return;
        for (const auto attribute : actual.attributes()) {
            if (is_namespace_declaration(attribute.name()) || find_attribute(expected, attribute_name(actual, attribute.name()))) continue;
            location_.push_back({"@" + std::string(local_of(attribute.name()))});
            add(nullptr, attribute.value(), here() + " was not expected (the pact does not mention the attribute)");
            location_.pop_back();
        }
    }

    void check_count(const rule_list* rules, std::size_t count, const std::string& what) {
        if (rules == nullptr) return;
        const auto counted = nlohmann::json(std::vector<int>(count, 0));
        for (const auto& rule : rules->matchers) {
            if (auto failure = check_length(rule, counted)) add(nullptr, count, here() + ": " + what + ": " + *failure);
        }
    }

    void compare_children(pugi::xml_node expected, pugi::xml_node actual) {
        std::vector<pugi::xml_node> expected_children;
        std::vector<pugi::xml_node> actual_children;
        for (const auto child : expected.children()) if (child.type() == pugi::node_element) expected_children.push_back(child);
        for (const auto child : actual.children()) if (child.type() == pugi::node_element) actual_children.push_back(child);
        const auto* parent_rules = exact_rules(context_.rules, location_);
        if (is_type_like(parent_rules) && !expected_children.empty()) {
            // The children form a list: each actual child is like the example of its name (or the first one).
            check_count(parent_rules, actual_children.size(), "child elements");
            for (std::size_t position = 0; position < actual_children.size(); ++position) {
                const auto name = element_name(actual_children[position]);
                const auto example = std::ranges::find_if(expected_children, [&](auto child) { return element_name(child) == name; });
                compare_element(example == expected_children.end() ? expected_children.front() : *example, actual_children[position], position);
            }
            return;
        }
        const auto expected_groups = children_by_name(expected);
        const auto actual_groups = children_by_name(actual);
        for (const auto& [name, expected_group] : expected_groups) {
            const auto found = std::ranges::find_if(actual_groups, [&](const auto& group) { return group.first == name; });
            const auto actual_group = found == actual_groups.end() ? std::vector<pugi::xml_node>{} : found->second;
            location_.push_back({name.local});
            const auto* group_rules = exact_rules(context_.rules, location_);
            if (is_type_like(group_rules)) {
                check_count(group_rules, actual_group.size(), "<" + name.local + "> elements");
            } else if (actual_group.size() < expected_group.size() || (!context_.allow_unexpected_keys && actual_group.size() > expected_group.size())) {
                add(expected_group.size(), actual_group.size(),
                    here() + ": expected " + std::to_string(expected_group.size()) + " <" + name.local + "> element(s) but found " + std::to_string(actual_group.size()));
            }
            location_.pop_back();
            const auto compared = is_type_like(group_rules) ? actual_group.size() : std::min(expected_group.size(), actual_group.size());
            for (std::size_t index = 0; index < compared; ++index) {
                const auto position = static_cast<std::size_t>(std::ranges::find(actual_children, actual_group[index]) - actual_children.begin());
                compare_element(expected_group[std::min(index, expected_group.size() - 1)], actual_group[index], position);
            }
        }
        if (context_.allow_unexpected_keys) return;
        for (const auto& [name, actual_group] : actual_groups) {
            if (std::ranges::any_of(expected_groups, [&](const auto& group) { return group.first == name; })) continue;
            location_.push_back({name.local});
            add(nullptr, "<" + name.local + ">", here() + " was not expected (the pact does not mention <" + name.local + ">)");
            location_.pop_back();
        }
    }

    void compare_text(pugi::xml_node expected, pugi::xml_node actual) {
        const auto expected_text = trimmed_text(expected);
        const auto actual_text = trimmed_text(actual);
        if (expected_text.empty() && actual_text.empty()) return;
        location_.push_back({"#text"});
        compare_value(expected_text, actual_text);
        location_.pop_back();
    }

    const body_match_context& context_;
    std::vector<path_step> location_;
    std::vector<mismatch> mismatches_;
};

}  // namespace

std::vector<mismatch> match_xml(std::string_view expected, std::string_view actual, const body_match_context& context) {
    pugi::xml_document expected_document;
    pugi::xml_document actual_document;
    const auto expected_parsed = expected_document.load_buffer(expected.data(), expected.size());
    const auto actual_parsed = actual_document.load_buffer(actual.data(), actual.size());
    if (!expected_parsed) {
        return {{context.part, "$", std::string(expected), std::string(actual), std::string("the expected XML body is not valid XML: ") + expected_parsed.description()}};
    }
    if (!actual_parsed) {
        return {{context.part, "$", std::string(expected), std::string(actual), std::string("expected an XML body but it is not valid XML: ") + actual_parsed.description()}};
    }
    const auto expected_root = expected_document.document_element();
    const auto actual_root = actual_document.document_element();
    if (!actual_root) return {{context.part, "$", std::string(expected), std::string(actual), "expected an XML body but it has no element"}};
    xml_comparator comparator(context);
    comparator.compare_element(expected_root, actual_root, std::nullopt);
    return comparator.take();
}

}  // namespace pact
