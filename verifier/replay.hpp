#pragma once
// Replaying one interaction against the provider and comparing what comes back with what the pact
// expects. HTTP interactions are sent as described (generators applied); message interactions are asked
// for, as the official verifier asks, by a POST to the message transport of {"description",
// "providerStates" (when there are any)}, plus "request" (the request message as the pact writes it) for
// a synchronous message; the answer is the message (or the synchronous message's response): body =
// contents, header Pact-Message-Metadata = base64 JSON metadata.

#include "http/client.hpp"
#include "pact/matching.hpp"
#include "pact/model.hpp"
#include "verifier/verification.hpp"

#include <boost/asio/awaitable.hpp>

#include <optional>
#include <random>
#include <string>
#include <vector>

namespace pact::verifier {

struct replay_outcome {
    std::vector<pact::mismatch> mismatches;
    std::optional<std::string> error;  // could not be verified at all
};

struct replay_context {
    http::client& client;
    const verification_options& options;
    const nlohmann::json& provider_state_values;  // what the state setup answered
    std::mt19937_64& random;                      // owned by the calling worker, never shared
};

[[nodiscard]] boost::asio::awaitable<replay_outcome> replay(const interaction& described, replay_context context);

}  // namespace pact::verifier
