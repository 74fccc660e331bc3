#include "broker_client/contract_publication.hpp"

#include "broker_client/broker_settings.hpp"
#include "pact/file_content.hpp"

#include <glob.h>

#include <algorithm>

namespace pact::broker_client {

namespace {

std::vector<std::filesystem::path> glob_matches(const std::string& pattern) {
    std::vector<std::filesystem::path> matches;
    glob_t found{};
    if (glob(pattern.c_str(), 0, nullptr, &found) == 0) {
        for (std::size_t index = 0; index < found.gl_pathc; ++index) {
            matches.emplace_back(found.gl_pathv[index]);
        }
    }
    globfree(&found);
    return matches;
}

std::expected<nlohmann::json, std::string> read_json_file(const std::filesystem::path& file) {
    auto read = pact::read_file_content(file);
    if (!read) {
        return std::unexpected("cannot read " + file.string());
    }
    auto& content = *read;
    if (content.starts_with("\xEF\xBB\xBF")) {
        content.erase(0, 3);
    }
    auto parsed = nlohmann::json::parse(content, nullptr, false);
    if (parsed.is_discarded() || !parsed.is_object()) {
        return std::unexpected(file.string() + " is not a JSON pact document");
    }
    return parsed;
}

std::string participant_name(const nlohmann::json& pact, const char* role) {
    const auto found = pact.find(role);
    if (found == pact.end() || !found->is_object()) {
        return {};
    }
    const auto name = found->find("name");
    return name != found->end() && name->is_string() ? name->get<std::string>() : std::string();
}

// The list of interactions (or v3 messages) of a pact, by key.
const char* interactions_key(const nlohmann::json& pact) {
    return pact.contains("messages") && !pact.contains("interactions") ? "messages" : "interactions";
}

void merge_interactions(nlohmann::json& into, const nlohmann::json& from) {
    const char* key = interactions_key(from);
    if (!from.contains(key) || !from[key].is_array()) {
        return;
    }
    auto& target = into[key];
    if (!target.is_array()) {
        target = nlohmann::json::array();
    }
    for (const auto& interaction : from[key]) {
        if (std::ranges::find(target, interaction) == target.end()) {
            target.push_back(interaction);
        }
    }
}

}  // namespace

std::expected<std::vector<std::filesystem::path>, std::string> find_pact_files(
    const std::vector<std::string>& files_directories_or_globs) {
    std::vector<std::filesystem::path> files;
    for (const auto& argument : files_directories_or_globs) {
        std::vector<std::filesystem::path> found;
        std::error_code error;
        if (std::filesystem::is_directory(argument, error)) {
            for (const auto& entry : std::filesystem::directory_iterator(argument, error)) {
                if (entry.is_regular_file() && entry.path().extension() == ".json") {
                    found.push_back(entry.path());
                }
            }
        } else if (std::filesystem::is_regular_file(argument, error)) {
            found.emplace_back(argument);
        } else {
            found = glob_matches(argument);
        }
        if (found.empty()) {
            return std::unexpected("no pact files found at '" + argument + "'");
        }
        std::ranges::sort(found);
        files.insert(files.end(), found.begin(), found.end());
    }
    return files;
}

std::expected<std::vector<contract>, std::string> read_contracts(const std::vector<std::filesystem::path>& files) {
    std::vector<contract> contracts;
    for (const auto& file : files) {
        auto pact = read_json_file(file);
        if (!pact) {
            return std::unexpected(pact.error());
        }
        const auto consumer = participant_name(*pact, "consumer");
        const auto provider = participant_name(*pact, "provider");
        if (consumer.empty() || provider.empty()) {
            return std::unexpected(file.string() + " does not name its consumer and provider (consumer.name, provider.name)");
        }
        const auto same_pair = std::ranges::find_if(contracts, [&](const contract& existing) {
            return existing.consumer == consumer && existing.provider == provider;
        });
        if (same_pair == contracts.end()) {
            contracts.push_back({consumer, provider, std::move(*pact), {file}});
        } else {
            merge_interactions(same_pair->pact, *pact);
            same_pair->files.push_back(file);
        }
    }
    return contracts;
}

nlohmann::json publication_body(const contract& pact_contract, const publication_options& options) {
    nlohmann::json body = {
        {"pacticipantName", pact_contract.consumer},
        {"pacticipantVersionNumber", options.consumer_version},
    };
    if (options.branch) {
        body["branch"] = *options.branch;
    }
    if (!options.tags.empty()) {
        body["tags"] = options.tags;
    }
    if (options.build_url) {
        body["buildUrl"] = *options.build_url;
    }
    body["contracts"] = nlohmann::json::array({{
        {"consumerName", pact_contract.consumer},
        {"providerName", pact_contract.provider},
        {"specification", "pact"},
        {"contentType", "application/json"},
        {"content", base64_encode(pact_contract.pact.dump())},
        {"onConflict", options.merge ? "merge" : "overwrite"},
    }});
    return body;
}

}  // namespace pact::broker_client
