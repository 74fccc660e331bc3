#pragma once
// The broker's storage interface. The domain layer talks only to these classes; SQLite and PostgreSQL
// implement them (broker/store/sql holds the queries both share). Every query is meant to be answered from
// an index: "latest" lookups are "the largest id among rows matching an indexed key", never a scan of history.
//
// A transaction hands out one repository per aggregate: pacticipants (with their labels, versions, branches
// and tags), pacts, verifications, environments (with deployments and releases) and webhooks. Repositories
// store and find rows; the rules that span aggregates (what a deletion takes with it, the integrations a
// publication makes) live in the domain layer.
//
// A reader is a consistent snapshot; a writer is one transaction that sees its own writes. Both are RAII:
// dropping a writer without commit() rolls everything back. A store is safe to use from many threads and
// from several broker processes at once (each transaction belongs to the thread that opened it); writers are
// serialised across all of them. Storage failures (disk full, database unreachable) throw store_failure.

#include "broker/store/field_usage.hpp"
#include "broker/store/maintenance.hpp"
#include "broker/store/provider_contracts.hpp"
#include "broker/store/records.hpp"

#include <chrono>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace pact::broker::store {

class store_failure : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Which successful verifications a "verified successfully" question counts.
enum class counted_verifications {
    all,
    not_wip,  // leaves out those made while the pact was included as work in progress
};

// Pacticipants with their labels, versions, branches and tags. Lists of versions are newest first.
class pacticipant_reader {
public:
    virtual ~pacticipant_reader() = default;

    [[nodiscard]] virtual std::optional<pacticipant_record> find_pacticipant(std::string_view name) = 0;
    [[nodiscard]] virtual std::optional<pacticipant_record> find_pacticipant(row_id id) = 0;
    [[nodiscard]] virtual std::vector<pacticipant_record> list_pacticipants() = 0;  // by name
    [[nodiscard]] virtual std::vector<label_record> labels_of(row_id pacticipant_id) = 0;  // by name
    [[nodiscard]] virtual std::vector<pacticipant_record> pacticipants_with_label(std::string_view label) = 0;  // by name
    [[nodiscard]] virtual std::vector<std::string> label_names() = 0;  // distinct, sorted

    [[nodiscard]] virtual std::optional<version_record> find_version(row_id pacticipant_id, std::string_view number) = 0;
    [[nodiscard]] virtual std::optional<version_record> find_version(row_id version_id) = 0;
    [[nodiscard]] virtual std::vector<version_record> list_versions(row_id pacticipant_id) = 0;
    [[nodiscard]] virtual std::optional<version_record> latest_version(row_id pacticipant_id) = 0;
    [[nodiscard]] virtual std::optional<version_record> latest_version_with_tag(row_id pacticipant_id, std::string_view tag) = 0;
    [[nodiscard]] virtual std::vector<version_record> versions_with_tag(row_id pacticipant_id, std::string_view tag) = 0;
    [[nodiscard]] virtual std::optional<version_record> latest_version_on_branch(row_id pacticipant_id, std::string_view branch) = 0;
    [[nodiscard]] virtual std::vector<version_record> versions_on_branch(row_id pacticipant_id, std::string_view branch) = 0;

    [[nodiscard]] virtual std::optional<branch_record> find_branch(row_id pacticipant_id, std::string_view name) = 0;
    [[nodiscard]] virtual std::vector<branch_record> list_branches(row_id pacticipant_id) = 0;  // newest first
    [[nodiscard]] virtual std::vector<branch_version_record> branches_of_version(row_id version_id) = 0;
    [[nodiscard]] virtual std::vector<tag_record> tags_of_version(row_id version_id) = 0;  // oldest first
    [[nodiscard]] virtual std::vector<std::string> tag_names(row_id pacticipant_id) = 0;  // distinct, sorted
    // When the pacticipant first used the tag (on any version); nullopt if never.
    [[nodiscard]] virtual std::optional<std::string> tag_first_used(row_id pacticipant_id, std::string_view tag) = 0;

    // The lists above one window at a time, in the same order, as the HTTP API pages them.
    [[nodiscard]] virtual record_page<pacticipant_record> list_pacticipants(list_window window) = 0;
    [[nodiscard]] virtual record_page<pacticipant_record> pacticipants_with_label(std::string_view label, list_window window) = 0;
    [[nodiscard]] virtual record_page<version_record> list_versions(row_id pacticipant_id, list_window window) = 0;
    [[nodiscard]] virtual record_page<version_record> versions_with_tag(row_id pacticipant_id, std::string_view tag, list_window window) = 0;
    [[nodiscard]] virtual record_page<version_record> versions_on_branch(row_id pacticipant_id, std::string_view branch, list_window window) = 0;
    [[nodiscard]] virtual record_page<branch_record> list_branches(row_id pacticipant_id, list_window window) = 0;
};

class pacticipant_writer : public pacticipant_reader {
public:
    [[nodiscard]] virtual row_id insert_pacticipant(const pacticipant_record& pacticipant) = 0;
    virtual void update_pacticipant(const pacticipant_record& pacticipant) = 0;  // by id
    // The row and, by the schema's cascades, what refers to it: labels, versions (and what refers to them),
    // branches, tags, pact content and publications on either side, deployments and releases.
    virtual void delete_pacticipant(row_id pacticipant_id) = 0;
    virtual bool add_label(row_id pacticipant_id, std::string_view label, std::string_view now) = 0;  // false if present
    virtual bool delete_label(row_id pacticipant_id, std::string_view label) = 0;                     // false if absent

    [[nodiscard]] virtual row_id insert_version(const version_record& version) = 0;
    virtual void update_version(const version_record& version) = 0;  // build URL, by id
    // The row with its tags, branch memberships, pact publications, the verifications it made, deployments, releases.
    virtual void delete_version(row_id version_id) = 0;
    // The pacticipant's versions that published no pact and made no verification, with what refers to them.
    virtual void delete_versions_without_contracts(row_id pacticipant_id) = 0;

    // Adds the version to the branch, creating the branch if needed. Returns false if it already was on it.
    virtual bool add_version_to_branch(row_id pacticipant_id, std::string_view branch, row_id version_id, std::string_view now) = 0;
    // A branch with its own creation time, before any version is on it (copying a broker). Branch names are unique per pacticipant.
    [[nodiscard]] virtual row_id insert_branch(const branch_record& branch) = 0;
    virtual void delete_branch(row_id branch_id) = 0;  // the versions stay
    virtual bool remove_version_from_branch(row_id branch_id, row_id version_id) = 0;  // false if it was not on it
    virtual bool add_tag(row_id pacticipant_id, row_id version_id, std::string_view tag, std::string_view now) = 0;  // false if present
    virtual bool delete_tag(row_id version_id, std::string_view tag) = 0;  // false if absent
};

// Pact content (pact versions), its publications by consumer versions, and the integrations they make.
class pact_reader {
public:
    virtual ~pact_reader() = default;

    [[nodiscard]] virtual std::optional<pact_version_record> find_pact_version(row_id consumer_id, row_id provider_id, std::string_view sha) = 0;
    [[nodiscard]] virtual std::optional<pact_version_record> find_pact_version(row_id pact_version_id) = 0;
    // All the content the consumer published, for any provider, oldest first (copying a broker).
    [[nodiscard]] virtual std::vector<pact_version_record> pact_versions_of_consumer(row_id consumer_id) = 0;
    [[nodiscard]] virtual std::optional<pact_publication_record> find_pact_publication(row_id consumer_version_id, row_id provider_id) = 0;
    [[nodiscard]] virtual std::vector<pact_publication_record> publications_of_consumer_version(row_id consumer_version_id) = 0;
    [[nodiscard]] virtual std::vector<pact_publication_record> publications_of_pact_version(row_id pact_version_id) = 0;  // newest first
    [[nodiscard]] virtual std::vector<pact_publication_record> publications_of_pair(row_id consumer_id, row_id provider_id) = 0;  // newest first
    [[nodiscard]] virtual std::optional<pact_publication_record> latest_publication(row_id consumer_id, row_id provider_id) = 0;
    [[nodiscard]] virtual std::optional<pact_publication_record> latest_publication_with_tag(row_id consumer_id, row_id provider_id, std::string_view tag) = 0;
    [[nodiscard]] virtual std::optional<pact_publication_record> latest_publication_on_branch(row_id consumer_id, row_id provider_id, std::string_view branch) = 0;
    // Every publication of the pair whose consumer version is on the branch, newest first.
    [[nodiscard]] virtual std::vector<pact_publication_record> publications_on_branch(row_id consumer_id, row_id provider_id, std::string_view branch) = 0;
    // Every publication of the pair whose consumer version carries the tag, newest first.
    [[nodiscard]] virtual std::vector<pact_publication_record> publications_with_tag(row_id consumer_id, row_id provider_id, std::string_view tag) = 0;
    [[nodiscard]] virtual std::vector<row_id> consumers_of(row_id provider_id) = 0;  // pacticipants with an integration with the provider
    [[nodiscard]] virtual std::vector<row_id> providers_of(row_id consumer_id) = 0;
    [[nodiscard]] virtual std::vector<integration_record> list_integrations() = 0;  // by consumer id, then provider id
    // One window of the integrations by consumer name, then provider name, as the HTTP API pages them.
    [[nodiscard]] virtual record_page<integration_record> list_integrations(list_window window) = 0;
    // The latest publication of every integration (consumer, provider).
    [[nodiscard]] virtual std::vector<pact_publication_record> latest_publications() = 0;
};

class pact_writer : public pact_reader {
public:
    [[nodiscard]] virtual row_id insert_pact_version(const pact_version_record& pact_version) = 0;
    [[nodiscard]] virtual row_id insert_pact_publication(const pact_publication_record& publication) = 0;
    // Points an existing publication at other content (overwrite/merge), making it the newest revision.
    virtual void replace_publication_content(row_id publication_id, row_id pact_version_id, std::string_view now) = 0;
    // Pact content and its verifications outlive a deleted publication, as in the Pact Broker.
    virtual void delete_pact_publication(row_id publication_id) = 0;
    // Every pact content between the two, with its publications and verifications.
    virtual void delete_pact_versions_of_pair(row_id consumer_id, row_id provider_id) = 0;

    // Records that the consumer has a pact with the provider; nothing if it is known already.
    virtual void add_integration(row_id consumer_id, row_id provider_id, std::string_view now) = 0;
    // Forgets the integrations no publication is left for.
    virtual void delete_integrations_without_publications() = 0;
};

class verification_reader {
public:
    virtual ~verification_reader() = default;

    [[nodiscard]] virtual std::vector<verification_record> verifications_of_pact_version(row_id pact_version_id) = 0;  // oldest first
    [[nodiscard]] virtual std::optional<verification_record> find_verification(row_id pact_version_id, std::int64_t number) = 0;
    [[nodiscard]] virtual std::optional<verification_record> latest_verification(row_id pact_version_id) = 0;
    [[nodiscard]] virtual std::optional<verification_record> latest_verification_by(row_id pact_version_id, row_id provider_version_id) = 0;
    [[nodiscard]] virtual std::vector<verification_record> verifications_by_provider_version(row_id provider_version_id) = 0;
    // Whether a version of the provider on the branch (resp. with one of the tags) verified the pact successfully;
    // `counted` leaves out verifications made while the pact was work in progress when asked to.
    [[nodiscard]] virtual bool verified_successfully_from_branch(row_id pact_version_id, row_id provider_id, std::string_view branch,
                                                                 counted_verifications counted) = 0;
    [[nodiscard]] virtual bool verified_successfully_with_tag(row_id pact_version_id, row_id provider_id, std::string_view tag,
                                                              counted_verifications counted) = 0;
    [[nodiscard]] virtual bool verified_successfully(row_id pact_version_id, counted_verifications counted) = 0;
    // Whether any provider version verified the pact successfully before the timestamp.
    [[nodiscard]] virtual bool verified_successfully_before(row_id pact_version_id, std::string_view created_at, counted_verifications counted) = 0;
};

class verification_writer : public verification_reader {
public:
    // Numbers the verification (1 + the previous number for its pact version) and returns it with its id. A
    // verification that already has a number (copied from another broker) keeps it.
    [[nodiscard]] virtual verification_record insert_verification(const verification_record& verification) = 0;
    virtual void delete_verification(row_id verification_id) = 0;
};

// Environments, and the versions deployed or released to them.
class environment_reader {
public:
    virtual ~environment_reader() = default;

    [[nodiscard]] virtual std::optional<environment_record> find_environment_by_uuid(std::string_view uuid) = 0;
    [[nodiscard]] virtual std::optional<environment_record> find_environment_by_name(std::string_view name) = 0;
    [[nodiscard]] virtual std::optional<environment_record> find_environment(row_id id) = 0;
    [[nodiscard]] virtual std::vector<environment_record> list_environments() = 0;  // by name
    [[nodiscard]] virtual std::optional<deployed_version_record> find_deployed_version(std::string_view uuid) = 0;
    // Currently deployed versions in the environment, of one pacticipant or of all; newest first.
    [[nodiscard]] virtual std::vector<deployed_version_record> currently_deployed(row_id environment_id, std::optional<row_id> pacticipant_id) = 0;
    [[nodiscard]] virtual std::vector<deployed_version_record> deployments_of_version(row_id version_id) = 0;
    [[nodiscard]] virtual std::optional<released_version_record> find_released_version(std::string_view uuid) = 0;
    [[nodiscard]] virtual std::optional<released_version_record> find_release(row_id version_id, row_id environment_id) = 0;
    [[nodiscard]] virtual std::vector<released_version_record> currently_supported(row_id environment_id, std::optional<row_id> pacticipant_id) = 0;
    [[nodiscard]] virtual std::vector<released_version_record> releases_of_version(row_id version_id) = 0;
};

class environment_writer : public environment_reader {
public:
    [[nodiscard]] virtual row_id insert_environment(const environment_record& environment) = 0;
    virtual void update_environment(const environment_record& environment) = 0;  // by id
    virtual void delete_environment(row_id environment_id) = 0;  // with its deployments and releases

    [[nodiscard]] virtual row_id insert_deployed_version(const deployed_version_record& deployed) = 0;
    virtual void mark_undeployed(row_id deployed_version_id, std::string_view now) = 0;
    [[nodiscard]] virtual row_id insert_released_version(const released_version_record& released) = 0;
    virtual void mark_support_ended(row_id released_version_id, std::string_view now) = 0;
    virtual void mark_supported_again(row_id released_version_id) = 0;  // a version released once more
};

// Webhooks, their deliveries (the queue) and execution logs.
class webhook_reader {
public:
    virtual ~webhook_reader() = default;

    [[nodiscard]] virtual std::optional<webhook_record> find_webhook(std::string_view uuid) = 0;
    [[nodiscard]] virtual std::vector<webhook_record> list_webhooks() = 0;  // oldest first
    // Enabled webhooks whose consumer and provider filters let these pacticipants through, with their events (the
    // caller picks those of an event: one look-up serves every event of a publication): a filter by name matches
    // that name, a filter by label every pacticipant carrying the label.
    [[nodiscard]] virtual std::vector<webhook_record> webhooks_to_trigger(std::string_view consumer_name, std::string_view provider_name) = 0;
    [[nodiscard]] virtual std::optional<triggered_webhook_record> find_triggered_webhook(std::string_view uuid) = 0;
    [[nodiscard]] virtual std::vector<triggered_webhook_record> triggered_webhooks_of_pair(std::string_view consumer_name,
                                                                                         std::string_view provider_name) = 0;  // newest first
    // Deliveries still to be attempted (not_run or retrying), oldest first, whether claimed or not.
    [[nodiscard]] virtual std::vector<triggered_webhook_record> pending_triggered_webhooks() = 0;
    [[nodiscard]] virtual std::vector<triggered_webhook_record> triggered_webhooks_of(row_id webhook_id) = 0;  // oldest first
    [[nodiscard]] virtual std::vector<webhook_execution_record> executions_of(row_id triggered_webhook_id) = 0;  // oldest first
};

class webhook_writer : public webhook_reader {
public:
    [[nodiscard]] virtual row_id insert_webhook(const webhook_record& webhook) = 0;
    virtual void update_webhook(const webhook_record& webhook) = 0;  // everything but uuid and created_at, by id
    virtual void delete_webhook(row_id webhook_id) = 0;              // with its deliveries and their logs
    // The webhooks whose consumer or provider filter names the pacticipant, and every delivery made for it.
    virtual void delete_webhooks_naming(std::string_view pacticipant_name) = 0;
    // The webhooks whose filters name exactly this consumer and this provider, and every delivery made for the pair.
    virtual void delete_webhooks_of_pair(std::string_view consumer_name, std::string_view provider_name) = 0;
    [[nodiscard]] virtual row_id insert_triggered_webhook(const triggered_webhook_record& triggered) = 0;
    // Records an attempt: status, attempts made, when, by id; the delivery's claim ends with it.
    virtual void update_triggered_webhook(const triggered_webhook_record& triggered) = 0;
    // Claims a pending delivery for one broker instance until `claimed_until_ms` (milliseconds since the epoch):
    // false when another instance holds an unexpired claim on it. Writers are serialised, so of several
    // instances that try at once exactly one succeeds; a claim that expires (its instance died) can be taken.
    virtual bool claim_triggered_webhook(row_id triggered_webhook_id, std::int64_t now_ms, std::int64_t claimed_until_ms) = 0;
    [[nodiscard]] virtual row_id insert_webhook_execution(const webhook_execution_record& execution) = 0;
};

class store_reader {
public:
    virtual ~store_reader() = default;
    [[nodiscard]] virtual pacticipant_reader& pacticipants() = 0;
    [[nodiscard]] virtual pact_reader& pacts() = 0;
    [[nodiscard]] virtual verification_reader& verifications() = 0;
    [[nodiscard]] virtual environment_reader& environments() = 0;
    [[nodiscard]] virtual webhook_reader& webhooks() = 0;
    // How many rows of each kind there are, for metrics: one COUNT query a kind, whatever the history's length.
    [[nodiscard]] virtual record_counts count_records() = 0;
    [[nodiscard]] virtual maintenance_reader& maintenance() = 0;  // the clean-up of old data
    [[nodiscard]] virtual field_usage_reader& field_usages() = 0;  // the places of responses each pact content relies on
    [[nodiscard]] virtual provider_contract_reader& provider_contracts() = 0;  // OpenAPI contracts and their comparisons
};

class store_writer : public store_reader {
public:
    [[nodiscard]] pacticipant_writer& pacticipants() override = 0;
    [[nodiscard]] pact_writer& pacts() override = 0;
    [[nodiscard]] verification_writer& verifications() override = 0;
    [[nodiscard]] environment_writer& environments() override = 0;
    [[nodiscard]] webhook_writer& webhooks() override = 0;
    [[nodiscard]] maintenance_writer& maintenance() override = 0;
    [[nodiscard]] field_usage_writer& field_usages() override = 0;
    [[nodiscard]] provider_contract_writer& provider_contracts() override = 0;
    // Makes every write of this transaction durable. Without it the destructor rolls back.
    virtual void commit() = 0;
};

class store {
public:
    virtual ~store() = default;
    [[nodiscard]] virtual std::unique_ptr<store_reader> read() = 0;
    // Blocks until this transaction is the only writer, in this process and in every other one on the database.
    [[nodiscard]] virtual std::unique_ptr<store_writer> write() = 0;
    // Which database this is, for logs and diagnostics ("sqlite /var/lib/broker.sqlite", "postgresql db:5432/broker"):
    // never a password.
    [[nodiscard]] virtual std::string description() const = 0;
    // The sessions of the store's pool (PostgreSQL), for metrics; nullopt for a store without one (SQLite).
    [[nodiscard]] virtual std::optional<session_pool_usage> session_pool() const { return std::nullopt; }
};

}  // namespace pact::broker::store
