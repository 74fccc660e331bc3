#pragma once
// Lookups several broker commands share: an environment by name, what is deployed or released there,
// the href of a pacticipant version.

#include "broker_client/broker_client.hpp"

#include <boost/asio/awaitable.hpp>
#include <nlohmann/json.hpp>

#include <string>

namespace pact::cli {

// The environment resource (from pb:environments) whose name is `name`; a not_found error otherwise.
[[nodiscard]] boost::asio::awaitable<broker_client::broker_result<nlohmann::json>> find_environment(
    broker_client::broker_client& client, const std::string& name);

// What an environment (a resource from find_environment) currently holds of one pacticipant: the answer
// of its relation `pb:currently-deployed-deployed-versions` (embedded `deployedVersions`) or
// `pb:currently-supported-released-versions` (embedded `releasedVersions`), asked with ?pacticipant=.
[[nodiscard]] boost::asio::awaitable<broker_client::broker_result<nlohmann::json>> currently_in_environment(
    broker_client::broker_client& client, const nlohmann::json& environment, std::string_view relation,
    const std::string& pacticipant);

// The href of an environment by uuid, through the index's pb:environment (or /environments/{uuid}).
[[nodiscard]] boost::asio::awaitable<broker_client::broker_result<std::string>> environment_href(
    broker_client::broker_client& client, const std::string& uuid);

// The href of a pacticipant version, through the index's pb:pacticipant-version when it has one.
[[nodiscard]] boost::asio::awaitable<broker_client::broker_result<std::string>> pacticipant_version_href(
    broker_client::broker_client& client, const std::string& pacticipant, const std::string& version);

// The href of an index relation with variables, or the fallback template when the index lacks it.
[[nodiscard]] boost::asio::awaitable<broker_client::broker_result<std::string>> index_href_or(
    broker_client::broker_client& client, std::string_view relation, std::string_view fallback_template,
    const broker_client::template_variables& variables);

}  // namespace pact::cli
