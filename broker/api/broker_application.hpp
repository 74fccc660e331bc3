#pragma once
// The broker's HTTP front: parses a wire request once (decoded path, query, base URL, whether a browser
// asks), matches it once against the route table, lets the matched route's access decide who may call it,
// and answers with the route's page (for browsers, or for every client when it is a badge) or its JSON,
// rendered as HAL+JSON (shown to browsers through `browser_view`). The one place where a request_problem
// (or any other escaping exception) becomes a status and a JSON `errors` body. Thread-safe when the
// resources are.

#include "broker/api/authentication.hpp"
#include "broker/api/route_table.hpp"
#include "http/server.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace pact::broker::api {

struct application_options {
    // Prefixes of every href, chosen by the request's Host (pact::http::base_url_for); none builds it from
    // the Host header ("http://<host>").
    std::vector<std::string> base_urls;
    std::size_t max_body_bytes = 10 * 1024 * 1024;
    authentication_settings authentication;  // none configured: everything is allowed
    // The HTML a browser sees for a JSON answer (the HAL browser): (the resource's URL, status, document,
    // base URL) → page. None: browsers get the JSON.
    std::function<std::string(std::string_view, unsigned, const nlohmann::json&, std::string_view)> browser_view;
};

// True when an Accept header asks for text/html before any JSON type (what browsers send; API clients
// send application/hal+json or application/json, or nothing).
[[nodiscard]] bool prefers_html(std::string_view accept);

class broker_application {
public:
    broker_application(route_table routes, application_options options);

    [[nodiscard]] pact::http::response handle(const pact::http::request& request) const;

private:
    // Sets `route` to the pattern of the matched route, if any, before the resource runs.
    // What is read from the request's header lines once, before it is routed.
    struct request_traits {
        bool wants_html = false;  // a browser's GET
        std::string base_url;     // the prefix of every href in the answer
    };
    [[nodiscard]] pact::http::response respond(const pact::http::request& request, const request_traits& traits, std::string_view& route) const;
    [[nodiscard]] resource_response serve(const pact::http::request& request, const request_traits& traits, std::string_view& route) const;
    route_table routes_;
    application_options options_;
};

inline constexpr std::string_view hal_json_content_type = "application/hal+json;charset=utf-8";
inline constexpr std::string_view html_content_type = "text/html;charset=utf-8";
// The route label (pact::http::route_field) of a request no route's pattern fits.
inline constexpr std::string_view unmatched_route = "unmatched";

}  // namespace pact::broker::api
