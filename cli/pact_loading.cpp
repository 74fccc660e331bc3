#include "cli/pact_loading.hpp"

#include "http/client.hpp"
#include "http/url.hpp"
#include "pact/base64.hpp"
#include "pact/pact_reader.hpp"

#include <algorithm>
#include <filesystem>

namespace pact::cli {
namespace {

[[nodiscard]] std::expected<loaded_pact, std::string> load_file(const std::filesystem::path& file) {
    auto read = read_pact_file(file);
    if (!read) return std::unexpected(read.error().to_string());
    return loaded_pact{std::move(*read), file.string()};
}

[[nodiscard]] std::expected<loaded_pact, std::string> load_url(const std::string& address,
                                                              const pact_locations& locations) {
    const auto parsed = http::parse_url(address);
    if (!parsed) return std::unexpected(parsed.error());
    auto asked = http::make_request("GET", parsed->target());
    asked.set("Accept", "application/hal+json, application/json");
    if (!locations.token.empty()) {
        asked.set("Authorization", "Bearer " + locations.token);
    } else if (!locations.user.empty()) {
        asked.set("Authorization", "Basic " + base64_encode(locations.user + ":" + locations.password));
    }
    const auto answer = http::send_blocking(*parsed, std::move(asked), http::client_options{.tls = locations.tls});
    if (!answer) return std::unexpected(address + ": " + answer.error().message);
    if (answer->result_int() != 200) {
        return std::unexpected(address + ": the server answered " + std::to_string(answer->result_int()));
    }
    auto read = read_pact(answer->body(), address);
    if (!read) return std::unexpected(read.error().to_string());
    return loaded_pact{std::move(*read), address};
}

}  // namespace

std::expected<std::vector<loaded_pact>, std::string> load_pacts(const pact_locations& locations) {
    std::vector<std::filesystem::path> files(locations.files.begin(), locations.files.end());
    for (const auto& directory : locations.directories) {
        std::error_code error;
        std::vector<std::filesystem::path> found;
        for (const auto& entry : std::filesystem::directory_iterator(directory, error)) {
            if (entry.is_regular_file() && entry.path().extension() == locations.extension) found.push_back(entry.path());
        }
        if (error) return std::unexpected(directory + ": cannot read the directory: " + error.message());
        std::ranges::sort(found);
        files.insert(files.end(), found.begin(), found.end());
    }
    std::vector<loaded_pact> pacts;
    for (const auto& file : files) {
        auto loaded = load_file(file);
        if (!loaded) return std::unexpected(std::move(loaded.error()));
        pacts.push_back(std::move(*loaded));
    }
    for (const auto& address : locations.urls) {
        auto loaded = load_url(address, locations);
        if (!loaded) return std::unexpected(std::move(loaded.error()));
        pacts.push_back(std::move(*loaded));
    }
    return pacts;
}

}  // namespace pact::cli
