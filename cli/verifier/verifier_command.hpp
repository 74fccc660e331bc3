#pragma once
// `pact verifier` (alias `pact verify`): the official CLI's flags for verifying pacts against a running
// provider, turned into verifier options; pacts from files, directories and URLs, and from any further
// source registered with add_source (the broker client adds --broker-url and friends that way).

#include "cli/pact_loading.hpp"
#include "verifier/html_report.hpp"
#include "verifier/verification.hpp"

#include <CLI/CLI.hpp>

#include <expected>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace pact::cli {

// Everything the command line said, as given.
struct verifier_command_options {
    pact_locations locations;
    std::string hostname = "localhost";
    unsigned port = 0;  // 0: the scheme's default
    std::string scheme = "http";
    std::string base_path;
    std::string provider_name;
    std::vector<std::string> transports;  // "message:8081/messages", "http:8080"
    std::vector<std::string> headers;     // "NAME=VALUE"
    std::string state_change_url;
    bool state_change_as_query = false;
    bool state_change_teardown = false;
    bool exit_on_first_error = false;
    unsigned request_timeout_milliseconds = 5'000;
    std::string filter_description;
    std::string filter_state;
    bool filter_no_state = false;
    std::vector<std::string> filter_consumers;
    unsigned concurrency = verifier::verification_options{}.concurrency;  // the library's default, in one place
    std::string json_file;
    std::string junit_file;
    std::string html_file;  // and the XML report it is made from, beside it with the extension .xml
    std::string xslt_file;  // the stylesheet turning the XML report into the HTML one ("": ours)
    bool last_failed = false;  // only what failed in the previous run, as json_file reports it
    bool ignore_no_pacts_error = false;
    bool no_colour = false;
    std::string log_level = "off";  // --log-level or -l/--loglevel
};

// A place pacts come from besides files and URLs (the broker). It adds its own flags to the command,
// says whether they were used, loads the pacts, and may act on the results (publish them).
class verifier_pact_source {
public:
    virtual ~verifier_pact_source() = default;
    virtual void add_options(CLI::App& command) = 0;
    [[nodiscard]] virtual bool requested() const = 0;
    // An error makes the command exit 2 with the message.
    [[nodiscard]] virtual std::expected<std::vector<verifier::pact_to_verify>, std::string> load(
        const verifier_command_options& options) = 0;
    // After the run; returns false when acting on the results failed (the command then exits 1).
    [[nodiscard]] virtual bool finish(const verifier::verification_report& report,
                                      const verifier_command_options& options, std::ostream& out) = 0;
};

class verifier_command {
public:
    void add_source(std::unique_ptr<verifier_pact_source> source);
    // Adds the subcommand with every flag (and the flags of the sources added before).
    void attach(CLI::App& application);
    [[nodiscard]] bool chosen() const;
    // 0 everything verified, 1 a mismatch or an unreachable provider, 2 bad options or unreadable pacts.
    [[nodiscard]] int run(std::ostream& out, std::ostream& errors);

    [[nodiscard]] const verifier_command_options& options() const { return options_; }

private:
    // -n, else the first pact's provider: the XML report names one.
    [[nodiscard]] std::string verification_provider_name() const;
    // --json, --junit, --html (with its XML); false when one could not be written.
    [[nodiscard]] bool write_reports(const verifier::verification_report& report, const std::string& provider,
                                     std::ostream& errors) const;

    verifier_command_options options_;
    std::optional<verifier::html_stylesheet> html_stylesheet_;  // with --html, read before the run
    std::vector<std::unique_ptr<verifier_pact_source>> sources_;
    CLI::App* command_ = nullptr;
    // Kept after run() so that a process ending right after it need not free them (see cli::run).
    std::vector<verifier::pact_to_verify> pacts_;
    verifier::verification_report report_;
};

// The verifier options the command line describes, or a usage error in words.
[[nodiscard]] std::expected<verifier::verification_options, std::string> to_verification_options(
    const verifier_command_options& options);

}  // namespace pact::cli
