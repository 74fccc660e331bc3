#pragma once
// The broker's front door for browsers: a GET that html_site has a page for (or a badge, or a diff) is
// answered with it; everything else goes to the JSON API, and when a browser asked, the API's
// HAL+JSON answer is shown in the HAL browser instead. API clients see exactly what the API sends.
// Thread-safe when the API handler is.

#include "broker/html/html_site.hpp"
#include "http/message.hpp"

#include <functional>
#include <string>
#include <vector>

namespace pact::broker::html {

// The route label (pact::http::route_field) of every page, badge and diff: one label for them all.
inline constexpr std::string_view html_route = "html";

class browsable_front {
public:
    using api_handler = std::function<pact::http::response(const pact::http::request&)>;

    // `base_urls`: the broker's configured base URLs, chosen by each request's Host (pact::http::base_url_for);
    // none builds it from the Host header.
    browsable_front(domain::broker_services& services, api_handler api, std::vector<std::string> base_urls);

    [[nodiscard]] pact::http::response handle(const pact::http::request& request) const;

private:
    html_site site_;
    api_handler api_;
    std::vector<std::string> base_urls_;
};

}  // namespace pact::broker::html
