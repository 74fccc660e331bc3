#pragma once
// The pact model's requests and responses on the wire: what the verifier sends to a provider and reads
// back, and what the stub (or a mock server) reads from a consumer and answers.

#include "http/message.hpp"
#include "pact/matching.hpp"
#include "pact/model.hpp"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pact::wire {

// A body read from the wire: "empty" when there are no bytes, the content type from the header (or
// inferred from the bytes when there is none), parsed when it is JSON.
[[nodiscard]] pact::body body_from_wire(std::string content, std::string_view content_type_header);

// The request a pact describes, as sent to a provider: base_path is put before the path (percent-encoded),
// the query is encoded from its parts (a v1 query string is sent as written), extra headers replace
// headers of the same name. A pact body that is empty ("") or null is sent as no body, and a header value written
// over several lines as one line, here and in responses.
[[nodiscard]] http::request to_wire(const pact::http_request& described, std::string_view base_path,
                              const std::vector<std::pair<std::string, std::string>>& extra_headers = {});
[[nodiscard]] pact::http_response from_wire(const http::response& received);

// The other direction, for servers that answer from pacts: path and query decoded ('+' in a query is a space).
[[nodiscard]] pact::http_request from_wire(const http::request& received);
[[nodiscard]] http::response to_wire(const pact::http_response& described);

// A mismatch as JSON reports and error bodies carry it: {"part", "path", "expected", "actual", "message"}.
[[nodiscard]] nlohmann::json to_json(const pact::mismatch& difference);

}  // namespace pact::wire
