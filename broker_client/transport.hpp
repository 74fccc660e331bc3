#pragma once
// What the broker client needs from HTTP: send one request, get one response. The client is written
// against this function type so that it can be tested without sockets and run over http::client.

#include <boost/asio/awaitable.hpp>

#include <expected>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pact::broker_client {

using header_list = std::vector<std::pair<std::string, std::string>>;

struct outgoing_request {
    std::string method;   // "GET", "POST", "PUT", "PATCH", "DELETE"
    std::string url;      // absolute: scheme, host, port, path and query
    header_list headers;
    std::string body;
};

struct incoming_response {
    int status = 0;
    header_list headers;
    std::string body;

    // The first header with that name (case-insensitive), or "".
    [[nodiscard]] std::string header(std::string_view name) const;
};

// A failure to exchange at all, as a sentence. Refused, reset and timed out connections are worth another
// attempt; a broker whose certificate is not trusted is not.
struct transport_failure {
    transport_failure(std::string why, bool retry = true) : message(std::move(why)), worth_retrying(retry) {}
    std::string message;
    bool worth_retrying = true;
};
using transport_result = std::expected<incoming_response, transport_failure>;

using transport = std::function<boost::asio::awaitable<transport_result>(outgoing_request)>;

}  // namespace pact::broker_client
