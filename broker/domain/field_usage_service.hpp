#pragma once
// Who relies on a field: for a provider, every place of its responses and messages (field_places.hpp) that the
// pacts of the consumer versions that matter rely on, each with those consumers and versions. Read from the
// field-usage index the store keeps per pact content (written when content is published, and for content stored
// before the index existed by index_unindexed_pact_versions), never by reading every pact per request.

#include "broker/domain/domain_error.hpp"
#include "broker/domain/types.hpp"
#include "broker/store/store.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <stop_token>
#include <string>
#include <string_view>
#include <vector>

namespace pact::broker::domain {

// Which consumer versions count: by default the latest of each consumer's main branch and every version deployed
// or released in an environment now; `environment` only those in that one (a name or a uuid), `branch` only the
// head of that branch of each consumer. `field` keeps the places at that path or below it.
struct field_usage_query {
    std::optional<std::string> field;
    std::optional<std::string> environment;
    std::optional<std::string> branch;
};

// A consumer version that counts, and why.
struct counted_consumer_version {
    std::string consumer;
    std::string number;
    std::optional<std::string> branch;      // it is the head of this branch
    std::vector<std::string> environments;  // it is deployed or released there now
};

// One place of one request (or message) and the rule its consumers apply, with the consumer versions relying on it.
struct field_usage {
    std::optional<std::string> method;  // none for a message
    std::string target;                 // the generalised path, or the message's description
    std::string field;
    std::string rule;
    std::vector<std::size_t> versions;  // positions in field_usage_report::versions, ascending
};

// Every field is relied on by many of the same versions: each version is described once and named by position.
struct field_usage_report {
    std::vector<counted_consumer_version> versions;  // by consumer name, then oldest first
    std::vector<field_usage> fields;                 // by path (or description), method, field and rule
};

// A consumer version that counts, with the pact content it published for the provider.
struct counted_pact {
    store::row_id pact_version_id = 0;
    counted_consumer_version version;
};

// The consumer versions of the provider that count, by consumer name and then oldest first: the head of each consumer's
// main branch (or of `branch`) and every version deployed or released now (in `environment`, or anywhere); only the
// heads with a branch, only the environment with one. not_found for an unknown environment.
[[nodiscard]] result<std::vector<counted_pact>> counted_pacts(store::store_reader& reader, const store::pacticipant_record& provider,
                                                              const std::optional<std::string>& environment, const std::optional<std::string>& branch);

class field_usage_service {
public:
    explicit field_usage_service(store::store& store);

    // not_found for an unknown provider or environment; invalid for an empty field or an environment with a branch.
    [[nodiscard]] result<field_usage_report> field_usages(std::string_view provider, const field_usage_query& query);

    // Indexes the content stored before the index existed (or copied from another broker), a batch per
    // transaction until none is left or `stop` is requested; returns how many it indexed.
    std::int64_t index_unindexed_pact_versions(std::stop_token stop = {});

private:
    store::store& store_;
};

// Indexes content just stored in the writer's transaction (publishing calls it for new content).
void index_field_usages(store::store_writer& writer, store::row_id pact_version_id, const nlohmann::json& pact);

}  // namespace pact::broker::domain
