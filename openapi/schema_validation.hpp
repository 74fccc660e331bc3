#pragma once
// Values of a pact checked against the schemas of a provider contract, by a real JSON Schema validator
// (valijson). OpenAPI's schema dialect is first turned into JSON Schema (nullable, formats, Swagger 2's inline
// parameter schemas); a response's schemas are then read as a consumer may rely on them: closed, so a field the
// contract does not promise is an error, and with `required` relaxed, since a consumer may use fewer fields.

#include "openapi/provider_contract.hpp"

#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace pact::openapi {

enum class schema_direction { request, response };

struct schema_violation {
    std::string path;     // in the value, as a JSON path: "$.items[0].total_amount"
    std::string message;  // a sentence, with the rename hint where one applies
};

class schema_validator {
public:
    explicit schema_validator(const provider_contract& contract);
    ~schema_validator();
    schema_validator(const schema_validator&) = delete;
    schema_validator& operator=(const schema_validator&) = delete;

    // The schema at `schema_pointer` (a JSON pointer into the contract, e.g. ".../content/application~1json/schema")
    // applied to `value`. A Swagger 2.0 parameter's or header's inline schema is at its pointer + "/schema" too.
    [[nodiscard]] std::vector<schema_violation> validate(std::string_view schema_pointer, const nlohmann::json& value,
                                                         schema_direction direction);
    // The JSON types the schema allows ("string", "integer", ...; empty when it does not say), after references:
    // how a query parameter's or a header's text is to be read.
    [[nodiscard]] std::vector<std::string> types_of(std::string_view schema_pointer) const;

private:
    struct compiled_schemas;
    std::unique_ptr<compiled_schemas> schemas_;
};

}  // namespace pact::openapi
