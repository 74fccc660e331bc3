#pragma once
// The clean-up of old data, as the Pact Broker's clean does it: every version no keep selector reaches goes, with
// its tags, branch memberships, pact publications and the verifications it made; then superseded verifications
// (a provider version verifying the same pact content again), superseded webhook deliveries and pact content
// nothing refers to any more. Never more than the deletion limit of each kind per run, in batches of one write
// transaction each, so the broker keeps serving and a clean cut short leaves no half-deleted version. One clean
// at a time across every process on the database (a lease in the database).
//
// Keep selectors are OR-ed; the keys of one selector are AND-ed:
//   pacticipant   the pacticipant's versions only
//   branch        true: on any branch; a name: on that branch. With latest: the head of the branch
//   mainBranch    on the pacticipant's main branch. With latest: its head
//   tag           true: with any tag; a name: with that tag. With latest: the latest with each tag
//   latest        alone (or with other keys): the latest of each pacticipant among the versions the other keys select
//   deployed, released, deployedOrReleased   currently deployed / released and supported / either
//   environment   currently deployed or released to it (the environment of deployed or released when given with them)
//   max_age       created less than this many days ago
// The selectors always keep what is currently deployed and what is released and supported: {"deployed": true} and
// {"released": true} are added when no selector asks for them.

#include "broker/domain/types.hpp"
#include "broker/store/store.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pact::broker::domain {

struct keep_selector {
    std::optional<std::string> pacticipant;
    bool any_branch = false;
    std::optional<std::string> branch;
    bool main_branch = false;
    bool any_tag = false;
    std::optional<std::string> tag;
    bool latest = false;
    bool deployed = false;
    bool released = false;
    bool deployed_or_released = false;
    std::optional<std::string> environment;
    std::optional<int> max_age_days;
    nlohmann::json source;  // as configured, for the report
};

// The Pact Broker's defaults: the latest of every tag and branch, the latest of every pacticipant, what is deployed
// or released, and everything younger than 90 days.
[[nodiscard]] std::vector<keep_selector> default_keep_selectors();
// A JSON list of selectors (keys in camelCase or snake_case), or one sentence saying what is wrong with it.
[[nodiscard]] std::expected<std::vector<keep_selector>, std::string> parse_keep_selectors(std::string_view json_text);

struct clean_options {
    std::vector<keep_selector> keep = default_keep_selectors();
    std::int64_t deletion_limit = 500;  // of each kind per run
    bool dry_run = false;               // counts what would go, deletes nothing
    int overwritten_data_max_age_days = 7;  // superseded verifications and deliveries younger than this stay
    std::int64_t batch_size = 100;          // versions per write transaction
};

// How many rows of each kind went (or would go, on a dry run).
struct clean_report {
    bool performed = true;  // false when another clean held the lease
    bool dry_run = false;
    std::vector<nlohmann::json> keep;  // the selectors used, defaults added
    std::int64_t versions_kept = 0;
    std::int64_t versions = 0;
    std::int64_t tags = 0;
    std::int64_t branch_memberships = 0;
    std::int64_t pact_publications = 0;
    std::int64_t verifications = 0;  // made by deleted versions
    std::int64_t superseded_verifications = 0;
    std::int64_t triggered_webhooks = 0;
    std::int64_t webhook_executions = 0;
    std::int64_t pact_versions = 0;
};

// Several lines: the selectors, then one count per kind ("Deleted" or "Would delete").
[[nodiscard]] std::string format_clean_report(const clean_report& report);

class clean_service {
public:
    clean_service(store::store& store, const broker_config& config) : store_(store), config_(config) {}

    // Throws store_failure when the database fails; what earlier batches deleted stays deleted.
    clean_report clean(const clean_options& options);

private:
    store::store& store_;
    const broker_config& config_;
};

}  // namespace pact::broker::domain
