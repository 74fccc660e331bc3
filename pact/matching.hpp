#pragma once
// The matching engine: compares what a pact expects with what was actually seen, by the pact's
// matching rules, exactly as the Pact specification defines it. Requests match strictly (no unexpected
// body keys or query parameters); responses and messages allow unexpected keys.

#include "pact/model.hpp"

#include <string>
#include <vector>

namespace pact {

// One difference between expectation and reality: data, never an exception.
struct mismatch {
    std::string part;       // "method", "path", "query", "header", "status", "body", "metadata"
    std::string path;       // "$.total_amount", a header or query name, "" for method/path/status
    nlohmann::json expected;
    nlohmann::json actual;
    std::string message;    // a sentence a person understands, e.g.
                            // "$.total_amount is missing; the provider now sends $.total_cents (renamed?)"
};

// "body: $.total_amount is missing; …": the part, the path unless the message names it already, and the message.
[[nodiscard]] std::string describe(const mismatch& difference);

[[nodiscard]] std::vector<mismatch> match_request(const http_request& expected, const http_request& actual);
[[nodiscard]] std::vector<mismatch> match_response(const http_response& expected, const http_response& actual);
[[nodiscard]] std::vector<mismatch> match_message(const message& expected, const message& actual);

}  // namespace pact
