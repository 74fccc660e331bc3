#include "broker/html/browsable_front.hpp"

#include "broker/html/hal_browser.hpp"
#include "http/base_url.hpp"
#include "http/server.hpp"
#include "http/url.hpp"

#include <boost/beast/http/field.hpp>
#include <boost/beast/http/verb.hpp>

namespace pact::broker::html {
namespace {

namespace beast_http = boost::beast::http;

std::vector<std::string> path_segments(std::string_view path) {
    std::vector<std::string> segments;
    std::size_t start = 0;
    while (start <= path.size()) {
        const auto end = std::min(path.find('/', start), path.size());
        if (end > start) segments.push_back(pact::http::percent_decode(path.substr(start, end - start)));
        start = end + 1;
    }
    return segments;
}

}  // namespace

browsable_front::browsable_front(domain::broker_services& services, api_handler api, std::vector<std::string> base_urls)
    : site_(services), api_(std::move(api)), base_urls_(std::move(base_urls)) {}

pact::http::response browsable_front::handle(const pact::http::request& request) const {
    if (request.method() != beast_http::verb::get) return api_(request);
    const std::string_view target = request.target();
    const auto query_start = target.find('?');
    const auto path = target.substr(0, query_start);
    const auto query = query_start == std::string_view::npos ? std::string_view{} : target.substr(query_start + 1);
    const std::string base_url = pact::http::base_url_for(request, base_urls_);
    // Clients may send several Accept lines (the official verifier does); they count as one list.
    std::string accept;
    for (auto [line, end] = request.equal_range(beast_http::field::accept); line != end; ++line) accept += std::string(line->value()) + ",";
    const bool wants_html = prefers_html(accept);

    if (auto page = site_.serve({path_segments(path), pact::http::parse_query(query, pact::http::plus_sign::space), base_url, wants_html})) {
        auto response = pact::http::make_response(request, page->status, std::move(page->content_type), std::move(page->body));
        response.set(pact::http::route_field, html_route);
        return response;
    }
    auto answer = api_(request);
    if (!wants_html || answer[beast_http::field::content_type].find("json") == std::string_view::npos) return answer;
    auto document = nlohmann::json::parse(answer.body(), nullptr, false);
    if (document.is_discarded()) return answer;
    auto page = pact::http::make_response(request, answer.result_int(), std::string(html_content_type),
                                          render_hal_browser_page(base_url + std::string(target), answer.result_int(), document, base_url));
    for (const auto& field : answer) {
        if (field.name() != beast_http::field::content_type && field.name() != beast_http::field::content_length) page.set(field.name_string(), field.value());
    }
    return page;
}

}  // namespace pact::broker::html
