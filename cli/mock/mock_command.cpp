#include "cli/mock/mock_command.hpp"

#include "cli/official_flags.hpp"

#include "consumer/mock_server.hpp"
#include "consumer/mock_session.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>

#include <csignal>
#include <memory>
#include <ostream>

namespace pact::cli {

void mock_command::attach(CLI::App& application) {
    auto& o = options_;
    command_ = application.add_subcommand(
        "mock", "Serve a mock provider for consumer tests in any language: register interactions as pact JSON, run "
                "the consumer against it, verify and write the pact through its control API under /__pact/");
    command_->add_option("-p,--port", o.port, "Port to listen on (defaults to a free port chosen by the system, printed)")
        ->check(CLI::Range(0, 65535));
    command_->add_option("--host", o.host, "Address to listen on (defaults to 127.0.0.1)");
    command_->add_option("--pact-dir", o.pact_dir, "Directory the pact files are written to (defaults to pacts)");
    command_->add_option("--consumer", o.consumer, "Consumer name (defaults to the name in the registered pact JSON)");
    command_->add_option("--provider", o.provider, "Provider name (defaults to the name in the registered pact JSON)");
    command_->add_option("--specification", o.specification, "Pact specification version of the written pacts: 3 or 4 (defaults to 3)")
        ->check(CLI::IsMember({3U, 4U}));
    add_version_flag(*command_, "-v,--version");
}

bool mock_command::chosen() const { return command_ != nullptr && command_->parsed(); }

int mock_command::run(std::ostream& out, std::ostream& errors) {
    consumer::mock_session session({options_.consumer, options_.provider, options_.pact_dir,
                                    options_.specification == 4 ? specification_version::v4 : specification_version::v3});
    boost::asio::io_context context;
    boost::asio::signal_set signals(context, SIGINT, SIGTERM);
    std::unique_ptr<consumer::mock_server> listening;
    try {
        listening = std::make_unique<consumer::mock_server>(
            session, consumer::mock_server_options{
                         .host = options_.host, .port = static_cast<std::uint16_t>(options_.port), .control_api = true});
    } catch (const std::exception& failure) {
        errors << "error: cannot listen on " << options_.host << ":" << options_.port << ": " << failure.what() << "\n";
        return 2;
    }
    signals.async_wait([&](const boost::system::error_code&, int) { listening->stop(); });

    out << "Mock server listening on " << listening->base_url() << " (control API under /__pact/, pacts written to "
        << options_.pact_dir << ")" << std::endl;
    context.run();
    return 0;
}

}  // namespace pact::cli
