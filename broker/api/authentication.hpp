#pragma once
// Who may do what on the broker: basic auth with a read-write and an optional read-only user, bearer
// tokens (read-only or read-write), and anonymous access. A pure decision (settings + request + the access of
// the route the request matched → allow, 401 or 403) that broker_application asks once it has matched the
// request, so the resource checked is always the resource served.
//
// Reads are GET, HEAD, OPTIONS and the routes whose access says read (the "pacts for verification" query is a
// POST that changes nothing); everything else is a write. With no credentials configured, everything is allowed
// (the loopback default). Secrets are compared in constant time and never appear in answers or messages.

#include "broker/api/problem.hpp"
#include "broker/api/route_table.hpp"
#include "http/message.hpp"

#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pact::broker::api {

enum class access_level { read_only, read_write };

struct basic_credentials {
    std::string username;
    std::string password;
};

struct bearer_token {
    std::string token;
    access_level access = access_level::read_only;
};

struct authentication_settings {
    std::optional<basic_credentials> read_write_user;
    std::optional<basic_credentials> read_only_user;
    std::vector<bearer_token> tokens;
    bool allow_public_read = false;  // anonymous clients may read (never write)
    bool public_heartbeat = true;    // GET /diagnostic/status/heartbeat needs no credentials
    bool public_badges = true;       // GET .../badge needs no credentials
    bool public_metrics = false;     // GET /metrics needs no credentials

    // True when any credential is configured: only then is anything refused.
    [[nodiscard]] bool enabled() const;
};

// The options as given on the command line or in PACT_BROKER_* variables, before validation.
struct authentication_options {
    std::string username;
    std::string password;
    std::string read_only_username;
    std::string read_only_password;
    std::string read_write_token;
    std::string read_only_token;
    // A JSON file with more of the same: {"basicAuth": {"username", "password", "readOnlyUsername",
    // "readOnlyPassword"}, "tokens": [{"token": "...", "access": "read-only"|"read-write"}],
    // "allowPublicRead", "publicHeartbeat", "publicBadges"}; flags and variables add to it.
    std::string config_file;
    bool allow_public_read = false;
    bool public_heartbeat = true;
    bool public_badges = true;
    bool public_metrics = false;
};

// Checks the options (a username needs a password, no empty token, a readable config file) and
// builds the settings; the error names the option, never its value.
[[nodiscard]] std::expected<authentication_settings, std::string> make_authentication_settings(const authentication_options& options);

enum class verdict {
    allowed,
    unauthenticated,  // 401: no credentials, or credentials that match nobody
    forbidden,        // 403: known read-only credentials on a write
};

struct authorization {
    verdict outcome = verdict::allowed;
    std::string reason;  // for 401/403: a sentence for the client, without any secret
};

[[nodiscard]] authorization authorize(const authentication_settings& settings, const pact::http::request& request, route_access access);

// The 401 (with WWW-Authenticate) or 403 problem for a refused request: `errors: {authorization: [reason]}`.
[[nodiscard]] request_problem refusal(const authorization& decision);

// A warning to print when the broker listens beyond loopback with no authentication, else nullopt.
[[nodiscard]] std::optional<std::string> exposure_warning(const authentication_settings& settings, std::string_view address);

// Equal contents, in a time that depends on the lengths only, never on where the first difference is.
[[nodiscard]] bool constant_time_equals(std::string_view left, std::string_view right);

}  // namespace pact::broker::api
