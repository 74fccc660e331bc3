#include "consumer/pact_file.hpp"

#include "pact/pact_reader.hpp"
#include "pact/pact_writer.hpp"

#include <algorithm>
#include <fstream>
#include <system_error>
#include <unistd.h>

namespace pact::consumer {
namespace {

[[nodiscard]] bool same_states(const std::vector<provider_state>& left, const std::vector<provider_state>& right) {
    return std::ranges::equal(left, right, [](const provider_state& a, const provider_state& b) {
        return a.name == b.name && a.params == b.params;
    });
}

[[nodiscard]] std::expected<void, std::string> replace_file(const std::filesystem::path& file, const std::string& text) {
    auto staging = file;
    staging += ".tmp-" + std::to_string(::getpid());
    {
        std::ofstream out(staging, std::ios::binary | std::ios::trunc);
        out << text;
        out.close();
        if (!out) return std::unexpected("cannot write " + staging.string());
    }
    std::error_code error;
    std::filesystem::rename(staging, file, error);
    if (error) {
        std::filesystem::remove(staging, error);
        return std::unexpected("cannot replace " + file.string() + ": " + error.message());
    }
    return {};
}

}  // namespace

std::filesystem::path pact_file_path(const std::filesystem::path& directory, const std::string& consumer,
                                     const std::string& provider) {
    return directory / (consumer + "-" + provider + ".json");
}

std::string pact_file_text(const pact_document& document, specification_version version) {
    return write_pact(document, version).dump(2) + "\n";
}

bool same_interaction(const interaction& left, const interaction& right) {
    return left.kind == right.kind && left.description == right.description &&
           same_states(left.provider_states, right.provider_states);
}

std::expected<std::filesystem::path, std::string> merge_into_pact_file(const pact_document& recorded,
                                                                       const std::filesystem::path& directory,
                                                                       specification_version version) {
    if (version != specification_version::v3 && version != specification_version::v4) {
        return std::unexpected("pacts are recorded as specification v3 or v4");
    }
    const auto file = pact_file_path(directory, recorded.consumer, recorded.provider);
    std::error_code error;
    std::filesystem::create_directories(directory, error);
    if (error) return std::unexpected("cannot create the pact directory " + directory.string() + ": " + error.message());

    auto merged = recorded;
    merged.interactions.clear();
    if (std::filesystem::exists(file, error)) {
        auto existing = read_pact_file(file);
        if (!existing) return std::unexpected("cannot merge into the existing pact: " + existing.error().to_string());
        if (existing->consumer != recorded.consumer || existing->provider != recorded.provider) {
            return std::unexpected(file.string() + " holds the pact between " + existing->consumer + " and " +
                                   existing->provider + ", not " + recorded.consumer + " and " + recorded.provider);
        }
        merged.metadata = existing->metadata;
        merged.metadata.update(recorded.metadata);
        merged.interactions = std::move(existing->interactions);
    }
    for (const auto& addition : recorded.interactions) {
        const auto same = std::ranges::find_if(merged.interactions,
                                               [&](const interaction& kept) { return same_interaction(kept, addition); });
        if (same != merged.interactions.end()) {
            *same = addition;
        } else {
            merged.interactions.push_back(addition);
        }
    }
    merged.version = version;
    if (auto replaced = replace_file(file, pact_file_text(merged, version)); !replaced) {
        return std::unexpected(replaced.error());
    }
    return file;
}

}  // namespace pact::consumer
