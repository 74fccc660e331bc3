#pragma once
// What the clean-up of old data reads and deletes (domain/clean_service decides what goes): store_reader::maintenance()
// and store_writer::maintenance().

#include "broker/store/records.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pact::broker::store {

// A version with what a keep selector asks of its pacticipant.
struct version_fact_record {
    row_id id = 0;
    row_id pacticipant_id = 0;
    std::string pacticipant_name;
    std::optional<std::string> main_branch;
    std::string created_at;
};

// A version and a name: one of its tags, one of its branches, or an environment it is currently deployed or released to.
struct version_name_record {
    row_id version_id = 0;
    std::string name;
};

// The rows that go with a version when it is deleted (the schema's cascades).
struct version_dependents_record {
    std::int64_t tags = 0;
    std::int64_t branch_memberships = 0;
    std::int64_t pact_publications = 0;
    std::int64_t verifications = 0;  // made by the version, as a provider
    std::int64_t current_deployments = 0;
    std::int64_t current_releases = 0;
};

// What a clean reads to plan (from a reader's snapshot, so that planning holds no writer).
class maintenance_reader {
public:
    virtual ~maintenance_reader() = default;

    [[nodiscard]] virtual std::vector<version_fact_record> versions() = 0;  // oldest first
    [[nodiscard]] virtual std::vector<version_name_record> tags() = 0;
    [[nodiscard]] virtual std::vector<version_name_record> branch_memberships() = 0;
    [[nodiscard]] virtual std::vector<version_name_record> current_deployments() = 0;  // environment names, not undeployed
    [[nodiscard]] virtual std::vector<version_name_record> current_releases() = 0;     // environment names, still supported
    [[nodiscard]] virtual version_dependents_record dependents_of_version(row_id version_id) = 0;
    // Changes when a version up to `version_id` is deleted, or a pacticipant (its main branch) or an environment (its
    // name) is changed: what, besides a version's own tags, branches, deployments and releases, decides whether a
    // keep selector keeps it.
    [[nodiscard]] virtual std::string selection_generation(row_id version_id) = 0;
};

class maintenance_writer : public maintenance_reader {
public:

    // Verifications made before `before` of a pact version by a provider version that made a later one of it too; oldest first.
    [[nodiscard]] virtual std::vector<row_id> superseded_verifications(std::string_view before, std::int64_t limit) = 0;
    virtual void delete_verification(row_id verification_id) = 0;
    // Finished deliveries created before `before` that a later delivery of the same webhook, event, consumer and
    // provider follows; oldest first. Deliveries still to be attempted are never among them.
    [[nodiscard]] virtual std::vector<row_id> superseded_triggered_webhooks(std::string_view before, std::int64_t limit) = 0;
    [[nodiscard]] virtual std::int64_t execution_count(row_id triggered_webhook_id) = 0;
    virtual void delete_triggered_webhook(row_id triggered_webhook_id) = 0;  // with its executions
    // Pact content no publication and no verification refers to; oldest first.
    [[nodiscard]] virtual std::vector<row_id> unreferenced_pact_versions(std::int64_t limit) = 0;
    virtual void delete_pact_version(row_id pact_version_id) = 0;

    // A lease (one holder at a time) on the named task until `until_ms` (milliseconds since the epoch): true when
    // it is free, expired (its holder died) or already this holder's, which then extends it. Writers are
    // serialised, so of several that try at once one gets it.
    virtual bool take_lease(std::string_view name, std::string_view holder, std::int64_t now_ms, std::int64_t until_ms) = 0;
    virtual void release_lease(std::string_view name, std::string_view holder) = 0;
};

}  // namespace pact::broker::store
