#pragma once
// "Which pacts should provider P verify?": consumer version selectors, deduplicated per pact content,
// pending status and work-in-progress pacts, each entry with notices worded like the Pact Broker's.

#include "broker/domain/domain_error.hpp"
#include "broker/domain/types.hpp"
#include "broker/store/store.hpp"

#include <nlohmann/json.hpp>

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pact::broker::domain {

struct consumer_version_selector {
    std::optional<std::string> consumer;
    std::optional<std::string> tag;
    std::optional<std::string> fallback_tag;
    std::optional<bool> latest;
    bool main_branch = false;
    std::optional<std::string> branch;
    bool matching_branch = false;  // the branch named by the request's providerVersionBranch
    std::optional<std::string> fallback_branch;
    bool deployed = false;
    bool released = false;
    bool deployed_or_released = false;
    std::optional<std::string> environment;

    friend bool operator==(const consumer_version_selector&, const consumer_version_selector&) = default;
};

struct pacts_for_verification_request {
    std::vector<consumer_version_selector> selectors;  // empty = the latest pact of each consumer
    std::vector<std::string> provider_version_tags;
    std::optional<std::string> provider_version_branch;
    bool include_pending_status = false;
    std::optional<std::string> include_wip_pacts_since;  // a date or timestamp
};

// Reads the JSON body of POST …/for-verification (or the query of the GET) and checks it: unknown
// combinations (fallbackTag without tag, matchingBranch without providerVersionBranch, …) are invalid with
// field "consumerVersionSelectors" (or the offending key).
[[nodiscard]] result<pacts_for_verification_request> parse_pacts_for_verification_request(const nlohmann::json& body);

// One reason an entry is included: the selector (as resolved: matchingBranch carries the branch it
// matched) and the consumer version it selected.
struct selection {
    consumer_version_selector selector;
    std::string consumer_name;
    std::string consumer_version_number;
    bool used_fallback = false;            // selected through fallbackTag / fallbackBranch
    std::optional<std::string> environment;  // for deployed/released selections: where it is
    std::optional<std::string> consumer_main_branch;  // for mainBranch selections: the branch it resolved to
};

struct verification_notice {
    std::string when;  // "before_verification", "after_verification:success_true_published_false", …
    std::string text;
};

struct pact_for_verification {
    pact_publication pact;              // content, published by the newest selected consumer version
    std::vector<selection> selections;  // empty for a WIP pact
    bool pending = false;
    bool wip = false;
    std::string short_description;      // e.g. "latest from main branch, deployed to production"
    std::vector<verification_notice> notices;
};

// The href an entry will be served under; the notices quote it as the Pact Broker does.
using pact_url_builder = std::function<std::string(const pact_for_verification&)>;

class pacts_for_verification_service {
public:
    pacts_for_verification_service(store::store& store, const broker_config& config);

    // not_found if the provider is unknown; invalid if a selector names an unknown environment.
    [[nodiscard]] result<std::vector<pact_for_verification>> pacts_for_verification(std::string_view provider,
                                                                                    const pacts_for_verification_request& request,
                                                                                    const pact_url_builder& url_of);

private:
    store::store& store_;
    const broker_config& config_;
};

}  // namespace pact::broker::domain
