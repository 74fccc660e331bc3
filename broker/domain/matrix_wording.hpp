#pragma once
// Every sentence of the matrix and can-i-deploy, in one place: the Pact Broker's reasons (worded as it words them,
// since scripts and people read them), and our explanations of an answer that is not a clear yes, integration by
// integration: the cause as a code, a sentence naming the versions involved, and the command that would settle it.
// The matrix finds the facts (version_selection, matrix_doubt); these functions word them.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pact::broker::domain {

// ---------------------------------------------------------------------------------------------------------
// The Pact Broker's reasons

// How a selector chose its versions.
enum class chosen_by { version, latest, latest_with_tag, latest_on_branch, on_branch, on_main_branch, latest_on_main_branch, with_tag, environment, any };

struct version_selection {
    std::string pacticipant;
    chosen_by how = chosen_by::any;
    std::optional<std::string> tag;
    std::optional<std::string> branch;
    std::optional<std::string> environment;
    std::optional<std::string> requested_version;
};

// "the version of order-service currently in production (1.9.0)", for a row's version (or none); `version_count`:
// how many versions the selection holds.
[[nodiscard]] std::string describe_selection(const version_selection& selection, const std::optional<std::string>& number, std::size_t version_count);
// "No version of order-service is currently recorded as deployed or released in environment production"
[[nodiscard]] std::string describe_missing_selection(const version_selection& selection);

// "There is no verified pact between …", "The verification for the pact between … failed[: detail]"
[[nodiscard]] std::string no_verified_pact(std::string_view consumer, std::string_view provider);
[[nodiscard]] std::string failed_verification(std::string_view consumer, std::string_view provider, const std::optional<std::string>& detail);

// Why a comparison with a provider contract failed: its self-verification, or its first error.
struct comparison_facts {
    std::optional<bool> self_verification_success;  // none: never published
    std::int64_t errors = 0;
    std::optional<std::string> first_error;
};
[[nodiscard]] std::string contract_failure(const comparison_facts& facts);

// "WARN: Cannot ignore version 2 of Foo (no such version exists)"
[[nodiscard]] std::string cannot_ignore(std::string_view pacticipant, const std::optional<std::string>& version, bool pacticipant_exists);
extern const std::string environment_recommended;
extern const std::string version_number_recommended;
extern const std::string all_verified;            // the reason of a yes with verified rows
extern const std::string no_missing_dependencies;  // … and of a yes without any

// ---------------------------------------------------------------------------------------------------------
// Explanations

enum class doubt_cause {
    never_verified,             // no provider version has verified the pact (nor compared it with its contract)
    verified_by_other_version,  // some did, not the provider version the answer is about
    verification_failed,        // that provider version verified the pact and failed
    contract_incompatible,      // bi-directional: that version's OpenAPI contract does not satisfy the pact
    pending,                    // no version of the provider's main branch has verified the pact successfully yet
    not_in_target,              // no version of the other side is in the environment, has the tag, or is on the main branch
    version_not_found,          // a version the question names is not known to the broker
};

// "never_verified", "verified_by_other_version", …: the code in the answer's `explanations`.
[[nodiscard]] std::string to_string(doubt_cause cause);

// Where the versions of the other side were looked for.
struct doubt_target {
    std::optional<std::string> environment;
    std::optional<std::string> tag;
    bool main_branch = false;

    friend bool operator==(const doubt_target&, const doubt_target&) = default;
};

struct matrix_doubt {
    doubt_cause cause = doubt_cause::never_verified;
    std::string consumer;
    std::string consumer_version;
    std::string provider;
    std::optional<std::string> provider_version;  // the provider version the answer is about, when there is one
    std::string provider_description;             // "the version of order-service currently in production (1.9.0)"
    bool provider_named = false;                  // the question named the provider's version (else the target chose it)
    std::optional<std::string> provider_main_branch;
    std::string pact_version_sha;
    std::vector<std::string> verifying_versions;  // verified_by_other_version: the provider versions that verified it
    std::vector<std::string> failures;            // verification_failed, contract_incompatible: the first mismatches
    doubt_target target;
    // not_in_target and version_not_found: the pacticipant whose version is missing (and the version named).
    std::string missing_pacticipant;
    std::optional<std::string> missing_version;
    std::string missing_description;                 // version_not_found: "No pacts or verifications have been published for …"
    std::optional<std::string> missing_main_branch;  // not_in_target on the main branch: the pacticipant's, if it has one
    bool missing_is_consumer = false;                // version_not_found: it publishes pacts (else it verifies them)

    friend bool operator==(const matrix_doubt&, const matrix_doubt&) = default;
};

struct matrix_explanation {
    std::string code;
    std::string text;
    std::string command;  // a command line of our `pact` (and the official CLI), `<version>` where the user chooses
};

// `broker_url`: the broker's base URL, for the command's --broker-url / --broker-base-url.
[[nodiscard]] matrix_explanation explain(const matrix_doubt& doubt, std::string_view broker_url);

}  // namespace pact::broker::domain
