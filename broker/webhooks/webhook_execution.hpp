#pragma once
// One webhook call: render the request for an event, check the destination against the whitelists,
// send it with pact_http's client (http or https, the certificate verified against the trust store), and
// describe what happened as redacted logs and a result the API can show.

#include "broker/domain/types.hpp"
#include "broker/domain/webhook_service.hpp"
#include "broker/domain/webhook_templates.hpp"
#include "http/client.hpp"
#include "http/message.hpp"
#include "http/url.hpp"

#include <boost/asio/awaitable.hpp>
#include <nlohmann/json.hpp>

#include <expected>
#include <optional>
#include <string>
#include <string_view>

namespace pact::broker::webhooks {

struct prepared_call {
    domain::rendered_webhook_request rendered;
    pact::http::url destination;  // as rendered: its host is what the Host header and TLS name
    std::string address;          // where to connect: the checked address (the host when it did not resolve)
    pact::http::request message;
};

// Why a call must not be made at all (retrying will not help): a bad URL, a scheme or host outside
// the whitelists, a host resolving to a loopback/private/link-local address nobody allowed.
struct refusal {
    std::string reason;
};

// Renders the webhook's request for the event context and checks where it would go: the host name is
// resolved asynchronously on the calling coroutine's executor (slow DNS holds nobody else up), its
// addresses are checked against the whitelists, and `address` is the checked one (the request's Host
// header, and for https the TLS server name and the certificate check, keep the name).
[[nodiscard]] boost::asio::awaitable<std::expected<prepared_call, refusal>> prepare_call(domain::webhook_request request, nlohmann::json context,
                                                                                         std::string base_url, const domain::webhook_settings& settings);

struct execution_result {
    bool success = false;
    bool refused = false;  // never sent (see refusal); not worth retrying
    std::string logs;      // secrets replaced by ******** / [REDACTED]
    nlohmann::json request = nlohmann::json::object();   // url, headers (redacted), body
    nlohmann::json response;                             // status, headers, body; null when none came
    std::optional<std::string> error;                    // why there was no response
};

// The client settings of webhook calls: their timeout, a small answer limit (it is only logged) and
// the CA file trusted for https (or no verification at all).
[[nodiscard]] pact::http::client_options webhook_client_options(const domain::webhook_settings& settings);

using call_outcome = std::expected<pact::http::response, pact::http::client_error>;

// The result of a call that was made; success is an answer with one of the settings' success codes.
[[nodiscard]] execution_result describe_call(const prepared_call& call, const nlohmann::json& context, const call_outcome& outcome,
                                             const domain::webhook_settings& settings);
// The result of a call refused before sending.
[[nodiscard]] execution_result describe_refusal(const domain::webhook_request& request, const nlohmann::json& context, const refusal& refused);

// Prepares, sends and describes on a private io_context, blocking the calling thread (POST /webhooks/{uuid}/execute).
[[nodiscard]] execution_result execute_now(const domain::webhook_request& request, const nlohmann::json& context, std::string_view base_url,
                                           const domain::webhook_settings& settings);

}  // namespace pact::broker::webhooks
