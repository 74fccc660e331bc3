#include "cli/broker/broker_commands.hpp"

#include "cli/broker/command_failure.hpp"
#include "cli/official_flags.hpp"

#include "broker_client/http_transport.hpp"
#include "broker_client/logging_transport.hpp"
#include "http/client.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include <map>
#include <ostream>
#include <string>

namespace pact::cli {

namespace asio = boost::asio;

void broker_commands::add_common_options(CLI::App& command, common_options& common) {
    auto& connection = common.connection;
    command.add_option("-b,--broker-base-url", connection.base_url, "The base URL of the Pact Broker")
        ->envname("PACT_BROKER_BASE_URL");
    command.add_option("-u,--broker-username", connection.username, "Pact Broker basic auth username")
        ->envname("PACT_BROKER_USERNAME");
    command.add_option("-p,--broker-password", connection.password, "Pact Broker basic auth password")
        ->envname("PACT_BROKER_PASSWORD");
    command.add_option("-k,--broker-token", connection.token, "Pact Broker bearer token")->envname("PACT_BROKER_TOKEN");
    command.add_option("--custom-header", connection.custom_headers,
                       "Custom header(s) to send with requests ('Header-Name: Value', repeatable)");
    command.add_option("--retries", connection.retries,
                       "Attempts for requests answered 5xx, 408 or 429 (back-off from 0.5 s, doubling)")
        ->envname("PACT_BROKER_HTTP_RETRIES");
    command.add_option("--log-level", common.log_level, "debug: each request and its status on stderr; trace: with bodies")
        ->check(log_level_names())
        ->capture_default_str();
    add_telemetry_flags(command);
    command.add_flag("--skip-ssl-verification,--insecure-tls", common.skip_tls_verification,
                     "Skip SSL certificate verification of an https broker")
        ->envname("SSL_SKIP_VERIFICATION");
    command.add_option("-c,--ssl-certificate", connection.tls.certificate_file,
                       "The path to a PEM file of CA certificates trusted besides the trust store")
        ->envname("SSL_CERT_FILE");
    command.add_option("--ssl-trust-store", common.use_trust_store,
                       "Use the system's root trust store (or SSL_CERT_FILE / SSL_CERT_DIR) for SSL verification")
        ->check(CLI::IsMember({"true", "false"}))
        ->envname("SSL_TRUST_STORE")
        ->capture_default_str();
}

std::vector<std::unique_ptr<broker_command>> make_broker_commands() {
    std::vector<std::unique_ptr<broker_command>> commands;
    const auto take = [&](std::vector<std::unique_ptr<broker_command>> family) {
        for (auto& command : family) {
            commands.push_back(std::move(command));
        }
    };
    commands.push_back(make_publish_command());
    take(make_environment_commands());
    take(make_deployment_commands());
    commands.push_back(make_can_i_deploy_command());
    commands.push_back(make_can_i_merge_command());
    take(make_pacticipant_commands());
    take(make_version_commands());
    take(make_pact_listing_commands());
    commands.push_back(make_field_usage_command());
    take(make_provider_contract_commands());
    take(make_webhook_commands());
    return commands;
}

void add_output_option(CLI::App& command, std::string& output, const std::vector<std::string>& choices,
                       const std::string& default_choice) {
    output = default_choice;
    command.add_option("-o,--output", output, "Output format")
        ->check(CLI::IsMember(choices))
        ->capture_default_str();
}

void require_unless(CLI::App& command, CLI::Option* required, const CLI::Option* alternative) {
    command.parse_complete_callback([required, alternative] {
        if (required->count() == 0 && alternative->count() == 0) {
            throw CLI::RequiredError(required->get_name());
        }
    });
}

void broker_commands::attach_all(CLI::App& parent) {
    std::map<std::string, CLI::App*> groups;  // "provider-states" → its subcommand, holding "list"
    for (auto& command : make_broker_commands()) {
        attached_command attached{std::move(command), nullptr, std::make_unique<common_options>()};
        const auto name = attached.command->name();
        auto* owner = &parent;
        std::string leaf = name;
        if (const auto space = name.find(' '); space != std::string::npos) {
            auto& group = groups[name.substr(0, space)];
            if (group == nullptr) {
                group = parent.add_subcommand(name.substr(0, space), "Manage " + name.substr(0, space));
                group->require_subcommand(1);
            }
            owner = group;
            leaf = name.substr(space + 1);
        }
        attached.subcommand = owner->add_subcommand(leaf, attached.command->description());
        add_common_options(*attached.subcommand, *attached.common);
        attached.command->add_options(*attached.subcommand);
        commands_.push_back(std::move(attached));
    }
}

void broker_commands::attach(CLI::App& application) {
    auto* broker = application.add_subcommand("broker", "Publish pacts, record deployments and ask the Pact Broker "
                                                         "whether a version can be deployed");
    broker->require_subcommand(1);
    add_version_flag(*broker, "-V,--version");
    attach_all(*broker);
    attach_all(application);
}

bool broker_commands::chosen() const {
    return std::ranges::any_of(commands_, [](const attached_command& attached) { return attached.subcommand->parsed(); });
}

int broker_commands::run(std::ostream& out, std::ostream& errors) {
    const auto chosen_command = std::ranges::find_if(
        commands_, [](const attached_command& attached) { return attached.subcommand->parsed(); });
    if (chosen_command == commands_.end()) {
        return 2;
    }
    const auto& common = *chosen_command->common;
    auto given = common.connection;
    given.tls.verify_certificates = !common.skip_tls_verification;
    given.tls.use_default_trust_store = common.use_trust_store != "false";
    given.tls.how_to_skip_verification = "or use --skip-ssl-verification to skip verification";
    const auto settings = broker_client::resolve_settings(given);
    if (!settings) {
        errors << "❌ " << settings.error() << "\n";
        return 2;
    }
    asio::io_context context;
    http::client http_client(context.get_executor(), http::client_options{.tls = settings->tls});
    auto transport = broker_client::make_http_transport(http_client);
    if (common.log_level == "debug" || common.log_level == "trace") {
        transport = broker_client::make_logging_transport(std::move(transport), errors, common.log_level == "trace");
    }
    broker_client::broker_client client(*settings, std::move(transport));
    auto result = asio::co_spawn(context, chosen_command->command->run(client, out), asio::use_future);
    context.run();
    try {
        return result.get();
    } catch (const command_failure& failure) {
        print_failure(errors, failure);
        return failure.exit_code();
    }
}

}  // namespace pact::cli
