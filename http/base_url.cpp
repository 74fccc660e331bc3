#include "http/base_url.hpp"

#include "http/url.hpp"

#include <algorithm>
#include <cctype>
#include <string_view>

namespace pact::http {
namespace {

bool equal_ignoring_case(std::string_view a, std::string_view b) {
    return std::ranges::equal(a, b, [](unsigned char x, unsigned char y) { return std::tolower(x) == std::tolower(y); });
}

// A Host header names the default port or leaves it out; either names the URL's.
bool is_reached_as(std::string_view base_url, std::string_view host) {
    const auto parsed = parse_url(base_url);
    if (!parsed) return false;
    return equal_ignoring_case(host, parsed->authority()) || equal_ignoring_case(host, parsed->host + ":" + std::to_string(parsed->port));
}

}  // namespace

std::string base_url_for(const request& request, const std::vector<std::string>& base_urls) {
    const std::string_view host = request[boost::beast::http::field::host];
    if (base_urls.empty()) return "http://" + std::string(host.empty() ? "127.0.0.1" : host);
    if (base_urls.size() > 1) {
        // The proxy's name for the broker before the name the proxy called it by.
        for (const std::string_view name : {std::string_view(request["X-Forwarded-Host"]), host}) {
            if (name.empty()) continue;
            const auto match = std::ranges::find_if(base_urls, [name](const std::string& base_url) { return is_reached_as(base_url, name); });
            if (match != base_urls.end()) return *match;
        }
    }
    return base_urls.front();
}

}  // namespace pact::http
