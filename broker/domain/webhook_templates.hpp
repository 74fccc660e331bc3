#pragma once
// The webhook request as it is sent: `${pactbroker.*}` parameters replaced by the event's facts, and
// secrets (credential-like headers, passwords) hidden wherever a request is shown or logged.

#include "broker/domain/types.hpp"
#include "broker/domain/webhook_service.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pact::broker::domain {

// "pactbroker.consumerName" → "Foo", … for every parameter the Pact Broker supports, from an event
// context (webhook_events.hpp) and the broker's base URL. Unknown facts are "".
using template_values = std::map<std::string, std::string, std::less<>>;
[[nodiscard]] template_values webhook_template_values(const nlohmann::json& context, std::string_view base_url);

enum class value_escaping { none, url_component, json_string };
// Replaces each `${name}` whose name is in `values`; other text (and unknown parameters) stays as is.
[[nodiscard]] std::string render_template(std::string_view text, const template_values& values, value_escaping escaping = value_escaping::none);
[[nodiscard]] bool has_template_parameter(std::string_view text);

struct rendered_webhook_request {
    std::string method;  // upper case
    std::string url;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;  // "" when none
    std::optional<std::string> username;
    std::optional<std::string> password;
    // Values to hide in logs: credential-like header values, the password, the basic-auth header.
    std::vector<std::string> secrets;
};
[[nodiscard]] rendered_webhook_request render_webhook_request(const webhook_request& request, const template_values& values);

// Header names whose values are credentials (Authorization, anything with token, secret, password, key, cookie).
[[nodiscard]] bool is_secret_header(std::string_view name);
// For API responses: secret header values and the password replaced by "**********", unless they are
// only a template parameter (which is no secret).
[[nodiscard]] nlohmann::json redacted_headers(const nlohmann::json& headers);
[[nodiscard]] std::optional<std::string> displayed_password(const std::optional<std::string>& password);
// Each secret (of 4+ characters) in `text` replaced by "********".
[[nodiscard]] std::string redact_secrets(std::string text, const std::vector<std::string>& secrets);

// "POST ci.example.com", how the Pact Broker names a webhook's request.
[[nodiscard]] std::string webhook_request_description(const webhook_request& request);

// Whether a host matches one whitelist entry: a name, "*.domain", an IPv4/IPv6 address, or a CIDR range.
// An address entry only matches a host written as an address (resolved addresses are checked by the
// delivery, broker/webhooks/).
[[nodiscard]] bool host_matches_whitelist_entry(std::string_view host, std::string_view entry);

}  // namespace pact::broker::domain
