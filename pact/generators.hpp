#pragma once
// Generators: values a pact asks to be produced fresh at verification or stub time (Uuid, RandomInt,
// RandomString, Date/Time/DateTime, ProviderState, ...), applied as the official verifier applies them.

#include "pact/model.hpp"

#include <random>

namespace pact {

struct generator_context {
    // Values a provider state change answered with; feed ProviderState generators ("/orders/${orderId}").
    nlohmann::json provider_state_values = nlohmann::json::object();
    std::mt19937_64* random = nullptr;  // a caller-owned source; never shared across threads
};

// Returns the request (or response) with every generator of its own applied.
[[nodiscard]] http_request apply_generators(const http_request& request, const generator_context& context);
[[nodiscard]] http_response apply_generators(const http_response& response, const generator_context& context);
// Messages: generators of the contents ("body" or "content") and of the metadata.
[[nodiscard]] message apply_generators(const message& content, const generator_context& context);

}  // namespace pact
