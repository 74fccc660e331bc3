#pragma once
// The individual matchers ("type", "regex", "integer", "date", "semver", ...): built once from their JSON
// definition when a pact is read (regular expressions and date patterns compiled then), then applied to
// single values by the matching engine. Structural matchers (values, eachKey, eachValue, arrayContains)
// are built here and applied by the engine, which knows the document around the value.

#include "pact/date_format.hpp"
#include "pact/matching_rules.hpp"

#include <boost/regex.hpp>

#include <expected>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace pact {

enum class matcher_type {
    equality, type, regex, integer, decimal, number, boolean, null, include, date, time, datetime,
    values, each_key, each_value, array_contains, content_type, not_empty, semver, status_code,
};

// One variant of an arrayContains matcher: an example element and the rules relative to it.
struct array_variant {
    std::size_t index = 0;
    std::map<std::string, rule_list> rules;
};

struct compiled_matcher {
    matcher_type type = matcher_type::equality;
    std::optional<std::size_t> minimum;  // type (and eachValue/eachKey arrays): min/max length
    std::optional<std::size_t> maximum;
    std::optional<boost::regex> regex;
    std::optional<date_format> format;
    nlohmann::json value;                 // include text, contentType media type, statusCode status
    rule_list nested;                     // eachKey/eachValue: the rules applied to each key or value
    std::vector<array_variant> variants;  // arrayContains
};

// Compiled matchers shared between equal definitions, and whole rule sets shared between equal
// "matchingRules": a pact of 10,000 interactions repeats the same few regular expressions, date formats and
// rule sets, and each is compiled (and held in memory) once. Not thread-safe: one cache per thread; the
// compiled matchers it hands out are immutable and may be shared freely.
class matcher_cache {
public:
    [[nodiscard]] std::shared_ptr<const compiled_matcher> find(const std::string& key) const;
    void add(std::string key, std::shared_ptr<const compiled_matcher> compiled);
    // Rule sets by the JSON text they were read from.
    [[nodiscard]] std::optional<matching_rules> find_rules(const std::string& text) const;
    void add_rules(std::string text, matching_rules rules);

private:
    std::unordered_map<std::string, std::shared_ptr<const compiled_matcher>> entries_;
    std::unordered_map<std::string, matching_rules> rule_sets_;
};

// Builds a matcher from its JSON definition (v2 form {"min": 1} or {"regex": ...} included); the error
// says what is wrong with it ("unknown matcher 'foo'", "invalid regular expression ..."). A cache, when
// given, supplies and keeps the expensive compiled parts (regular expressions, date formats).
[[nodiscard]] std::expected<matcher, std::string> make_matcher(const nlohmann::json& definition, matcher_cache* cache = nullptr);
// A rule list from {"matchers": [...], "combine": "AND"|"OR"}, or from a bare v2 matcher object.
[[nodiscard]] std::expected<rule_list, std::string> make_rule_list(const nlohmann::json& definition, std::string_view path,
                                                                   matcher_cache* cache = nullptr);
// The rules of one category in the v3/v4 form (path -> rule list).
[[nodiscard]] std::expected<std::map<std::string, rule_list>, std::string> make_rule_category(const nlohmann::json& category,
                                                                                              matcher_cache* cache = nullptr);

// How values are compared: as JSON (bodies) or as text (headers, query, path, metadata strings).
enum class value_kind { json, text };

// Applies one non-structural matcher to a value; the failure says why in words, nullopt when it matches.
[[nodiscard]] std::optional<std::string> check_value(const matcher& rule, const nlohmann::json& expected,
                                                     const nlohmann::json& actual, value_kind kind);
// The min/max part of a type matcher, for a list it names directly (not one below it).
[[nodiscard]] std::optional<std::string> check_length(const matcher& rule, const nlohmann::json& actual);
// Applies a rule list, honouring AND / OR; returns every failure (empty when it matches).
[[nodiscard]] std::vector<std::string> check_rules(const rule_list& rules, const nlohmann::json& expected,
                                                   const nlohmann::json& actual, value_kind kind);

// The precomputed form of a matcher; one built by hand (no make_matcher) is compiled on the spot.
[[nodiscard]] std::shared_ptr<const compiled_matcher> compiled(const matcher& rule);

// "Map", "List", "String", "Number", "Boolean", "Null" as the messages name JSON types.
[[nodiscard]] std::string json_type_name(const nlohmann::json& value);
// The value as a short text for messages: strings unquoted, others as JSON.
[[nodiscard]] std::string describe(const nlohmann::json& value);

}  // namespace pact
