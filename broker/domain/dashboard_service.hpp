#pragma once
// The Pact Broker's dashboard: for each integration, its latest pact, the latest verification of it, and the
// state of its webhooks. Thread-safe (stateless over a thread-safe store).

#include "broker/domain/domain_error.hpp"
#include "broker/domain/pact_service.hpp"
#include "broker/domain/types.hpp"
#include "broker/store/store.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pact::broker::domain {

struct dashboard_tag {
    std::string name;
    bool latest = false;  // the version is the latest of its pacticipant with this tag
};

struct dashboard_item {
    pact_publication latest_pact;
    // The consumer version's tags for which this is the latest pact of the pair, by name.
    std::vector<std::string> latest_pact_tags;
    // The latest verification of the latest pact's content; else of the newest older content that has one.
    std::optional<verification> latest_verification;
    std::vector<dashboard_tag> latest_verification_tags;  // of the verifying provider version, by name
    // success or failed (the latest pact's own content verified), stale (only older content was), never.
    std::string verification_status;
    // none (no webhook applies to the pair), not_run, retrying, failure or success: the worst of the latest delivery
    // of each webhook and event.
    std::string webhook_status;
    std::optional<std::string> last_webhook_execution;  // when the pair's newest delivery was last attempted
    std::string last_activity;                          // the later of the pact's publication and its verification
};

class dashboard_service {
public:
    dashboard_service(store::store& store, pact_service& pacts) : store_(store), pacts_(pacts) {}

    // A page of the integrations (in the order of pact_service::latest_pacts), the page's items latest activity first.
    [[nodiscard]] page<dashboard_item> dashboard(page_request request);
    // The pair's item; none when the pair has no pact. not_found if either pacticipant is unknown.
    [[nodiscard]] result<std::vector<dashboard_item>> dashboard_of_pair(std::string_view provider, std::string_view consumer);

private:
    [[nodiscard]] dashboard_item item_of(store::store_reader& reader, pact_publication latest_pact);

    store::store& store_;
    pact_service& pacts_;
};

}  // namespace pact::broker::domain
