#pragma once
// Webhooks as the Pact Broker has them: a request template sent when pacts or verification results of
// matching pacticipants are published. This service keeps the webhooks and reads their delivery logs;
// webhook_events.hpp queues deliveries, broker/webhooks/ sends them.

#include "broker/domain/domain_error.hpp"
#include "broker/domain/types.hpp"
#include "broker/store/store.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pact::broker::domain {

inline constexpr std::array<std::string_view, 6> webhook_event_names{
    "contract_content_changed",        "contract_published",              "contract_requiring_verification_published",
    "provider_verification_published", "provider_verification_succeeded", "provider_verification_failed"};

// Which pacticipants a webhook listens to: one by name, those with a label, or (absent) all.
struct webhook_pacticipant {
    std::optional<std::string> name;
    std::optional<std::string> label;
};

struct webhook_request {
    std::string method;
    std::string url;
    nlohmann::json headers = nlohmann::json::object();  // name → value, as given (secrets included)
    nlohmann::json body;                                // null when none; a string is sent as is, anything else as JSON
    std::optional<std::string> username;
    std::optional<std::string> password;
};

// A webhook as a client sends it; `events` empty means contract_content_changed, as in the Pact Broker.
struct webhook_input {
    std::optional<std::string> description;
    std::optional<webhook_pacticipant> consumer;
    std::optional<webhook_pacticipant> provider;
    std::vector<std::string> events;
    webhook_request request;
    bool enabled = true;
};

// A stored webhook: its definition (whose events are never empty once stored) and the broker's facts.
struct webhook {
    std::string uuid;
    webhook_input definition;
    std::string created_at;
    std::string updated_at;
};

struct webhook_execution {
    bool success = false;
    std::string logs;  // redacted
    std::string created_at;
};

struct triggered_webhook {
    std::string uuid;
    std::string webhook_uuid;
    std::string request_description;  // "POST ci.example.com"
    std::string event_name;
    std::string trigger_type;
    std::string consumer_name;
    std::string provider_name;
    std::string status;  // not_run, retrying, success, failure
    std::int64_t attempts_made = 0;
    std::int64_t attempts_remaining = 0;
    std::string created_at;
    std::vector<webhook_execution> executions;  // oldest first
};

// The webhook and the facts a test execution renders its templates from.
struct webhook_test {
    domain::webhook webhook;
    nlohmann::json context;
};

class webhook_service {
public:
    webhook_service(store::store& store, const broker_config& config);

    // invalid naming the field ("request.url", "events.0.name", "consumer.name", …) when the webhook is
    // malformed, refers to an unknown pacticipant or a URL the whitelists refuse.
    [[nodiscard]] result<webhook> create_webhook(const webhook_input& input);
    // POST /webhooks/provider/{p}/consumer/{c}: not_found when either pacticipant is unknown.
    [[nodiscard]] result<webhook> create_webhook_for_pair(std::string_view provider, std::string_view consumer, webhook_input input);
    // PUT /webhooks/{uuid}: the bool is true when it was created.
    [[nodiscard]] result<std::pair<webhook, bool>> create_or_update_webhook(std::string_view uuid, const webhook_input& input);
    [[nodiscard]] result<webhook> find_webhook(std::string_view uuid);
    // Webhooks naming exactly these pacticipants (nullopt: any).
    [[nodiscard]] std::vector<webhook> list_webhooks(std::optional<std::string_view> consumer = std::nullopt,
                                                     std::optional<std::string_view> provider = std::nullopt);
    [[nodiscard]] result<void> delete_webhook(std::string_view uuid);

    // Deliveries for the pair, newest first, with their logs. not_found when either pacticipant is unknown.
    [[nodiscard]] result<std::vector<triggered_webhook>> triggered_webhooks_of_pair(std::string_view provider, std::string_view consumer);
    [[nodiscard]] result<triggered_webhook> find_triggered_webhook(std::string_view uuid);

    // For POST /webhooks/{uuid}/execute: the latest pact of the webhook's pacticipants and its latest
    // verification (empty facts when there is none), with event name "test".
    [[nodiscard]] result<webhook_test> test_execution(std::string_view uuid);
    // For POST /webhooks/execute: a webhook that is not saved, validated as create_webhook validates it
    // (its uuid and timestamps empty), with the same facts.
    [[nodiscard]] result<webhook_test> test_unsaved_execution(const webhook_input& input);

private:
    [[nodiscard]] result<store::webhook_record> checked_record(const webhook_input& input, store::store_reader& reader);

    store::store& store_;
    const broker_config& config_;
};

[[nodiscard]] webhook webhook_from_record(const store::webhook_record& record);

// How many attempts a delivery gets with these settings.
[[nodiscard]] std::int64_t webhook_attempts(const webhook_settings& settings);

}  // namespace pact::broker::domain
