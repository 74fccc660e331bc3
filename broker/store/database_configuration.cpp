#include "broker/store/database_configuration.hpp"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <stdexcept>
#include <utility>
#include <vector>

namespace pact::broker::store {
namespace {

[[noreturn]] void reject(std::string sentence) { throw std::invalid_argument(std::move(sentence)); }

constexpr std::array<std::string_view, 6> sslmodes{"disable", "allow", "prefer", "require", "verify-ca", "verify-full"};

[[nodiscard]] bool is_sslmode(std::string_view text) {
    return std::find(sslmodes.begin(), sslmodes.end(), text) != sslmodes.end();
}

[[nodiscard]] bool is_ascii_letter(char character) {
    return (character >= 'a' && character <= 'z') || (character >= 'A' && character <= 'Z');
}

[[nodiscard]] bool is_ascii_digit(char character) { return character >= '0' && character <= '9'; }

// Only text shaped like a scheme or a keyword is quoted back in a message: anything else might be a
// password typed in the wrong place (`user:secret/db` with its `@` forgotten).
[[nodiscard]] bool is_safe_to_echo(std::string_view text) {
    if (text.empty() || text.size() > 32 || !is_ascii_letter(text.front())) return false;
    return std::all_of(text.begin(), text.end(), [](char character) {
        return is_ascii_letter(character) || is_ascii_digit(character) || character == '+' || character == '-' ||
               character == '.' || character == '_';
    });
}

[[nodiscard]] std::string lower_case(std::string_view text) {
    std::string lowered(text);
    for (char& character : lowered) {
        if (character >= 'A' && character <= 'Z') character = static_cast<char>(character - 'A' + 'a');
    }
    return lowered;
}

[[nodiscard]] int hex_digit_value(char character) {
    if (is_ascii_digit(character)) return character - '0';
    if (character >= 'a' && character <= 'f') return character - 'a' + 10;
    if (character >= 'A' && character <= 'F') return character - 'A' + 10;
    return -1;
}

// `part` names what is decoded ("password") for the message; the text itself is never quoted.
[[nodiscard]] std::string percent_decoded(std::string_view text, std::string_view part) {
    std::string decoded;
    decoded.reserve(text.size());
    for (std::size_t index = 0; index < text.size(); ++index) {
        char character = text[index];
        if (character == '%') {
            const int high = index + 1 < text.size() ? hex_digit_value(text[index + 1]) : -1;
            const int low = index + 2 < text.size() ? hex_digit_value(text[index + 2]) : -1;
            if (high < 0 || low < 0) {
                reject("The database URL has a malformed percent-escape in its " + std::string(part) + ".");
            }
            character = static_cast<char>(high * 16 + low);
            index += 2;
        }
        // libpq reads its strings up to the first NUL, so the rest would be dropped without a word.
        if (character == '\0') reject("The database URL's " + std::string(part) + " contains a NUL character.");
        decoded.push_back(character);
    }
    return decoded;
}

[[nodiscard]] std::optional<std::uint16_t> parsed_port(std::string_view text) {
    if (text.empty() || text.size() > 5 || !std::all_of(text.begin(), text.end(), is_ascii_digit)) return std::nullopt;
    unsigned value = 0;
    for (const char digit : text) value = value * 10 + static_cast<unsigned>(digit - '0');
    if (value == 0 || value > 65535) return std::nullopt;
    return static_cast<std::uint16_t>(value);
}

[[nodiscard]] database_configuration parsed_sqlite_url(std::string_view rest) {
    if (rest.find('?') != std::string_view::npos) reject("The SQLite database URL takes no query parameters.");
    std::string file = percent_decoded(rest, "file path");
    if (file.empty() || file == "/") {
        reject("The database URL names no SQLite file; write sqlite:///absolute/path or sqlite://relative/path.");
    }
    database_configuration configuration;
    configuration.kind = database_kind::sqlite;
    configuration.sqlite_file = std::move(file);
    return configuration;
}

// user[:password] before the last '@' (so an unescaped '@' in a password still works), then the host.
void read_authority(std::string_view authority, database_configuration& configuration) {
    std::string_view host_and_port = authority;
    if (const auto at = authority.rfind('@'); at != std::string_view::npos) {
        const std::string_view user_information = authority.substr(0, at);
        host_and_port = authority.substr(at + 1);
        const auto colon = user_information.find(':');
        configuration.user = percent_decoded(user_information.substr(0, colon), "user name");
        if (colon != std::string_view::npos) {
            configuration.password = percent_decoded(user_information.substr(colon + 1), "password");
        }
    }
    if (host_and_port.find(',') != std::string_view::npos) {
        reject("The database URL names several hosts, which the broker does not support.");
    }
    std::string_view port_text;
    bool has_port = false;
    if (!host_and_port.empty() && host_and_port.front() == '[') {
        const auto closing = host_and_port.find(']');
        if (closing == std::string_view::npos) reject("The database URL has an IPv6 host without its closing ']'.");
        if (closing == 1) reject("The database URL has empty brackets where its IPv6 host should be.");
        configuration.host = percent_decoded(host_and_port.substr(1, closing - 1), "host");
        const std::string_view after = host_and_port.substr(closing + 1);
        if (!after.empty()) {
            if (after.front() != ':') reject("The database URL has text after its IPv6 host that is not a port.");
            has_port = true;
            port_text = after.substr(1);
        }
    } else {
        const auto colon = host_and_port.find(':');
        configuration.host = percent_decoded(host_and_port.substr(0, colon), "host");
        if (colon != std::string_view::npos) {
            has_port = true;
            port_text = host_and_port.substr(colon + 1);
        }
    }
    // `host:` with nothing after the colon keeps the default port, as libpq does.
    if (has_port && !port_text.empty()) {
        if (port_text.find(':') != std::string_view::npos) {
            reject("The database URL's host looks like an IPv6 address without brackets; write it as [::1]:5432.");
        }
        const auto port = parsed_port(port_text);
        if (!port) reject("The database URL's port is not a number from 1 to 65535.");
        configuration.port = *port;
    }
}

void read_query(std::string_view query, database_configuration& configuration) {
    while (!query.empty()) {
        const auto ampersand = query.find('&');
        const std::string_view parameter = query.substr(0, ampersand);
        query = ampersand == std::string_view::npos ? std::string_view{} : query.substr(ampersand + 1);
        if (parameter.empty()) continue;
        const auto equals = parameter.find('=');
        if (equals == std::string_view::npos) reject("The database URL has a query parameter without a value.");
        const std::string key = percent_decoded(parameter.substr(0, equals), "query");
        // The key is not quoted back: a misplaced password could be standing in its place.
        if (key != "sslmode") reject("The database URL has a query parameter other than sslmode, the only one the broker understands.");
        std::string value = percent_decoded(parameter.substr(equals + 1), "sslmode");
        if (!is_sslmode(value)) {
            reject("The database URL's sslmode is not one of disable, allow, prefer, require, verify-ca or verify-full.");
        }
        configuration.sslmode = std::move(value);
    }
}

[[nodiscard]] database_configuration parsed_postgresql_url(std::string_view rest) {
    database_configuration configuration;
    configuration.kind = database_kind::postgresql;
    const auto authority_end = rest.find_first_of("/?");
    read_authority(rest.substr(0, authority_end), configuration);
    std::string_view path_and_query = authority_end == std::string_view::npos ? std::string_view{} : rest.substr(authority_end);
    std::string_view query;
    if (const auto question_mark = path_and_query.find('?'); question_mark != std::string_view::npos) {
        query = path_and_query.substr(question_mark + 1);
        path_and_query = path_and_query.substr(0, question_mark);
    }
    if (!path_and_query.empty()) path_and_query.remove_prefix(1);  // the '/'
    configuration.database_name = percent_decoded(path_and_query, "database name");
    if (configuration.database_name.empty()) {
        reject("The database URL names no database; add it after the host, as in postgres://host:5432/pact_broker.");
    }
    read_query(query, configuration);
    return configuration;
}

[[nodiscard]] std::optional<std::string> variable(const environment_lookup& environment, std::string_view name) {
    auto value = environment(name);
    if (value && value->empty()) return std::nullopt;
    return value;
}

}  // namespace

database_configuration parse_database_url(std::string_view url) {
    if (url.empty()) reject("The database URL is empty.");
    const auto separator = url.find("://");
    if (separator == std::string_view::npos) {
        reject("The database URL does not start with postgres://, postgresql:// or sqlite://.");
    }
    const std::string_view scheme_text = url.substr(0, separator);
    const std::string scheme = lower_case(scheme_text);
    const std::string_view rest = url.substr(separator + 3);
    if (scheme == "postgres" || scheme == "postgresql") return parsed_postgresql_url(rest);
    if (scheme == "sqlite") return parsed_sqlite_url(rest);
    if (is_safe_to_echo(scheme_text)) {
        reject("The database URL's scheme '" + std::string(scheme_text) +
               "' is not supported; use postgres://, postgresql:// or sqlite://.");
    }
    reject("The database URL does not start with postgres://, postgresql:// or sqlite://.");
}

environment_lookup process_environment() {
    return [](std::string_view name) -> std::optional<std::string> {
        if (const char* value = std::getenv(std::string(name).c_str())) return std::string(value);
        return std::nullopt;
    };
}

std::optional<database_configuration> from_split_variables(const environment_lookup& environment) {
    const auto adapter = variable(environment, "PACT_BROKER_DATABASE_ADAPTER");
    const auto user = variable(environment, "PACT_BROKER_DATABASE_USERNAME");
    const auto password = variable(environment, "PACT_BROKER_DATABASE_PASSWORD");
    const auto host = variable(environment, "PACT_BROKER_DATABASE_HOST");
    const auto port = variable(environment, "PACT_BROKER_DATABASE_PORT");
    const auto name = variable(environment, "PACT_BROKER_DATABASE_NAME");
    const auto sslmode = variable(environment, "PACT_BROKER_DATABASE_SSLMODE");
    if (!adapter && !user && !password && !host && !port && !name && !sslmode) return std::nullopt;

    database_configuration configuration;
    const std::string kind = lower_case(adapter.value_or("postgres"));
    if (kind == "sqlite") {
        if (!name) reject("PACT_BROKER_DATABASE_NAME is not set; for the sqlite adapter it names the database file.");
        configuration.kind = database_kind::sqlite;
        configuration.sqlite_file = *name;
        return configuration;
    }
    if (kind != "postgres" && kind != "postgresql") {
        reject("PACT_BROKER_DATABASE_ADAPTER " + (is_safe_to_echo(kind) ? "'" + kind + "' " : std::string()) +
               "is not supported; use postgres or sqlite.");
    }
    configuration.kind = database_kind::postgresql;
    if (!name) reject("PACT_BROKER_DATABASE_NAME is not set; it names the PostgreSQL database.");
    configuration.database_name = *name;
    configuration.user = user.value_or("");
    configuration.password = password.value_or("");
    configuration.host = host.value_or("");
    // Brackets belong to URLs; libpq wants the bare IPv6 address.
    if (configuration.host.size() > 2 && configuration.host.front() == '[' && configuration.host.back() == ']') {
        configuration.host = configuration.host.substr(1, configuration.host.size() - 2);
    }
    if (port) {
        const auto number = parsed_port(*port);
        if (!number) reject("PACT_BROKER_DATABASE_PORT is not a number from 1 to 65535.");
        configuration.port = *number;
    }
    if (sslmode) {
        if (!is_sslmode(*sslmode)) {
            reject("PACT_BROKER_DATABASE_SSLMODE is not one of disable, allow, prefer, require, verify-ca or verify-full.");
        }
        configuration.sslmode = *sslmode;
    }
    return configuration;
}

std::optional<database_configuration> from_environment(const environment_lookup& environment) {
    const auto url = variable(environment, "PACT_BROKER_DATABASE_URL");
    if (!url) return from_split_variables(environment);
    auto configuration = parse_database_url(*url);
    if (configuration.kind == database_kind::postgresql && !configuration.sslmode) {
        if (const auto sslmode = variable(environment, "PACT_BROKER_DATABASE_SSLMODE")) {
            if (!is_sslmode(*sslmode)) {
                reject("PACT_BROKER_DATABASE_SSLMODE is not one of disable, allow, prefer, require, verify-ca or "
                       "verify-full.");
            }
            configuration.sslmode = *sslmode;
        }
    }
    return configuration;
}

std::string libpq_connection_string(const database_configuration& configuration, std::chrono::seconds connect_timeout) {
    if (configuration.kind != database_kind::postgresql) reject("A SQLite configuration has no libpq connection string.");
    // libpq's rules: a value in single quotes may hold anything, with `\` and `'` preceded by a backslash.
    const auto quoted = [](std::string_view value) {
        std::string text = "'";
        for (const char character : value) {
            if (character == '\\' || character == '\'') text.push_back('\\');
            text.push_back(character);
        }
        text.push_back('\'');
        return text;
    };
    std::vector<std::pair<std::string_view, std::string>> settings;
    if (!configuration.host.empty()) settings.emplace_back("host", configuration.host);
    settings.emplace_back("port", std::to_string(configuration.port));
    settings.emplace_back("dbname", configuration.database_name);
    if (!configuration.user.empty()) settings.emplace_back("user", configuration.user);
    if (!configuration.password.empty()) settings.emplace_back("password", configuration.password);
    if (configuration.sslmode) settings.emplace_back("sslmode", *configuration.sslmode);
    settings.emplace_back("connect_timeout", std::to_string(std::max<std::chrono::seconds::rep>(connect_timeout.count(), 1)));
    settings.emplace_back("application_name", "pact-broker");
    std::string text;
    for (const auto& [keyword, value] : settings) {
        if (!text.empty()) text.push_back(' ');
        text.append(keyword).append("=").append(quoted(value));
    }
    return text;
}

std::string redacted_description(const database_configuration& configuration) {
    if (configuration.kind == database_kind::sqlite) return "sqlite " + configuration.sqlite_file.string();
    std::string text = "postgresql ";
    if (!configuration.user.empty()) text.append(configuration.user).append("@");
    if (configuration.host.empty()) {
        text.append("(local socket)");
    } else if (configuration.host.find(':') != std::string::npos) {
        text.append("[").append(configuration.host).append("]");
    } else {
        text.append(configuration.host);
    }
    text.append(":").append(std::to_string(configuration.port)).append("/").append(configuration.database_name);
    if (configuration.sslmode) text.append(" (sslmode ").append(*configuration.sslmode).append(")");
    return text;
}

}  // namespace pact::broker::store
