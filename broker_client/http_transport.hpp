#pragma once
// The broker client's transport over http::client (keep-alive pool, timeouts).

#include "broker_client/transport.hpp"

namespace pact::http {
class client;
}

namespace pact::broker_client {

// The client must outlive every request sent through the returned transport.
[[nodiscard]] transport make_http_transport(http::client& client);

}  // namespace pact::broker_client
