#pragma once
// Every request as operators see it: an id (the client's X-Request-Id when it is a plain one, else a new one;
// echoed back), the method, the route's pattern, the path without its query, the status and the duration.
// observe_requests wraps the broker's whole handler, authentication included, so refused requests are seen too;
// it removes the route field (pact::http::route_field) from the response and hands a summary to the observer
// after each request. Thread-safe when the inner handler and the observer are.

#include "http/server.hpp"

#include <chrono>
#include <functional>
#include <string>
#include <string_view>

namespace pact::broker::api {

struct request_summary {
    std::string id;
    std::string method;  // GET, POST, …; "other" for a method Beast does not know, so labels stay bounded
    std::string route;   // the matched pattern, "html" for pages, "unmatched" when no route answered
    std::string path;    // without the query (it may carry secrets), bytes outside printable ASCII percent-encoded
    unsigned status = 0;
    std::chrono::duration<double> duration{};
};

// The request and response header that carries the request's id.
inline constexpr std::string_view request_id_field = "X-Request-Id";

using request_observer = std::function<void(const request_summary&)>;

[[nodiscard]] pact::http::handler observe_requests(pact::http::handler inner, request_observer observer);

// The header's value when it is 1 to 128 letters, digits and "-_.:", else a new random id (32 hex digits).
[[nodiscard]] std::string request_id_for(std::string_view header_value);

}  // namespace pact::broker::api
