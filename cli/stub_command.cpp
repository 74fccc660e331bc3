#include "cli/stub_command.hpp"

#include "http/server.hpp"
#include "stub/stub_service.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>

#include <ostream>
#include <thread>

namespace pact::cli {

void stub_command::attach(CLI::App& application) {
    auto& o = options_;
    command_ = application.add_subcommand("stub", "Serve a provider stub from pacts: a request matching an interaction's request gets its response; anything else gets 500 with the closest interaction's mismatches");
    command_->add_option("-f,--file", o.locations.files, "Pact file to load (can be repeated)");
    command_->add_option("-d,--dir", o.locations.directories, "Directory of pact files to load (can be repeated)");
    command_->add_option("-u,--url", o.locations.urls, "URL of a pact file to load (can be repeated)");
    command_->add_option("-e,--extension", extension_, "File extension of the pact files in a directory (default json)");
    command_->add_option("--user", o.locations.user, "Username for fetching pacts from URLs");
    command_->add_option("--password", o.locations.password, "Password for fetching pacts from URLs");
    command_->add_option("-t,--token", o.locations.token, "Bearer token for fetching pacts from URLs");
    command_->add_option("-p,--port", o.port, "Port to listen on (defaults to a free port chosen by the system)")->check(CLI::Range(0, 65535));
    command_->add_option("--host", o.host, "Address to listen on (defaults to 127.0.0.1)");
    command_->add_option("--threads", o.threads, "Server threads (defaults to one per core)");
}

bool stub_command::chosen() const { return command_ != nullptr && command_->parsed(); }

int stub_command::run(std::ostream& out, std::ostream& errors) {
    options_.locations.extension = "." + extension_;
    if (options_.locations.files.empty() && options_.locations.directories.empty() && options_.locations.urls.empty()) {
        errors << "error: no pacts to serve: give -f FILE, -d DIR or -u URL (see --help)\n";
        return 2;
    }
    auto loaded = load_pacts(options_.locations);
    if (!loaded) {
        errors << "error: cannot read pact: " << loaded.error() << "\n";
        return 2;
    }
    std::vector<pact_document> pacts;
    for (auto& pact : *loaded) pacts.push_back(std::move(pact.pact));
    const auto service = std::make_shared<const stub::stub_service>(std::move(pacts));

    boost::asio::io_context context;
    http::server_options settings;
    settings.address = options_.host;
    settings.port = static_cast<std::uint16_t>(options_.port);
    const unsigned threads = options_.threads > 0 ? options_.threads : std::max(1U, std::thread::hardware_concurrency());
    std::unique_ptr<http::server> listening;
    try {
        listening = std::make_unique<http::server>(
            context, [service](http::request received) { return service->answer(received); }, settings);
    } catch (const std::exception& failure) {
        errors << "error: cannot listen on " << options_.host << ":" << options_.port << ": " << failure.what() << "\n";
        return 2;
    }
    boost::asio::signal_set signals(context, SIGINT, SIGTERM);
    signals.async_wait([&](const boost::system::error_code&, int) { listening->stop(); });

    out << "Stub server listening on http://" << options_.host << ":" << listening->port() << " ("
        << service->interaction_count() << " interactions)" << std::endl;
    std::vector<std::thread> workers;
    for (unsigned index = 1; index < threads; ++index) workers.emplace_back([&context] { context.run(); });
    context.run();
    for (auto& worker : workers) worker.join();
    return 0;
}

}  // namespace pact::cli
