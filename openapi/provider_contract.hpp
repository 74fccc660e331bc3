#pragma once
// A provider contract: an OpenAPI 3.0 or 3.1 document or a Swagger 2.0 document, read from YAML or JSON and
// checked, with its local $refs resolvable. Pure data, no I/O.

#include <nlohmann/json.hpp>

#include <array>
#include <expected>
#include <string>
#include <string_view>

namespace pact::openapi {

// The methods a path item may hold an operation for, as the documents write them.
inline constexpr std::array<const char*, 8> operation_methods{"get", "put", "post", "delete", "options", "head", "patch", "trace"};

enum class contract_format { swagger_2, openapi_3_0, openapi_3_1 };

// "Swagger 2.0", "OpenAPI 3.0", "OpenAPI 3.1".
[[nodiscard]] std::string to_string(contract_format format);

// Why a document is not a provider contract: where in it (a JSON pointer such as "/paths/~1orders/get"; "" for
// the whole document or a syntax error) and what is wrong, in words.
struct contract_error {
    std::string location;
    std::string message;

    [[nodiscard]] std::string to_string() const;  // "/paths/~1orders/get: responses is missing"
};

class provider_contract {
public:
    provider_contract(nlohmann::json document, contract_format format);

    [[nodiscard]] const nlohmann::json& document() const { return document_; }
    [[nodiscard]] contract_format format() const { return format_; }
    // The value a local reference ("#/components/schemas/Order") points to; nullptr when it points nowhere
    // (reading the contract has already refused such a reference).
    [[nodiscard]] const nlohmann::json* resolve(std::string_view reference) const;

private:
    nlohmann::json document_;
    contract_format format_;
};

// The value a local reference ("#/components/schemas/Order", percent-encoded as a URI fragment is) points to
// in `document`; nullptr when it points nowhere or is not local.
[[nodiscard]] const nlohmann::json* resolve_reference(const nlohmann::json& document, std::string_view reference);

// Reads a contract. `content_type` is the media type it was published with ("application/yaml",
// "application/x-yaml", "application/json", ...); "" reads JSON when the text is JSON, else YAML.
// Refuses what is not a Swagger 2.0, OpenAPI 3.0 or 3.1 document, a reference that points nowhere, and a
// remote reference (another file or a URL), naming it.
[[nodiscard]] std::expected<provider_contract, contract_error> read_provider_contract(std::string_view content,
                                                                                      std::string_view content_type);

}  // namespace pact::openapi
