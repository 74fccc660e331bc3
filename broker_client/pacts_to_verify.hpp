#pragma once
// The provider side of the broker: which pacts to verify (the latest pact of each consumer, or the
// pacts for verification chosen by consumer version selectors, with pending and WIP pacts), and
// publishing one verification result per pact with the provider version's branch and tags.

#include "broker_client/broker_client.hpp"

#include <boost/asio/awaitable.hpp>
#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace pact::broker_client {

struct pact_selection {
    std::string provider_name;
    std::optional<std::string> provider_branch;
    std::vector<std::string> provider_tags;
    std::vector<nlohmann::json> consumer_version_selectors;  // JSON objects as the user wrote them
    std::vector<std::string> consumer_version_tags;
    bool enable_pending = false;
    std::optional<std::string> include_wip_pacts_since;
};

// With neither selectors nor consumer version tags the broker is asked for the latest pact of each
// consumer (pending and WIP then do not apply), as the official verifier does.
[[nodiscard]] bool uses_pacts_for_verification(const pact_selection& selection);

// The body of POST pb:provider-pacts-for-verification; selectors keep only the keys the broker knows.
[[nodiscard]] nlohmann::json pacts_for_verification_body(const pact_selection& selection);

struct verification_notice {
    std::string when;  // "before_verification", "after_verification:success_true_published_false" ...
    std::string text;
};

struct pact_to_verify {
    std::string href;               // where the pact was fetched
    std::string short_description;  // "latest from main branch"; "" in the latest-pacts flow
    bool pending = false;
    bool wip = false;
    std::vector<verification_notice> notices;
    nlohmann::json pact;            // the pact document as served (with _links and interaction _ids)
};

// Fails with a broker_error; an empty list is a value (the caller decides whether that is an error).
[[nodiscard]] boost::asio::awaitable<broker_result<std::vector<pact_to_verify>>> fetch_pacts_to_verify(
    broker_client& client, const pact_selection& selection);

// The notices to print at a moment: "before_verification", or after it for the outcome.
[[nodiscard]] std::vector<std::string> notices_for(const pact_to_verify& pact, std::string_view when);
[[nodiscard]] std::string after_verification_moment(bool success, bool published);

struct interaction_outcome {
    std::string interaction_id;  // the broker's _id of the interaction, "" when the pact has none
    std::string description;
    bool success = true;
    nlohmann::json mismatches = nlohmann::json::array();  // [{attribute, identifier?, description}]
    std::vector<std::string> exceptions;                  // errors that prevented a comparison
};

struct verification_publication {
    std::string provider_version;
    std::optional<std::string> provider_branch;
    std::vector<std::string> provider_tags;
    std::optional<std::string> build_url;
    std::string verifier_version;  // verifiedBy.version: the CLI sends the project's VERSION (build_info::version)
};

// {"providerApplicationVersion", "success", "buildUrl"?, "testResults":[...], "verifiedBy":{...}}
[[nodiscard]] nlohmann::json verification_result_body(const verification_publication& publication,
                                                      const std::vector<interaction_outcome>& outcomes);

// Records the provider version's branch and tags (through the pact's pb:provider resource), then
// posts the result to the pact's pb:publish-verification-results. Returns the broker's answer.
[[nodiscard]] boost::asio::awaitable<broker_result<nlohmann::json>> publish_verification_result(
    broker_client& client, const pact_to_verify& pact, const verification_publication& publication,
    const std::vector<interaction_outcome>& outcomes);

}  // namespace pact::broker_client
