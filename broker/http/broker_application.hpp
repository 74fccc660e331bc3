#pragma once
// The broker's HTTP front: turns a wire request into a resource_request (decoded path, query, base
// URL), routes it, and renders what the resource returns as HAL+JSON. The one place where a
// request_problem (or any other escaping exception) becomes a status and a JSON `errors` body.
// Thread-safe when the resources are.

#include "broker/http/route_table.hpp"
#include "http/server.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace pact::broker::http {

struct application_options {
    // Prefixes of every href, chosen by the request's Host (pact::http::base_url_for); none builds it from
    // the Host header ("http://<host>").
    std::vector<std::string> base_urls;
    std::size_t max_body_bytes = 10 * 1024 * 1024;
};

class broker_application {
public:
    broker_application(route_table routes, application_options options);

    [[nodiscard]] pact::http::response handle(const pact::http::request& request) const;

private:
    // Sets `route` to the pattern of the matched route, if any, before the resource runs.
    [[nodiscard]] pact::http::response respond(const pact::http::request& request, std::string_view& route) const;
    [[nodiscard]] resource_response serve(const pact::http::request& request, std::string_view& route) const;
    route_table routes_;
    application_options options_;
};

inline constexpr std::string_view hal_json_content_type = "application/hal+json;charset=utf-8";
// The route label (pact::http::route_field) of a request no route's pattern fits.
inline constexpr std::string_view unmatched_route = "unmatched";

}  // namespace pact::broker::http
