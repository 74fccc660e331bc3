#pragma once
// The values the domain returns to the HTTP layer: names instead of store ids, JSON already parsed.

#include "broker/store/records.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <functional>
#include <iterator>
#include <optional>
#include <string>
#include <vector>

namespace pact::broker::domain {

// Where webhooks may send, and how often a failed delivery is tried again (the Pact Broker's
// PACT_BROKER_WEBHOOK_* settings).
struct webhook_settings {
    // Hosts a webhook may call: names ("ci.example.com"), wildcards ("*.example.com"), addresses and
    // ranges ("10.0.0.0/8"). Empty: any host except loopback, private and link-local addresses.
    std::vector<std::string> host_whitelist;
    std::vector<std::string> scheme_whitelist{"http", "https"};
    std::vector<std::string> http_method_whitelist{"POST", "GET", "PUT", "PATCH", "DELETE"};
    // Statuses of an answer that make a call a success; any other is retried (the Pact Broker's default).
    std::vector<unsigned> http_code_success{200, 201, 202, 203, 204, 205, 206};
    // Delays before the 2nd, 3rd, … attempt of a failed delivery; its size + 1 is the number of attempts.
    std::vector<std::chrono::milliseconds> retry_schedule{std::chrono::seconds(10), std::chrono::seconds(60), std::chrono::seconds(120),
                                                         std::chrono::seconds(300), std::chrono::seconds(600), std::chrono::seconds(1200)};
    std::chrono::milliseconds request_timeout{10'000};
    std::string certificate_file;  // CA certificates trusted for https webhooks besides the trust store
    bool disable_ssl_verification = false;  // https webhooks accept any certificate
    std::string user_agent = "Pact Broker";   // the User-Agent of webhook calls
    // Called after a transaction that queued deliveries has committed (wakes the delivery worker).
    std::function<void()> deliveries_queued = [] {};
};

// The Pact Broker's dynamic WIP window (PACT_BROKER_DYNAMIC_WIP_WINDOW and the *_WIP_* day counts): when on,
// WIP pacts are those published since a number of days ago derived from the provider's unverified pacts
// instead of the verifier's includeWipPactsSince.
struct wip_window_settings {
    bool dynamic = false;
    int max_lookback_days = 14;  // unverified pacts older than this are not looked at; the longest window
    int min_days = 7;            // the shortest window
    int default_days = 7;        // the window when no recent pact is unverified
};

// Settings that change the broker's behaviour, and its clock (replaceable in tests).
struct broker_config {
    bool allow_dangerous_contract_modification = false;
    // A publish creating a pacticipant whose name is a near-duplicate of an existing one is refused (pacticipant_names.hpp).
    bool check_for_potential_duplicate_pacticipant_names = true;
    // A pacticipant without a main branch takes the first candidate it uses as a branch or tag name
    // (the Pact Broker's PACT_BROKER_AUTO_DETECT_MAIN_BRANCH and PACT_BROKER_MAIN_BRANCH_CANDIDATES).
    bool auto_detect_main_branch = true;
    std::vector<std::string> main_branch_candidates{"develop", "main", "master"};
    std::function<std::chrono::system_clock::time_point()> clock = [] { return std::chrono::system_clock::now(); };
    webhook_settings webhooks;
    wip_window_settings wip_window;
};

// A message for the person who asked, as the Pact Broker sends them ("success", "info", "warning", "debug", …).
struct notice {
    std::string type;
    std::string text;
};

struct pacticipant {
    std::string name;
    std::string display_name;  // generated from the name when none was given ("payment-service" → "Payment Service")
    std::optional<std::string> main_branch;
    std::optional<std::string> repository_url;
    std::string created_at;
    std::string updated_at;
    std::optional<std::string> latest_version_number;  // the newest version, if it has any
    std::vector<std::string> labels;                   // by name
};

// A label on a pacticipant (PUT /pacticipants/{p}/labels/{label}).
// A consumer and a provider with a pact between them, and when the first was published.
struct integration {
    std::string consumer_name;
    std::string provider_name;
    std::string created_at;
};

struct label {
    std::string pacticipant_name;
    std::string name;
    std::string created_at;
};

struct branch_membership {
    std::string name;
    bool latest = false;  // this version is the newest on that branch
    std::string created_at;
};

struct tag {
    std::string name;
    std::string created_at;
};

struct version {
    std::string pacticipant_name;
    std::string number;
    std::optional<std::string> build_url;
    std::string created_at;
    std::vector<branch_membership> branches;
    std::vector<tag> tags;  // oldest first
};

struct branch {
    std::string pacticipant_name;
    std::string name;
    std::string created_at;
    std::optional<std::string> latest_version_number;
};

// A pact as published by one consumer version.
struct pact_publication {
    std::string consumer_name;
    std::string provider_name;
    std::string consumer_version_number;
    std::vector<std::string> consumer_version_tags;
    std::vector<std::string> consumer_version_branches;
    std::string pact_version_sha;  // identifies the content
    nlohmann::json content;        // the pact document as stored
    std::string created_at;        // when this consumer version published (or last replaced) it
};

struct verification {
    std::string consumer_name;
    std::string provider_name;
    std::string pact_version_sha;
    std::string consumer_version_number;  // the newest consumer version that published the verified content
    std::string provider_version_number;
    std::vector<std::string> provider_version_branches;
    std::vector<std::string> provider_version_tags;
    std::int64_t number = 0;  // 1, 2, … per pact version
    bool success = false;
    std::optional<std::string> build_url;
    nlohmann::json test_results = nlohmann::json::array();
    nlohmann::json verified_by = nlohmann::json::object();
    std::string created_at;
};

struct environment {
    std::string uuid;
    std::string name;
    std::string display_name;
    bool production = false;
    nlohmann::json contacts = nlohmann::json::array();
    std::string created_at;
    std::string updated_at;
};

struct deployed_version {
    std::string uuid;
    std::string pacticipant_name;
    std::string version_number;
    domain::environment environment;
    std::optional<std::string> application_instance;
    std::optional<std::string> target;
    bool currently_deployed = true;
    std::string created_at;
    std::optional<std::string> undeployed_at;
};

struct released_version {
    std::string uuid;
    std::string pacticipant_name;
    std::string version_number;
    domain::environment environment;
    bool currently_supported = true;
    std::string created_at;
    std::optional<std::string> support_ended_at;
};

// Which page of a long list a request asks for: its number, from 1, and how many items a page holds.
struct page_request {
    std::int64_t number = 1;
    std::int64_t size = 100;

    [[nodiscard]] store::list_window window() const { return {(number - 1) * size, size}; }
};

// One page of a long list, with how many items the whole list has.
template <typename Item>
struct page {
    std::vector<Item> items;
    page_request request;
    std::int64_t total = 0;

    // The page of `all` (a short list read whole) that `request` asks for.
    [[nodiscard]] static page of(std::vector<Item> all, page_request request) {
        const auto total = static_cast<std::int64_t>(all.size());
        const auto first = std::min(total, (request.number - 1) * request.size);
        const auto last = std::min(total, first + request.size);
        return {{std::make_move_iterator(all.begin() + first), std::make_move_iterator(all.begin() + last)}, request, total};
    }
};

// The merge-patch form of an optional field: absent = leave as is, null = clear, value = set.
template <typename T>
using field_update = std::optional<std::optional<T>>;

}  // namespace pact::broker::domain
