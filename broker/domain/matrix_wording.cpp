#include "broker/domain/matrix_wording.hpp"

#include <algorithm>
#include <cctype>

namespace pact::broker::domain {

// ---------------------------------------------------------------------------------------------------------
// The Pact Broker's reasons

std::string describe_selection(const version_selection& selection, const std::optional<std::string>& number, std::size_t version_count) {
    const auto& name = selection.pacticipant;
    const bool many = version_count > 1;
    const std::string version_text = number ? " (" + *number + ")" : "";
    switch (selection.how) {
        case chosen_by::latest_with_tag:
            return "the latest version of " + name + " with tag " + selection.tag.value_or("") + (number ? version_text : " (no such version exists)");
        case chosen_by::latest_on_main_branch:
            if (!number) return "the latest version of " + name + " from the main branch (no versions exist for this branch)";
            return "the latest version of " + name + " from branch " + selection.branch.value_or("") + version_text;
        case chosen_by::on_main_branch:
            if (!number) return "any version of " + name + " from the main branch (no versions exist for this branch)";
            return std::string(many ? "one of the versions " : "the version ") + "of " + name + " from branch " + selection.branch.value_or("") + version_text;
        case chosen_by::latest_on_branch:
            return "the latest version of " + name + " from branch " + selection.branch.value_or("") + (number ? version_text : " (no such version exists)");
        case chosen_by::on_branch:
            if (!number) return "a version of " + name + " from branch " + selection.branch.value_or("") + " (no such version exists)";
            return std::string(many ? "one of the versions " : "the version ") + "of " + name + " from branch " + selection.branch.value_or("") + version_text;
        case chosen_by::latest: return "the latest version of " + name + (number ? version_text : " (no such version exists)");
        case chosen_by::with_tag: return "a version of " + name + " with tag " + selection.tag.value_or("") + (number ? version_text : " (no such version exists)");
        case chosen_by::environment:
            if (!number)
                return "a version of " + name + " currently in " + selection.environment.value_or("") +
                       " (no version is currently recorded as deployed/released in this environment)";
            return std::string(many ? "one of the versions" : "the version") + " of " + name + " currently in " + selection.environment.value_or("") + version_text;
        case chosen_by::version:
            return "version " + selection.requested_version.value_or("") + " of " + name + (version_count == 0 ? " (no such version exists)" : "");
        case chosen_by::any: break;
    }
    return "any version of " + name;
}

std::string describe_missing_selection(const version_selection& selection) {
    const auto& name = selection.pacticipant;
    if (selection.tag) return "No version with tag " + *selection.tag + " exists for " + name;
    if (selection.how == chosen_by::on_main_branch || selection.how == chosen_by::latest_on_main_branch) return "No version of " + name + " from the main branch exists";
    if (selection.branch) return "No version of " + name + " from branch " + *selection.branch + " exists";
    if (selection.environment) return "No version of " + name + " is currently recorded as deployed or released in environment " + *selection.environment;
    if (selection.requested_version) return "No pacts or verifications have been published for version " + *selection.requested_version + " of " + name;
    return "No pacts or verifications have been published for " + name;
}

std::string no_verified_pact(std::string_view consumer, std::string_view provider) {
    return "There is no verified pact between " + std::string(consumer) + " and " + std::string(provider);
}

std::string failed_verification(std::string_view consumer, std::string_view provider, const std::optional<std::string>& detail) {
    return "The verification for the pact between " + std::string(consumer) + " and " + std::string(provider) + " failed" + (detail ? ": " + *detail : "");
}

std::string contract_failure(const comparison_facts& facts) {
    if (!facts.self_verification_success.value_or(false))
        return facts.self_verification_success ? "the provider's self-verification of its contract failed"
                                               : "the provider published no self-verification result for its contract";
    const std::string text = "the provider contract does not satisfy it (" + std::to_string(facts.errors) + " error" + (facts.errors == 1 ? "" : "s") + ")";
    return facts.first_error ? text + ": " + *facts.first_error : text;
}

std::string cannot_ignore(std::string_view pacticipant, const std::optional<std::string>& version, bool pacticipant_exists) {
    return "WARN: Cannot ignore " + (version ? "version " + *version + " of " + std::string(pacticipant) : "any version of " + std::string(pacticipant)) +
           (pacticipant_exists ? " (no such version exists)" : " (no such pacticipant exists)");
}

const std::string environment_recommended =
    "WARN: It is recommended to specify the environment into which you are deploying. Without the environment, this result will not be reliable.";
const std::string version_number_recommended =
    "WARN: It is recommended to specify the version number (rather than the tag or branch) of the pacticipant you wish to deploy to "
    "avoid race conditions. Without a version number, this result will not be reliable.";
const std::string all_verified = "All required verification results are published and successful";
const std::string no_missing_dependencies = "There are no missing dependencies";

// ---------------------------------------------------------------------------------------------------------
// Explanations

namespace {

constexpr std::string_view chosen_version = "<version>";  // a placeholder: where the user puts a version of their choice

// A word of a command line as a shell reads it back: quoted unless it is plain or a placeholder.
std::string shell_word(std::string_view word) {
    const bool plain = !word.empty() && std::ranges::all_of(word, [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || std::string_view("-_./:=@%+,").find(c) != std::string_view::npos;
    });
    const bool placeholder = word.size() > 2 && word.front() == '<' && word.back() == '>';
    if (plain || placeholder) return std::string(word);
    std::string quoted = "'";
    for (char c : word) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return quoted + "'";
}

// `pact WORDS…` with the broker's URL under the flag the command takes.
std::string command_line(std::initializer_list<std::string_view> words, std::string_view url_flag, std::string_view broker_url) {
    std::string line = "pact";
    for (const auto word : words) line += " " + shell_word(word);
    return line + " " + std::string(url_flag) + " " + shell_word(broker_url);
}

std::string verifier_command(const matrix_doubt& doubt, std::string_view provider_version, std::string_view broker_url, bool enable_pending = false) {
    std::string command = "pact verifier --broker-url " + shell_word(broker_url) + " --provider-name " + shell_word(doubt.provider) +
                          " --provider-version " + shell_word(provider_version);
    if (doubt.provider_main_branch) command += " --provider-branch " + shell_word(*doubt.provider_main_branch);
    if (enable_pending) command += " --enable-pending";
    return command + " --publish";
}

// "the pact payment-service 1.1.0 published (content a1b2c3d)"
std::string the_pact(const matrix_doubt& doubt) {
    return "the pact " + doubt.consumer + " " + doubt.consumer_version + " published (content " + doubt.pact_version_sha.substr(0, 7) + ")";
}

std::string listed(const std::vector<std::string>& items, std::string_view separator) {
    std::string text;
    for (const auto& item : items) text += (text.empty() ? "" : std::string(separator)) + item;
    return text;
}

matrix_explanation not_in_target(const matrix_doubt& doubt, std::string_view broker_url) {
    const auto& name = doubt.missing_pacticipant;
    matrix_explanation explanation{to_string(doubt.cause), "", ""};
    if (doubt.target.environment) {
        const auto& environment = *doubt.target.environment;
        explanation.text = "no version of " + name + " is recorded in " + environment + "; if one is, record it";
        explanation.command = command_line({"broker", "record-deployment", "--pacticipant", name, "--version", chosen_version, "--environment", environment},
                                           "--broker-base-url", broker_url);
    } else if (doubt.target.tag) {
        explanation.text = "no version of " + name + " has the tag " + *doubt.target.tag + "; if one should, tag it";
        explanation.command = command_line({"broker", "create-version-tag", "--pacticipant", name, "--version", chosen_version, "--tag", *doubt.target.tag},
                                           "--broker-base-url", broker_url);
    } else if (!doubt.target.main_branch) {
        // The target is the latest version: there is none.
        explanation.text = name + " has no version yet; its first verification (or publication) makes one";
        matrix_doubt as_provider = doubt;
        as_provider.provider = name;
        explanation.command = verifier_command(as_provider, chosen_version, broker_url);
    } else if (!doubt.missing_main_branch) {
        explanation.text = name + " has no main branch, so none of its versions is on it; name its main branch";
        explanation.command = command_line({"broker", "create-or-update-pacticipant", "--name", name, "--main-branch", "main"}, "--broker-base-url", broker_url);
    } else {
        explanation.text = "no version of " + name + " is on its main branch " + *doubt.missing_main_branch + "; if one is, record its branch";
        explanation.command = command_line({"broker", "create-or-update-version", "--pacticipant", name, "--version", chosen_version, "--branch",
                                            *doubt.missing_main_branch},
                                           "--broker-base-url", broker_url);
    }
    return explanation;
}

}  // namespace

std::string to_string(doubt_cause cause) {
    switch (cause) {
        case doubt_cause::never_verified: return "never_verified";
        case doubt_cause::verified_by_other_version: return "verified_by_other_version";
        case doubt_cause::verification_failed: return "verification_failed";
        case doubt_cause::contract_incompatible: return "contract_incompatible";
        case doubt_cause::pending: return "pending";
        case doubt_cause::not_in_target: return "not_in_target";
        case doubt_cause::version_not_found: return "version_not_found";
    }
    return "unknown";
}

matrix_explanation explain(const matrix_doubt& doubt, std::string_view broker_url) {
    const auto code = to_string(doubt.cause);
    const auto provider_version = doubt.provider_version.value_or(std::string(chosen_version));
    switch (doubt.cause) {
        case doubt_cause::never_verified:
            return {code, doubt.provider + " has never verified " + the_pact(doubt) + "; run the provider's verification",
                    verifier_command(doubt, chosen_version, broker_url)};
        case doubt_cause::verified_by_other_version: {
            std::string text = doubt.provider_description + " has not verified " + the_pact(doubt) + "; ";
            text += doubt.verifying_versions.empty() ? "no version of " + doubt.provider + " has verified it successfully"
                                                     : doubt.provider + " " + listed(doubt.verifying_versions, ", ") +
                                                           (doubt.verifying_versions.size() == 1 ? " has" : " have");
            if (doubt.target.environment && !doubt.provider_named && !doubt.verifying_versions.empty()) {
                const auto& environment = *doubt.target.environment;
                return {code, text + ": deploy " + doubt.provider + " " + doubt.verifying_versions.front() + " to " + environment + " first, or verify the pact with " + provider_version,
                        command_line({"broker", "can-i-deploy", "--pacticipant", doubt.provider, "--version", doubt.verifying_versions.front(), "--to-environment", environment},
                                     "--broker-base-url", broker_url)};
            }
            return {code, text + ": verify the pact with " + provider_version + " too", verifier_command(doubt, provider_version, broker_url)};
        }
        case doubt_cause::verification_failed:
            return {code,
                    doubt.provider + " " + provider_version + " failed to verify " + the_pact(doubt) +
                        (doubt.failures.empty() ? "" : ": " + listed(doubt.failures, "; ")) + "; fix the provider (or agree a change with " + doubt.consumer +
                        ") and verify again",
                    verifier_command(doubt, chosen_version, broker_url)};
        case doubt_cause::contract_incompatible:
            return {code,
                    doubt.provider + " " + provider_version + "'s provider contract does not satisfy " + the_pact(doubt) +
                        (doubt.failures.empty() ? "" : ": " + listed(doubt.failures, "; ")) + "; check a corrected contract before publishing it",
                    command_line({"broker", "can-i-change", "--provider", doubt.provider, "--contract", "openapi.yaml"}, "--broker-base-url", broker_url)};
        case doubt_cause::pending:
            return {code,
                    the_pact(doubt) + " is pending for " + doubt.provider + ": no version of " + doubt.provider +
                        (doubt.provider_main_branch ? " from its main branch " + *doubt.provider_main_branch : "") +
                        " has verified it successfully yet, so a provider build run with --enable-pending reports its failures without failing; "
                        "can-i-deploy still says no until a verification of it succeeds",
                    verifier_command(doubt, chosen_version, broker_url, true)};
        case doubt_cause::not_in_target: return not_in_target(doubt, broker_url);
        case doubt_cause::version_not_found: {
            const auto version = doubt.missing_version.value_or(std::string(chosen_version));
            const std::string text = doubt.missing_description + "; publish what it has";
            if (doubt.missing_is_consumer)
                return {code, text,
                        command_line({"publish", "pacts", "--consumer-app-version", version, "--branch", "<branch>"}, "--broker-base-url", broker_url)};
            matrix_doubt as_provider = doubt;
            as_provider.provider = doubt.missing_pacticipant;
            return {code, text, verifier_command(as_provider, version, broker_url)};
        }
    }
    return {code, "", ""};
}

}  // namespace pact::broker::domain
