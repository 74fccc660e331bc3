#include "cli/verifier/verifier_command.hpp"
#include "pact/json_text.hpp"

#include "http/url.hpp"
#include "verifier/html_report.hpp"
#include "verifier/report.hpp"

#include "cli/official_flags.hpp"

#include <unistd.h>

#include <charconv>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <regex>
#include <set>

namespace pact::cli {
namespace {

constexpr const char* parallelism_note = R"(
What runs in parallel: up to --concurrency interactions are in flight at once over keep-alive
connections; results are reported in pact order. Interactions with no provider state run together,
after one setup of the state "" (the official verifier's call to return to a baseline); interactions
needing the same provider states (same names and params) run together between one setup and one
teardown; an interaction that changes the provider (POST, PUT, PATCH, DELETE) runs alone, between its
own setup and teardown. Interactions needing different states never overlap. --concurrency 1 turns
this off: one interaction at a time in pact order, each with its own setup and teardown, making
exactly the official verifier's state-change calls.)";

struct transport {
    std::string name;
    std::uint16_t port = 0;
    std::string path;
};

// "message:8081/messages" -> {message, 8081, "/messages"}
[[nodiscard]] std::expected<transport, std::string> parse_transport(const std::string& text) {
    const auto colon = text.find(':');
    if (colon == std::string::npos) return std::unexpected("--transports '" + text + "': expected NAME:PORT[/PATH]");
    transport parsed;
    parsed.name = text.substr(0, colon);
    const std::string rest = text.substr(colon + 1);
    const auto slash = rest.find('/');
    const std::string port_text = rest.substr(0, slash);
    unsigned port = 0;
    const auto [end, error] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    if (error != std::errc{} || end != port_text.data() + port_text.size() || port == 0 || port > 65535) {
        return std::unexpected("--transports '" + text + "': '" + port_text + "' is not a port");
    }
    parsed.port = static_cast<std::uint16_t>(port);
    parsed.path = slash == std::string::npos ? "" : rest.substr(slash);
    return parsed;
}

// Warns, as the official verifier does, of provider states that nothing set up for lack of a state-change URL.
void warn_of_states_not_set_up(const verifier::verification_report& report, std::ostream& errors) {
    std::set<std::string> names;
    for (const auto& pact : report.pacts) {
        for (const auto& result : pact.interactions) names.insert(result.provider_states.begin(), result.provider_states.end());
    }
    if (names.empty()) return;
    errors << "warning: no --state-change-url is given, so these provider states were not set up:";
    for (const auto& name : names) errors << " '" << name << "'";
    errors << "\n";
}

[[nodiscard]] std::expected<void, std::string> check_regex(const std::string& flag, const std::string& expression) {
    try {
        const std::regex compiled(expression);
        return {};
    } catch (const std::regex_error& error) {
        return std::unexpected(flag + " '" + expression + "' is not a valid regular expression: " + error.what());
    }
}

// As the official verifier, but only on a terminal unless forced: CI logs and pipes get plain text.
[[nodiscard]] bool colour_wanted(bool no_colour) {
    if (no_colour || std::getenv("NO_COLOR") != nullptr) return false;
    if (const char* forced = std::getenv("CLICOLOR_FORCE"); forced != nullptr && std::string_view(forced) != "0") {
        return true;
    }
    return ::isatty(STDOUT_FILENO) == 1;
}

[[nodiscard]] bool write_file(const std::string& file, const std::string& content, std::ostream& errors) {
    // Reports often go to a build folder that does not exist yet, as the official verifier allows.
    std::error_code ignored;
    if (const auto parent = std::filesystem::path(file).parent_path(); !parent.empty()) {
        std::filesystem::create_directories(parent, ignored);
    }
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << content;
    out.close();
    if (!out) {
        errors << "error: cannot write " << file << "\n";
        return false;
    }
    return true;
}

// --last-failed: the interactions the previous run's --json report says failed; nothing (verify them all,
// with a warning saying why) when there is no such report or nothing failed, as the official verifier.
[[nodiscard]] std::optional<std::vector<verifier::interaction_identity>> last_failed(const std::string& json_file,
                                                                                     std::ostream& out,
                                                                                     std::ostream& errors) {
    if (json_file.empty()) {
        errors << "warning: --last-failed is ignored: it reads the previous run's --json report, and no --json was given\n";
        return std::nullopt;
    }
    std::ifstream in(json_file, std::ios::binary);
    if (!in) {
        errors << "warning: --last-failed is ignored: there is no previous report " << json_file << " to read\n";
        return std::nullopt;
    }
    auto previous = nlohmann::json::parse(in, nullptr, false);
    auto failed = previous.is_discarded() ? std::unexpected(std::string("it is not JSON")) : verifier::failed_interactions(previous);
    if (!failed) {
        errors << "warning: --last-failed is ignored: the previous report " << json_file << " cannot be read: " << failed.error() << "\n";
        return std::nullopt;
    }
    if (failed->empty()) {
        errors << "warning: nothing failed in the previous run (" << json_file << "): verifying every interaction\n";
        return std::nullopt;
    }
    out << "Verifying only the " << failed->size() << (failed->size() == 1 ? " interaction" : " interactions")
        << " that failed in the previous run (" << json_file << ")\n";
    return std::move(*failed);
}

}  // namespace

std::expected<verifier::verification_options, std::string> to_verification_options(
    const verifier_command_options& options) {
    verifier::verification_options result;
    if (options.scheme != "http" && options.scheme != "https") {
        return std::unexpected("--scheme/--transport '" + options.scheme + "' is not supported; http and https are");
    }
    result.provider.scheme = options.scheme;
    result.provider.host = options.hostname;
    result.provider.port = static_cast<std::uint16_t>(options.port != 0 ? options.port : options.scheme == "https" ? 443 : 80);
    result.tls = options.locations.tls;
    result.provider.base_path = options.base_path;
    for (const auto& text : options.transports) {
        auto parsed = parse_transport(text);
        if (!parsed) return std::unexpected(parsed.error());
        if (parsed->name == "message") {
            result.message_port = parsed->port;
            result.message_path = parsed->path.empty() ? "/" : parsed->path;
        } else if (parsed->name == "http") {
            if (options.port == 0) result.provider.port = parsed->port;
            if (!parsed->path.empty() && options.base_path.empty()) result.provider.base_path = parsed->path;
        } else {
            return std::unexpected("--transports '" + text + "': the transport '" + parsed->name +
                                   "' is not supported (http and message are)");
        }
    }
    for (const auto& header : options.headers) {
        const auto equals = header.find('=');
        if (equals == std::string::npos || equals == 0) {
            return std::unexpected("--header '" + header + "': expected NAME=VALUE");
        }
        result.extra_headers.emplace_back(header.substr(0, equals), header.substr(equals + 1));
    }
    if (!options.state_change_url.empty()) {
        const auto parsed = http::parse_url(options.state_change_url);
        if (!parsed) return std::unexpected("--state-change-url: " + parsed.error());
        result.state_change_url = options.state_change_url;
    }
    result.state_change_as_query = options.state_change_as_query;
    result.state_change_teardown = options.state_change_teardown;
    result.exit_on_first_error = options.exit_on_first_error;
    result.request_timeout = std::chrono::milliseconds(options.request_timeout_milliseconds);
    result.concurrency = options.concurrency;
    if (!options.filter_description.empty()) {
        if (auto valid = check_regex("--filter-description", options.filter_description); !valid) {
            return std::unexpected(valid.error());
        }
        result.filter.description = options.filter_description;
    }
    if (!options.filter_state.empty()) {
        if (auto valid = check_regex("--filter-state", options.filter_state); !valid) return std::unexpected(valid.error());
        result.filter.state = options.filter_state;
    }
    result.filter.no_state = options.filter_no_state;
    result.filter.consumers = options.filter_consumers;
    return result;
}

void verifier_command::add_source(std::unique_ptr<verifier_pact_source> source) { sources_.push_back(std::move(source)); }

void verifier_command::attach(CLI::App& application) {
    auto& o = options_;
    command_ = application.add_subcommand("verifier", "Verify a provider against pacts: replay each interaction against the running provider and check its answers");
    command_->alias("verify");
    command_->set_help_flag("--help", "Print this help and exit");
    add_version_flag(*command_, "-v,--version");
    command_->footer(parallelism_note);

    const std::string loading = "Loading pacts";
    command_->add_option("-f,--file", o.locations.files, "Pact file to verify (can be repeated)")->group(loading);
    command_->add_option("-d,--dir", o.locations.directories, "Directory of pact files to verify (can be repeated)")->group(loading);
    command_->add_option("-u,--url", o.locations.urls, "URL of a pact file to verify (can be repeated)")->group(loading);
    command_->add_flag("--ignore-no-pacts-error", o.ignore_no_pacts_error, "Do not fail if no pacts are found to verify")->group(loading);
    command_->add_option("--user", o.locations.user, "Username for fetching pacts from URLs")->envname("PACT_BROKER_USERNAME")->group(loading);
    command_->add_option("--password", o.locations.password, "Password for fetching pacts from URLs")->envname("PACT_BROKER_PASSWORD")->group(loading);
    command_->add_option("-t,--token", o.locations.token, "Bearer token for fetching pacts from URLs")->envname("PACT_BROKER_TOKEN")->group(loading);

    const std::string provider = "Provider";
    command_->add_option("-h,--hostname", o.hostname, "Provider hostname (defaults to localhost)")->envname("PACT_PROVIDER_HOSTNAME")->group(provider);
    command_->add_option("-p,--port", o.port, "Provider port (defaults to 80, or 443 with https)")->envname("PACT_PROVIDER_PORT")->check(CLI::Range(1, 65535))->group(provider);
    command_->add_option("--scheme,--transport", o.scheme, "Provider protocol: http or https (verified against the trust store; see --disable-ssl-verification)")->envname("PACT_PROVIDER_TRANSPORT")->group(provider);
    command_->add_option("--transports", o.transports, "Transports with their ports, NAME:PORT[/PATH]: http:8080, message:8081/messages (message interactions are POSTed there)")->group(provider);
    command_->add_option("-n,--provider-name", o.provider_name, "Provider name")->envname("PACT_PROVIDER_NAME")->group(provider);
    command_->add_option("--base-path", o.base_path, "Base path put before every request path")->envname("PACT_PROVIDER_BASE_PATH")->group(provider);
    command_->add_option("--request-timeout", o.request_timeout_milliseconds, "Timeout in milliseconds for requests to the provider and state change calls (default 5000)")->envname("PACT_PROVIDER_REQUEST_TIMEOUT")->check(CLI::PositiveNumber)->group(provider);
    command_->add_option("-H,--header", o.headers, "Header NAME=VALUE added to every request to the provider (can be repeated)")->group(provider);

    const std::string states = "Provider states";
    command_->add_option("-s,--state-change-url", o.state_change_url, "URL to POST {\"state\", \"params\", \"action\"} to before (and with --state-change-teardown after) interactions")->envname("PACT_PROVIDER_STATE_CHANGE_URL")->group(states);
    command_->add_flag("--state-change-as-query", o.state_change_as_query, "Send the state, the action and the params as query parameters of an empty POST (?action=setup&PARAM=VALUE&state=NAME) instead of a JSON body")->envname("PACT_PROVIDER_STATE_CHANGE_AS_QUERY")->group(states);
    command_->add_flag("--state-change-teardown", o.state_change_teardown, "Also POST teardown state changes after interactions")->envname("PACT_PROVIDER_STATE_CHANGE_TEARDOWN")->group(states);

    const std::string filtering = "Filtering interactions";
    command_->add_option("--filter-description", o.filter_description, "Only interactions whose description matches this regex")->envname("PACT_DESCRIPTION")->group(filtering);
    command_->add_option("--filter-state", o.filter_state, "Only interactions with a provider state matching this regex")->envname("PACT_PROVIDER_STATE")->group(filtering);
    command_->add_flag("--filter-no-state", o.filter_no_state, "Only interactions without provider states")->envname("PACT_PROVIDER_NO_STATE")->group(filtering);
    command_->add_option("-c,--filter-consumer", o.filter_consumers, "Only pacts of this consumer (can be repeated)")->group(filtering);

    const std::string output = "Output and speed";
    command_->add_option("-j,--json", o.json_file, "Write a JSON report of the verification to this file")->envname("PACT_VERIFIER_JSON_REPORT")->group(output);
    command_->add_option("-x,--junit", o.junit_file, "Write a JUnit XML report of the verification to this file")->envname("PACT_VERIFIER_JUNIT_REPORT")->group(output);
    command_->add_option("--html", o.html_file, "Write an HTML report of the verification to this file, and the XML report it is made from beside it (same name, extension .xml)")->envname("PACT_VERIFIER_HTML_REPORT")->group(output);
    command_->add_option("--xslt", o.xslt_file, "XSLT 1.0 stylesheet turning the XML report into the HTML one (with --html; defaults to ours)")->check(CLI::ExistingFile)->group(output);
    command_->add_option("--concurrency", o.concurrency, "Interactions in flight at once (1 = one at a time, in pact order)")->capture_default_str()->check(CLI::Range(1, 1024))->group(output);
    command_->add_flag("--no-colour,--no-color", o.no_colour, "No ANSI colour codes in the output (they are used when stdout is a terminal or CLICOLOR_FORCE is set, and never with NO_COLOR)")->group(output);
    command_->add_option("--log-level,-l,--loglevel", o.log_level, "debug: each request to the provider and the state-change URL, its status and time on stderr; trace: with bodies; other levels add nothing to the report")->check(log_level_names())->group(output);
    command_->add_flag("--last-failed", o.last_failed, "Only verify the interactions that failed in the previous run, as its --json report (the same file) says; every interaction when nothing failed or there is no report. Replaces the description and state filters")->group(output);
    command_->add_flag("--exit-on-first-error", o.exit_on_first_error, "Stop at the first failure: no interaction starts after it. Runs one interaction at a time unless --concurrency is given (then those already in flight finish and are reported)")->group(output);

    add_telemetry_flags(*command_);
    for (const char* format : {"--pretty-log", "--full-log", "--compact-log"}) {
        add_flag_without_effect(*command_, format, "Log lines have one format here");
    }
    o.locations.tls.how_to_skip_verification = "or use --disable-ssl-verification to skip verification";
    command_->add_flag_callback("--disable-ssl-verification", [&o] { o.locations.tls.verify_certificates = false; },
                                "Disables validation of SSL certificates (of an https provider, pact URLs and the broker)")
        ->group(provider);

    for (const auto& source : sources_) source->add_options(*command_);
}

bool verifier_command::chosen() const { return command_ != nullptr && command_->parsed(); }

std::string verifier_command::verification_provider_name() const {
    if (!options_.provider_name.empty()) return options_.provider_name;
    return pacts_.empty() ? "provider" : pacts_.front().pact.provider;
}

bool verifier_command::write_reports(const verifier::verification_report& report, const std::string& provider,
                                     std::ostream& errors) const {
    bool written = true;
    if (!options_.json_file.empty()) written &= write_file(options_.json_file, pact::to_json_text(verifier::to_json(report), 2) + "\n", errors);
    if (!options_.junit_file.empty()) written &= write_file(options_.junit_file, verifier::to_junit_xml(report), errors);
    if (!options_.html_file.empty() && html_stylesheet_) {
        const std::string xml = verifier::to_report_xml(report, provider);
        const auto xml_file = std::filesystem::path(options_.html_file).replace_extension(".xml").string();
        if (xml_file != options_.html_file) written &= write_file(xml_file, xml, errors);
        const auto html = html_stylesheet_->render(xml);
        if (html) {
            written &= write_file(options_.html_file, *html, errors);
        } else {
            errors << "error: cannot write the HTML report " << options_.html_file << ": " << html.error() << "\n";
            written = false;
        }
    }
    return written;
}

int verifier_command::run(std::ostream& out, std::ostream& errors) {
    auto verification = to_verification_options(options_);
    if (!verification) {
        errors << "error: " << verification.error() << "\n";
        return 2;
    }
    // A stylesheet that cannot be used is said before the verification runs, not after.
    if (!options_.html_file.empty()) {
        auto stylesheet = options_.xslt_file.empty() ? verifier::html_stylesheet::built_in()
                                                     : verifier::html_stylesheet::from_file(options_.xslt_file);
        if (!stylesheet) {
            errors << "error: --xslt: " << stylesheet.error() << "\n";
            return 2;
        }
        html_stylesheet_ = std::move(*stylesheet);
    }
    if (options_.last_failed) verification->filter.only = last_failed(options_.json_file, out, errors);

    auto& pacts = pacts_;
    pacts.clear();
    auto loaded = load_pacts(options_.locations);
    if (!loaded) {
        errors << "error: cannot read pact: " << loaded.error() << "\n";
        return 2;
    }
    for (auto& pact : *loaded) pacts.push_back({std::move(pact.pact), std::move(pact.source), false});
    for (const auto& source : sources_) {
        if (!source->requested()) continue;
        auto more = source->load(options_);
        if (!more) {
            errors << "error: " << more.error() << "\n";
            return 2;
        }
        std::move(more->begin(), more->end(), std::back_inserter(pacts));
    }
    if (pacts.empty()) {
        if (options_.ignore_no_pacts_error) {
            out << "No pacts to verify.\n";
            return 0;
        }
        errors << "error: no pacts to verify: give -f FILE, -d DIR or -u URL (see --help)\n";
        return 2;
    }

    verification->observer = exchange_log(options_.log_level, errors);
    // Stopping at the first failure means one interaction at a time, unless --concurrency says otherwise.
    if (options_.exit_on_first_error && command_->count("--concurrency") == 0) verification->concurrency = 1;
    verifier::text_reporter reporter(out, colour_wanted(options_.no_colour));
    report_ = verifier::verify(pacts, *verification,
                                         [&](const verifier::pact_result& pact, const verifier::interaction_result& result) {
                                             reporter.on_result(pact, result);
                                         });
    const auto& report = report_;
    if (!verification->state_change_url) warn_of_states_not_set_up(report, errors);
    reporter.summary(report);
    out.flush();

    const bool written = write_reports(report, verification_provider_name(), errors);
    bool finished = true;
    for (const auto& source : sources_) {
        if (source->requested()) finished &= source->finish(report, options_, out);
    }
    return report.success() && written && finished ? 0 : 1;
}

}  // namespace pact::cli
