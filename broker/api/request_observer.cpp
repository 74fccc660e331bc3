#include "broker/api/request_observer.hpp"

#include "broker/api/broker_application.hpp"

#include <boost/beast/http/verb.hpp>

#include <algorithm>
#include <cctype>
#include <random>

namespace pact::broker::api {
namespace {

namespace beast_http = boost::beast::http;

constexpr std::size_t longest_logged_path = 1024;

bool is_plain_id_character(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_' || c == '.' || c == ':';
}

std::string path_of(std::string_view target) {
    target = target.substr(0, target.find_first_of("?#"));
    std::string path;
    for (const char c : target.substr(0, longest_logged_path)) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte > 0x20 && byte < 0x7f && c != '"' && c != '\\') {
            path += c;
        } else {
            constexpr std::string_view hex = "0123456789ABCDEF";
            path += '%';
            path += hex[byte >> 4];
            path += hex[byte & 0xf];
        }
    }
    return path;
}

}  // namespace

std::string request_id_for(std::string_view header_value) {
    if (!header_value.empty() && header_value.size() <= 128 && std::ranges::all_of(header_value, is_plain_id_character))
        return std::string(header_value);
    thread_local std::mt19937_64 generator{std::random_device{}()};
    constexpr std::string_view hex = "0123456789abcdef";
    std::string id;
    for (int half = 0; half < 2; ++half) {
        auto bits = generator();
        for (int digit = 0; digit < 16; ++digit, bits >>= 4) id += hex[bits & 0xf];
    }
    return id;
}

pact::http::handler observe_requests(pact::http::handler inner, request_observer observer) {
    return [inner = std::move(inner), observer = std::move(observer)](pact::http::request request) {
        const auto started = std::chrono::steady_clock::now();
        request_summary summary;
        summary.id = request_id_for(request[request_id_field]);
        summary.method = request.method() == beast_http::verb::unknown ? "other" : std::string(request.method_string());
        summary.path = path_of(request.target());
        const auto finish = [&](unsigned status, std::string_view route) {
            summary.status = status;
            summary.route = route.empty() ? std::string(unmatched_route) : std::string(route);
            summary.duration = std::chrono::steady_clock::now() - started;
            observer(summary);
        };
        try {
            auto response = inner(std::move(request));
            const std::string route(response[pact::http::route_field]);
            response.erase(pact::http::route_field);
            response.set(request_id_field, summary.id);
            finish(response.result_int(), route);
            return response;
        } catch (...) {
            finish(500, unmatched_route);  // the server answers 500 for what escapes a handler
            throw;
        }
    };
}

}  // namespace pact::broker::api
