// Webhooks: create-webhook, create-or-update-webhook, test-webhook, delete-webhook, with the official
// CLI's flags (-X, -H, -d, --user, --consumer/--consumer-label, --provider/--provider-label, one flag per
// event) and what it prints.

#include "cli/broker/broker_command.hpp"
#include "cli/broker/broker_output.hpp"

#include <ostream>

namespace pact::cli {

namespace asio = boost::asio;

namespace {

// The flags create-webhook and create-or-update-webhook share, and the webhook body they make.
struct webhook_fields {
    std::string url;
    std::string method = "POST";
    std::vector<std::string> headers;
    std::string data;
    std::string user;
    std::string consumer;
    std::string consumer_label;
    std::string provider;
    std::string provider_label;
    std::string description;
    std::string team_uuid;
    std::vector<std::pair<std::string, bool>> events{{"contract_content_changed", false},
                                                     {"contract_published", false},
                                                     {"provider_verification_published", false},
                                                     {"provider_verification_failed", false},
                                                     {"provider_verification_succeeded", false},
                                                     {"contract_requiring_verification_published", false}};

    void add_options(CLI::App& command) {
        command.add_option("URL", url, "Webhook URL")->required();
        command.add_option("-X,--request", method, "Webhook HTTP method");
        command.add_option("-H,--header", headers, "Webhook Header(s): 'Content-Type: application/json'")->expected(1, -1);
        command.add_option("-d,--data", data, "Webhook payload");
        command.add_option("--user", user, "Webhook basic auth username and password eg. username:password");
        auto* consumer_option = command.add_option("--consumer", consumer, "Consumer name");
        command.add_option("--consumer-label", consumer_label, "Consumer label, mutually exclusive with consumer name")->excludes(consumer_option);
        auto* provider_option = command.add_option("--provider", provider, "Provider name");
        command.add_option("--provider-label", provider_label, "Provider label, mutually exclusive with provider name")->excludes(provider_option);
        command.add_option("--description", description, "Webhook description");
        command.add_option("--team-uuid", team_uuid, "UUID of the PactFlow team (PactFlow only)");
        for (auto& [event, chosen] : events) {
            std::string flag = "--" + event;
            std::ranges::replace(flag, '_', '-');
            command.add_flag(flag, chosen, "Trigger this webhook on " + event);
        }
    }

    // Throws command_failure for a header without ':' or no event chosen.
    [[nodiscard]] nlohmann::json body() const {
        nlohmann::json request{{"method", method}, {"url", url}};
        if (!headers.empty()) {
            request["headers"] = nlohmann::json::object();
            for (const auto& header : headers) {
                const auto colon = header.find(':');
                if (colon == std::string::npos) throw command_failure("Invalid header '" + header + "': expected 'Name: value'");
                request["headers"][trimmed(header.substr(0, colon))] = trimmed(header.substr(colon + 1));
            }
        }
        if (!data.empty()) {
            // JSON when it parses, as the official CLI sends it; text otherwise.
            auto parsed = nlohmann::json::parse(data, nullptr, false);
            request["body"] = parsed.is_discarded() ? nlohmann::json(data) : parsed;
        }
        if (!user.empty()) {
            const auto colon = user.find(':');
            request["username"] = user.substr(0, colon);
            if (colon != std::string::npos) request["password"] = user.substr(colon + 1);
        }
        nlohmann::json body{{"request", request}, {"events", nlohmann::json::array()}};
        for (const auto& [event, chosen] : events)
            if (chosen) body["events"].push_back({{"name", event}});
        if (body["events"].empty()) throw command_failure("You must specify at least one event: --contract-content-changed, --contract-published, ...");
        if (!description.empty()) body["description"] = description;
        if (!consumer.empty()) body["consumer"] = {{"name", consumer}};
        if (!consumer_label.empty()) body["consumer"] = {{"label", consumer_label}};
        if (!provider.empty()) body["provider"] = {{"name", provider}};
        if (!provider_label.empty()) body["provider"] = {{"label", provider_label}};
        if (!team_uuid.empty()) body["teamUuid"] = team_uuid;
        return body;
    }

    static std::string trimmed(std::string text) {
        text.erase(0, text.find_first_not_of(' '));
        text.erase(text.find_last_not_of(' ') + 1);
        return text;
    }
};

class create_webhook_command final : public broker_command {
public:
    std::string name() const override { return "create-webhook"; }
    std::string description() const override { return "Create a webhook"; }
    void add_options(CLI::App& command) override { fields_.add_options(command); }
    asio::awaitable<int> run(broker_client::broker_client& client, std::ostream& out) override {
        const auto body = fields_.body();
        const auto href = value_or_throw(co_await client.index_href("pb:webhooks"));
        print_json(out, value_or_throw(co_await client.post(href, body)), false);
        co_return 0;
    }

private:
    webhook_fields fields_;
};

class create_or_update_webhook_command final : public broker_command {
public:
    std::string name() const override { return "create-or-update-webhook"; }
    std::string description() const override { return "Create or update a webhook"; }
    void add_options(CLI::App& command) override {
        command.add_option("--uuid", uuid_, "Specify the uuid for the webhook")->required();
        fields_.add_options(command);
    }
    asio::awaitable<int> run(broker_client::broker_client& client, std::ostream& out) override {
        const auto body = fields_.body();
        const broker_client::template_variables variables{{"uuid", uuid_}};  // a local: g++ 12 miscompiles the braces inside co_await
        const auto href = value_or_throw(co_await client.index_href("pb:webhook", variables));
        print_json(out, value_or_throw(co_await client.put(href, body)), false);
        co_return 0;
    }

private:
    std::string uuid_;
    webhook_fields fields_;
};

class test_webhook_command final : public broker_command {
public:
    std::string name() const override { return "test-webhook"; }
    std::string description() const override { return "Test a webhook"; }
    void add_options(CLI::App& command) override { command.add_option("--uuid", uuid_, "Specify the uuid for the webhook")->required(); }
    asio::awaitable<int> run(broker_client::broker_client& client, std::ostream& out) override {
        const broker_client::template_variables variables{{"uuid", uuid_}};
        const auto webhook = value_or_throw(co_await client.get_index_relation("pb:webhook", variables));
        const auto href = value_or_throw(client.relation_href(webhook, "pb:execute"));
        out << "Executing webhook at: " << href << " with data: {}\n";
        print_json(out, value_or_throw(co_await client.post(href, nlohmann::json::object())), false);
        co_return 0;
    }

private:
    std::string uuid_;
};

class delete_webhook_command final : public broker_command {
public:
    std::string name() const override { return "delete-webhook"; }
    std::string description() const override { return "Delete a webhook"; }
    void add_options(CLI::App& command) override { command.add_option("--uuid", uuid_, "UUID of the webhook to delete")->required(); }
    asio::awaitable<int> run(broker_client::broker_client& client, std::ostream& out) override {
        const broker_client::template_variables variables{{"uuid", uuid_}};  // a local: g++ 12 miscompiles the braces inside co_await
        const auto href = value_or_throw(co_await client.index_href("pb:webhook", variables));
        auto removed = co_await client.remove(href);
        // As the official CLI: deleting what is not there is reported, not a failure.
        if (!removed && removed.error().what == broker_client::broker_error::kind::not_found) {
            out << "Webhook with UUID " << uuid_ << " was not found\n";
            co_return 0;
        }
        value_or_throw(std::move(removed));
        out << "Webhook with UUID " << uuid_ << " successfully deleted\n";
        co_return 0;
    }

private:
    std::string uuid_;
};

}  // namespace

std::vector<std::unique_ptr<broker_command>> make_webhook_commands() {
    std::vector<std::unique_ptr<broker_command>> commands;
    commands.push_back(std::make_unique<create_webhook_command>());
    commands.push_back(std::make_unique<create_or_update_webhook_command>());
    commands.push_back(std::make_unique<test_webhook_command>());
    commands.push_back(std::make_unique<delete_webhook_command>());
    return commands;
}

}  // namespace pact::cli
