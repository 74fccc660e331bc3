#pragma once
// The HAL+JSON shapes of the broker's resources, as the Pact Broker renders them and the official
// clients parse them (broker-api.md). Pure functions of domain values and the URL builder.

#include "broker/domain/pact_diff.hpp"
#include "broker/domain/types.hpp"
#include "broker/api/resource_urls.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pact::broker::api {

[[nodiscard]] nlohmann::json pacticipant_resource(const resource_urls& urls, const domain::pacticipant& pacticipant);
// The short form embedded in other resources: name and self link.
[[nodiscard]] nlohmann::json pacticipant_summary(const resource_urls& urls, std::string_view name);

// A version with its branches and tags, and one record-deployment / record-release link per environment.
[[nodiscard]] nlohmann::json version_resource(const resource_urls& urls, const domain::version& version,
                                              const std::vector<domain::environment>& environments);
[[nodiscard]] nlohmann::json version_summary(const resource_urls& urls, std::string_view pacticipant, std::string_view number);

[[nodiscard]] nlohmann::json label_resource(const resource_urls& urls, const domain::label& label);
[[nodiscard]] nlohmann::json tag_resource(const resource_urls& urls, std::string_view pacticipant, std::string_view version,
                                          const domain::tag& tag);
[[nodiscard]] nlohmann::json branch_resource(const resource_urls& urls, const domain::branch& branch);
[[nodiscard]] nlohmann::json branch_version_resource(const resource_urls& urls, std::string_view branch, const domain::version& version);

// "Pact between Consumer (1.0.0) and Provider"
[[nodiscard]] std::string pact_name(const domain::pact_publication& pact);
// {title: "Pact", name: pact_name, href: the pact of its consumer version}
[[nodiscard]] nlohmann::json pact_link(const resource_urls& urls, const domain::pact_publication& pact);
// {title: pact_name, name: the consumer, href: the pact of its consumer version}: an entry of `pb:pacts`.
[[nodiscard]] nlohmann::json provider_pact_link(const resource_urls& urls, const domain::pact_publication& pact);
// A list of a provider's pacts as the Pact Broker's provider-pacts resources give it: `_links` with `self`,
// `pb:provider` and `pb:pacts` (a provider_pact_link per pact), plus the
// deprecated `provider` and `pacts` the verifier's latest-pacts flow still reads.
[[nodiscard]] nlohmann::json provider_pacts_resource(const resource_urls& urls, std::string_view provider,
                                                     const std::vector<domain::pact_publication>& pacts, std::string self,
                                                     std::string title);
// The stored pact with `createdAt`, an `_id` per interaction and the links the verifier follows.
// `served_at` is the href the pact was fetched from (a pact-version URL with metadata keeps it in
// the publish-verification-results link).
[[nodiscard]] nlohmann::json pact_resource(const resource_urls& urls, const domain::pact_publication& pact,
                                           std::optional<std::string> metadata = std::nullopt);

[[nodiscard]] nlohmann::json verification_resource(const resource_urls& urls, const domain::verification& verification);

[[nodiscard]] nlohmann::json environment_resource(const resource_urls& urls, const domain::environment& environment);
[[nodiscard]] nlohmann::json deployed_version_resource(const resource_urls& urls, const domain::deployed_version& deployed);
[[nodiscard]] nlohmann::json released_version_resource(const resource_urls& urls, const domain::released_version& released);

// {breaking, unchangedInteractions, interactions: [{interaction, status, changes: [{impact, place, before, after, effect}]}]}
[[nodiscard]] nlohmann::json pact_diff_json(const domain::pact_diff& diff);
// A diff's answer: pact_diff_json of the changes from `compared_with` to `current`, with links to `self`, the pact
// and, under `comparison_relation`, the pact compared with; absent `compared_with`: a notice that this is the
// first version of the pact.
[[nodiscard]] nlohmann::json pact_diff_resource(const resource_urls& urls, const domain::pact_publication& current,
                                                const std::optional<domain::pact_publication>& compared_with, std::string_view comparison_relation,
                                                const std::string& self);

// [{type, text}, ...]
[[nodiscard]] nlohmann::json notices_json(const std::vector<domain::notice>& notices);
// JSON null for an absent value.
[[nodiscard]] nlohmann::json optional_json(const std::optional<std::string>& value);

}  // namespace pact::broker::api
