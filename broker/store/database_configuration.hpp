#pragma once
// Which database the broker uses, told the way the Ruby Pact Broker is told: a URL
// (PACT_BROKER_DATABASE_URL, `postgres://user:password@host:port/name?sslmode=require` or
// `sqlite:///path/to/file`) or the split variables PACT_BROKER_DATABASE_ADAPTER, _USERNAME, _PASSWORD,
// _HOST, _PORT, _NAME and _SSLMODE. Only the standard library: nothing here connects to anything.
//
// Every failure throws std::invalid_argument with one sentence naming the problem; no message and no
// description ever contains the password.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace pact::broker::store {

enum class database_kind { sqlite, postgresql };

struct database_configuration {
    database_kind kind = database_kind::sqlite;

    // SQLite: the database file, absolute or relative to the working directory.
    std::filesystem::path sqlite_file;

    // PostgreSQL. An empty user, password or host is left to libpq's defaults (the operating system user,
    // no password, the local Unix socket); a host starting with '/' is a socket directory, an IPv6
    // address is kept without its brackets.
    std::string user;
    std::string password;
    std::string host;
    std::uint16_t port = 5432;
    std::string database_name;
    // One of disable, allow, prefer, require, verify-ca, verify-full; unset leaves libpq's default (prefer).
    std::optional<std::string> sslmode;

    friend bool operator==(const database_configuration&, const database_configuration&) = default;
};

// `postgres://` or `postgresql://` (user, password, host and port each optional as in libpq; the database
// name required; user, password, host and database name percent-decoded; `[::1]` for IPv6; the only query
// parameter understood is sslmode), `sqlite:///absolute/file` or `sqlite://relative/file`.
// Throws std::invalid_argument for any other scheme or a malformed URL.
[[nodiscard]] database_configuration parse_database_url(std::string_view url);

// Reads one environment variable; nullopt when it is not set. Tests pass a map's look-up instead of the
// process environment.
using environment_lookup = std::function<std::optional<std::string>(std::string_view name)>;

// The process environment (std::getenv): safe only while nothing in the process calls setenv.
[[nodiscard]] environment_lookup process_environment();

// From the split variables, an empty value counting as unset. The adapter defaults to postgres (as in the
// Ruby broker) once any of them is set; for sqlite, PACT_BROKER_DATABASE_NAME is the file. nullopt when
// none is set, so the caller keeps its own default. Throws std::invalid_argument for an unknown adapter,
// a missing name, a malformed port or sslmode.
[[nodiscard]] std::optional<database_configuration> from_split_variables(const environment_lookup& environment);

// PACT_BROKER_DATABASE_URL when set (it wins, as in the Ruby broker), otherwise the split variables.
// A PostgreSQL URL without sslmode takes PACT_BROKER_DATABASE_SSLMODE, so that a deployment can require
// TLS without rewriting a URL it is handed.
[[nodiscard]] std::optional<database_configuration> from_environment(const environment_lookup& environment);

// How long libpq waits for a connection when the caller does not say.
inline constexpr std::chrono::seconds default_connect_timeout{10};

// The PostgreSQL settings as a libpq keyword=value string, every value single-quoted with `'` and `\`
// backslash-escaped, with application_name=pact-broker; empty user, password and host are left out.
// A connect_timeout below one second becomes one: libpq reads 0 as "wait forever".
// Throws std::invalid_argument for a SQLite configuration.
[[nodiscard]] std::string libpq_connection_string(const database_configuration& configuration,
                                                  std::chrono::seconds connect_timeout = default_connect_timeout);

// For logs and error messages: `postgresql broker@db.internal:5432/pact_broker (sslmode require)` or
// `sqlite /var/lib/broker.sqlite`; never the password.
[[nodiscard]] std::string redacted_description(const database_configuration& configuration);

}  // namespace pact::broker::store
