#pragma once
// Reading pacts: latest per pair (overall, by tag, by branch), by consumer version, by content sha,
// the latest pacts of a provider and of every integration, the pacts of consumer branches and environments
// (get-pacts), and the provider states those pacts use.

#include "broker/domain/domain_error.hpp"
#include "broker/domain/provider_states.hpp"
#include "broker/domain/types.hpp"
#include "broker/store/store.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pact::broker::domain {

// Which of a provider's pacts to list: those published by consumer versions on a branch (each consumer's
// own main branch when none is named; consumers without one have none), of one consumer or of all,
// every such pact or only the latest of each consumer.
struct consumer_branch_pacts_query {
    std::optional<std::string> consumer;
    std::optional<std::string> branch;
    bool latest_only = false;
};

class pact_service {
public:
    pact_service(store::store& store, const broker_config& config);

    [[nodiscard]] result<pact_publication> latest_pact(std::string_view consumer, std::string_view provider);
    [[nodiscard]] result<pact_publication> latest_pact_with_tag(std::string_view consumer, std::string_view provider, std::string_view tag);
    [[nodiscard]] result<pact_publication> latest_pact_for_branch(std::string_view consumer, std::string_view provider, std::string_view branch);
    [[nodiscard]] result<pact_publication> pact_for_consumer_version(std::string_view consumer, std::string_view provider, std::string_view consumer_version);
    // The content with that sha, as published by the newest consumer version that published it.
    [[nodiscard]] result<pact_publication> pact_by_sha(std::string_view consumer, std::string_view provider, std::string_view sha);
    // Every integration, by consumer name, then provider name.
    [[nodiscard]] page<integration> integrations(page_request request);  // by consumer name, then provider name
    // As the Pact Broker deletes an integration: the pair's pacts, their verifications, the pair's webhooks and
    // deliveries, the two pacticipants' versions left with no pact and no verification, then either pacticipant
    // left with nothing at all. not_found if either is unknown.
    [[nodiscard]] result<void> delete_integration(std::string_view consumer, std::string_view provider);
    // As the Pact Broker's DELETE /integrations: every pacticipant with all that belongs to it, and every webhook
    // with its deliveries. Environments stay.
    void delete_all_integrations();
    // Every publication of the pair (of the consumer versions with the tag, when given), newest first.
    [[nodiscard]] result<std::vector<pact_publication>> pact_versions(std::string_view consumer, std::string_view provider,
                                                                      std::optional<std::string_view> tag = std::nullopt);
    // The newest publication of the pair before `publication`'s content was first published whose content differs
    // (what "diff/previous-distinct" compares with); nullopt for the pact's first content.
    [[nodiscard]] std::optional<pact_publication> previous_distinct_pact(const pact_publication& publication);
    // The latest pact of each consumer of the provider (with the tag, when given). not_found if the provider is unknown.
    [[nodiscard]] result<std::vector<pact_publication>> latest_pacts_for_provider(std::string_view provider, std::optional<std::string_view> tag = std::nullopt);
    // The pacts the query selects, by consumer name and then oldest first. not_found if the provider, or the
    // consumer the query names, is unknown.
    [[nodiscard]] result<std::vector<pact_publication>> pacts_for_consumer_branch(std::string_view provider,
                                                                                  const consumer_branch_pacts_query& query);
    // The pacts published by the consumer versions currently deployed or supported in the environment (named,
    // or by uuid), by consumer name. not_found if the provider or the environment is unknown.
    [[nodiscard]] result<std::vector<pact_publication>> pacts_in_environment(std::string_view provider, std::string_view environment);
    // The provider states the scope's pacts use (see provider_states.hpp); not_found as the two above.
    [[nodiscard]] result<std::vector<provider_state_usage>> provider_states(std::string_view provider, const provider_states_scope& scope);
    // The latest pact of every integration, ordered by consumer then provider name.
    [[nodiscard]] std::vector<pact_publication> latest_pacts();
    // One page of the integrations (by consumer name, then provider name), each with its latest pact.
    [[nodiscard]] page<pact_publication> latest_pacts(page_request request);
    // Deletes what the consumer version published for the provider; the content and its verifications stay
    // (the Pact Broker keeps them: the same content published again is still verified).
    [[nodiscard]] result<void> delete_pact(std::string_view consumer, std::string_view provider, std::string_view consumer_version);
    // As delete_pact, for every publication of the pair (of the consumer versions with the tag, when given).
    // not_found if either pacticipant is unknown; nothing to delete is no error.
    [[nodiscard]] result<void> delete_pacts(std::string_view consumer, std::string_view provider, std::optional<std::string_view> tag = std::nullopt);

private:
    store::store& store_;
    const broker_config& config_;
};

}  // namespace pact::broker::domain
