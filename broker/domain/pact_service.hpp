#pragma once
// Reading pacts: latest per pair (overall, by tag, by branch), by consumer version, by content sha,
// the latest pacts of a provider and of every integration.

#include "broker/domain/domain_error.hpp"
#include "broker/domain/types.hpp"
#include "broker/store/store.hpp"

#include <optional>
#include <string_view>
#include <vector>

namespace pact::broker::domain {

class pact_service {
public:
    pact_service(store::store& store, const broker_config& config);

    [[nodiscard]] result<pact_publication> latest_pact(std::string_view consumer, std::string_view provider);
    [[nodiscard]] result<pact_publication> latest_pact_with_tag(std::string_view consumer, std::string_view provider, std::string_view tag);
    [[nodiscard]] result<pact_publication> latest_pact_for_branch(std::string_view consumer, std::string_view provider, std::string_view branch);
    [[nodiscard]] result<pact_publication> pact_for_consumer_version(std::string_view consumer, std::string_view provider, std::string_view consumer_version);
    // The content with that sha, as published by the newest consumer version that published it.
    [[nodiscard]] result<pact_publication> pact_by_sha(std::string_view consumer, std::string_view provider, std::string_view sha);
    // Every publication of the pair, newest first.
    [[nodiscard]] result<std::vector<pact_publication>> pact_versions(std::string_view consumer, std::string_view provider);
    // The latest pact of each consumer of the provider (with the tag, when given). not_found if the provider is unknown.
    [[nodiscard]] result<std::vector<pact_publication>> latest_pacts_for_provider(std::string_view provider, std::optional<std::string_view> tag = std::nullopt);
    // The latest pact of every integration, ordered by consumer then provider name.
    [[nodiscard]] std::vector<pact_publication> latest_pacts();
    // Deletes what the consumer version published for the provider; the content and its verifications stay
    // (the Pact Broker keeps them: the same content published again is still verified).
    [[nodiscard]] result<void> delete_pact(std::string_view consumer, std::string_view provider, std::string_view consumer_version);

private:
    store::store& store_;
    const broker_config& config_;
};

}  // namespace pact::broker::domain
