#pragma once
// `pact stub`: serves the responses of pacts' interactions to requests matching their requests, until
// SIGINT or SIGTERM; with --watch, reloads the pacts when their files change and serves the new ones.

#include "cli/pact_loading.hpp"
#include "stub/stub_service.hpp"

#include <CLI/CLI.hpp>

#include <expected>
#include <iosfwd>
#include <memory>
#include <string>

namespace pact::cli {

struct stub_command_options {
    pact_locations locations;
    std::string host = "127.0.0.1";
    unsigned port = 0;  // 0: a free port chosen by the system (printed)
    unsigned threads = 0;  // 0: one per core
    stub::stub_options serving;
    std::string log_level = "warn";  // info and more verbose: one line per request on stderr
    std::string broker_url;           // load the latest pacts from this broker too
    std::vector<std::string> consumer_names;  // regexes narrowing the broker's pacts
    std::vector<std::string> provider_names;
    std::optional<int> retries;
    bool watch = false;  // reload when the pact files or directories change
};

class stub_command {
public:
    void attach(CLI::App& application);
    [[nodiscard]] bool chosen() const;
    // Serves until stopped: 0 after a signal, 2 for bad options, unreadable pacts or an unusable port.
    [[nodiscard]] int run(std::ostream& out, std::ostream& errors);

private:
    // Reads every pact (files, directories, URLs, the broker) into a service; the error in words.
    [[nodiscard]] std::expected<std::shared_ptr<const stub::stub_service>, std::string> load_service() const;

    stub_command_options options_;
    std::string extension_ = "json";
    std::string provider_state_;
    std::string provider_state_header_;
    CLI::App* command_ = nullptr;
};

}  // namespace pact::cli
