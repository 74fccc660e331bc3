// Environments: create-environment, update-environment, list-environments, describe-environment,
// delete-environment.

#include "cli/broker/broker_command.hpp"
#include "cli/broker/broker_lookups.hpp"
#include "cli/broker/broker_output.hpp"

#include <ostream>

namespace pact::cli {

namespace asio = boost::asio;

namespace {

// The fields create-environment and update-environment share.
struct environment_fields {
    std::string name;
    std::string display_name;
    std::optional<bool> production;
    std::string contact_name;
    std::string contact_email_address;

    void add_options(CLI::App& command, bool name_required) {
        auto* name_option = command.add_option("--name", name, "The uniquely identifying name of the environment");
        if (name_required) {
            name_option->required();
        }
        command.add_option("--display-name", display_name, "The display name of the environment");
        command.add_flag("--production,!--no-production", production, "Whether or not this is a production environment");
        command.add_option("--contact-name", contact_name, "The name of the team/person responsible for this environment");
        command.add_option("--contact-email-address", contact_email_address,
                           "The email address of the team/person responsible for this environment");
    }

    // The body to send, on top of what the environment already is (for an update).
    [[nodiscard]] nlohmann::json body(nlohmann::json base) const {
        if (!base.is_object()) {
            base = nlohmann::json::object();
        }
        base.erase("_links");
        base.erase("_embedded");
        base.erase("uuid");
        base.erase("createdAt");
        base.erase("updatedAt");
        if (!name.empty()) {
            base["name"] = name;
        }
        if (!display_name.empty()) {
            base["displayName"] = display_name;
        }
        base["production"] = production.value_or(base.value("production", false));
        if (!contact_name.empty() || !contact_email_address.empty()) {
            nlohmann::json contact = {{"name", contact_name}};
            if (!contact_email_address.empty()) {
                contact["details"] = {{"emailAddress", contact_email_address}};
            }
            base["contacts"] = nlohmann::json::array({contact});
        }
        return base;
    }
};

class create_environment_command final : public broker_command {
public:
    std::string name() const override { return "create-environment"; }
    std::string description() const override {
        return "Create an environment resource in the Pact Broker to represent a real world deployment or release "
               "environment";
    }
    void add_options(CLI::App& command) override {
        fields_.add_options(command, true);
        add_output_option(command, output_, {"json", "text", "id"}, "text");
    }
    asio::awaitable<int> run(broker_client::broker_client& client, std::ostream& out) override {
        const auto href = value_or_throw(co_await client.index_href("pb:environments"));
        const auto created = value_or_throw(co_await client.post(href, fields_.body(nlohmann::json::object())));
        if (output_ == "json") {
            print_json(out, created, false);
        } else if (output_ == "id") {
            out << text_of(created, "uuid") << "\n";
        } else {
            out << "✅ Created " << fields_.name << " environment in the Pact Broker with UUID "
                << text_of(created, "uuid") << "\n";
        }
        co_return 0;
    }

private:
    environment_fields fields_;
    std::string output_;
};

class update_environment_command final : public broker_command {
public:
    std::string name() const override { return "update-environment"; }
    std::string description() const override { return "Update an environment resource in the Pact Broker"; }
    void add_options(CLI::App& command) override {
        command.add_option("--uuid", uuid_, "The UUID of the environment to update")->required();
        fields_.add_options(command, false);
        add_output_option(command, output_, {"json", "text", "id"}, "text");
    }
    asio::awaitable<int> run(broker_client::broker_client& client, std::ostream& out) override {
        const auto href = value_or_throw(co_await environment_href(client, uuid_));
        const auto existing = value_or_throw(co_await client.get(href));
        const auto updated = value_or_throw(co_await client.put(href, fields_.body(existing)));
        if (output_ == "json") {
            print_json(out, updated, false);
        } else if (output_ == "id") {
            out << uuid_ << "\n";
        } else {
            out << "✅ Updated " << text_of(updated, "name") << " environment in the Pact Broker\n";
        }
        co_return 0;
    }

private:
    std::string uuid_;
    environment_fields fields_;
    std::string output_;
};

class list_environments_command final : public broker_command {
public:
    std::string name() const override { return "list-environments"; }
    std::string description() const override { return "List environments"; }
    void add_options(CLI::App& command) override { add_output_option(command, output_, {"json", "text", "pretty"}, "text"); }
    asio::awaitable<int> run(broker_client::broker_client& client, std::ostream& out) override {
        const auto environments = value_or_throw(co_await client.get_index_relation("pb:environments"));
        if (output_ != "text") {
            print_json(out, environments, output_ == "pretty");
            co_return 0;
        }
        std::vector<std::vector<std::string>> rows;
        for (const auto& environment : broker_client::embedded_list(environments, "environments")) {
            rows.push_back({text_of(environment, "uuid"), text_of(environment, "name"),
                            text_of(environment, "displayName"), text_of(environment, "production")});
        }
        out << render_table({"UUID", "NAME", "DISPLAY NAME", "PRODUCTION"}, rows);
        co_return 0;
    }

private:
    std::string output_;
};

class describe_environment_command final : public broker_command {
public:
    std::string name() const override { return "describe-environment"; }
    std::string description() const override { return "Describe an environment"; }
    void add_options(CLI::App& command) override {
        command.add_option("--uuid", uuid_, "The UUID of the environment to describe")->required();
        add_output_option(command, output_, {"json", "text"}, "text");
    }
    asio::awaitable<int> run(broker_client::broker_client& client, std::ostream& out) override {
        const auto href = value_or_throw(co_await environment_href(client, uuid_));
        const auto environment = value_or_throw(co_await client.get(href));
        if (output_ == "json") {
            print_json(out, environment, false);
            co_return 0;
        }
        out << "Name: " << text_of(environment, "name") << "\n"
            << "Display Name: " << text_of(environment, "displayName") << "\n"
            << "Production: " << text_of(environment, "production") << "\n"
            << "Created: " << text_of(environment, "createdAt") << "\n";
        if (environment.contains("contacts") && environment["contacts"].is_array()) {
            for (const auto& contact : environment["contacts"]) {
                out << "Contact: " << text_of(contact, "name");
                if (contact.contains("details")) {
                    out << " (" << text_of(contact["details"], "emailAddress") << ")";
                }
                out << "\n";
            }
        }
        co_return 0;
    }

private:
    std::string uuid_;
    std::string output_;
};

class delete_environment_command final : public broker_command {
public:
    std::string name() const override { return "delete-environment"; }
    std::string description() const override { return "Delete an environment"; }
    void add_options(CLI::App& command) override {
        command.add_option("--uuid", uuid_, "The UUID of the environment to delete")->required();
    }
    asio::awaitable<int> run(broker_client::broker_client& client, std::ostream& out) override {
        const auto href = value_or_throw(co_await environment_href(client, uuid_));
        const auto environment = value_or_throw(co_await client.get(href));
        value_or_throw(co_await client.remove(href));
        out << "✅ Deleted environment " << text_of(environment, "name") << " from the Pact Broker\n";
        co_return 0;
    }

private:
    std::string uuid_;
};

}  // namespace

std::vector<std::unique_ptr<broker_command>> make_environment_commands() {
    std::vector<std::unique_ptr<broker_command>> commands;
    commands.push_back(std::make_unique<create_environment_command>());
    commands.push_back(std::make_unique<update_environment_command>());
    commands.push_back(std::make_unique<delete_environment_command>());
    commands.push_back(std::make_unique<describe_environment_command>());
    commands.push_back(std::make_unique<list_environments_command>());
    return commands;
}

}  // namespace pact::cli
