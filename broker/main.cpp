// pact-broker: the broker the official Pact CLI talks to, on an embedded SQLite store or a shared PostgreSQL database.
// Parses the options (flags, PACT_BROKER_* environment variables or the configuration file: broker_configuration.hpp),
// opens the store, serves HTTP until SIGINT/SIGTERM, then lets requests in progress finish and exits.

#include "broker/broker_configuration.hpp"
#include "broker/domain/broker_services.hpp"
#include "broker/html/hal_browser.hpp"
#include "broker/html/html_site.hpp"
#include "broker/api/broker_application.hpp"
#include "broker/api/broker_log.hpp"
#include "broker/api/metrics.hpp"
#include "broker/api/request_observer.hpp"
#include "broker/api/resources.hpp"
#include "broker/maintenance/scheduled_clean.hpp"
#include "broker/store/store_copy.hpp"
#include "broker/store/store_factory.hpp"
#include "broker/webhooks/webhook_delivery.hpp"
#include "build_info/build_info.hpp"
#include "http/server.hpp"

#include <CLI/CLI.hpp>
#include <boost/asio/signal_set.hpp>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace {

int serve(const pact::broker::broker_options& options) {
    using namespace pact::broker;
    auto authentication = api::make_authentication_settings(options.authentication);
    if (!authentication) {
        std::cerr << "pact-broker: " << authentication.error() << std::endl;
        return 2;
    }
    // A bad setting stops the start, before the database is opened.
    const auto clean_options = options.clean.enabled ? std::optional(maintenance::clean_options_of(options.clean)) : std::nullopt;
    const auto clean_schedule = options.clean.enabled ? std::optional(maintenance::clean_schedule_of(options.clean)) : std::nullopt;
    const auto base_urls = base_urls_of(options);
    auto config = broker_config_of(options);
    auto store = store::open_store(store_options_of(options));
    boost::asio::io_context context;
    // Deliveries run on the io_context; a publish that queued some wakes the worker after its commit.
    std::optional<webhooks::webhook_delivery> delivery;
    config.webhooks.deliveries_queued = [&delivery] { delivery->wake(); };
    domain::broker_services services(*store, std::move(config));
    delivery.emplace(context, *store, services.config.webhooks);
    // Pacts stored before the field-usage index existed are indexed beside the requests (each one is read from its
    // content until then); stopped and joined before the services go. A database that fails leaves the rest for the next start.
    std::jthread field_usage_indexing([&services](std::stop_token stop) {
        try {
            (void)services.field_usages.index_unindexed_pact_versions(stop);
        } catch (const store::store_failure& failure) {
            std::cerr << "pact-broker: the field-usage index of earlier pacts is incomplete: " << failure.what() << std::endl;
        }
    });
    api::broker_log log(std::cout, options.logging);
    api::broker_metrics metrics;
    auto routes = html::site_routes(services);
    api::add_metrics_route(routes, services, metrics);
    // Browsers get HTML pages and the HAL browser in front of the JSON API; API clients get the API.
    const api::broker_application application(std::move(routes), {.base_urls = base_urls,
                                                                   .max_body_bytes = options.max_body_bytes,
                                                                   .authentication = *authentication,
                                                                   .browser_view = html::render_hal_browser_page});

    pact::http::server_options server_options;
    server_options.address = options.host;
    server_options.port = options.port;
    server_options.body_limit = options.max_body_bytes;
    server_options.read_timeout = std::chrono::seconds(options.read_timeout_seconds);
    auto handle = api::observe_requests(
        [&application](const pact::http::request& request) { return application.handle(request); },
        [&metrics, &log](const api::request_summary& summary) {
            metrics.observe(summary);
            log.request(summary);
        });
    pact::http::server server(context, std::move(handle), server_options);
    if (auto warning = api::exposure_warning(*authentication, options.host)) std::cerr << *warning << std::endl;

    std::optional<maintenance::scheduled_clean> scheduled_clean;
    // Before the broker says it is listening: whoever waits for that line may stop it at once, and a SIGTERM
    // arriving before the handler is installed would kill the process without a graceful stop.
    boost::asio::signal_set signals(context, SIGINT, SIGTERM);
    signals.async_wait([&server, &delivery, &scheduled_clean](const boost::system::error_code& error, int) {
        if (error) return;
        server.stop();
        delivery->stop();
        if (scheduled_clean) scheduled_clean->stop();
    });

    const std::string url = base_urls.empty() ? "http://" + options.host + ":" + std::to_string(server.port()) : base_urls.front();
    log.announce("Pact broker listening on " + server.address() + ":" + std::to_string(server.port()) + " (database " +
                 store->description() + ")");
    log.announce("Browse " + url + "/");

    delivery->start(url);
    if (clean_options) {
        scheduled_clean.emplace(context, *store, services.config, *clean_options, *clean_schedule,
                                [](const std::string& report) { std::cout << report << std::flush; });
        scheduled_clean->start();
    }

    // Handlers block on SQLite, and a publish waits for the disk (the store's group commit): enough
    // threads that while some wait, others run, and concurrent publishes share one sync of the log.
    const unsigned thread_count = std::max(16u, 4 * std::thread::hardware_concurrency());
    std::vector<std::jthread> threads;
    for (unsigned i = 1; i < thread_count; ++i) threads.emplace_back([&context] { context.run(); });
    context.run();
    threads.clear();
    log.announce("Pact broker stopped");
    return 0;
}

// pact-broker clean: one clean of the database the broker options name, beside running brokers or not. Prints the
// report; a bad setting or a database failure is one line on stderr and exit 1.
int clean(const pact::broker::broker_options& options) {
    using namespace pact::broker;
    try {
        const auto clean_options = maintenance::clean_options_of(options.clean);
        auto store = store::open_store(store_options_of(options));
        const domain::broker_config config;
        std::cout << domain::format_clean_report(domain::clean_service(*store, config).clean(clean_options)) << std::flush;
        return 0;
    } catch (const std::exception& error) {
        std::cerr << "pact-broker clean: " << error.what() << std::endl;
        return 1;
    }
}

// pact-broker copy-database: each of --from and --to is a SQLite file or a database URL (parse_database_url).
struct copy_database_options {
    std::string from;
    std::string to;
};

// Copies, prints the report and returns the exit code: 1, with one line on stderr, when a database fails,
// a location is malformed or the check disagrees.
int copy_database(const copy_database_options& options) {
    using namespace pact::broker::store;
    const auto database_at = [](std::string_view option, const std::string& location) {
        store_options result;
        try {
            if (location.find("://") != std::string::npos) result.database = parse_database_url(location);
            else result.database = {.kind = database_kind::sqlite, .sqlite_file = location};
        } catch (const std::invalid_argument& error) {
            throw std::invalid_argument(std::string(option) + ": " + error.what());
        }
        return result;
    };
    try {
        const auto source_options = database_at("--from", options.from);
        // Opening a SQLite file creates it: a mistyped source would copy an empty broker.
        if (source_options.database.kind == database_kind::sqlite && !std::filesystem::exists(source_options.database.sqlite_file))
            throw std::invalid_argument("--from: there is no SQLite database " + source_options.database.sqlite_file.string());
        const auto target_options = database_at("--to", options.to);
        // SQLite's messages do not say which file they are about.
        const auto open = [](std::string_view option, const store_options& where) {
            try {
                return open_store(where);
            } catch (const store_failure& failure) {
                const bool sqlite = where.database.kind == database_kind::sqlite;
                throw store_failure(std::string(option) + ": " + (sqlite ? redacted_description(where.database) + ": " : "") + failure.what());
            }
        };
        auto source = open("--from", source_options);
        auto target = open("--to", target_options);
        std::cout << "Copying " << source->description() << " to " << target->description() << std::endl;
        const auto report = copy_store(*source, *target);
        std::cout << format_report(report) << std::flush;
        if (report.agrees()) return 0;
        std::cerr << "pact-broker copy-database: the copy was committed but does not agree with the source (see above)" << std::endl;
    } catch (const std::exception& error) {
        std::string sentence = error.what();
        std::ranges::replace(sentence, '\n', ' ');
        std::cerr << "pact-broker copy-database: " << sentence << std::endl;
    }
    return 1;
}

}  // namespace

int main(int argc, char** argv) {
    pact::broker::broker_options options;
    CLI::App app{"Pact broker: stores pacts and verification results and answers can-i-deploy"};
    app.set_version_flag("--version", pact::build_info::version_line("pact-broker"), "Print the version and the commit built from, and exit");
    pact::broker::add_broker_options(app, options);
    // The broker's database options and the clean's, given before or after the subcommand's name.
    auto* clean_command = app.add_subcommand("clean", "Delete old data no keep selector reaches (--keep-version-selectors, --deletion-limit, "
                                                      "--dry-run) from the database --database or --database-url names")
                              ->fallthrough();
    copy_database_options copy_options;
    auto* copy_command = app.add_subcommand("copy-database", "Copy a whole broker to another database (e.g. from SQLite to PostgreSQL) and check "
                                                             "the copy; copying again copies only what is new");
    copy_command->add_option("--from", copy_options.from, "Source: a SQLite file or a URL (postgres://…, sqlite:///…)")->required();
    copy_command->add_option("--to", copy_options.to, "Target: a SQLite file or a URL (postgres://…, sqlite:///…), written in one transaction")
        ->required();
    if (auto problem = pact::broker::apply_configuration_file(app, std::vector<std::string>(argv + 1, argv + argc), std::cerr)) {
        std::cerr << "pact-broker: " << *problem << std::endl;
        return 2;
    }
    CLI11_PARSE(app, argc, argv);
    if (copy_command->parsed()) return copy_database(copy_options);
    if (clean_command->parsed()) return clean(options);

    try {
        return serve(options);
    } catch (const std::exception& error) {
        std::cerr << "pact-broker: " << error.what() << std::endl;
        return 1;
    }
}
