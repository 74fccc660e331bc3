#pragma once
// `pact verifier --broker-url URL --provider-name P ...`: the pacts come from the broker (the latest
// pact of each consumer, or the pacts for verification chosen by selectors, with pending and WIP
// pacts), the broker's notices are printed, and with --publish one verification result per pact goes
// back with the provider version's branch and tags.

#include "cli/pact_loading.hpp"
#include "cli/verifier/verifier_command.hpp"

#include "broker_client/pacts_to_verify.hpp"

#include <memory>

namespace pact::cli {

[[nodiscard]] std::unique_ptr<verifier_pact_source> make_broker_pact_source();

// `pact stub --broker-url`: the latest pact of every integration (pb:latest-pact-versions, then each
// pb:pacts link), keeping those whose consumer and provider names each match one of the regular
// expressions given (searched, as the official stub does; no expressions: any name).
struct broker_pacts_request {
    broker_client::command_line_broker_options connection;
    std::vector<std::string> consumer_names;
    std::vector<std::string> provider_names;
};
[[nodiscard]] std::expected<std::vector<loaded_pact>, std::string> load_latest_pacts_from_broker(
    const broker_pacts_request& request);

// The result to publish for one pact: one outcome per verified interaction, carrying the broker's
// interaction _id (found by the interaction's position in the pact as served).
[[nodiscard]] std::vector<broker_client::interaction_outcome> interaction_outcomes(
    const verifier::pact_result& result, const nlohmann::json& pact_as_served);

}  // namespace pact::cli
