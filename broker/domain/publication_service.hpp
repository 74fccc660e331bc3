#pragma once
// Publishing pacts: POST /contracts/publish and PUT /pacts/provider/{p}/consumer/{c}/version/{v}.
// One transaction per publish. Content is stored once per distinct normalised JSON (the pact version sha).

#include "broker/domain/domain_error.hpp"
#include "broker/domain/types.hpp"
#include "broker/store/store.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pact::broker::domain {

enum class on_conflict { overwrite, merge };

struct contract_to_publish {
    std::string consumer_name;
    std::string provider_name;
    std::string specification = "pact";
    std::string content_type = "application/json";
    std::string content;  // base64 of the pact JSON
    domain::on_conflict on_conflict = domain::on_conflict::overwrite;
};

struct publish_contracts_request {
    std::string pacticipant_name;
    std::string version_number;
    std::optional<std::string> branch;
    std::vector<std::string> tags;
    std::optional<std::string> build_url;
    std::vector<contract_to_publish> contracts;
    std::string broker_base_url;  // named in the answer to a near-duplicate pacticipant name
};

struct publish_contracts_result {
    pacticipant consumer;
    version consumer_version;                 // with its branch and tags after the publish
    std::vector<pact_publication> pacts;      // in the order of the contracts
    std::vector<notice> notices;              // also the answer's `logs`; "View the published pact" texts need
                                              // the pact's URL, so they are left to the HTTP layer
};

struct publish_pact_result {
    pact_publication pact;
    bool created = false;  // no pact existed for this consumer version and provider before
};

class publication_service {
public:
    publication_service(store::store& store, const broker_config& config);

    // Validates the whole request (field errors named like the request's keys, e.g. "contracts.0.content")
    // before writing anything.
    [[nodiscard]] result<publish_contracts_result> publish_contracts(const publish_contracts_request& request);

    // The legacy per-pact PUT (merge = PATCH). The pact's consumer/provider names must match the path.
    // `broker_base_url` is named in the answer to a near-duplicate pacticipant name.
    [[nodiscard]] result<publish_pact_result> publish_pact(std::string_view provider_name, std::string_view consumer_name,
                                                           std::string_view consumer_version_number, const nlohmann::json& pact,
                                                           on_conflict on_conflict = on_conflict::overwrite, std::string_view broker_base_url = {});

private:
    store::store& store_;
    const broker_config& config_;
};

// The content identity of a pact: SHA-1 (hex) of its normalised JSON (keys sorted, `_links` and
// interaction `_id`s removed, broker-added `createdAt` removed).
[[nodiscard]] std::string pact_content_sha(const nlohmann::json& pact);

// A stable id for an interaction (hex SHA-1 of its normalised JSON), served as the interaction's `_id`.
[[nodiscard]] std::string interaction_id(const nlohmann::json& interaction);

// Merges the interactions of `incoming` into `existing` (same description and provider states = same
// interaction, replaced by the incoming one). Fails with conflict if they cannot be merged.
[[nodiscard]] result<nlohmann::json> merge_pacts(const nlohmann::json& existing, const nlohmann::json& incoming);

}  // namespace pact::broker::domain
