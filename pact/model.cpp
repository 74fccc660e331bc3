#include "pact/model.hpp"

#include <algorithm>
#include <cctype>

namespace pact {

std::string to_string(specification_version version) {
    switch (version) {
    case specification_version::v1: return "1.0.0";
    case specification_version::v1_1: return "1.1.0";
    case specification_version::v2: return "2.0.0";
    case specification_version::v3: return "3.0.0";
    case specification_version::v4: return "4.0";
    }
    return "3.0.0";
}

std::string to_string(interaction_kind kind) {
    switch (kind) {
    case interaction_kind::synchronous_http: return "Synchronous/HTTP";
    case interaction_kind::asynchronous_message: return "Asynchronous/Messages";
    case interaction_kind::synchronous_message: return "Synchronous/Messages";
    }
    return "Synchronous/HTTP";
}

bool equals_ignoring_case(std::string_view left, std::string_view right) {
    return std::ranges::equal(left, right, [](unsigned char a, unsigned char b) {
        return std::tolower(a) == std::tolower(b);
    });
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())) != 0) text.remove_prefix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())) != 0) text.remove_suffix(1);
    return text;
}

const std::vector<std::string>* find_header(const header_map& headers, std::string_view name) {
    const auto found = std::ranges::find_if(headers, [&](const auto& entry) { return equals_ignoring_case(entry.first, name); });
    return found == headers.end() ? nullptr : &found->second;
}

std::optional<std::string> header_value(const header_map& headers, std::string_view name) {
    const auto* values = find_header(headers, name);
    if (values == nullptr || values->empty()) return std::nullopt;
    std::string joined;
    for (const auto& value : *values) {
        if (!joined.empty()) joined += ", ";
        joined += value;
    }
    return joined;
}

matching_rules::matching_rules(category_map categories) : categories_(std::make_shared<category_map>(std::move(categories))) {}

bool matching_rules::empty() const {
    return std::ranges::all_of(categories(), [](const auto& category) { return category.second.empty(); });
}

const matching_rules::category_rules* matching_rules::category(std::string_view name) const {
    const auto& all = categories();
    const auto found = all.find(std::string(name));
    return found == all.end() || found->second.empty() ? nullptr : &found->second;
}

const matching_rules::category_map& matching_rules::categories() const {
    static const category_map none;
    return categories_ ? *categories_ : none;
}

matching_rules::category_rules& matching_rules::category_to_change(const std::string& name) {
    if (!categories_) {
        categories_ = std::make_shared<category_map>();
    } else if (categories_.use_count() > 1) {
        categories_ = std::make_shared<category_map>(*categories_);
    }
    return (*categories_)[name];
}

}  // namespace pact
