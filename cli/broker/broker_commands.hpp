#pragma once
// Attaches every broker command to the `pact` application, under `broker` and at top level, with the
// connection flags of the official CLI (-b/--broker-base-url, -u/--broker-username,
// -p/--broker-password, -k/--broker-token, --custom-header, --retries and their environment variables),
// its --log-level (debug and trace write each exchange to stderr), and its telemetry and TLS flags,
// accepted so that scripts run unchanged (this client exports no telemetry and speaks plain http).

#include "cli/broker/broker_command.hpp"

#include <CLI/CLI.hpp>

#include <iosfwd>
#include <memory>
#include <vector>

namespace pact::cli {

class broker_commands {
public:
    void attach(CLI::App& application);
    [[nodiscard]] bool chosen() const;
    // Runs the chosen command; a command_failure it throws is printed here and gives the exit code;
    // 2 when the connection settings are unusable (no broker URL ...).
    [[nodiscard]] int run(std::ostream& out, std::ostream& errors);

private:
    // The flags every broker command takes.
    struct common_options {
        broker_client::command_line_broker_options connection;
        std::string log_level = "off";
        bool skip_tls_verification = false;
        std::string use_trust_store = "true";
    };
    struct attached_command {
        std::unique_ptr<broker_command> command;
        CLI::App* subcommand = nullptr;
        std::unique_ptr<common_options> common;
    };
    static void add_common_options(CLI::App& command, common_options& common);
    void attach_all(CLI::App& parent);

    std::vector<attached_command> commands_;
};

}  // namespace pact::cli
