#pragma once
// An HTTP/1.1 server on Boost.Beast and Asio C++20 coroutines: an accept loop, keep-alive sessions, a
// timeout before every read, header and body size limits, and a graceful stop.
//
// The handler is a plain synchronous function of a request returning a response: it never sees a socket,
// so routes are unit-testable with a hand-built request. It runs on one of the server's threads (several
// requests may be handled at once when the io_context runs on several threads, so a handler must then be
// thread-safe); blocking work inside it holds that thread. An exception escaping the handler becomes a
// 500 response with a JSON problem body; the connection stays usable.

#include "http/message.hpp"

#include <boost/asio/io_context.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace pact::http {

using handler = std::function<response(request)>;

struct server_options {
    std::string address = "127.0.0.1";
    std::uint16_t port = 0;  // 0: the system chooses a free port; read it back with server::port()
    // Before every read: the wait for the next request on an idle keep-alive connection and the time
    // a client may take to send one.
    std::chrono::milliseconds read_timeout{30'000};
    std::chrono::milliseconds write_timeout{30'000};
    std::size_t header_limit = 16 * 1024;        // larger headers are answered with 431
    std::size_t body_limit = 16 * 1024 * 1024;  // larger bodies are answered with 413
    // How long stop() lets requests in progress finish before closing their connections.
    std::chrono::milliseconds shutdown_deadline{5'000};
};

// A response with the given status, content type and body (Content-Length set by the server).
[[nodiscard]] response make_response(const request& to, unsigned status, std::string content_type, std::string body);

class server {
public:
    // Listens on the caller's io_context; the caller runs it. Binds at once (port() is valid after the
    // constructor). Throws std::system_error when the address cannot be bound.
    server(boost::asio::io_context& context, handler handle, server_options options = {});
    // Owns an io_context run by `threads` threads, started at once.
    explicit server(handler handle, server_options options = {}, unsigned threads = 1);
    ~server();  // stop(), then joins the server's own threads, if any

    server(const server&) = delete;
    server& operator=(const server&) = delete;

    [[nodiscard]] std::uint16_t port() const;
    [[nodiscard]] std::string address() const;

    // Stops accepting, ends idle connections and lets requests in progress finish; connections still
    // busy after the shutdown deadline are closed. Thread-safe and idempotent. With its own threads it
    // returns once they have finished; on a caller's io_context it returns at once and the caller's
    // run() returns when the last session has ended.
    void stop();

private:
    struct state;
    std::unique_ptr<boost::asio::io_context> owned_context_;
    std::shared_ptr<state> state_;
    std::vector<std::thread> threads_;
};

}  // namespace pact::http
