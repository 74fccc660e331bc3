#pragma once
// A JSON Schema validator for the draft-07 subset our schemas use: $ref to local definitions, type,
// properties, required, additionalProperties, patternProperties, items, enum, const, oneOf/anyOf/allOf,
// not, minimum/maximum, pattern, minLength/maxLength, minItems/maxItems. Each violation names its JSON
// path and the reason. Never throws on any document.

#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace pact::schemas {

struct schema_violation {
    std::string path;     // "$.interactions[3].response.status"
    std::string message;  // "expected an integer, found a string"
};

// Validates against one of the embedded schemas (by file name without ".json"). An unknown schema
// name is reported as a violation at "$". Thread-safe.
[[nodiscard]] std::vector<schema_violation> validate(std::string_view schema_name, const nlohmann::json& document);
// Validates against a schema given as JSON (tests, ad-hoc schemas); patterns are compiled per call.
[[nodiscard]] std::vector<schema_violation> validate_with(const nlohmann::json& schema, const nlohmann::json& document);

// Validates many values, one after another, against one part of an embedded schema named by a JSON
// pointer into it ("/properties/interactions/items"): the elements of a long list checked as they are read,
// with the part's $refs resolved once for all of them. Violation paths start at the value ("$.request").
// An unknown schema or a pointer that does not resolve makes every value a violation. Not thread-safe:
// one per thread.
class part_validator {
public:
    part_validator(std::string_view schema_name, std::string_view pointer);
    ~part_validator();
    part_validator(const part_validator&) = delete;
    part_validator& operator=(const part_validator&) = delete;

    [[nodiscard]] std::vector<schema_violation> validate(const nlohmann::json& value);
    // Whether the schema has the part: a v2 or v4 pact's schema says nothing of a "messages" list.
    [[nodiscard]] bool has_part() const;

private:
    struct state;
    std::unique_ptr<state> state_;
};

[[nodiscard]] std::vector<std::string> schema_names();

// "an object", "a list", "a string", "an integer", "a number", "a boolean", "null": a value's kind in words.
[[nodiscard]] std::string kind_in_words(const nlohmann::json& value);

}  // namespace pact::schemas
