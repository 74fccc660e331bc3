#pragma once
// The pact model: the in-memory form of a pact document of any specification version (v1 to v4).
// Every other component (verifier, stub, broker, cli) speaks these types. Pure data, no I/O.

#include "pact/matching_rules.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pact {

enum class specification_version { v1, v1_1, v2, v3, v4 };

// "1.0.0", "1.1.0", "2.0.0", "3.0.0", "4.0" as written in metadata.pactSpecification.version.
[[nodiscard]] std::string to_string(specification_version version);

[[nodiscard]] bool equals_ignoring_case(std::string_view left, std::string_view right);
// The text without leading and trailing white space.
[[nodiscard]] std::string_view trim(std::string_view text);

struct provider_state {
    std::string name;
    nlohmann::json params = nlohmann::json::object();
};

// A body as recorded in a pact or received over the wire.
struct body {
    enum class presence {
        missing,  // not mentioned in the pact: anything is accepted
        empty,    // present and empty ("" or zero bytes)
        present,  // has content (a JSON null body is present, with parsed == null)
    };
    presence state = presence::missing;
    std::string content_type;            // media type if known (from the v4 body or the headers), else ""
    std::string content;                 // the bytes as they travel on the wire (base64 already decoded)
    std::optional<nlohmann::json> parsed;  // the JSON value when the content is JSON

    [[nodiscard]] bool is_missing() const { return state == presence::missing; }
    // A pact's "body": null: no body is expected, and none is sent.
    [[nodiscard]] bool is_null() const { return parsed && parsed->is_null(); }
};

// Header names keep the case they were written with; look them up with find_header (case-insensitive).
// A value is one header line; matching splits comma-separated values where the specification says so.
using header_map = std::map<std::string, std::vector<std::string>>;
// Query parameters in order of name, each with its values in order.
using query_map = std::map<std::string, std::vector<std::string>>;

[[nodiscard]] const std::vector<std::string>* find_header(const header_map& headers, std::string_view name);
// All values of a header joined with ", " (as one line), or nullopt when absent.
[[nodiscard]] std::optional<std::string> header_value(const header_map& headers, std::string_view name);

struct http_request {
    std::string method = "GET";
    std::string path = "/";
    query_map query;
    std::optional<std::string> raw_query;  // the query string when the pact wrote one (up to v2), as written
    bool query_is_text = false;            // v1: the query string is compared as text (decoded), in order
    header_map headers;
    pact::body body;
    matching_rules rules;      // categories: path, query, header, body
    nlohmann::json generators = nlohmann::json::object();  // kept as written (v3 form), applied by generators.hpp
};

struct http_response {
    int status = 200;
    header_map headers;
    pact::body body;
    matching_rules rules;      // categories: status, header, body
    nlohmann::json generators = nlohmann::json::object();
};

// A message (v3 message pacts, v4 asynchronous messages, each half of a v4 synchronous message).
struct message {
    pact::body contents;
    nlohmann::json metadata = nlohmann::json::object();
    matching_rules rules;      // categories: body (contents), metadata
    nlohmann::json generators = nlohmann::json::object();
};

enum class interaction_kind { synchronous_http, asynchronous_message, synchronous_message };

// "Synchronous/HTTP", "Asynchronous/Messages", "Synchronous/Messages" as v4 pacts write them.
[[nodiscard]] std::string to_string(interaction_kind kind);

struct interaction {
    interaction_kind kind = interaction_kind::synchronous_http;
    std::string description;
    std::vector<provider_state> provider_states;
    std::string key;        // v4 interaction key; "" when absent
    bool pending = false;   // v4
    nlohmann::json comments = nlohmann::json::object();  // v4 comments (text, testname, ...)

    http_request request;   // synchronous_http
    http_response response; // synchronous_http
    pact::message message;  // asynchronous_message; the request of a synchronous_message
    std::vector<pact::message> message_responses;  // synchronous_message

    // Fields of the interaction this model does not interpret (plugin configuration, markup, ...):
    // written back unchanged.
    nlohmann::json extra = nlohmann::json::object();
};

struct pact_document {
    std::string consumer;
    std::string provider;
    specification_version version = specification_version::v3;
    std::vector<interaction> interactions;
    // metadata as read, minus pactSpecification (derived from version when writing)
    nlohmann::json metadata = nlohmann::json::object();
};

}  // namespace pact
