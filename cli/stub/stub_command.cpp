#include "cli/stub/stub_command.hpp"

#include "cli/official_flags.hpp"
#include "cli/stub/pact_file_watcher.hpp"
#include "cli/verifier/broker_pact_source.hpp"
#include "http/server.hpp"
#include "stub/stub_service.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>

#include <atomic>
#include <mutex>
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
    command_->add_option("--user", o.locations.user, "User for fetching pacts from URLs, as NAME or NAME:PASSWORD");
    command_->add_option("--password", o.locations.password, "Password for fetching pacts from URLs");
    command_->add_option("-t,--token", o.locations.token, "Bearer token for fetching pacts from URLs");
    command_->add_option("-p,--port", o.port, "Port to listen on (defaults to a free port chosen by the system)")->check(CLI::Range(0, 65535));
    command_->add_option("--host", o.host, "Address to listen on (defaults to 127.0.0.1)");
    command_->add_option("--threads", o.threads, "Server threads (defaults to one per core)");
    command_->add_option("-b,--broker-url", o.broker_url, "Pact broker to load the latest pact of each integration from (with --user/--token)")->envname("PACT_BROKER_BASE_URL");
    command_->add_option("--consumer-name", o.consumer_names, "Only the broker's pacts whose consumer name matches this regular expression (can be repeated)");
    command_->add_option("--provider-name", o.provider_names, "Only the broker's pacts whose provider name matches this regular expression (can be repeated)");
    command_->add_option("--retries", o.retries, "Attempts for broker requests answered 5xx, 408 or 429")->envname("PACT_BROKER_HTTP_RETRIES");
    command_->add_flag("-o,--cors", o.serving.cors_preflight, "Answer OPTIONS requests no interaction matches with 200 and CORS headers allowing everything (every answer carries Access-Control-Allow-Origin: * unless the pact says otherwise)");
    command_->add_flag("--cors-referer", o.serving.cors_origin_from_referer, "With --cors, allow the request's Referer as the origin instead of *");
    command_->add_option("-s,--provider-state", provider_state_, "Only interactions with a provider state matching this regular expression answer");
    command_->add_option("--provider-state-header-name", provider_state_header_, "Request header whose value, when present, replaces --provider-state for that request (to pick among interactions differing only in their provider state)");
    command_->add_flag("--empty-provider-state", o.serving.include_empty_provider_state, "With a provider state filter, interactions without provider states answer too");
    command_->add_option("-l,--loglevel,--log-level", o.log_level, "info, debug, trace: one line per request with the status answered, on stderr (default warn: none; the official stub's default, info, logs each request)")->check(log_level_names());
    command_->add_flag("-w,--watch", o.watch, "Reload the pacts when the given files, or pact files in the given directories, change (written, created, deleted, renamed); requests are answered from the previous pacts until the new ones are read, and from them still when the new ones cannot be read");
    add_version_flag(*command_, "-v,--version");
    add_telemetry_flags(*command_);
    o.locations.tls.how_to_skip_verification = "or use --insecure-tls to skip verification";
    command_->add_flag_callback("--insecure-tls", [&o] { o.locations.tls.verify_certificates = false; },
                                "Disables TLS certificate validation of https pact URLs and brokers");
}

std::expected<std::shared_ptr<const stub::stub_service>, std::string> stub_command::load_service() const {
    auto loaded = load_pacts(options_.locations);
    if (!loaded) return std::unexpected("cannot read pact: " + loaded.error());
    if (!options_.broker_url.empty()) {
        broker_pacts_request request{.consumer_names = options_.consumer_names, .provider_names = options_.provider_names};
        request.connection.base_url = options_.broker_url;
        if (!options_.locations.token.empty()) request.connection.token = options_.locations.token;
        if (!options_.locations.user.empty()) {
            request.connection.username = options_.locations.user;
            request.connection.password = options_.locations.password;
        }
        request.connection.retries = options_.retries;
        request.connection.tls = options_.locations.tls;
        auto from_broker = load_latest_pacts_from_broker(request);
        if (!from_broker) return std::unexpected("cannot load pacts from the broker: " + from_broker.error());
        std::move(from_broker->begin(), from_broker->end(), std::back_inserter(*loaded));
    }
    std::vector<pact_document> pacts;
    for (auto& pact : *loaded) pacts.push_back(std::move(pact.pact));
    try {
        return std::make_shared<const stub::stub_service>(std::move(pacts), options_.serving);
    } catch (const std::regex_error& error) {
        return std::unexpected("--provider-state '" + provider_state_ + "' is not a regular expression: " + error.what());
    }
}

bool stub_command::chosen() const { return command_ != nullptr && command_->parsed(); }

int stub_command::run(std::ostream& out, std::ostream& errors) {
    options_.locations.extension = "." + extension_;
    if (!provider_state_.empty()) options_.serving.provider_state = provider_state_;
    if (!provider_state_header_.empty()) options_.serving.provider_state_header = provider_state_header_;
    // The official stub takes the password with the user: --user NAME:PASSWORD.
    if (const auto colon = options_.locations.user.find(':'); colon != std::string::npos && options_.locations.password.empty()) {
        options_.locations.password = options_.locations.user.substr(colon + 1);
        options_.locations.user.resize(colon);
    }
    if (options_.locations.files.empty() && options_.locations.directories.empty() && options_.locations.urls.empty() &&
        options_.broker_url.empty()) {
        errors << "error: no pacts to serve: give -f FILE, -d DIR, -u URL or -b BROKER_URL (see --help)\n";
        return 2;
    }
    auto loaded = load_service();
    if (!loaded) {
        errors << "error: " << loaded.error() << "\n";
        return 2;
    }
    // Swapped whole by --watch while requests are answered: each request takes the service of its time.
    std::atomic<std::shared_ptr<const stub::stub_service>> current(std::move(*loaded));
    const bool log_requests = options_.log_level == "info" || options_.log_level == "debug" || options_.log_level == "trace";
    auto log_lock = std::make_shared<std::mutex>();

    boost::asio::io_context context;
    http::server_options settings;
    settings.address = options_.host;
    settings.port = static_cast<std::uint16_t>(options_.port);
    const unsigned threads = options_.threads > 0 ? options_.threads : std::max(1U, std::thread::hardware_concurrency());
    std::unique_ptr<http::server> listening;
    try {
        listening = std::make_unique<http::server>(
            context,
            [&current, log_requests, log_lock, &errors](http::request received) {
                auto answer = current.load()->answer(received);
                if (log_requests) {
                    const std::lock_guard lock(*log_lock);
                    errors << "INFO " << received.method_string() << " " << received.target() << " → " << answer.result_int() << "\n" << std::flush;
                }
                return answer;
            },
            settings);
    } catch (const std::exception& failure) {
        errors << "error: cannot listen on " << options_.host << ":" << options_.port << ": " << failure.what() << "\n";
        return 2;
    }
    boost::asio::signal_set signals(context, SIGINT, SIGTERM);
    signals.async_wait([&](const boost::system::error_code&, int) { listening->stop(); });

    std::unique_ptr<pact_file_watcher> watcher;
    if (options_.watch && options_.locations.files.empty() && options_.locations.directories.empty()) {
        errors << "warning: --watch watches the -f files and -d directories only; there are none, so nothing is reloaded\n";
    }
    if (options_.watch) {
        const auto reload = [this, &current, &out] {
            auto reloaded = load_service();
            if (reloaded) {
                const auto interactions = (*reloaded)->interaction_count();
                current.store(std::move(*reloaded));
                out << "Pacts reloaded (" << interactions << " interactions)" << std::endl;
            } else {
                out << "Pacts not reloaded, still serving the previous ones: " << reloaded.error() << std::endl;
            }
        };
        try {
            watcher = std::make_unique<pact_file_watcher>(options_.locations, reload);
        } catch (const std::system_error& failure) {
            errors << "error: --watch: " << failure.what() << "\n";
            return 2;
        }
    }

    out << "Stub server listening on http://" << options_.host << ":" << listening->port() << " ("
        << current.load()->interaction_count() << " interactions)" << std::endl;
    std::vector<std::thread> workers;
    for (unsigned index = 1; index < threads; ++index) workers.emplace_back([&context] { context.run(); });
    context.run();
    for (auto& worker : workers) worker.join();
    return 0;
}

}  // namespace pact::cli
