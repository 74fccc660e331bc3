#pragma once
// A failed exchange with the broker, carrying what the broker said (its `errors` and `notices`).

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace pact::broker_client {

struct broker_notice {
    std::string type;  // "success", "info", "warning", "error", "debug", "prompt", "danger" ...
    std::string text;
};

struct broker_error {
    enum class kind {
        unreachable,       // no answer at all after every attempt (connection refused, reset, timeout)
        not_found,         // 404
        refused,           // any other 4xx: the broker did not accept the request
        server_error,      // 5xx/408/429 after every attempt
        invalid_answer,    // 2xx that is not a JSON document
        missing_relation,  // the resource lacks a HAL relation the command needs
    };
    kind what = kind::refused;
    int status = 0;       // HTTP status, 0 when there was none
    std::string method;
    std::string path;     // path (and query) of the request
    std::string message;  // one sentence saying what failed
    std::vector<std::string> errors;       // the broker's `errors`, flattened to "field: message"
    std::vector<broker_notice> notices;    // the broker's `notices`
    nlohmann::json body;                   // the answer body when it was JSON, else null

    // The message followed by what the broker said, one item per line.
    [[nodiscard]] std::string to_string() const;
};

// `errors` in each form the broker uses ({field: [messages]}, {field: message}, [messages], message),
// flattened to "field: message" lines.
[[nodiscard]] std::vector<std::string> flatten_errors(const nlohmann::json& errors);

// `notices` as [{type, text}]; anything else gives an empty list.
[[nodiscard]] std::vector<broker_notice> read_notices(const nlohmann::json& resource);

}  // namespace pact::broker_client
