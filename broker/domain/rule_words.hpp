#pragma once
// Matching rules in words, for people reading a pact as documentation: "any integer",
// "matches ^\d+$", "an array of at least 1 like this"; and the list of places in an expected body
// or headers that the consumer relies on, each with the rule that applies to it.

#include "pact/model.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace pact::broker::domain {

// One matcher, for a place whose example value is `example`.
[[nodiscard]] std::string describe_matcher(const pact::matcher& matcher, const nlohmann::json& example);
// The rules of one place, joined with "and" / "or" as the pact combines them.
[[nodiscard]] std::string describe_rules(const pact::rule_list& rules, const nlohmann::json& example);

struct relied_on_field {
    std::string place;     // "$.total_amount", "header Content-Type", "status"
    nlohmann::json example;
    std::string rule;      // in words; "equal to the example" when no rule applies
};

// Every place of the expected response (status, headers, JSON body down to its leaves) a consumer
// relies on. Arrays under a "like this" rule are described once, by their first element.
[[nodiscard]] std::vector<relied_on_field> relied_on_fields(const pact::http_response& response);
// The same for a message's contents and metadata.
[[nodiscard]] std::vector<relied_on_field> relied_on_fields(const pact::message& message);

}  // namespace pact::broker::domain
