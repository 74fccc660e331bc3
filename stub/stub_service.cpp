#include "stub/stub_service.hpp"
#include "pact/json_text.hpp"

#include "http/pact_wire.hpp"
#include "pact/generators.hpp"

#include <random>

namespace pact::stub {

namespace beast = boost::beast;

stub_service::stub_service(std::vector<pact_document> pacts)
    : index_(std::move(pacts)), next_seed_(std::random_device{}()) {
    for (const interaction* described : index_.interactions()) {
        const auto& generators = described->response.generators;
        if (!generators.is_object() || generators.empty()) prepared_.emplace(described, http::to_wire(described->response));
    }
}

http::response stub_service::answer(const http::request& received) const {
    const http_request actual = http::from_wire(received);
    const lookup_result found = index_.find(actual);
    http::response answer;
    if (found.matched) {
        if (const auto prepared = prepared_.find(found.matched); prepared != prepared_.end()) {
            answer = prepared->second;
        } else {
            std::mt19937_64 random{next_seed_++};
            answer = http::to_wire(apply_generators(found.matched->response, generator_context{{}, &random}));
        }
    } else {
        nlohmann::json mismatches = nlohmann::json::array();
        for (const auto& difference : found.mismatches) mismatches.push_back(http::to_json(difference));
        nlohmann::json problem = {
            {"error", "no interaction matches " + actual.method + " " + std::string(received.target())},
            {"mismatches", std::move(mismatches)}};
        if (found.closest) problem["closestInteraction"] = found.closest->description;
        answer.result(beast::http::status::internal_server_error);
        answer.set(beast::http::field::content_type, "application/json");
        answer.body() = pact::to_json_text(problem);
        answer.prepare_payload();
    }
    answer.version(received.version());
    answer.keep_alive(received.keep_alive());
    return answer;
}

}  // namespace pact::stub
