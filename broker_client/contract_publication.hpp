#pragma once
// Publishing pacts: finding the pact files named on the command line, grouping them by
// consumer/provider pair (several files for one pair become one contract), and the body of
// POST pb:publish-contracts.

#include <nlohmann/json.hpp>

#include <expected>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace pact::broker_client {

// Every file the arguments name: a file as is, a directory's *.json files, a glob's matches, sorted.
// Fails with a sentence naming an argument that matches nothing.
[[nodiscard]] std::expected<std::vector<std::filesystem::path>, std::string> find_pact_files(
    const std::vector<std::string>& files_directories_or_globs);

struct contract {
    std::string consumer;
    std::string provider;
    nlohmann::json pact;  // the pact document; interactions of several files for the pair merged
    std::vector<std::filesystem::path> files;
};

// Reads the files and groups them by pair, in the order pairs first appear. Fails with a sentence
// naming a file that is not JSON or lacks consumer/provider names.
[[nodiscard]] std::expected<std::vector<contract>, std::string> read_contracts(
    const std::vector<std::filesystem::path>& files);

struct publication_options {
    std::string consumer_version;
    std::optional<std::string> branch;
    std::vector<std::string> tags;
    std::optional<std::string> build_url;
    bool merge = false;
};

// {"pacticipantName", "pacticipantVersionNumber", "branch", "tags", "buildUrl", "contracts":[one]}
[[nodiscard]] nlohmann::json publication_body(const contract& pact_contract, const publication_options& options);

}  // namespace pact::broker_client
