#pragma once
// Body (and header, query, path, metadata) patterns for consumer tests: an example value with matchers
// embedded where the consumer relies on a shape rather than an exact value. Rendering a pattern gives the
// example JSON and the v3/v4 matching rules (and generators) at the JSON paths where the matchers stand.
//
//   object({{"id", integer(7)}, {"total_amount", integer(1299)}, {"items", each_like(object({...}))}})

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pact::consumer {

class pattern {
public:
    // A plain value: the provider must send exactly this (unless an enclosing matcher says otherwise).
    pattern(nlohmann::json value);  // NOLINT: implicit on purpose, so plain values read naturally
    pattern(const char* value);     // NOLINT
    pattern(std::string value);     // NOLINT
    pattern(int value);             // NOLINT
    pattern(long value);            // NOLINT
    pattern(long long value);       // NOLINT
    pattern(unsigned value);        // NOLINT
    pattern(unsigned long value);   // NOLINT
    pattern(unsigned long long value);  // NOLINT
    pattern(double value);          // NOLINT
    pattern(bool value);            // NOLINT
    pattern(std::nullptr_t);        // NOLINT

    struct node;
    explicit pattern(std::shared_ptr<const node> content);
    [[nodiscard]] const node& content() const { return *content_; }

private:
    std::shared_ptr<const node> content_;
};

// A pattern rendered at a root path: the example value, matching rules and generators, keyed by the
// JSON path below the root ("$", "$.items[*].id", "$['a b']").
struct rendered_pattern {
    nlohmann::json example;
    std::vector<std::pair<std::string, std::vector<nlohmann::json>>> rules;  // path -> matcher definitions
    std::vector<std::pair<std::string, nlohmann::json>> generators;          // path -> generator definition
};

[[nodiscard]] rendered_pattern render(const pattern& value);

// "$.name", or "$['a name']" when the name is not a plain identifier.
[[nodiscard]] std::string child_path(std::string_view parent, std::string_view name);

// Structure
[[nodiscard]] pattern object(std::initializer_list<std::pair<std::string, pattern>> members);
[[nodiscard]] pattern object(std::vector<std::pair<std::string, pattern>> members);
[[nodiscard]] pattern array(std::initializer_list<pattern> items);
[[nodiscard]] pattern array(std::vector<pattern> items);

// Shape matchers
[[nodiscard]] pattern like(pattern example);                           // same type as the example
[[nodiscard]] pattern each_like(pattern example, std::size_t min = 1);  // an array of at least min such items
[[nodiscard]] pattern min_like(pattern example, std::size_t min);      // example: the array itself
[[nodiscard]] pattern max_like(pattern example, std::size_t max);
[[nodiscard]] pattern min_max_like(pattern example, std::size_t min, std::size_t max);
[[nodiscard]] pattern equal_to(pattern example);  // exact value, even below a type matcher

// Value matchers
[[nodiscard]] pattern integer(std::int64_t example);
[[nodiscard]] pattern decimal(double example);
[[nodiscard]] pattern number(double example);
[[nodiscard]] pattern boolean(bool example);
[[nodiscard]] pattern null();
[[nodiscard]] pattern string(std::string example);  // any string
[[nodiscard]] pattern regex(std::string expression, std::string example);
[[nodiscard]] pattern include(std::string substring);  // a string containing substring (the example)
[[nodiscard]] pattern not_empty(pattern example);
[[nodiscard]] pattern semver(std::string example);
[[nodiscard]] pattern uuid(std::string example = "e2490de5-5bd3-43d5-b7c4-526e33f71304");
// Java-style formats ("yyyy-MM-dd'T'HH:mm:ss"), as the specification defines them.
[[nodiscard]] pattern datetime(std::string format, std::string example);
[[nodiscard]] pattern date(std::string format, std::string example);
[[nodiscard]] pattern time(std::string format, std::string example);
[[nodiscard]] pattern timestamp(std::string format, std::string example);

// Collections
// Every key of the example object satisfies key_rule (a value matcher such as regex(...)).
[[nodiscard]] pattern each_key(pattern example, pattern key_rule);
// Every value of the example object (or array) satisfies value_rule (a matcher such as like(...)).
[[nodiscard]] pattern each_value(pattern example, pattern value_rule);
// An array holding, somewhere, an item matching each variant (with the variant's own matchers).
[[nodiscard]] pattern array_contains(std::vector<pattern> variants);

// Generators
// The provider state's value for expression feeds this place at verification ("/orders/${orderId}").
[[nodiscard]] pattern from_provider_state(std::string expression, pattern example);

}  // namespace pact::consumer
