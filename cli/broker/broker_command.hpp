#pragma once
// The broker commands of `pact` (`pact broker <command>` and the same at top level): each is an object
// that adds its flags (the official CLI's names) and runs as a coroutine against a broker_client,
// writing what the official CLI writes and returning its exit code. A command that cannot go on throws a
// command_failure, printed in one place (broker_commands::run).

#include "cli/broker/command_failure.hpp"

#include "broker_client/broker_client.hpp"

#include <CLI/CLI.hpp>
#include <boost/asio/awaitable.hpp>

#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

namespace pact::cli {

class broker_command {
public:
    virtual ~broker_command() = default;
    // One word, or a group and a word ("provider-states list") for a command the official CLI nests.
    [[nodiscard]] virtual std::string name() const = 0;
    [[nodiscard]] virtual std::string description() const = 0;
    virtual void add_options(CLI::App& command) = 0;
    // 0 success, 1 a "no" answer (can-i-deploy); throws command_failure when the command fails.
    [[nodiscard]] virtual boost::asio::awaitable<int> run(broker_client::broker_client& client,
                                                          std::ostream& out) = 0;
};

// A fresh instance of every broker command, in the order `pact broker --help` lists them.
[[nodiscard]] std::vector<std::unique_ptr<broker_command>> make_broker_commands();

// The factories, one per command family (publish_command.cpp, can_i_deploy_command.cpp, ...).
[[nodiscard]] std::unique_ptr<broker_command> make_publish_command();
[[nodiscard]] std::unique_ptr<broker_command> make_can_i_deploy_command();
[[nodiscard]] std::unique_ptr<broker_command> make_can_i_merge_command();
[[nodiscard]] std::vector<std::unique_ptr<broker_command>> make_environment_commands();
[[nodiscard]] std::vector<std::unique_ptr<broker_command>> make_deployment_commands();
[[nodiscard]] std::vector<std::unique_ptr<broker_command>> make_pacticipant_commands();
[[nodiscard]] std::vector<std::unique_ptr<broker_command>> make_version_commands();
[[nodiscard]] std::vector<std::unique_ptr<broker_command>> make_webhook_commands();
[[nodiscard]] std::vector<std::unique_ptr<broker_command>> make_pact_listing_commands();
[[nodiscard]] std::unique_ptr<broker_command> make_field_usage_command();
[[nodiscard]] std::vector<std::unique_ptr<broker_command>> make_provider_contract_commands();

// `required` must be given unless `alternative` is; otherwise a usage error (exit 2) naming `required`.
void require_unless(CLI::App& command, CLI::Option* required, const CLI::Option* alternative);

// Adds `-o/--output` with the given choices and default.
void add_output_option(CLI::App& command, std::string& output, const std::vector<std::string>& choices,
                       const std::string& default_choice);

}  // namespace pact::cli
