#include "broker/api/authentication.hpp"

#include "pact/base64.hpp"

#include <boost/asio/ip/address.hpp>
#include <boost/beast/http/field.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <fstream>

namespace pact::broker::api {
namespace {

namespace beast_http = boost::beast::http;

constexpr std::string_view realm = "Pact Broker";

// Who the request's credentials say the caller is.
enum class caller { anonymous, unknown, read_only, read_write };

[[nodiscard]] bool equals_ignoring_case(std::string_view left, std::string_view right) {
    return std::ranges::equal(left, right, [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b)); });
}

[[nodiscard]] bool is_read(const pact::http::request& request, route_access access) {
    switch (request.method()) {
        case beast_http::verb::get:
        case beast_http::verb::head:
        case beast_http::verb::options: return true;
        default: return access != route_access::by_method;
    }
}

[[nodiscard]] bool is_public(const authentication_settings& settings, route_access access) {
    switch (access) {
        case route_access::public_heartbeat: return settings.public_heartbeat;
        case route_access::public_badge: return settings.public_badges;
        case route_access::public_metrics: return settings.public_metrics;
        case route_access::by_method:
        case route_access::read: return false;
    }
    return false;
}

[[nodiscard]] bool matches_user(const std::optional<basic_credentials>& user, std::string_view username, std::string_view password) {
    if (!user) return false;
    // Both halves are always compared (no short circuit), so the time says nothing about which was wrong.
    const bool username_matches = constant_time_equals(user->username, username);
    const bool password_matches = constant_time_equals(user->password, password);
    return username_matches & password_matches;
}

[[nodiscard]] caller identify_basic(const authentication_settings& settings, std::string_view encoded) {
    const auto decoded = pact::base64_decode(encoded);
    if (!decoded) return caller::unknown;
    const auto colon = decoded->find(':');
    const std::string_view username = std::string_view(*decoded).substr(0, colon);
    const std::string_view password = colon == std::string::npos ? std::string_view{} : std::string_view(*decoded).substr(colon + 1);
    const bool read_write = matches_user(settings.read_write_user, username, password);
    const bool read_only = matches_user(settings.read_only_user, username, password);
    if (read_write) return caller::read_write;
    return read_only ? caller::read_only : caller::unknown;
}

[[nodiscard]] caller identify_bearer(const authentication_settings& settings, std::string_view token) {
    // Every configured token is compared, whichever matches, so the time does not reveal which one did.
    caller found = caller::unknown;
    for (const auto& candidate : settings.tokens) {
        if (constant_time_equals(candidate.token, token) && found != caller::read_write)
            found = candidate.access == access_level::read_write ? caller::read_write : caller::read_only;
    }
    return found;
}

[[nodiscard]] caller identify(const authentication_settings& settings, const pact::http::request& request) {
    const auto [first, last] = request.equal_range(beast_http::field::authorization);
    if (first == last) return caller::anonymous;
    if (std::next(first) != last) return caller::unknown;  // two Authorization lines: ambiguous
    const std::string_view value = first->value();
    const auto space = value.find(' ');
    if (space == std::string_view::npos) return caller::unknown;
    const std::string_view scheme = value.substr(0, space);
    std::string_view credentials = value.substr(space + 1);
    while (!credentials.empty() && credentials.front() == ' ') credentials.remove_prefix(1);
    while (!credentials.empty() && credentials.back() == ' ') credentials.remove_suffix(1);
    if (credentials.empty()) return caller::unknown;
    if (equals_ignoring_case(scheme, "Basic")) return identify_basic(settings, credentials);
    if (equals_ignoring_case(scheme, "Bearer")) return identify_bearer(settings, credentials);
    return caller::unknown;
}

[[nodiscard]] std::string describe(const pact::http::request& request) {
    const std::string_view target = request.target();
    return std::string(request.method_string()) + " " + std::string(target.substr(0, target.find_first_of("?#")));
}

[[nodiscard]] std::expected<void, std::string> read_config_file(const std::string& file, authentication_settings& settings) {
    std::ifstream stream(file);
    if (!stream) return std::unexpected("cannot read the authentication config file " + file);
    const auto document = nlohmann::json::parse(stream, nullptr, false);
    if (!document.is_object()) return std::unexpected("the authentication config file " + file + " is not a JSON object");
    const auto text = [&](const nlohmann::json& object, const char* key) -> std::string {
        const auto found = object.find(key);
        return found != object.end() && found->is_string() ? found->get<std::string>() : std::string{};
    };
    if (const auto basic = document.find("basicAuth"); basic != document.end() && basic->is_object()) {
        if (const auto username = text(*basic, "username"); !username.empty())
            settings.read_write_user = basic_credentials{username, text(*basic, "password")};
        if (const auto username = text(*basic, "readOnlyUsername"); !username.empty())
            settings.read_only_user = basic_credentials{username, text(*basic, "readOnlyPassword")};
    }
    if (const auto tokens = document.find("tokens"); tokens != document.end()) {
        if (!tokens->is_array()) return std::unexpected("\"tokens\" in " + file + " must be an array");
        for (const auto& entry : *tokens) {
            const auto access = entry.is_object() ? text(entry, "access") : std::string{};
            if (access != "read-only" && access != "read-write")
                return std::unexpected("every entry of \"tokens\" in " + file + " needs \"access\": \"read-only\" or \"read-write\"");
            settings.tokens.push_back({text(entry, "token"), access == "read-write" ? access_level::read_write : access_level::read_only});
        }
    }
    return {};
}

// What is wrong with a configured basic auth user (the same rules for the read-write and read-only one).
[[nodiscard]] std::optional<std::string> user_problem(const std::optional<basic_credentials>& user, std::string_view which) {
    if (!user) return std::nullopt;
    if (user->username.empty()) return std::string(which) + " basic auth user has a password but no username";
    if (user->password.empty()) return std::string(which) + " basic auth user '" + user->username + "' has no password";
    if (user->username.find(':') != std::string::npos) return std::string(which) + " basic auth username must not contain ':'";
    return std::nullopt;
}

}  // namespace

bool authentication_settings::enabled() const {
    return read_write_user.has_value() || read_only_user.has_value() || !tokens.empty();
}

std::expected<authentication_settings, std::string> make_authentication_settings(const authentication_options& options) {
    authentication_settings settings;
    settings.allow_public_read = options.allow_public_read;
    settings.public_heartbeat = options.public_heartbeat;
    settings.public_badges = options.public_badges;
    settings.public_metrics = options.public_metrics;
    if (!options.config_file.empty()) {
        if (auto read = read_config_file(options.config_file, settings); !read) return std::unexpected(read.error());
    }
    if (!options.username.empty() || !options.password.empty())
        settings.read_write_user = basic_credentials{options.username, options.password};
    if (!options.read_only_username.empty() || !options.read_only_password.empty())
        settings.read_only_user = basic_credentials{options.read_only_username, options.read_only_password};
    if (!options.read_write_token.empty()) settings.tokens.push_back({options.read_write_token, access_level::read_write});
    if (!options.read_only_token.empty()) settings.tokens.push_back({options.read_only_token, access_level::read_only});

    for (const auto& [user, which] : {std::pair{&settings.read_write_user, "the read-write"}, std::pair{&settings.read_only_user, "the read-only"}})
        if (auto problem = user_problem(*user, which)) return std::unexpected(std::move(*problem));
    if (settings.read_only_user && !settings.read_write_user && settings.tokens.empty())
        return std::unexpected("a read-only basic auth user needs a read-write user or token too, or nobody could write");
    if (std::ranges::any_of(settings.tokens, [](const bearer_token& token) { return token.token.empty(); }))
        return std::unexpected("a bearer token must not be empty");
    return settings;
}

authorization authorize(const authentication_settings& settings, const pact::http::request& request, route_access access) {
    if (!settings.enabled()) return {};
    const bool read = is_read(request, access);
    if (read && is_public(settings, access)) return {};
    switch (identify(settings, request)) {
        case caller::read_write: return {};
        case caller::read_only:
            if (read) return {};
            return {verdict::forbidden, "These credentials may only read; " + describe(request) + " would change the broker"};
        case caller::unknown: return {verdict::unauthenticated, "The credentials given are not valid for this broker"};
        case caller::anonymous:
            if (read && settings.allow_public_read) return {};
            return {verdict::unauthenticated,
                    "Authentication is required: give a username and password (basic auth) or a bearer token"};
    }
    return {verdict::unauthenticated, "Authentication is required"};
}

request_problem refusal(const authorization& decision) {
    const unsigned status = decision.outcome == verdict::forbidden ? 403 : 401;
    request_problem problem(status, {{"authorization", {decision.reason}}}, decision.reason);
    if (status == 403) return problem;
    return std::move(problem)
        .with_header("WWW-Authenticate", "Basic realm=\"" + std::string(realm) + "\"")
        .with_header("WWW-Authenticate", "Bearer realm=\"" + std::string(realm) + "\"");
}

std::optional<std::string> exposure_warning(const authentication_settings& settings, std::string_view address) {
    if (settings.enabled()) return std::nullopt;
    boost::system::error_code error;
    const auto parsed = boost::asio::ip::make_address(address, error);
    const bool loopback = error ? equals_ignoring_case(address, "localhost") : parsed.is_loopback();
    if (loopback) return std::nullopt;
    return "WARNING: listening on " + std::string(address) +
           " without authentication: anyone who can reach it can publish, change and delete pacts. Set "
           "PACT_BROKER_BASIC_AUTH_USERNAME/PASSWORD or PACT_BROKER_READ_WRITE_TOKEN.";
}

bool constant_time_equals(std::string_view left, std::string_view right) {
    const std::size_t length = std::max(left.size(), right.size());
    // volatile keeps the compiler from turning the loop into an early-exit comparison.
    volatile unsigned char difference = left.size() == right.size() ? 0 : 1;
    for (std::size_t i = 0; i < length; ++i) {
        const auto a = i < left.size() ? static_cast<unsigned char>(left[i]) : 0;
        const auto b = i < right.size() ? static_cast<unsigned char>(right[i]) : 0;
        difference = difference | static_cast<unsigned char>(a ^ b);
    }
    return difference == 0;
}

}  // namespace pact::broker::api
