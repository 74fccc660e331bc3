#pragma once
// Rows of the broker's store, as plain values. Ids are the store's own keys; an id's order is creation order
// (a larger id was created later), which is what "latest" means throughout the broker.
// Timestamps are ISO 8601 UTC strings ("2024-01-01T00:00:00+00:00"), so they compare as text.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace pact::broker::store {

using row_id = std::int64_t;

// A window on a long list, as SQL's LIMIT and OFFSET: at most `limit` rows after the first `offset`.
struct list_window {
    std::int64_t offset = 0;
    std::int64_t limit = 100;
};

// The rows of one window and how many rows the whole list has.
template <typename Record>
struct record_page {
    std::vector<Record> records;
    std::int64_t total = 0;
};

struct pacticipant_record {
    row_id id = 0;
    std::string name;
    std::optional<std::string> display_name;
    std::optional<std::string> main_branch;
    std::optional<std::string> repository_url;
    std::string created_at;
    std::string updated_at;
};

struct version_record {
    row_id id = 0;
    row_id pacticipant_id = 0;
    std::string number;
    std::optional<std::string> build_url;
    std::string created_at;
};

struct branch_record {
    row_id id = 0;
    row_id pacticipant_id = 0;
    std::string name;
    std::string created_at;
};

// A version's membership of a branch.
struct branch_version_record {
    row_id branch_id = 0;
    std::string branch_name;
    row_id version_id = 0;
    std::string created_at;
};

// A label on a pacticipant ("team-a"), which webhooks can name instead of the pacticipant.
struct label_record {
    row_id pacticipant_id = 0;
    std::string name;
    std::string created_at;
};

struct tag_record {
    row_id version_id = 0;
    std::string name;
    std::string created_at;
};

// "The consumer has a pact with the provider", from its first publication on.
struct integration_record {
    row_id consumer_id = 0;
    row_id provider_id = 0;
    std::string created_at;
};

// Distinct pact content between a consumer and a provider, keyed by the hash of its normalised JSON.
struct pact_version_record {
    row_id id = 0;
    row_id consumer_id = 0;
    row_id provider_id = 0;
    std::string sha;
    std::string content;  // the pact JSON as stored (serialised)
    std::string created_at;
};

// "Consumer version X published pact version P for provider Y": one row per (consumer version, provider).
struct pact_publication_record {
    row_id id = 0;
    row_id consumer_id = 0;
    row_id provider_id = 0;
    row_id consumer_version_id = 0;
    row_id pact_version_id = 0;
    std::string created_at;
};

struct verification_record {
    row_id id = 0;
    row_id pact_version_id = 0;
    row_id provider_version_id = 0;
    std::int64_t number = 0;  // 1, 2, … per pact version
    bool success = false;
    std::optional<std::string> build_url;
    std::string test_results;  // JSON text
    std::string verified_by;   // JSON text
    std::string created_at;
    bool wip = false;  // made while the pact was included as work in progress (published to a WIP pact's URL)
};

struct environment_record {
    row_id id = 0;
    std::string uuid;
    std::string name;
    std::string display_name;
    bool production = false;
    std::string contacts;  // JSON text (an array)
    std::string created_at;
    std::string updated_at;
};

struct deployed_version_record {
    row_id id = 0;
    std::string uuid;
    row_id version_id = 0;
    row_id pacticipant_id = 0;
    row_id environment_id = 0;
    std::optional<std::string> application_instance;
    std::optional<std::string> target;
    std::string created_at;
    std::optional<std::string> undeployed_at;  // empty while currently deployed
};

struct released_version_record {
    row_id id = 0;
    std::string uuid;
    row_id version_id = 0;
    row_id pacticipant_id = 0;
    row_id environment_id = 0;
    std::string created_at;
    std::optional<std::string> support_ended_at;  // empty while currently supported
};

// A webhook: which events of which pacticipants (a name, a label, or any when both are empty) send
// which HTTP request. The request's headers and body are JSON text, kept as the client wrote them.
struct webhook_record {
    row_id id = 0;
    std::string uuid;
    std::optional<std::string> description;
    std::optional<std::string> consumer_name;
    std::optional<std::string> consumer_label;
    std::optional<std::string> provider_name;
    std::optional<std::string> provider_label;
    std::vector<std::string> events;  // event names, in the order given
    std::string request_method;
    std::string request_url;
    std::string request_headers = "{}";       // JSON object of strings
    std::optional<std::string> request_body;  // JSON text (a string or any JSON value); empty when none
    std::optional<std::string> request_username;
    std::optional<std::string> request_password;
    bool enabled = true;
    std::string created_at;
    std::string updated_at;
};

// One delivery of a webhook for one event: queued in the transaction that caused the event, then
// attempted by the delivery worker until it succeeds or runs out of attempts.
struct triggered_webhook_record {
    row_id id = 0;
    std::string uuid;
    row_id webhook_id = 0;
    std::string webhook_uuid;
    std::string event_name;
    std::string trigger_type = "resource_creation";  // or "user"
    std::string consumer_name;
    std::string provider_name;
    std::string context;                  // JSON object: the event's facts the templates are rendered from
    std::string status = "not_run";       // not_run, retrying, success, failure
    std::int64_t attempts_made = 0;
    std::optional<std::int64_t> last_attempt_at_ms;  // milliseconds since the epoch
    std::string created_at;
    std::string updated_at;
};

struct webhook_execution_record {
    row_id id = 0;
    row_id triggered_webhook_id = 0;
    bool success = false;
    std::string logs;  // already redacted
    std::string created_at;
};

// How many rows the broker holds of the kinds its metrics report (store_reader::count_records).
struct record_counts {
    std::int64_t pacticipants = 0;
    std::int64_t versions = 0;
    std::int64_t pact_versions = 0;
    std::int64_t pact_publications = 0;
    std::int64_t verification_results = 0;
    std::int64_t environments = 0;
    std::int64_t webhooks = 0;
    // Webhook deliveries by status (triggered_webhook_record::status); the queue is not_run + retrying.
    std::int64_t deliveries_not_run = 0;
    std::int64_t deliveries_retrying = 0;
    std::int64_t deliveries_succeeded = 0;
    std::int64_t deliveries_failed = 0;
};

// A session pool's sessions: open ones (idle or in use) and the most it opens.
struct session_pool_usage {
    std::size_t in_use = 0;
    std::size_t open = 0;
    std::size_t capacity = 0;
};

}  // namespace pact::broker::store
