#pragma once
// A provider contract's operations in one shape, whatever its format: Swagger 2.0's consumes, produces, body
// parameters and basePath and OpenAPI 3's request bodies, content maps and servers read alike, with references
// followed. What the comparison walks.

#include "openapi/provider_contract.hpp"

#include <optional>
#include <string>
#include <vector>

namespace pact::openapi {

struct contract_parameter {
    std::string name;
    std::string location;        // "path", "query", "header", "cookie"
    bool required = false;
    std::string schema_pointer;  // JSON pointer to its schema (Swagger 2.0's inline schemas included)
    bool exploded = true;        // several values as repeated parameters, not one comma-separated text
};

struct media_content {
    std::string media_type;      // as the contract writes it: "application/json", "*/*"
    std::string schema_pointer;  // "" when the contract gives no schema
};

struct contract_response {
    std::string status;   // "200", "2XX", "default"
    std::string pointer;  // of the response object (after a reference)
    std::vector<media_content> content;
    std::vector<contract_parameter> headers;  // location "header", required as the contract says
};

struct security_credential {
    std::string location;  // "header" or "query"
    std::string name;      // "Authorization", "api_key"
};

struct contract_operation {
    std::string method;          // upper case: "GET"
    std::string path_template;   // "/orders/{id}"
    std::vector<std::string> template_segments;  // {"orders", "{id}"}
    std::string pointer;         // "/paths/~1orders~1{id}/get"
    std::vector<contract_parameter> parameters;  // the path item's and the operation's, the operation's winning
    std::vector<media_content> request_content;  // empty when the operation takes no body
    bool request_body_required = false;
    std::vector<std::string> produces;           // every media type a response may have
    std::vector<contract_response> responses;
    // Alternatives: the request must carry every credential of one of them. Empty: no security.
    std::vector<std::vector<security_credential>> security;

    [[nodiscard]] std::string name() const { return method + " " + path_template; }
};

// The response a status selects: its own, its range's ("2XX"), or the default one.
struct response_selection {
    const contract_response* response = nullptr;  // nullptr: none
    bool by_default = false;
};
[[nodiscard]] response_selection select_response(const contract_operation& operation, int status);

struct contract_operations {
    std::vector<contract_operation> operations;
    // Path prefixes the operations are served under: Swagger 2.0's basePath, the paths of OpenAPI 3's servers.
    std::vector<std::string> path_prefixes;
};

[[nodiscard]] contract_operations operations_of(const provider_contract& contract);

// The text in lower case (ASCII): header names compare so.
[[nodiscard]] std::string lower_case(std::string text);

// The segments of a request path or path template: "/orders/{id}/" -> {"orders", "{id}"}.
[[nodiscard]] std::vector<std::string> path_segments(std::string_view path);

}  // namespace pact::openapi
