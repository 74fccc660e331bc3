#pragma once
// Environments, deployed versions (one current per pacticipant, environment and application instance)
// and released versions (several supported at once).

#include "broker/domain/domain_error.hpp"
#include "broker/domain/types.hpp"
#include "broker/store/store.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pact::broker::domain {

struct environment_input {
    std::string name;
    std::optional<std::string> display_name;  // generated from the name when absent
    bool production = false;
    nlohmann::json contacts = nlohmann::json::array();
    std::optional<std::string> uuid;  // generated when absent (seeded data, as in contract tests, names its own)
};

class environment_service {
public:
    environment_service(store::store& store, const broker_config& config);

    // invalid (field "name") when the name is blank or already taken.
    [[nodiscard]] result<environment> create_environment(const environment_input& input);
    // PUT: replaces name, display name, production flag and contacts.
    [[nodiscard]] result<environment> update_environment(std::string_view uuid, const environment_input& input);
    [[nodiscard]] result<void> delete_environment(std::string_view uuid);
    [[nodiscard]] result<environment> find_environment(std::string_view uuid);
    [[nodiscard]] result<environment> find_environment_by_name(std::string_view name);
    [[nodiscard]] std::vector<environment> list_environments();  // by name

    // Replaces the current deployment of that pacticipant in that environment with the same application
    // instance. not_found if the version or environment is unknown.
    [[nodiscard]] result<deployed_version> record_deployment(std::string_view pacticipant, std::string_view version_number,
                                                             std::string_view environment_uuid, std::optional<std::string> application_instance,
                                                             std::optional<std::string> uuid = std::nullopt);  // generated when absent
    [[nodiscard]] result<deployed_version> record_undeployment(std::string_view deployed_version_uuid);  // idempotent
    [[nodiscard]] result<deployed_version> find_deployed_version(std::string_view uuid);
    [[nodiscard]] result<std::vector<deployed_version>> currently_deployed(std::string_view environment_uuid, std::optional<std::string_view> pacticipant = std::nullopt);
    [[nodiscard]] result<std::vector<deployed_version>> deployments_of_version(std::string_view pacticipant, std::string_view version_number);

    // Recording the same release twice returns the existing one (supported again if it had ended).
    [[nodiscard]] result<released_version> record_release(std::string_view pacticipant, std::string_view version_number, std::string_view environment_uuid);
    [[nodiscard]] result<released_version> record_support_ended(std::string_view released_version_uuid);  // idempotent
    [[nodiscard]] result<released_version> find_released_version(std::string_view uuid);
    [[nodiscard]] result<std::vector<released_version>> currently_supported(std::string_view environment_uuid, std::optional<std::string_view> pacticipant = std::nullopt);
    [[nodiscard]] result<std::vector<released_version>> releases_of_version(std::string_view pacticipant, std::string_view version_number);

private:
    store::store& store_;
    const broker_config& config_;
};

}  // namespace pact::broker::domain
