#include "broker/api/broker_application.hpp"
#include "pact/json_text.hpp"

#include "broker/domain/json_checks.hpp"
#include "broker/api/problem.hpp"
#include "broker/store/store.hpp"
#include "http/base_url.hpp"

#include <boost/beast/http/field.hpp>
#include <boost/beast/http/verb.hpp>

#include <algorithm>
#include <cctype>

namespace pact::broker::api {
namespace {

namespace beast_http = boost::beast::http;

bool has_body_method(std::string_view method) { return method == "POST" || method == "PUT" || method == "PATCH"; }

// JSON in any of its spellings (application/json, application/hal+json, application/merge-patch+json).
bool is_json_content_type(std::string content_type) {
    std::ranges::transform(content_type, content_type.begin(), [](unsigned char c) { return std::tolower(c); });
    auto media_type = content_type.substr(0, content_type.find(';'));
    return media_type.find("json") != std::string::npos;
}

pact::http::response render(const pact::http::request& request, unsigned status, const nlohmann::json& body) {
    // 204 (a deletion, as the Pact Broker answers it) has neither body nor content type.
    if (status == 204) return pact::http::make_response(request, status, "", "");
    return pact::http::make_response(request, status, std::string(hal_json_content_type),
                                     pact::to_json_text(body));
}

}  // namespace

bool prefers_html(std::string_view accept) {
    const auto html = accept.find("text/html");
    if (html == std::string_view::npos) return false;
    for (auto json : {"application/hal+json", "application/json"}) {
        if (accept.find(json) < html) return false;
    }
    return true;
}

broker_application::broker_application(route_table routes, application_options options)
    : routes_(std::move(routes)), options_(std::move(options)) {}

resource_response broker_application::serve(const pact::http::request& wire, const request_traits& traits, std::string_view& route) const {
    std::string_view target = wire.target();
    auto query_start = target.find('?');
    std::string_view path = target.substr(0, query_start);
    std::string_view query = query_start == std::string_view::npos ? std::string_view{} : target.substr(query_start + 1);

    std::string method(wire.method_string());
    auto match = routes_.match(method, split_path(path));
    // Before anything about the resource, even whether it exists, is told to the caller (its route label too).
    const auto decision = authorize(options_.authentication, wire, match.access());
    if (decision.outcome != verdict::allowed) throw refusal(decision);
    if (!match.pattern.empty()) route = match.pattern;
    if (match.allowed_methods.empty()) throw not_found("No resource at " + std::string(path));
    // Every resource answers OPTIONS with the methods it allows, as the Pact Broker's do.
    if (method == "OPTIONS") return {200, nlohmann::json::object(), {{"Allow", match.allowed_methods + ", OPTIONS"}}};
    if (match.matched == nullptr) throw method_not_allowed(method, match.allowed_methods);
    const auto& matched = *match.matched;

    for (const auto& [name, value] : match.parameters)
        if (!domain::is_well_formed_utf8(value)) throw invalid_field(name, "must be valid UTF-8 once percent-decoded");

    resource_request request;
    request.method = std::move(method);
    request.path = std::move(match.parameters);
    request.query = query_parameters::parse(query);
    request.urls = resource_urls(traits.base_url);
    if (matched.page && (traits.wants_html || matched.audience == page_audience::every_client)) {
        if (auto shown = matched.page(request)) return {.status = shown->status, .content_type = std::move(shown->content_type), .text = std::move(shown->body)};
    }
    if (!matched.function) throw not_found("No resource at " + std::string(path));
    if (has_body_method(request.method)) {
        if (wire.body().size() > options_.max_body_bytes) throw payload_too_large(options_.max_body_bytes);
        request.content_type = std::string(wire[beast_http::field::content_type]);
        if (!request.content_type.empty() && !is_json_content_type(request.content_type) && !wire.body().empty()) {
            throw unsupported_media_type(request.content_type);
        }
        request.body = wire.body();
    }
    return matched.function(request);
}

pact::http::response broker_application::handle(const pact::http::request& request) const {
    // Clients may send several Accept lines (the official verifier does); they count as one list.
    std::string accept;
    for (auto [line, end] = request.equal_range(beast_http::field::accept); line != end; ++line) accept += std::string(line->value()) + ",";
    const request_traits traits{.wants_html = request.method() == beast_http::verb::get && prefers_html(accept),
                                .base_url = pact::http::base_url_for(request, options_.base_urls)};

    std::string_view route = unmatched_route;
    auto response = respond(request, traits, route);
    response.set(pact::http::route_field, route);
    if (!traits.wants_html || !options_.browser_view || response[beast_http::field::content_type].find("json") == std::string_view::npos) return response;
    const auto document = nlohmann::json::parse(response.body(), nullptr, false);
    if (document.is_discarded()) return response;
    auto page = pact::http::make_response(request, response.result_int(), std::string(html_content_type),
                                          options_.browser_view(traits.base_url + std::string(request.target()), response.result_int(), document,
                                                                traits.base_url));
    for (const auto& field : response) {
        if (field.name() != beast_http::field::content_type && field.name() != beast_http::field::content_length) page.set(field.name_string(), field.value());
    }
    return page;
}

pact::http::response broker_application::respond(const pact::http::request& request, const request_traits& traits, std::string_view& route) const {
    try {
        auto answer = serve(request, traits, route);
        auto response = answer.content_type.empty() ? render(request, answer.status, answer.body)
                                                    : pact::http::make_response(request, answer.status, std::move(answer.content_type), std::move(answer.text));
        for (const auto& [name, value] : answer.headers) response.set(name, value);
        return response;
    } catch (const request_problem& problem) {
        auto response = render(request, problem.status(), problem.body());
        for (const auto& [name, value] : problem.headers()) response.insert(name, value);
        return response;
    } catch (const store::store_failure& failure) {
        // The database cannot do the work now (PostgreSQL restarting or unreachable, a full disk): nothing
        // was acknowledged, and the same request may succeed in a moment.
        auto response = render(request, 503, {{"errors", nlohmann::json::array({std::string("The broker's database is unavailable: ") + failure.what()})}});
        response.set(beast_http::field::retry_after, "1");
        return response;
    } catch (const std::exception& error) {
        // Reaching here is a broker bug, not a client mistake: say so, and keep the connection.
        return render(request, 500, {{"errors", nlohmann::json::array({std::string("Internal error: ") + error.what()})}});
    }
}

}  // namespace pact::broker::api
