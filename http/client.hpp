#pragma once
// An HTTP/1.1 client on Asio C++20 coroutines with a keep-alive connection pool per scheme, host and port;
// https over OpenSSL, verifying the server's certificate and host name by default. Expected failures
// (refused, timed out, unresolvable, cut off, a certificate that does not verify) come back as values,
// never as exceptions.

#include "http/message.hpp"
#include "http/tls_options.hpp"
#include "http/url.hpp"

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <cstdint>
#include <expected>
#include <functional>
#include <memory>
#include <string>

namespace pact::http {


struct client_error;

// Sees every exchange a client makes (a request and its answer or error), e.g. to log it. Called on the
// thread that ran the exchange, so it must be thread-safe when the client is shared by several threads.
using exchange_observer = std::function<void(const request& sent, const response* answer,
                                             const client_error* error, std::chrono::microseconds took)>;

struct client_options {
    // One exchange: connecting (when no idle connection is pooled), writing the request, reading the answer.
    std::chrono::milliseconds request_timeout{30'000};
    std::size_t body_limit = 256 * 1024 * 1024;
    std::size_t max_idle_connections_per_host = 64;
    exchange_observer observer;  // none by default: no copy of the request is kept
    tls_options tls;
};

enum class client_error_kind {
    unsupported_scheme,  // anything but http and https
    resolve_failed,      // the host name does not resolve
    connection_refused,  // nothing listens on host:port
    timeout,             // no complete answer within the request timeout
    connection_failed,   // the connection broke, or the answer was not HTTP
    tls_failed,          // the TLS handshake failed, e.g. the certificate did not verify
};

struct client_error {
    client_error_kind kind = client_error_kind::connection_failed;
    std::string message;  // "connection refused by 127.0.0.1:8080"
};

// A request with method, target (origin form: path and query), optional body and content type.
[[nodiscard]] request make_request(std::string_view method, std::string_view target, std::string body = {},
                                   std::string_view content_type = {});

// Thread-safe: several coroutines may send at once (each exchange uses its own connection). It must
// outlive the coroutines using it; pooled connections are bound to the executor given here.
class client {
public:
    explicit client(boost::asio::any_io_executor executor, client_options options = {});
    ~client();
    client(const client&) = delete;
    client& operator=(const client&) = delete;

    // Sends over plain http to host:port; sets Host when the request has none. A pooled connection the
    // server has closed meanwhile is retried once on a fresh connection.
    [[nodiscard]] boost::asio::awaitable<std::expected<response, client_error>> send(std::string host,
                                                                                     std::uint16_t port,
                                                                                     request message);
    // As above over the scheme given: "http" or "https" (anything else is an unsupported_scheme error).
    [[nodiscard]] boost::asio::awaitable<std::expected<response, client_error>> send(std::string scheme,
                                                                                     std::string host,
                                                                                     std::uint16_t port,
                                                                                     request message);
    // To the URL's host and port over its scheme (http or https); an empty request target is
    // replaced by the URL's target.
    [[nodiscard]] boost::asio::awaitable<std::expected<response, client_error>> send(const url& destination,
                                                                                     request message);

    // As send(url, message), but connects to `address` (an IP address of the URL's host that the caller
    // resolved and checked); the Host header, the TLS server name and the certificate check still use
    // the URL's host.
    [[nodiscard]] boost::asio::awaitable<std::expected<response, client_error>> send_to_address(
        const url& destination, std::string address, request message);

    [[nodiscard]] const client_options& options() const;

private:
    struct peer;
    // Connects to host:port; with TLS, asks for and verifies server_name.
    [[nodiscard]] boost::asio::awaitable<std::expected<response, client_error>> observed_send(
        bool secure, std::string host, std::string server_name, std::uint16_t port, request message);

    struct pool;
    std::unique_ptr<pool> pool_;
};

// One exchange on a private io_context, for code outside coroutines (command-line flows).
[[nodiscard]] std::expected<response, client_error> send_blocking(const url& destination, request message,
                                                                  client_options options = {});

}  // namespace pact::http
