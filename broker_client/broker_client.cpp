#include "broker_client/broker_client.hpp"

#include "broker_client/uri_template.hpp"

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>
#include <cctype>

namespace pact::broker_client {

namespace asio = boost::asio;

namespace {

// "http://host:port" of a URL; "" for a root-relative one.
std::string_view origin_of(std::string_view url) {
    const auto scheme_end = url.find("://");
    if (scheme_end == std::string_view::npos) {
        return {};
    }
    const auto path_start = url.find_first_of("/?#", scheme_end + 3);
    return path_start == std::string_view::npos ? url : url.substr(0, path_start);
}

bool is_json_content_type(std::string_view content_type) {
    std::string lowered(content_type);
    std::ranges::transform(lowered, lowered.begin(), [](unsigned char c) { return std::tolower(c); });
    const auto media_type = lowered.substr(0, lowered.find(';'));
    return media_type.find("json") != std::string::npos;
}

bool is_retried(int status) {
    return status >= 500 || status == 408 || status == 429;
}

std::string status_text(int status) {
    switch (status) {
        case 400: return "Bad Request";
        case 401: return "Unauthorized";
        case 403: return "Forbidden";
        case 404: return "Not Found";
        case 405: return "Method Not Allowed";
        case 408: return "Request Timeout";
        case 409: return "Conflict";
        case 415: return "Unsupported Media Type";
        case 422: return "Unprocessable Entity";
        case 429: return "Too Many Requests";
        case 500: return "Internal Server Error";
        case 502: return "Bad Gateway";
        case 503: return "Service Unavailable";
        case 504: return "Gateway Timeout";
        default: return "";
    }
}

broker_error error_from_answer(const std::string& method, const std::string& path, const incoming_response& answer) {
    broker_error error;
    error.status = answer.status;
    error.method = method;
    error.path = path;
    if (is_json_content_type(answer.header("content-type"))) {
        error.body = nlohmann::json::parse(answer.body, nullptr, false);
        if (error.body.is_discarded()) {
            error.body = nullptr;
        }
    }
    if (error.body.is_object()) {
        if (error.body.contains("errors")) {
            error.errors = flatten_errors(error.body["errors"]);
        }
        error.notices = read_notices(error.body);
    }
    const auto status = std::to_string(answer.status) + (status_text(answer.status).empty() ? "" : " " + status_text(answer.status));
    if (answer.status == 404) {
        error.what = broker_error::kind::not_found;
        error.message = "Request to pact broker path '" + path + "' failed: " + status;
    } else if (is_retried(answer.status)) {
        error.what = broker_error::kind::server_error;
        error.message = "Request to pact broker path '" + path + "' failed: " + status;
    } else {
        error.what = broker_error::kind::refused;
        error.message = error.errors.empty() ? "Request to pact broker path '" + path + "' failed: " + status
                                             : "failed validation (" + status + ")";
    }
    if (error.errors.empty() && error.notices.empty() && !answer.body.empty()) {
        error.message += ". Response: " + answer.body.substr(0, 2000);
    }
    return error;
}

}  // namespace

std::string path_and_query(std::string_view url) {
    const auto origin = origin_of(url);
    std::string rest(url.substr(origin.size()));
    if (rest.empty() || rest.front() != '/') {
        rest.insert(0, "/");
    }
    return rest;
}

broker_client::broker_client(broker_settings settings, transport send)
    : settings_(std::move(settings)), send_(std::move(send)) {}

std::string broker_client::resolve(std::string_view href_or_path) const {
    const std::string origin(origin_of(settings_.base_url));
    const std::string prefix = path_and_query(settings_.base_url) == "/" ? "" : path_and_query(settings_.base_url);
    auto path = path_and_query(href_or_path);
    if (!prefix.empty() && !path.starts_with(prefix + "/") && path != prefix && !path.starts_with(prefix + "?")) {
        path = prefix + path;
    }
    return origin + path;
}

asio::awaitable<broker_result<nlohmann::json>> broker_client::get(std::string_view href) {
    co_return co_await exchange("GET", href, std::nullopt, "");
}

asio::awaitable<broker_result<nlohmann::json>> broker_client::post(std::string_view href, const nlohmann::json& body) {
    co_return co_await exchange("POST", href, body.dump(), "application/json");
}

asio::awaitable<broker_result<nlohmann::json>> broker_client::put(std::string_view href, const nlohmann::json& body) {
    co_return co_await exchange("PUT", href, body.dump(), "application/json");
}

asio::awaitable<broker_result<nlohmann::json>> broker_client::patch(std::string_view href, const nlohmann::json& body) {
    co_return co_await exchange("PATCH", href, body.dump(), "application/merge-patch+json");
}

asio::awaitable<broker_result<nlohmann::json>> broker_client::remove(std::string_view href) {
    co_return co_await exchange("DELETE", href, std::nullopt, "");
}

asio::awaitable<broker_result<nlohmann::json>> broker_client::index() {
    if (!index_) {
        auto fetched = co_await get(settings_.base_url);
        if (!fetched) {
            co_return std::unexpected(fetched.error());
        }
        index_ = std::move(*fetched);
    }
    co_return *index_;
}

asio::awaitable<broker_result<std::string>> broker_client::index_href(std::string_view relation,
                                                                      const template_variables& variables) {
    auto fetched = co_await index();
    if (!fetched) {
        co_return std::unexpected(fetched.error());
    }
    co_return relation_href(*fetched, relation, variables);
}

asio::awaitable<broker_result<nlohmann::json>> broker_client::get_index_relation(std::string_view relation,
                                                                                const template_variables& variables) {
    auto href = co_await index_href(relation, variables);
    if (!href) {
        co_return std::unexpected(href.error());
    }
    co_return co_await get(*href);
}

broker_result<std::string> broker_client::relation_href(const nlohmann::json& resource, std::string_view relation,
                                                        const template_variables& variables) const {
    const auto link = find_link(resource, relation);
    if (!link) {
        broker_error error;
        error.what = broker_error::kind::missing_relation;
        error.message = "Could not find relation '" + std::string(relation) + "' in the broker's answer";
        return std::unexpected(error);
    }
    // Expanded whether or not the link says templated: a variable in an href is never meant literally.
    return expand_template(link->href, variables);
}

asio::awaitable<broker_result<nlohmann::json>> broker_client::exchange(std::string method, std::string_view href,
                                                                       std::optional<std::string> body,
                                                                       std::string content_type) {
    outgoing_request request;
    request.method = method;
    request.url = resolve(href);
    const auto path = path_and_query(request.url);
    request.headers.emplace_back("Accept", "application/hal+json, application/json");
    request.headers.emplace_back("User-Agent", settings_.user_agent);
    if (const auto authorization = authorization_header(settings_)) {
        request.headers.emplace_back("Authorization", *authorization);
    }
    if (body) {
        request.headers.emplace_back("Content-Type", content_type);
        request.body = std::move(*body);
    }
    for (const auto& header : settings_.custom_headers) {
        request.headers.push_back(header);
    }

    auto backoff = settings_.first_backoff;
    broker_error last_error;
    for (int attempt = 1; attempt <= settings_.attempts; ++attempt) {
        auto answer = co_await send_(request);
        std::chrono::milliseconds wait = backoff;
        if (!answer) {
            last_error = broker_error{};
            last_error.what = broker_error::kind::unreachable;
            last_error.method = method;
            last_error.path = path;
            last_error.message = "Could not reach the Pact Broker at " + request.url + ": " + answer.error().message;
            if (!answer.error().worth_retrying) co_return std::unexpected(last_error);
        } else if (answer->status >= 200 && answer->status < 300) {
            if (answer->body.empty()) {
                co_return nlohmann::json::object();
            }
            auto parsed = nlohmann::json::parse(answer->body, nullptr, false);
            if (parsed.is_discarded() || !is_json_content_type(answer->header("content-type"))) {
                broker_error error;
                error.what = broker_error::kind::invalid_answer;
                error.status = answer->status;
                error.method = method;
                error.path = path;
                error.message = "Did not get a valid HAL response body from pact broker path '" + path +
                                "', content type is '" + answer->header("content-type") + "'";
                co_return std::unexpected(error);
            }
            co_return parsed;
        } else if (is_retried(answer->status)) {
            last_error = error_from_answer(method, path, *answer);
            if (answer->status == 429) {
                const auto retry_after = answer->header("retry-after");
                if (!retry_after.empty() && std::ranges::all_of(retry_after, [](unsigned char c) { return std::isdigit(c); })) {
                    wait = std::chrono::seconds(std::stoi(retry_after));
                }
            }
        } else {
            co_return std::unexpected(error_from_answer(method, path, *answer));
        }
        if (attempt < settings_.attempts) {
            asio::steady_timer timer(co_await asio::this_coro::executor, wait);
            co_await timer.async_wait(asio::use_awaitable);
            backoff *= 2;
        }
    }
    co_return std::unexpected(last_error);
}

std::string incoming_response::header(std::string_view name) const {
    for (const auto& [header_name, value] : headers) {
        if (std::ranges::equal(header_name, name, [](unsigned char a, unsigned char b) { return std::tolower(a) == std::tolower(b); })) {
            return value;
        }
    }
    return {};
}

}  // namespace pact::broker_client
