// A provider's pacts and what they ask of it: get-pacts (list, optionally download, the pacts of consumer
// branches) and provider-states list (the provider states of the consumers' latest pacts).

#include "cli/broker/broker_command.hpp"
#include "cli/broker/broker_lookups.hpp"
#include "cli/broker/broker_output.hpp"

#include "broker_client/uri_template.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <ostream>

namespace pact::cli {

namespace asio = boost::asio;

namespace {

// The index relation for each get-pacts question, and the path the official CLI asks when a broker's index
// lacks it. Indexed by [consumer given][branch given][latest].
struct pacts_resource {
    std::string_view relation;
    std::string_view fallback;
};
constexpr pacts_resource pacts_resources[2][2][2] = {
    {{{"pb:provider-pacts-with-main-branch", "/pacts/provider/{provider}/branch"},
      {"pb:latest-provider-pacts-with-main-branch", "/pacts/provider/{provider}/branch/latest"}},
     {{"pb:provider-pacts-with-branch", "/pacts/provider/{provider}/branch/{branch}"},
      {"pb:latest-provider-pacts-with-branch", "/pacts/provider/{provider}/branch/{branch}/latest"}}},
    {{{"pb:main-branch-pact-versions", "/pacts/provider/{provider}/consumer/{consumer}/branch"},
      {"pb:latest-main-branch-pact-versions", "/pacts/provider/{provider}/consumer/{consumer}/branch/latest"}},
     {{"pb:branch-pact-versions", "/pacts/provider/{provider}/consumer/{consumer}/branch/{branch}"},
      {"pb:latest-branch-pact-versions", "/pacts/provider/{provider}/consumer/{consumer}/branch/{branch}/latest"}}},
};

// The pacts a list names: `pb:pacts`, or what older brokers call them (`pacts`, `pact-versions`).
std::vector<broker_client::hal_link> listed_pacts(const nlohmann::json& list) {
    for (const char* relation : {"pb:pacts", "pacts", "pact-versions"}) {
        if (auto links = broker_client::find_links(list, relation); !links.empty()) return links;
    }
    return {};
}

nlohmann::json links_json(const std::vector<broker_client::hal_link>& links) {
    auto json = nlohmann::json::array();
    for (const auto& link : links) json.push_back({{"href", link.href}, {"name", link.name}, {"title", link.title}});
    return json;
}

// A name from the broker as part of a file name: path separators would write outside the download folder.
std::string file_name_part(std::string name) {
    std::ranges::replace_if(name, [](char c) { return c == '/' || c == '\\'; }, '_');
    return name;
}

std::string link_name(const nlohmann::json& resource, std::string_view relation, const std::string& fallback) {
    const auto link = broker_client::find_link(resource, relation);
    return link && !link->name.empty() ? link->name : fallback;
}

class get_pacts_command final : public broker_command {
public:
    std::string name() const override { return "get-pacts"; }
    std::string description() const override {
        return "Get pacts for a specified provider, optionally filtered by consumer and/or branch";
    }
    void add_options(CLI::App& command) override {
        command.add_option("--provider", provider_, "The name of the provider")->required();
        command.add_option("--consumer", consumer_, "The name of the consumer (optional)");
        command.add_option("--branch", branch_, "The branch name (optional, defaults to each consumer's main branch)");
        command.add_flag("--latest", latest_, "Get only the latest pact(s)");
        command.add_flag("--download", download_, "Download the pact files to local directory");
        command.add_option("--download-dir", download_directory_, "Directory to download pact files to")->capture_default_str();
        add_output_option(command, output_, {"json", "table"}, "table");
    }
    asio::awaitable<int> run(broker_client::broker_client& client, std::ostream& out) override {
        const auto& resource = pacts_resources[consumer_.empty() ? 0 : 1][branch_.empty() ? 0 : 1][latest_ ? 1 : 0];
        broker_client::template_variables variables{{"provider", provider_}};
        if (!consumer_.empty()) variables["consumer"] = consumer_;
        if (!branch_.empty()) variables["branch"] = branch_;
        const auto href = value_or_throw(co_await index_href_or(client, resource.relation, resource.fallback, variables));
        const auto pacts = listed_pacts(value_or_throw(co_await client.get(href)));
        if (download_) co_await download(client, pacts, out);
        if (output_ == "json") {
            print_json(out, {{"pacts", links_json(pacts)}}, true);
            co_return 0;
        }
        std::vector<std::vector<std::string>> rows;
        for (const auto& pact : pacts) rows.push_back({pact.name, pact.title, pact.href});
        out << render_table({"CONSUMER", "TITLE", "LINK"}, rows);
        co_return 0;
    }

private:
    // Each pact as the broker serves it, in `<consumer>-<provider>-<consumer version>.json`, as the official
    // CLI names them.
    asio::awaitable<void> download(broker_client::broker_client& client, const std::vector<broker_client::hal_link>& pacts,
                                   std::ostream& out) const {
        std::error_code error;
        std::filesystem::create_directories(download_directory_, error);
        if (error) throw command_failure("Failed to create download directory " + download_directory_ + ": " + error.message());
        for (const auto& pact : pacts) {
            const auto content = value_or_throw(co_await client.get(pact.href));
            const auto file_name = file_name_part(link_name(content, "pb:consumer", pact.name.empty() ? "unknown" : pact.name)) + "-" +
                                   file_name_part(link_name(content, "pb:provider", "unknown")) + "-" +
                                   file_name_part(link_name(content, "pb:consumer-version", "unknown")) + ".json";
            const auto path = std::filesystem::path(download_directory_) / file_name;
            std::ofstream file(path, std::ios::binary | std::ios::trunc);
            file << content.dump(2);
            file.close();
            if (!file) throw command_failure("Failed to write pact file " + path.string());
            out << "  → " << path.string() << "\n";
        }
    }

    std::string provider_;
    std::string consumer_;
    std::string branch_;
    bool latest_ = false;
    bool download_ = false;
    std::string download_directory_ = "./pacts";
    std::string output_;
};

class list_provider_states_command final : public broker_command {
public:
    std::string name() const override { return "provider-states list"; }
    std::string description() const override { return "List aggregated provider states for a provider"; }
    void add_options(CLI::App& command) override {
        command.add_option("-r,--provider", provider_, "The name of the provider")->required();
        auto* branch = command.add_option("--branch", branch_, "The branch name to get provider states from");
        command.add_option("--environment", environment_, "The environment name to get provider states from")->excludes(branch);
        command.add_flag("--json", json_, "Output in JSON format");
    }
    asio::awaitable<int> run(broker_client::broker_client& client, std::ostream& out) override {
        const broker_client::template_variables variables{{"provider", provider_}, {"branch", branch_}, {"environment", environment_}};
        // The main branch's states are an index relation of this broker; the Pact Broker's index has none for
        // a branch or an environment, so their paths are built as the official CLI builds them. (No co_await in
        // a conditional expression: GCC 12 miscompiles it.)
        std::string href;
        if (!branch_.empty()) {
            href = broker_client::expand_template("/pacts/provider/{provider}/provider-states/branch/{branch}", variables);
        } else if (!environment_.empty()) {
            href = broker_client::expand_template("/pacts/provider/{provider}/provider-states/environment/{environment}", variables);
        } else {
            href = value_or_throw(co_await index_href_or(client, "pb:provider-states", "/pacts/provider/{provider}/provider-states", variables));
        }
        const auto answer = value_or_throw(co_await client.get(href));
        auto states = nlohmann::json::array();
        if (answer.contains("providerStates") && answer["providerStates"].is_array()) states = answer["providerStates"];
        if (json_) {
            print_json(out, {{"providerStates", states}}, true);
            co_return 0;
        }
        out << "Provider States for Provider: " << provider_ << "\n";
        if (!branch_.empty()) {
            out << "Branch: " << branch_ << "\n";
        } else if (!environment_.empty()) {
            out << "Environment: " << environment_ << "\n";
        } else {
            out << "Scope: Main branch\n";
        }
        out << "\n";
        if (states.empty()) {
            out << "No provider states found.\n";
            co_return 0;
        }
        std::vector<std::vector<std::string>> rows;
        for (const auto& state : states) {
            std::string consumers;
            for (const auto& consumer : state.value("consumers", nlohmann::json::array())) {
                consumers += (consumers.empty() ? "" : ", ") + (consumer.is_string() ? consumer.get<std::string>() : consumer.dump());
            }
            const auto params = state.find("params");
            rows.push_back({text_of(state, "name"), consumers, params == state.end() || params->is_null() ? "" : params->dump()});
        }
        out << render_table({"Provider State Name", "Consumers", "Parameters"}, rows);
        co_return 0;
    }

private:
    std::string provider_;
    std::string branch_;
    std::string environment_;
    bool json_ = false;
};

}  // namespace

std::vector<std::unique_ptr<broker_command>> make_pact_listing_commands() {
    std::vector<std::unique_ptr<broker_command>> commands;
    commands.push_back(std::make_unique<get_pacts_command>());
    commands.push_back(std::make_unique<list_provider_states_command>());
    return commands;
}

}  // namespace pact::cli
