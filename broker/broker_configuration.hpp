#pragma once
// pact-broker's settings: every option with its PACT_BROKER_* variable (the Pact Broker's names), read from
// flags, the environment and a YAML configuration file (flags win over the environment, the environment over
// the file, the file over the defaults), and turned into what the components take.

#include "broker/domain/types.hpp"
#include "broker/api/authentication.hpp"
#include "broker/api/broker_log.hpp"
#include "broker/maintenance/clean_settings.hpp"
#include "broker/store/store_factory.hpp"

#include <CLI/CLI.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace pact::broker {

struct broker_options {
    std::string configuration_file;  // --config / PACT_BROKER_CONF, read by apply_configuration_file
    std::string host = "127.0.0.1";
    std::uint16_t port = 9292;
    std::string database = "pact_broker.sqlite";
    std::string database_url;
    bool database_given = false;  // --database or PACT_BROKER_DATABASE, which win over the split variables
    std::size_t database_pool_size = 10;
    double database_statement_timeout_seconds = 15;
    double database_connect_timeout_seconds = 5;
    std::string base_url;
    std::string base_urls;  // space separated
    bool allow_dangerous_contract_modification = false;
    bool check_for_potential_duplicate_pacticipant_names = true;
    bool auto_detect_main_branch = true;
    std::string main_branch_candidates = "develop main master";
    std::size_t max_body_bytes = 10 * 1024 * 1024;
    unsigned read_timeout_seconds = 30;
    api::authentication_options authentication;
    // The Pact Broker's webhook settings: lists separated by spaces or commas, delays in seconds.
    std::string webhook_host_whitelist;
    std::string webhook_scheme_whitelist = "http https";
    std::string webhook_http_method_whitelist = "POST GET PUT PATCH DELETE";
    std::string webhook_http_code_success = "200 201 202 203 204 205 206";
    std::string webhook_retry_schedule = "10 60 120 300 600 1200";
    double webhook_timeout_seconds = 10;
    std::string webhook_certificate_file;
    bool disable_ssl_verification = false;
    std::string user_agent;  // empty: "Pact Broker v<version>", as the Pact Broker names itself
    domain::wip_window_settings wip_window;
    api::logging_options logging;
    maintenance::clean_settings clean;  // pact-broker clean, and the scheduled clean
};

// Declares every option of pact-broker on `app` (its own, authentication's, logging's and the clean's), each
// with its variable, so that --help lists them all.
void add_broker_options(CLI::App& app, broker_options& options);

// The configuration file the Pact Broker reads: --config FILE (looked for in `arguments` before they are parsed),
// else PACT_BROKER_CONF, else config/pact_broker.yml when it exists. A YAML mapping whose keys are the variables
// in lower case without PACT_BROKER_ ("database_url", "webhook_retry_schedule"); a list is one value of words
// joined by spaces. Each value becomes its variable unless the environment sets it already, so that the command
// line wins over the environment, the environment over the file and the file over the defaults; a key no
// option has is warned about on `warnings` and ignored. Call it after add_broker_options, before parsing.
// Returns the sentence saying why when the file cannot be read or is not such a mapping.
[[nodiscard]] std::optional<std::string> apply_configuration_file(const CLI::App& app, const std::vector<std::string>& arguments,
                                                                  std::ostream& warnings);

// Throws std::invalid_argument naming the option when a list holds something it cannot (a delay that is not
// a number of seconds, a status that is not an HTTP status code).
[[nodiscard]] domain::broker_config broker_config_of(const broker_options& options);

// The base URLs of --base-urls, then --base-url, each once (the first is the default). Throws
// std::invalid_argument when one is not an http(s) URL.
[[nodiscard]] std::vector<std::string> base_urls_of(const broker_options& options);

// --database-url (PACT_BROKER_DATABASE_URL), else --database (PACT_BROKER_DATABASE) when given, else the
// Pact Broker's split variables (PACT_BROKER_DATABASE_HOST, ...), else the SQLite file by default.
// Throws std::invalid_argument naming the problem, never the password.
[[nodiscard]] store::store_options store_options_of(const broker_options& options);

}  // namespace pact::broker
