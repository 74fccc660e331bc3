#include "cli/mock_command.hpp"

#include "consumer/mock_server.hpp"
#include "consumer/mock_session.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>

#include <csignal>
#include <iostream>
#include <system_error>

namespace pact::cli {

CLI::App* add_mock_command(CLI::App& application, mock_command_options& options) {
    auto* command = application.add_subcommand(
        "mock", "Serve a mock provider for consumer tests in any language; interactions are registered, verified "
                "and written as pacts through its control API under /__pact/");
    command->add_option("-p,--port", options.port, "Port to listen on (0: a free port, printed at start)");
    command->add_option("--host", options.host, "Address to listen on")->capture_default_str();
    command->add_option("--pact-dir", options.pact_dir, "Directory the pact files are written to")->capture_default_str();
    command->add_option("--consumer", options.consumer, "Consumer name (default: from the registered pact JSON)");
    command->add_option("--provider", options.provider, "Provider name (default: from the registered pact JSON)");
    command->add_option("--specification", options.specification, "Pact specification version written: 3 or 4")
        ->capture_default_str();
    return command;
}

int run_mock_command(const mock_command_options& options) {
    if (options.specification != 3 && options.specification != 4) {
        std::cerr << "pact mock: --specification must be 3 or 4, not " << options.specification << "\n";
        return 2;
    }
    consumer::mock_session session({options.consumer, options.provider, options.pact_dir,
                                    options.specification == 4 ? specification_version::v4 : specification_version::v3});
    boost::asio::io_context signals_context;
    boost::asio::signal_set signals(signals_context, SIGINT, SIGTERM);
    try {
        consumer::mock_server server(session, {.host = options.host, .port = options.port, .control_api = true});
        std::cout << "pact mock listening on " << server.base_url() << " (control API under /__pact/, pacts written to "
                  << options.pact_dir << ")" << std::endl;
        signals.async_wait([](const boost::system::error_code&, int) {});
        signals_context.run();
        server.stop();
    } catch (const std::exception& failure) {
        std::cerr << "pact mock: cannot listen on " << options.host << ":" << options.port << ": " << failure.what() << "\n";
        return 1;
    }
    return 0;
}

}  // namespace pact::cli
