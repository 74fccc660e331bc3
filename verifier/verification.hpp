#pragma once
// Verifying pacts against a running provider: the inputs (pacts, where the provider is, how to drive its
// states), the structured results (per pact, per interaction), and the run itself.
//
// Where a pact came from (a file, a URL, a broker) is the caller's business: the verifier takes parsed
// pacts and hands back results in the same order, so a broker client can publish them.

#include "http/client.hpp"
#include "pact/matching.hpp"
#include "pact/model.hpp"

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace pact::verifier {

struct pact_to_verify {
    pact_document pact;
    std::string source;    // "pacts/a.json", a URL, ...: shown in reports
    bool pending = false;  // its failures are reported but do not fail the run
};

struct endpoint {
    std::string scheme = "http";
    std::string host = "localhost";
    std::uint16_t port = 80;
    std::string base_path;  // put before every interaction's path

    [[nodiscard]] std::string to_string() const;  // "http://localhost:8080/base"
};

// One interaction as a previous run's report names it (--last-failed): by its v4 key when the report
// has one, else by its description; within the consumer's pacts when the report says which consumer.
struct interaction_identity {
    std::string consumer;  // "": any
    std::string key;       // "": match on the description
    std::string description;
};

// Which interactions to verify; every criterion given must hold.
struct interaction_filter {
    std::optional<std::string> description;  // regex searched in the description
    std::optional<std::string> state;        // regex searched in any provider state's name
    bool no_state = false;                   // only interactions without provider states
    std::vector<std::string> consumers;      // only pacts of these consumers (empty: all)
    // Only these interactions (--last-failed); when given, description, state and no_state are ignored.
    std::optional<std::vector<interaction_identity>> only;
};

struct verification_options {
    endpoint provider;
    // Where message interactions are POSTed ({"description", "providerStates"}); the provider's port and
    // "/" when not given.
    std::optional<std::uint16_t> message_port;
    std::string message_path = "/";
    std::vector<std::pair<std::string, std::string>> extra_headers;  // sent with every provider request
    // POSTed {"state", "params", "action"} for each state, and for the state "" before interactions without.
    std::optional<std::string> state_change_url;
    // POST the state, the action and each param as query parameters with an empty body instead.
    bool state_change_as_query = false;
    bool state_change_teardown = false;
    // Start no interaction after the first failure; interactions already in flight finish and are reported.
    bool exit_on_first_error = false;
    // Sees every request to the provider and the state-change URL (the CLI's --log-level).
    http::exchange_observer observer;
    http::tls_options tls;  // for an https provider and state-change URL
    std::chrono::milliseconds request_timeout{5'000};
    // Interactions in flight at once. 1 reproduces the official verifier's calls exactly: each
    // interaction's states (the state "" when it has none) are set up before it and torn down after it.
    unsigned concurrency = 16;
    interaction_filter filter;
};

struct interaction_result {
    std::size_t index = 0;  // position in the pact's interactions
    std::string description;
    std::string key;                           // v4 interaction key; "" when absent
    std::vector<std::string> provider_states;  // names
    bool pending = false;                      // the interaction or its pact is pending
    bool success = false;
    std::vector<pact::mismatch> mismatches;
    std::optional<std::string> error;  // why it could not be verified: provider unreachable, state change failed
    std::chrono::microseconds duration{0};
};

struct pact_result {
    std::string source;
    std::string consumer;
    std::string provider;
    bool pending = false;
    std::vector<interaction_result> interactions;  // in pact order, filtered-out interactions left out

    [[nodiscard]] bool success() const;  // every interaction verified
};

struct verification_report {
    std::vector<pact_result> pacts;  // in input order
    std::chrono::microseconds duration{0};
    // Selected interactions left unverified because exit_on_first_error stopped the run.
    std::size_t not_run = 0;

    [[nodiscard]] std::size_t interaction_count() const;
    [[nodiscard]] std::size_t failure_count() const;          // failed interactions, pending or not
    [[nodiscard]] std::size_t pending_failure_count() const;  // failed, but pending
    // No failure outside pending pacts and pending interactions.
    [[nodiscard]] bool success() const;
};

// Called once per interaction, in pact order, as soon as its result and all before it are known.
using result_listener = std::function<void(const pact_result& pact, const interaction_result& result)>;

// Replays the interactions against the provider. Interactions run concurrently (options.concurrency)
// in batches that never mix provider states: see plan_batches. Never throws for provider behaviour;
// throws std::regex_error for an invalid filter expression.
[[nodiscard]] verification_report verify(const std::vector<pact_to_verify>& pacts, const verification_options& options,
                                         const result_listener& listener = {});

}  // namespace pact::verifier
