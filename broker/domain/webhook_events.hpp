#pragma once
// The events that trigger webhooks, queued as deliveries in the same transaction as the publish or
// verification that caused them, so a delivery is queued if and only if its cause was committed.
// The context stored with each delivery holds every fact its templates need (webhook_templates.hpp).

#include "broker/store/store.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <optional>
#include <string>

namespace pact::broker::domain {

struct contract_publication_event {
    store::pacticipant_record consumer;
    store::version_record consumer_version;
    store::pacticipant_record provider;
    store::row_id pact_version_id = 0;
    bool content_changed = false;  // differs from the pair's previous latest pact (or is the first)
};

// contract_published, contract_content_changed when the content changed, and
// contract_requiring_verification_published once per provider version (head of the main branch,
// deployed or released) that has not verified this content. Returns the number of deliveries queued.
std::size_t queue_contract_events(store::store_writer& writer, const contract_publication_event& event, const std::string& now);

// provider_verification_published, and _succeeded or _failed.
std::size_t queue_verification_events(store::store_writer& writer, const store::verification_record& verification, const std::string& now);
// The same for a comparison of pact content with a provider contract (bi-directional): it succeeds when the comparison
// found no error and the provider's self-verification succeeded; it has no verification number.
std::size_t queue_comparison_events(store::store_writer& writer, const store::contract_comparison_record& comparison,
                                    const store::provider_contract_record& contract, const std::string& now);

// The context a test execution renders with: the latest pact between pacticipants of these names (any
// when absent) and its latest verification, event "test"; only the event name when there is no pact.
[[nodiscard]] nlohmann::json test_event_context(store::store_reader& reader, const std::optional<std::string>& consumer_name,
                                                const std::optional<std::string>& provider_name);

}  // namespace pact::broker::domain
