#include "broker/broker_configuration.hpp"

#include "build_info/build_info.hpp"
#include "http/url.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <chrono>
#include <exception>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <vector>

namespace pact::broker {
namespace {

// The Pact Broker's lists are separated by spaces; commas are accepted too.
std::vector<std::string> words(std::string text) {
    std::ranges::replace(text, ',', ' ');
    std::istringstream stream(text);
    std::vector<std::string> result;
    for (std::string word; stream >> word;) result.push_back(word);
    return result;
}

std::chrono::milliseconds milliseconds_of(double seconds) { return std::chrono::milliseconds(static_cast<long long>(seconds * 1000)); }

// The whole word as a number, or nothing.
std::optional<double> number_of(const std::string& word) {
    std::size_t used = 0;
    try {
        const double number = std::stod(word, &used);
        if (used == word.size()) return number;
    } catch (const std::exception&) {
    }
    return std::nullopt;
}

std::vector<std::chrono::milliseconds> retry_schedule_of(const std::string& schedule) {
    std::vector<std::chrono::milliseconds> delays;
    for (const auto& delay : words(schedule)) {
        const auto seconds = number_of(delay);
        if (!seconds || *seconds < 0) throw std::invalid_argument("--webhook-retry-schedule: '" + delay + "' is not a number of seconds");
        delays.push_back(milliseconds_of(*seconds));
    }
    return delays;
}

std::string default_user_agent() { return "Pact Broker v" + std::string(build_info::version()); }

std::vector<unsigned> status_codes_of(const std::string& codes) {
    std::vector<unsigned> result;
    for (const auto& code : words(codes)) {
        const auto number = number_of(code);
        if (!number || *number != static_cast<unsigned>(*number) || *number < 100 || *number > 599)
            throw std::invalid_argument("--webhook-http-code-success: '" + code + "' is not an HTTP status code");
        result.push_back(static_cast<unsigned>(*number));
    }
    if (result.empty()) throw std::invalid_argument("--webhook-http-code-success: no status code given");
    return result;
}

domain::webhook_settings webhook_settings_of(const broker_options& options) {
    domain::webhook_settings settings;
    settings.host_whitelist = words(options.webhook_host_whitelist);
    settings.scheme_whitelist = words(options.webhook_scheme_whitelist);
    settings.http_method_whitelist = words(options.webhook_http_method_whitelist);
    settings.http_code_success = status_codes_of(options.webhook_http_code_success);
    settings.retry_schedule = retry_schedule_of(options.webhook_retry_schedule);
    settings.request_timeout = milliseconds_of(options.webhook_timeout_seconds);
    settings.certificate_file = options.webhook_certificate_file;
    settings.disable_ssl_verification = options.disable_ssl_verification;
    settings.user_agent = options.user_agent.empty() ? default_user_agent() : options.user_agent;
    return settings;
}

constexpr std::string_view variable_prefix = "PACT_BROKER_";
constexpr std::string_view default_configuration_file = "config/pact_broker.yml";

// --config's value in the arguments, else PACT_BROKER_CONF, else the default file when it exists.
std::optional<std::string> configuration_file_named(const std::vector<std::string>& arguments) {
    for (std::size_t index = 0; index < arguments.size(); ++index) {
        if (arguments[index] == "--config" && index + 1 < arguments.size()) return arguments[index + 1];
        if (arguments[index].starts_with("--config=")) return arguments[index].substr(std::string_view("--config=").size());
    }
    if (const char* named = std::getenv("PACT_BROKER_CONF"); named && *named) return named;
    if (std::filesystem::exists(default_configuration_file)) return std::string(default_configuration_file);
    return std::nullopt;
}

std::string variable_of(std::string key) {
    std::ranges::transform(key, key.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return std::string(variable_prefix) + key;
}

// A scalar as written, a list of scalars as its items joined by spaces; nothing for anything else.
std::optional<std::string> value_of(const YAML::Node& node) {
    if (node.IsScalar()) return node.Scalar();
    if (!node.IsSequence()) return std::nullopt;
    std::string joined;
    for (const auto& item : node) {
        if (!item.IsScalar()) return std::nullopt;
        joined += (joined.empty() ? "" : " ") + item.Scalar();
    }
    return joined;
}

// The options each part of the broker reads, registered here with the others so that the parts need no CLI library.
void add_authentication_options(CLI::App& app, api::authentication_options& options) {
    const auto* group = "Authentication (prefer the environment or --auth-config for secrets: flags show in ps)";
    app.add_option("--basic-auth-username", options.username, "Basic auth user who may read and write")
        ->envname("PACT_BROKER_BASIC_AUTH_USERNAME")->group(group);
    app.add_option("--basic-auth-password", options.password, "Password of the read-write user")
        ->envname("PACT_BROKER_BASIC_AUTH_PASSWORD")->group(group);
    app.add_option("--basic-auth-read-only-username", options.read_only_username, "Basic auth user who may only read")
        ->envname("PACT_BROKER_BASIC_AUTH_READ_ONLY_USERNAME")->group(group);
    app.add_option("--basic-auth-read-only-password", options.read_only_password, "Password of the read-only user")
        ->envname("PACT_BROKER_BASIC_AUTH_READ_ONLY_PASSWORD")->group(group);
    app.add_option("--read-write-token", options.read_write_token, "Bearer token that may read and write")
        ->envname("PACT_BROKER_READ_WRITE_TOKEN")->group(group);
    app.add_option("--read-only-token", options.read_only_token, "Bearer token that may only read")
        ->envname("PACT_BROKER_READ_ONLY_TOKEN")->group(group);
    app.add_option("--auth-config", options.config_file, "JSON file with basicAuth users and bearer tokens")
        ->envname("PACT_BROKER_AUTH_CONFIG")->group(group);
    app.add_flag("--allow-public-read", options.allow_public_read, "Anonymous clients may read (never write)")
        ->envname("PACT_BROKER_ALLOW_PUBLIC_READ")->group(group);
    app.add_option("--public-heartbeat", options.public_heartbeat, "The heartbeat needs no credentials")
        ->envname("PACT_BROKER_PUBLIC_HEARTBEAT")->capture_default_str()->group(group);
    app.add_option("--public-badges", options.public_badges, "Badges need no credentials")
        ->envname("PACT_BROKER_ENABLE_PUBLIC_BADGE_ACCESS")->capture_default_str()->group(group);
    app.add_flag("--public-metrics", options.public_metrics, "GET /metrics needs no credentials (for a Prometheus without them)")
        ->envname("PACT_BROKER_PUBLIC_METRICS")->group(group);
}

void add_logging_options(CLI::App& app, api::logging_options& options) {
    // Checked as names (the message lists them), then looked up.
    static const std::map<std::string, api::log_format> formats{{"text", api::log_format::text}, {"json", api::log_format::json}};
    static const std::map<std::string, api::log_level> levels{
        {"debug", api::log_level::debug}, {"info", api::log_level::info}, {"warn", api::log_level::warn}, {"error", api::log_level::error}};
    app.add_option_function<std::string>("--log-format", [&options](const std::string& name) { options.format = formats.at(name); },
                                         "Log lines as text or as one JSON object each (for log shippers)")
        ->envname("PACT_BROKER_LOG_FORMAT")
        ->check(CLI::IsMember({"text", "json"}))
        ->default_str("text");
    app.add_option_function<std::string>("--log-level", [&options](const std::string& name) { options.level = levels.at(name); },
                                         "Least severe lines logged (request lines are info)")
        ->envname("PACT_BROKER_LOG_LEVEL")
        ->check(CLI::IsMember({"debug", "info", "warn", "error"}))
        ->default_str("info");
}

void add_clean_options(CLI::App& app, maintenance::clean_settings& settings) {
    app.add_option("--keep-version-selectors", settings.keep_version_selectors,
                   "Clean: JSON list of the versions to keep, as [{\"branch\": true, \"latest\": true}, {\"max_age\": 90}] (default: the "
                   "latest of each tag and branch, the latest, deployed, released, and those younger than 90 days)")
        ->envname("PACT_BROKER_DATABASE_CLEAN_KEEP_VERSION_SELECTORS");
    app.add_option("--deletion-limit", settings.deletion_limit, "Clean: most rows of each kind deleted per run")
        ->envname("PACT_BROKER_DATABASE_CLEAN_DELETION_LIMIT")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
    app.add_flag("--dry-run", settings.dry_run, "Clean: count what would be deleted, delete nothing")->envname("PACT_BROKER_DATABASE_CLEAN_DRY_RUN");
    app.add_option("--overwritten-data-max-age", settings.overwritten_data_max_age_days,
                   "Clean: days superseded verifications and webhook deliveries are kept")
        ->envname("PACT_BROKER_DATABASE_CLEAN_OVERWRITTEN_DATA_MAX_AGE")
        ->check(CLI::NonNegativeNumber)
        ->capture_default_str();
    app.add_flag("--clean-enabled", settings.enabled, "Run the clean inside the broker on --clean-cron-schedule")
        ->envname("PACT_BROKER_DATABASE_CLEAN_ENABLED");
    app.add_option("--clean-cron-schedule", settings.cron_schedule, "When the scheduled clean runs: minute hour day month weekday, UTC")
        ->envname("PACT_BROKER_DATABASE_CLEAN_CRON_SCHEDULE")
        ->capture_default_str();
}

}  // namespace

std::optional<std::string> apply_configuration_file(const CLI::App& app, const std::vector<std::string>& arguments, std::ostream& warnings) {
    const auto file = configuration_file_named(arguments);
    if (!file) return std::nullopt;
    YAML::Node document;
    try {
        document = YAML::LoadFile(*file);
    } catch (const YAML::BadFile&) {
        return "--config: cannot read " + *file;
    } catch (const YAML::Exception& error) {
        return "--config: " + *file + " is not YAML: " + error.what();
    }
    if (document.IsNull()) return std::nullopt;  // an empty file
    if (!document.IsMap()) return "--config: " + *file + " is not a mapping of settings to values";
    std::vector<std::string> variables;
    for (const auto* option : app.get_options()) variables.push_back(option->get_envname());
    for (const auto& entry : document) {
        const auto key = entry.first.Scalar();
        if (entry.second.IsNull()) continue;  // "key:" with nothing sets nothing
        const auto value = value_of(entry.second);
        if (!value) return "--config: " + key + " in " + *file + " is neither a value nor a list of values";
        const auto variable = variable_of(key);
        // The Pact Broker's split database variables are read from the environment, not as options.
        if (std::ranges::find(variables, variable) == variables.end() && !key.starts_with("database_")) {
            warnings << "pact-broker: " << key << " in " << *file << " is no setting of this broker; ignored" << std::endl;
            continue;
        }
        setenv(variable.c_str(), value->c_str(), 0);  // 0: the environment's own value wins
    }
    return std::nullopt;
}

void add_broker_options(CLI::App& app, broker_options& options) {
    app.add_option("--config", options.configuration_file,
                   "YAML file of settings, keyed by the variables in lower case without PACT_BROKER_ (database_url: …); the "
                   "environment and the command line win over it (default: config/pact_broker.yml when it exists)")
        ->envname("PACT_BROKER_CONF");
    app.add_option("--host", options.host, "Address to listen on")->envname("PACT_BROKER_HOST")->capture_default_str();
    app.add_option("--port", options.port, "Port to listen on (0: any free port)")->envname("PACT_BROKER_PORT")->capture_default_str();
    auto* database_file = app.add_option("--database", options.database, "SQLite database file (created and migrated on start)")
                              ->envname("PACT_BROKER_DATABASE")
                              ->capture_default_str();
    // Also counts PACT_BROKER_DATABASE.
    app.parse_complete_callback([database_file, &options] { options.database_given = database_file->count() > 0; });
    app.add_option("--database-url", options.database_url,
                   "Database URL: postgres://user:password@host:5432/name[?sslmode=require] or sqlite:///path/file (default: the "
                   "split variables PACT_BROKER_DATABASE_ADAPTER, _HOST, _PORT, _NAME, _USERNAME, _PASSWORD, _SSLMODE when set, else --database)")
        ->envname("PACT_BROKER_DATABASE_URL");
    app.add_option("--database-pool-size", options.database_pool_size, "PostgreSQL sessions this instance opens at most")
        ->envname("PACT_BROKER_DATABASE_MAX_CONNECTIONS")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
    app.add_option("--database-statement-timeout", options.database_statement_timeout_seconds,
                   "Seconds a PostgreSQL statement may run before it is cancelled (0: no limit)")
        ->envname("PACT_BROKER_DATABASE_STATEMENT_TIMEOUT")
        ->check(CLI::NonNegativeNumber)
        ->capture_default_str();
    app.add_option("--database-connect-timeout", options.database_connect_timeout_seconds, "Seconds to wait for a PostgreSQL session")
        ->envname("PACT_BROKER_DATABASE_CONNECT_TIMEOUT")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
    app.add_option("--base-url", options.base_url, "URL clients reach the broker at, prefix of every link (default: from the Host header)")
        ->envname("PACT_BROKER_BASE_URL");
    app.add_option("--base-urls", options.base_urls,
                   "Several URLs the broker is reached at, space separated: a request whose Host (or X-Forwarded-Host) is one's gets "
                   "links with it, any other the first")
        ->envname("PACT_BROKER_BASE_URLS");
    app.add_flag("--allow-dangerous-contract-modification", options.allow_dangerous_contract_modification,
                 "Allow publishing different pact content for an existing consumer version")
        ->envname("PACT_BROKER_ALLOW_DANGEROUS_CONTRACT_MODIFICATION");
    app.add_option("--check-for-potential-duplicate-pacticipant-names", options.check_for_potential_duplicate_pacticipant_names,
                   "Refuse (409) a publish that would create a pacticipant whose name is a near-duplicate of an existing one, "
                   "as \"foo-bar\" of \"FooBar\" (true/false)")
        ->envname("PACT_BROKER_CHECK_FOR_POTENTIAL_DUPLICATE_PACTICIPANT_NAMES")
        ->capture_default_str();
    app.add_option("--auto-detect-main-branch", options.auto_detect_main_branch,
                   "A pacticipant without a main branch takes the first of --main-branch-candidates it uses as a branch or tag (true/false)")
        ->envname("PACT_BROKER_AUTO_DETECT_MAIN_BRANCH")
        ->capture_default_str();
    app.add_option("--main-branch-candidates", options.main_branch_candidates, "Branch names that become a pacticipant's main branch automatically")
        ->envname("PACT_BROKER_MAIN_BRANCH_CANDIDATES")
        ->capture_default_str();
    app.add_option("--max-body-bytes", options.max_body_bytes, "Largest request body accepted (larger ones get 413)")
        ->envname("PACT_BROKER_MAX_BODY_BYTES")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
    app.add_option("--read-timeout", options.read_timeout_seconds,
                   "Seconds a client may take to send a request (slower ones get 408 and are cut off)")
        ->envname("PACT_BROKER_READ_TIMEOUT")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
    app.add_option("--webhook-host-whitelist", options.webhook_host_whitelist,
                   "Hosts webhooks may call: names, *.domain wildcards, addresses, CIDR ranges (default: any host outside the "
                   "loopback, private and link-local networks)")
        ->envname("PACT_BROKER_WEBHOOK_HOST_WHITELIST");
    app.add_option("--webhook-scheme-whitelist", options.webhook_scheme_whitelist, "URL schemes webhooks may use")
        ->envname("PACT_BROKER_WEBHOOK_SCHEME_WHITELIST")
        ->capture_default_str();
    app.add_option("--webhook-http-method-whitelist", options.webhook_http_method_whitelist, "HTTP methods webhooks may use")
        ->envname("PACT_BROKER_WEBHOOK_HTTP_METHOD_WHITELIST")
        ->capture_default_str();
    app.add_option("--webhook-http-code-success", options.webhook_http_code_success,
                   "HTTP status codes of a webhook's answer that count as success (any other is retried)")
        ->envname("PACT_BROKER_WEBHOOK_HTTP_CODE_SUCCESS")
        ->capture_default_str();
    app.add_option("--webhook-retry-schedule", options.webhook_retry_schedule,
                   "Seconds to wait before each retry of a failed webhook delivery (their number + 1 = attempts)")
        ->envname("PACT_BROKER_WEBHOOK_RETRY_SCHEDULE")
        ->capture_default_str();
    app.add_option("--webhook-timeout", options.webhook_timeout_seconds, "Seconds a webhook call may take")
        ->envname("PACT_BROKER_WEBHOOK_TIMEOUT")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
    app.add_option("--webhook-certificate-file", options.webhook_certificate_file,
                   "PEM file of CA certificates trusted for https webhooks besides the system trust store (which "
                   "SSL_CERT_FILE / SSL_CERT_DIR replace)")
        ->envname("PACT_BROKER_WEBHOOK_CERTIFICATE_FILE")
        ->check(CLI::ExistingFile);
    app.add_flag("--disable-ssl-verification", options.disable_ssl_verification,
                 "https webhooks accept any certificate (only for receivers whose CA cannot be given with --webhook-certificate-file)")
        ->envname("PACT_BROKER_DISABLE_SSL_VERIFICATION");
    app.add_option("--user-agent", options.user_agent, "User-Agent header of webhook calls (default: " + default_user_agent() + ")")
        ->envname("PACT_BROKER_USER_AGENT");
    app.add_flag("--dynamic-wip-window", options.wip_window.dynamic,
                 "WIP pacts are those published in a window derived from the provider's unverified pacts (80th percentile of "
                 "their ages in days), not since the verifier's includeWipPactsSince")
        ->envname("PACT_BROKER_DYNAMIC_WIP_WINDOW");
    app.add_option("--max-wip-lookback-days", options.wip_window.max_lookback_days,
                   "Dynamic WIP window: days of unverified pacts looked at, and the longest window")
        ->envname("PACT_BROKER_MAX_WIP_LOOKBACK_DAYS")
        ->check(CLI::NonNegativeNumber)
        ->capture_default_str();
    app.add_option("--min-wip-window-days", options.wip_window.min_days, "Dynamic WIP window: the shortest window, in days")
        ->envname("PACT_BROKER_MIN_WIP_WINDOW_DAYS")
        ->check(CLI::NonNegativeNumber)
        ->capture_default_str();
    app.add_option("--default-wip-window-days", options.wip_window.default_days,
                   "Dynamic WIP window: the window, in days, when no recent pact is unverified")
        ->envname("PACT_BROKER_DEFAULT_WIP_WINDOW_DAYS")
        ->check(CLI::NonNegativeNumber)
        ->capture_default_str();
    add_authentication_options(app, options.authentication);
    add_logging_options(app, options.logging);
    add_clean_options(app, options.clean);
}

domain::broker_config broker_config_of(const broker_options& options) {
    return {.allow_dangerous_contract_modification = options.allow_dangerous_contract_modification,
            .check_for_potential_duplicate_pacticipant_names = options.check_for_potential_duplicate_pacticipant_names,
            .auto_detect_main_branch = options.auto_detect_main_branch,
            .main_branch_candidates = words(options.main_branch_candidates),
            .webhooks = webhook_settings_of(options),
            .wip_window = options.wip_window};
}

std::vector<std::string> base_urls_of(const broker_options& options) {
    auto result = words(options.base_urls);
    if (!options.base_url.empty()) result.push_back(options.base_url);
    std::vector<std::string> once;
    for (auto& base_url : result) {
        // A trailing '/' would double the slash of every link.
        while (base_url.ends_with('/')) base_url.pop_back();
        if (auto parsed = pact::http::parse_url(base_url); !parsed) throw std::invalid_argument("--base-urls: " + parsed.error());
        if (std::ranges::find(once, base_url) == once.end()) once.push_back(std::move(base_url));
    }
    return once;
}

store::store_options store_options_of(const broker_options& options) {
    using namespace store;
    store_options result;
    if (!options.database_url.empty()) {
        result.database = parse_database_url(options.database_url);
    } else if (auto split = options.database_given ? std::nullopt : from_split_variables(process_environment())) {
        result.database = *split;
    } else {
        result.database.kind = database_kind::sqlite;
        result.database.sqlite_file = options.database;
    }
    result.pool_size = options.database_pool_size;
    result.statement_timeout = milliseconds_of(options.database_statement_timeout_seconds);
    result.connect_timeout = milliseconds_of(options.database_connect_timeout_seconds);
    return result;
}

}  // namespace pact::broker
