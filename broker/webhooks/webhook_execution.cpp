#include "broker/webhooks/webhook_execution.hpp"

#include "pact/base64.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/http/verb.hpp>

#include <algorithm>
#include <chrono>
#include <ctime>

namespace pact::broker::webhooks {
namespace {

namespace asio = boost::asio;
namespace beast_http = boost::beast::http;

// Addresses inside the broker's own networks: loopback, private ranges, link-local, carrier-grade NAT,
// unspecified and multicast.
bool is_internal(const asio::ip::address& address) {
    if (address.is_v6()) {
        const auto v6 = address.to_v6();
        if (v6.is_v4_mapped()) return is_internal(asio::ip::make_address_v4(asio::ip::v4_mapped, v6));
        const auto first = v6.to_bytes()[0];
        return v6.is_loopback() || v6.is_unspecified() || v6.is_link_local() || v6.is_site_local() || v6.is_multicast() || (first & 0xfe) == 0xfc;
    }
    const auto bits = address.to_v4().to_uint();
    auto in = [bits](std::uint32_t network, int prefix) { return (bits >> (32 - prefix)) == (network >> (32 - prefix)); };
    return in(0x7f000000, 8) || in(0x0a000000, 8) || in(0xac100000, 12) || in(0xc0a80000, 16) || in(0xa9fe0000, 16) || in(0x00000000, 8) ||
           in(0x64400000, 10) || address.is_multicast();
}

bool allowed_by_name(std::string_view host, const domain::webhook_settings& settings) {
    return std::ranges::any_of(settings.host_whitelist, [&](const auto& entry) { return domain::host_matches_whitelist_entry(host, entry); });
}

// The address to connect to, checked against the whitelist; connecting to it (rather than resolving
// again) means the name cannot point elsewhere between the check and the call.
std::expected<std::string, refusal> checked_address(const pact::http::url& destination, const asio::ip::tcp::resolver::results_type& resolved,
                                                    const domain::webhook_settings& settings) {
    const bool named = allowed_by_name(destination.host, settings);
    for (const auto& entry : resolved) {
        const auto address = entry.endpoint().address();
        const auto text = address.to_string();
        if (named || allowed_by_name(text, settings)) continue;
        if (!settings.host_whitelist.empty())
            return std::unexpected(refusal{"host " + destination.host + " (" + text + ") is not in the webhook host whitelist"});
        if (is_internal(address))
            return std::unexpected(refusal{"host " + destination.host + " resolves to the internal address " + text +
                                           "; list it in PACT_BROKER_WEBHOOK_HOST_WHITELIST to allow webhooks to call it"});
    }
    return resolved.begin()->endpoint().address().to_string();
}

bool in_list(const std::vector<std::string>& list, std::string_view value) {
    return std::ranges::any_of(list, [&](const std::string& item) {
        return std::ranges::equal(item, value, [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b)); });
    });
}

std::string now_text() {
    const auto now = std::chrono::system_clock::now();
    const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return text;
}

class log_writer {
public:
    void line(std::string_view level, std::string_view text) { text_ += "[" + now_text() + "] " + std::string(level) + ": " + std::string(text) + "\n"; }
    void header(std::string_view name, std::string_view value) {
        line("INFO", std::string(name) + ": " + (domain::is_secret_header(name) ? std::string("[REDACTED]") : std::string(value)));
    }
    [[nodiscard]] std::string redacted(const std::vector<std::string>& secrets) const { return domain::redact_secrets(text_, secrets); }

private:
    std::string text_;
};

// A body as JSON when it parses, else as text, as the Pact Broker shows them.
nlohmann::json shown_body(const std::string& body) {
    auto parsed = nlohmann::json::parse(body, nullptr, false);
    return parsed.is_discarded() ? nlohmann::json(body) : parsed;
}

nlohmann::json shown_request(const std::string& url, const nlohmann::json& headers, const std::string& body, const std::vector<std::string>& secrets) {
    nlohmann::json shown{{"url", url}, {"headers", domain::redacted_headers(headers)}};
    if (!body.empty()) shown["body"] = shown_body(domain::redact_secrets(body, secrets));
    return shown;
}

std::string failure_line(const execution_result& result) {
    return result.success ? "Webhook execution succeeded" : "Webhook execution failed" + (result.error ? ": " + *result.error : std::string());
}

}  // namespace

asio::awaitable<std::expected<prepared_call, refusal>> prepare_call(domain::webhook_request request, nlohmann::json context, std::string base_url,
                                                                   const domain::webhook_settings& settings) {
    auto rendered = domain::render_webhook_request(request, domain::webhook_template_values(context, base_url));
    auto destination = pact::http::parse_url(rendered.url);
    if (!destination) co_return std::unexpected(refusal{"the URL " + rendered.url + " is not valid: " + destination.error()});
    if (!in_list(settings.scheme_whitelist, destination->scheme))
        co_return std::unexpected(refusal{"the scheme " + destination->scheme + " is not in the webhook scheme whitelist"});
    if (!in_list(settings.http_method_whitelist, rendered.method))
        co_return std::unexpected(refusal{"the method " + rendered.method + " is not in the webhook HTTP method whitelist"});
    const auto verb = beast_http::string_to_verb(rendered.method);
    if (verb == beast_http::verb::unknown) co_return std::unexpected(refusal{"the method " + rendered.method + " is not an HTTP method"});

    std::string address = destination->host;
    asio::ip::tcp::resolver resolver(co_await asio::this_coro::executor);
    const auto [error, resolved] =
        co_await resolver.async_resolve(destination->host, std::to_string(destination->port), asio::as_tuple(asio::use_awaitable));
    // An unresolvable host fails like any unreachable one when the call is made (and is retried).
    if (!error && !resolved.empty()) {
        auto checked = checked_address(*destination, resolved, settings);
        if (!checked) co_return std::unexpected(checked.error());
        address = std::move(*checked);
    }

    pact::http::request message{verb, destination->target(), 11};
    message.set(beast_http::field::host, destination->authority());
    message.set(beast_http::field::user_agent, settings.user_agent);
    for (const auto& [name, value] : rendered.headers) message.set(name, value);
    if (rendered.username || rendered.password) {
        const auto credentials = rendered.username.value_or("") + ":" + rendered.password.value_or("");
        message.set(beast_http::field::authorization, "Basic " + pact::base64_encode(credentials));
    }
    message.body() = rendered.body;
    if (!rendered.body.empty() || verb == beast_http::verb::post || verb == beast_http::verb::put || verb == beast_http::verb::patch)
        message.prepare_payload();
    co_return prepared_call{std::move(rendered), std::move(*destination), std::move(address), std::move(message)};
}

pact::http::client_options webhook_client_options(const domain::webhook_settings& settings) {
    pact::http::client_options options;
    options.request_timeout = settings.request_timeout;
    options.body_limit = 1024 * 1024;
    options.tls.certificate_file = settings.certificate_file;
    options.tls.verify_certificates = !settings.disable_ssl_verification;
    options.tls.how_to_skip_verification = "or trust its CA with --webhook-certificate-file, or turn verification off with --disable-ssl-verification";
    return options;
}

execution_result describe_call(const prepared_call& call, const nlohmann::json& context, const call_outcome& outcome,
                               const domain::webhook_settings& settings) {
    execution_result result;
    auto headers = nlohmann::json::object();
    for (const auto& [name, value] : call.rendered.headers) headers[name] = value;
    result.request = shown_request(call.rendered.url, headers, call.rendered.body, call.rendered.secrets);

    log_writer logs;
    logs.line("DEBUG", "Webhook context " + context.dump());
    logs.line("INFO", "HTTP/1.1 " + call.rendered.method + " " + call.rendered.url);
    for (const auto& field : call.message) logs.header(field.name_string(), field.value());
    if (!call.rendered.body.empty()) logs.line("INFO", call.rendered.body);
    if (outcome) {
        result.success = std::ranges::find(settings.http_code_success, outcome->result_int()) != settings.http_code_success.end();
        auto response_headers = nlohmann::json::object();
        logs.line("INFO", "HTTP/1.1 " + std::to_string(outcome->result_int()) + " " + std::string(outcome->reason()));
        for (const auto& field : *outcome) {
            response_headers[std::string(field.name_string())] = std::string(field.value());
            logs.header(field.name_string(), field.value());
        }
        if (!outcome->body().empty()) logs.line("INFO", outcome->body());
        result.response = {{"status", outcome->result_int()}, {"headers", response_headers}};
        if (!outcome->body().empty()) result.response["body"] = shown_body(domain::redact_secrets(outcome->body(), call.rendered.secrets));
    } else {
        result.error = outcome.error().message;
        // Neither an unknown scheme nor an untrusted certificate changes when asked again.
        result.refused = outcome.error().kind == pact::http::client_error_kind::unsupported_scheme ||
                         outcome.error().kind == pact::http::client_error_kind::tls_failed;
        logs.line("ERROR", "Error executing webhook: " + outcome.error().message);
    }
    logs.line("INFO", failure_line(result));
    result.logs = logs.redacted(call.rendered.secrets);
    return result;
}

execution_result describe_refusal(const domain::webhook_request& request, const nlohmann::json& context, const refusal& refused) {
    execution_result result;
    result.refused = true;
    result.error = "refused: " + refused.reason;
    result.request = shown_request(request.url, request.headers, {}, {});
    log_writer logs;
    logs.line("DEBUG", "Webhook context " + context.dump());
    logs.line("ERROR", "Webhook not executed: " + refused.reason);
    logs.line("INFO", failure_line(result));
    std::vector<std::string> secrets;
    if (request.password) secrets.push_back(*request.password);
    result.logs = logs.redacted(secrets);
    return result;
}

execution_result execute_now(const domain::webhook_request& request, const nlohmann::json& context, std::string_view base_url,
                             const domain::webhook_settings& settings) {
    asio::io_context io_context;
    pact::http::client client(io_context.get_executor(), webhook_client_options(settings));
    execution_result result;
    asio::co_spawn(
        io_context,
        [&]() -> asio::awaitable<void> {
            auto call = co_await prepare_call(request, context, std::string(base_url), settings);
            if (!call) {
                result = describe_refusal(request, context, call.error());
                co_return;
            }
            const auto outcome = co_await client.send_to_address(call->destination, call->address, call->message);
            result = describe_call(*call, context, outcome, settings);
        },
        [](const std::exception_ptr& failure) {
            if (failure) std::rethrow_exception(failure);
        });
    io_context.run();
    return result;
}

}  // namespace pact::broker::webhooks
