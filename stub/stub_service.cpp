#include "stub/stub_service.hpp"
#include "pact/json_text.hpp"

#include "wire/pact_wire.hpp"
#include "http/server.hpp"
#include "pact/generators.hpp"

#include <algorithm>
#include <random>

namespace pact::stub {

namespace beast = boost::beast;

namespace {

void allow_any_origin(http::response& answer) {
    if (answer.find(beast::http::field::access_control_allow_origin) == answer.end()) {
        answer.set(beast::http::field::access_control_allow_origin, "*");
    }
}

}  // namespace

stub_service::stub_service(std::vector<pact_document> pacts, stub_options options)
    : options_(std::move(options)), index_(std::move(pacts)), next_seed_(std::random_device{}()) {
    if (options_.provider_state) provider_state_.emplace(*options_.provider_state);
    for (const interaction* described : index_.interactions()) {
        const auto& generators = described->response.generators;
        if (!generators.is_object() || generators.empty()) {
            auto prepared = wire::to_wire(described->response);
            allow_any_origin(prepared);
            prepared_.emplace(described, std::move(prepared));
        }
    }
}

bool stub_service::passes_state_filter(const interaction& described, const std::regex& state) const {
    if (options_.include_empty_provider_state && described.provider_states.empty()) return true;
    return std::ranges::any_of(described.provider_states, [&](const provider_state& given) {
        return (options_.include_empty_provider_state && given.name.empty()) || std::regex_search(given.name, state);
    });
}

std::optional<http::response> stub_service::answer_without_match(const http::request& received) const {
    if (!options_.cors_preflight || received.method() != beast::http::verb::options) return std::nullopt;
    http::response answer{beast::http::status::ok, received.version()};
    const auto referer = received.find(beast::http::field::referer);
    answer.set(beast::http::field::access_control_allow_origin,
               options_.cors_origin_from_referer && referer != received.end() ? std::string(referer->value()) : "*");
    answer.set(beast::http::field::access_control_allow_headers, "*");
    answer.set(beast::http::field::access_control_allow_methods,
               "GET, HEAD, POST, PUT, DELETE, CONNECT, OPTIONS, TRACE, PATCH");
    answer.prepare_payload();
    return answer;
}

http::response stub_service::answer(const http::request& received) const {
    const http_request actual = wire::from_wire(received);
    std::optional<std::regex> state_from_header;
    if (options_.provider_state_header) {
        if (const auto header = received.find(*options_.provider_state_header); header != received.end()) {
            try {
                state_from_header.emplace(std::string(header->value()));
            } catch (const std::regex_error&) {
                return http::make_response(received, 400, "application/json",
                                           pact::to_json_text(nlohmann::json{
                                               {"error", "the " + *options_.provider_state_header +
                                                             " header is not a regular expression: " +
                                                             std::string(header->value())}}));
            }
        }
    }
    const std::regex* state = state_from_header ? &*state_from_header : provider_state_ ? &*provider_state_ : nullptr;
    const lookup_result found =
        state == nullptr ? index_.find(actual)
                         : index_.find(actual, [&](const interaction& described) { return passes_state_filter(described, *state); });
    http::response answer;
    if (found.matched) {
        if (const auto prepared = prepared_.find(found.matched); prepared != prepared_.end()) {
            answer = prepared->second;
        } else {
            std::mt19937_64 random{next_seed_++};
            answer = wire::to_wire(apply_generators(found.matched->response, generator_context{{}, &random}));
            allow_any_origin(answer);
        }
    } else if (auto preflight = answer_without_match(received)) {
        answer = std::move(*preflight);
    } else {
        nlohmann::json mismatches = nlohmann::json::array();
        for (const auto& difference : found.mismatches) mismatches.push_back(wire::to_json(difference));
        nlohmann::json problem = {
            {"error", "no interaction matches " + actual.method + " " + std::string(received.target())},
            {"mismatches", std::move(mismatches)}};
        if (found.closest) problem["closestInteraction"] = found.closest->description;
        answer.result(beast::http::status::internal_server_error);
        answer.set(beast::http::field::content_type, "application/json");
        answer.body() = pact::to_json_text(problem);
        allow_any_origin(answer);
        answer.prepare_payload();
    }
    answer.version(received.version());
    answer.keep_alive(received.keep_alive());
    return answer;
}

}  // namespace pact::stub
