#pragma once
// Body comparison, content-type aware: JSON (json_matching.cpp), XML (xml_matching.cpp), form and plain
// text bodies (body_matching.cpp). Used by matching.cpp for requests, responses and messages.

#include "pact/json_path.hpp"
#include "pact/matching.hpp"

#include <map>
#include <span>
#include <string>
#include <string_view>

namespace pact {

struct body_match_context {
    const std::map<std::string, rule_list>* rules = nullptr;  // the body category, or nullptr
    bool allow_unexpected_keys = false;  // responses and messages: true; requests: false
    std::string part = "body";           // mismatch part: "body" (or "contents" for messages)
    std::string sender = "provider";     // who sent the actual body, for the rename hint
    // Content-Type headers, used for a body that does not carry its own media type.
    std::string expected_header_content_type;
    std::string actual_header_content_type;
};

// The most specific rules for a location (highest weight, then longest path), or nullptr.
[[nodiscard]] const rule_list* best_rules(const std::map<std::string, rule_list>* rules, std::span<const path_step> location);
// The rules whose path names exactly this location, or nullptr.
[[nodiscard]] const rule_list* exact_rules(const std::map<std::string, rule_list>* rules, std::span<const path_step> location);

[[nodiscard]] std::vector<mismatch> match_body(const body& expected, const body& actual, const body_match_context& context);
[[nodiscard]] std::vector<mismatch> match_json(const nlohmann::json& expected, const nlohmann::json& actual, const body_match_context& context);
[[nodiscard]] std::vector<mismatch> match_xml(std::string_view expected, std::string_view actual, const body_match_context& context);

}  // namespace pact
