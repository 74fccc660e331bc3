#pragma once
// The browsable side of the broker: for a GET, the HTML page (or SVG badge, or diff) at that path,
// built from the domain services and rendered by the pure page functions of this folder. The HTTP
// layer asks it first; what it does not serve goes to the JSON API (shown in the HAL browser when a
// browser asked). Thread-safe (stateless over the thread-safe services).

#include "broker/domain/broker_services.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pact::broker::html {

struct page {
    unsigned status = 200;
    std::string content_type;
    std::string body;
};

struct page_request {
    std::vector<std::string> segments;                         // the path, percent-decoded
    std::vector<std::pair<std::string, std::string>> query;   // decoded, in order
    std::string base_url;                                      // prefix of every link
    bool wants_html = false;                                   // the client prefers text/html
};

// True when an Accept header asks for text/html before any JSON type (what browsers send; API clients
// send application/hal+json or application/json, or nothing).
[[nodiscard]] bool prefers_html(std::string_view accept);

inline constexpr std::string_view html_content_type = "text/html;charset=utf-8";

class html_site {
public:
    explicit html_site(domain::broker_services& services) : services_(services) {}

    // The page for a GET at this path, or nullopt when the JSON API serves it. Badges are served to every
    // client, the diff as HTML or JSON; the other pages only to browsers.
    [[nodiscard]] std::optional<page> serve(const page_request& request) const;

private:
    [[nodiscard]] page index_page(const page_request& request) const;
    [[nodiscard]] page graph_page(const page_request& request) const;
    [[nodiscard]] page pact_page(const page_request& request, const domain::result<domain::pact_publication>& publication) const;
    [[nodiscard]] page diff_page(const page_request& request, const domain::result<domain::pact_publication>& publication) const;
    [[nodiscard]] page matrix_page(const page_request& request) const;
    [[nodiscard]] page can_i_deploy_page(const page_request& request) const;
    [[nodiscard]] page field_usage_page(const page_request& request, const std::string& provider) const;
    [[nodiscard]] page provider_contract_page(const page_request& request, const std::string& provider, const std::string& version) const;
    // `names`: consumer, consumer version, provider, provider version.
    [[nodiscard]] page contract_comparison_page(const page_request& request, const std::vector<std::string>& names) const;
    [[nodiscard]] page pact_badge(std::string_view provider, std::string_view consumer, std::optional<std::string_view> tag) const;
    // "can-i-deploy to {target}": yes, no, or unknown (also when the answer is an error: a badge is always an image).
    [[nodiscard]] page can_i_deploy_badge(std::string_view target, const domain::result<domain::matrix_result>& answer) const;

    domain::broker_services& services_;
};

}  // namespace pact::broker::html
