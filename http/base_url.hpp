#pragma once
// The base URL a request's links start with, for a server reachable at several URLs (the Pact Broker's
// PACT_BROKER_BASE_URLS: an internal and an external name, say).

#include "http/message.hpp"

#include <string>
#include <vector>

namespace pact::http {

// Of the configured URLs, the one whose host and port are the request's X-Forwarded-Host, else its Host
// (compared without regard to case); else the first. Without any configured, "http://" and the Host
// header (127.0.0.1 when there is none).
[[nodiscard]] std::string base_url_for(const request& request, const std::vector<std::string>& base_urls);

}  // namespace pact::http
