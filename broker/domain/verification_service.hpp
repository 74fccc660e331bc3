#pragma once
// Verification results: published per pact content (sha) by a provider version, read back by number.

#include "broker/domain/domain_error.hpp"
#include "broker/domain/types.hpp"
#include "broker/store/store.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pact::broker::domain {

struct verification_to_publish {
    std::string provider_version_number;  // "providerApplicationVersion"
    std::optional<bool> success;          // required; optional only so that a missing value can be reported
    std::optional<std::string> build_url;
    nlohmann::json test_results = nlohmann::json::array();
    nlohmann::json verified_by = nlohmann::json::object();
    std::optional<std::string> provider_version_branch;  // attached to the provider version when given
    std::vector<std::string> provider_version_tags;
    // Published to the URL of a pact included as work in progress; such a success does not end its WIP status.
    bool wip = false;
};

class verification_service {
public:
    verification_service(store::store& store, const broker_config& config);

    // Creates the provider version (and branch/tags) when missing. not_found if the pact is unknown.
    [[nodiscard]] result<verification> publish_verification(std::string_view provider, std::string_view consumer, std::string_view sha,
                                                            const verification_to_publish& input);
    [[nodiscard]] result<verification> find_verification(std::string_view provider, std::string_view consumer, std::string_view sha, std::int64_t number);
    // The pact's latest verification becomes the one before it; not_found as find_verification.
    [[nodiscard]] result<void> delete_verification(std::string_view provider, std::string_view consumer, std::string_view sha, std::int64_t number);
    [[nodiscard]] result<std::vector<verification>> verifications_of_pact(std::string_view provider, std::string_view consumer, std::string_view sha);
    // nullopt when the pact exists but was never verified.
    [[nodiscard]] result<std::optional<verification>> latest_verification_of_pact(std::string_view provider, std::string_view consumer, std::string_view sha);
    // Everything a provider version verified.
    [[nodiscard]] result<std::vector<verification>> verifications_by_provider_version(std::string_view provider, std::string_view number);

private:
    store::store& store_;
    const broker_config& config_;
};

}  // namespace pact::broker::domain
