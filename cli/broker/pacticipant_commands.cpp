// Pacticipants: create-or-update-pacticipant, describe-pacticipant, list-pacticipants.

#include "cli/broker/broker_command.hpp"
#include "cli/broker/broker_output.hpp"

#include <ostream>

namespace pact::cli {

namespace asio = boost::asio;
using broker_client::broker_error;

namespace {

class create_or_update_pacticipant_command final : public broker_command {
public:
    std::string name() const override { return "create-or-update-pacticipant"; }
    std::string description() const override { return "Create or update pacticipant by name"; }
    void add_options(CLI::App& command) override {
        command.add_option("--name", name_, "Pacticipant name")->required();
        command.add_option("--display-name", display_name_, "Display name");
        command.add_option("--main-branch", main_branch_, "The main development branch of the pacticipant repository");
        command.add_option("--repository-url", repository_url_, "The repository URL of the pacticipant");
        add_output_option(command, output_, {"json", "text"}, "text");
    }
    asio::awaitable<int> run(broker_client::broker_client& client, std::ostream& out) override {
        nlohmann::json body = {{"name", name_}};
        if (!display_name_.empty()) {
            body["displayName"] = display_name_;
        }
        if (!main_branch_.empty()) {
            body["mainBranch"] = main_branch_;
        }
        if (!repository_url_.empty()) {
            body["repositoryUrl"] = repository_url_;
        }
        const broker_client::template_variables variables{{"pacticipant", name_}};
        const auto href = value_or_throw(co_await client.index_href("pb:pacticipant", variables));
        const auto existing = co_await client.get(href);
        if (!existing && existing.error().what != broker_error::kind::not_found) {
            throw command_failure(existing.error());
        }
        const bool created = !existing;
        nlohmann::json saved;
        if (created) {
            const auto collection = value_or_throw(co_await client.index_href("pb:pacticipants"));
            saved = value_or_throw(co_await client.post(collection, body));
        } else {
            const auto self = broker_client::find_link(*existing, "self");
            saved = value_or_throw(co_await client.patch(self ? self->href : href, body));
        }
        if (output_ == "json") {
            print_json(out, saved, false);
        } else {
            out << "✅ Pacticipant '" << name_ << "' " << (created ? "created" : "updated") << " successfully\n";
        }
        co_return 0;
    }

private:
    std::string name_;
    std::string display_name_;
    std::string main_branch_;
    std::string repository_url_;
    std::string output_;
};

class describe_pacticipant_command final : public broker_command {
public:
    std::string name() const override { return "describe-pacticipant"; }
    std::string description() const override { return "Describe a pacticipant"; }
    void add_options(CLI::App& command) override {
        command.add_option("--name", name_, "Pacticipant name")->required();
        add_output_option(command, output_, {"json", "text", "table"}, "text");
    }
    asio::awaitable<int> run(broker_client::broker_client& client, std::ostream& out) override {
        const broker_client::template_variables variables{{"pacticipant", name_}};
        const auto pacticipant = value_or_throw(co_await client.get_index_relation("pb:pacticipant", variables));
        static const std::vector<std::pair<const char*, const char*>> fields{
            {"Name", "name"},         {"Display Name", "displayName"}, {"Main Branch", "mainBranch"},
            {"Repo URL", "repositoryUrl"}, {"Created", "createdAt"},   {"Updated", "updatedAt"}};
        if (output_ == "json") {
            print_json(out, pacticipant, false);
        } else if (output_ == "table") {
            std::vector<std::string> header;
            std::vector<std::string> values;
            for (const auto& [title, key] : fields) {
                header.emplace_back(title);
                values.push_back(text_of(pacticipant, key));
            }
            out << render_table(header, {values});
        } else {
            for (const auto& [title, key] : fields) {
                out << title << ": " << text_of(pacticipant, key) << "\n";
            }
        }
        co_return 0;
    }

private:
    std::string name_;
    std::string output_;
};

class list_pacticipants_command final : public broker_command {
public:
    std::string name() const override { return "list-pacticipants"; }
    std::string description() const override { return "List pacticipants"; }
    void add_options(CLI::App& command) override { add_output_option(command, output_, {"json", "table"}, "table"); }
    asio::awaitable<int> run(broker_client::broker_client& client, std::ostream& out) override {
        const auto list = value_or_throw(co_await client.get_index_relation("pb:pacticipants"));
        if (output_ == "json") {
            print_json(out, list, false);
            co_return 0;
        }
        auto pacticipants = broker_client::embedded_list(list, "pacticipants");
        if (pacticipants.empty() && list.contains("pacticipants") && list["pacticipants"].is_array()) {
            pacticipants = list["pacticipants"];
        }
        std::vector<std::vector<std::string>> rows;
        for (const auto& pacticipant : pacticipants) {
            rows.push_back({text_of(pacticipant, "name"), text_of(pacticipant, "displayName"),
                            text_of(pacticipant, "mainBranch"), text_of(pacticipant, "repositoryUrl")});
        }
        out << render_table({"NAME", "DISPLAY NAME", "MAIN BRANCH", "REPOSITORY URL"}, rows);
        co_return 0;
    }

private:
    std::string output_;
};

}  // namespace

std::vector<std::unique_ptr<broker_command>> make_pacticipant_commands() {
    std::vector<std::unique_ptr<broker_command>> commands;
    commands.push_back(std::make_unique<create_or_update_pacticipant_command>());
    commands.push_back(std::make_unique<describe_pacticipant_command>());
    commands.push_back(std::make_unique<list_pacticipants_command>());
    return commands;
}

}  // namespace pact::cli
