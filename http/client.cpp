#include "http/client.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

#include <mutex>
#include <unordered_map>
#include <vector>

namespace pact::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;

namespace {

constexpr auto no_throw = asio::as_tuple(asio::use_awaitable);

struct connection {
    explicit connection(const asio::any_io_executor& executor) : stream(executor) {}
    beast::tcp_stream stream;
    beast::flat_buffer buffer;
};

[[nodiscard]] std::string endpoint_name(const std::string& host, std::uint16_t port) {
    return host + ":" + std::to_string(port);
}

[[nodiscard]] client_error failure(const beast::error_code& error, const std::string& where,
                                   std::chrono::milliseconds timeout) {
    if (error == beast::error::timeout) {
        return {client_error_kind::timeout,
                "no answer from " + where + " within " + std::to_string(timeout.count()) + " ms"};
    }
    if (error == asio::error::connection_refused) {
        return {client_error_kind::connection_refused, "connection refused by " + where};
    }
    return {client_error_kind::connection_failed, "connection to " + where + " failed: " + error.message()};
}

// A pooled connection the server closed while it sat idle fails like this before any answer byte arrives.
[[nodiscard]] bool is_stale_connection(const beast::error_code& error) {
    return error == beast::http::error::end_of_stream || error == asio::error::connection_reset ||
           error == asio::error::broken_pipe || error == asio::error::eof;
}

}  // namespace

request make_request(std::string_view method, std::string_view target, std::string body, std::string_view content_type) {
    request message;
    message.method_string(method);
    message.target(target);
    message.version(11);
    if (!content_type.empty()) message.set(beast::http::field::content_type, content_type);
    message.body() = std::move(body);
    if (!message.body().empty() || method == "POST" || method == "PUT" || method == "PATCH") message.prepare_payload();
    return message;
}

struct client::pool {
    pool(asio::any_io_executor io, client_options settings) : executor(std::move(io)), options(settings) {}

    asio::any_io_executor executor;
    client_options options;
    std::mutex mutex;
    std::unordered_map<std::string, std::vector<std::unique_ptr<connection>>> idle;

    [[nodiscard]] std::unique_ptr<connection> take_idle(const std::string& key) {
        const std::lock_guard lock(mutex);
        const auto found = idle.find(key);
        if (found == idle.end() || found->second.empty()) return nullptr;
        auto pooled = std::move(found->second.back());
        found->second.pop_back();
        return pooled;
    }

    void give_back(const std::string& key, std::unique_ptr<connection> used) {
        const std::lock_guard lock(mutex);
        auto& connections = idle[key];
        if (connections.size() < options.max_idle_connections_per_host) connections.push_back(std::move(used));
    }

    asio::awaitable<std::expected<std::unique_ptr<connection>, client_error>> connect(const std::string& host,
                                                                                     std::uint16_t port) {
        const std::string where = endpoint_name(host, port);
        tcp::resolver resolver(executor);
        auto [resolve_error, endpoints] = co_await resolver.async_resolve(host, std::to_string(port), no_throw);
        if (resolve_error) {
            co_return std::unexpected(
                client_error{client_error_kind::resolve_failed, "cannot resolve " + host + ": " + resolve_error.message()});
        }
        auto fresh = std::make_unique<connection>(executor);
        fresh->stream.expires_after(options.request_timeout);
        auto [connect_error, endpoint] = co_await fresh->stream.async_connect(endpoints, no_throw);
        if (connect_error) co_return std::unexpected(failure(connect_error, where, options.request_timeout));
        fresh->stream.socket().set_option(tcp::no_delay(true));
        co_return fresh;
    }

    asio::awaitable<std::expected<response, client_error>> send(std::string host, std::uint16_t port, request message) {
        const std::string key = endpoint_name(host, port);
        if (message.find(beast::http::field::host) == message.end()) {
            message.set(beast::http::field::host, port == 80 ? host : key);
        }
        message.keep_alive(true);
        const bool is_head = message.method() == beast::http::verb::head;
        for (int attempt = 0;; ++attempt) {
            auto used = attempt == 0 ? take_idle(key) : nullptr;
            const bool reused = used != nullptr;
            if (!used) {
                auto connected = co_await connect(host, port);
                if (!connected) co_return std::unexpected(std::move(connected.error()));
                used = std::move(*connected);
            }
            used->stream.expires_after(options.request_timeout);
            auto [write_error, written] = co_await beast::http::async_write(used->stream, message, no_throw);
            if (write_error) {
                if (reused && is_stale_connection(write_error)) continue;
                co_return std::unexpected(failure(write_error, key, options.request_timeout));
            }
            beast::http::response_parser<beast::http::string_body> parser;
            parser.body_limit(options.body_limit);
            parser.header_limit(1024 * 1024);
            if (is_head) parser.skip(true);
            auto [read_error, read] = co_await beast::http::async_read(used->stream, used->buffer, parser, no_throw);
            if (read_error) {
                if (reused && is_stale_connection(read_error)) continue;
                co_return std::unexpected(failure(read_error, key, options.request_timeout));
            }
            response answer = parser.release();
            if (answer.keep_alive()) {
                used->stream.expires_never();
                give_back(key, std::move(used));
            }
            co_return answer;
        }
    }
};

client::client(asio::any_io_executor executor, client_options options)
    : pool_(std::make_unique<pool>(std::move(executor), options)) {}

client::~client() = default;

const client_options& client::options() const { return pool_->options; }

asio::awaitable<std::expected<response, client_error>> client::send(std::string host, std::uint16_t port,
                                                                    request message) {
    if (!pool_->options.observer) co_return co_await pool_->send(std::move(host), port, std::move(message));
    const request sent = message;
    const auto started = std::chrono::steady_clock::now();
    auto answer = co_await pool_->send(std::move(host), port, std::move(message));
    const auto took = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started);
    pool_->options.observer(sent, answer ? &*answer : nullptr, answer ? nullptr : &answer.error(), took);
    co_return answer;
}

asio::awaitable<std::expected<response, client_error>> client::send(const url& destination, request message) {
    if (destination.scheme != "http") {
        co_return std::unexpected(client_error{client_error_kind::unsupported_scheme,
                                               destination.scheme + " is not supported (" + destination.to_string() +
                                                   "); use http"});
    }
    if (message.target().empty()) message.target(destination.target());
    message.set(beast::http::field::host, destination.authority());
    co_return co_await send(destination.host, destination.port, std::move(message));
}

std::expected<response, client_error> send_blocking(const url& destination, request message, client_options options) {
    asio::io_context context;
    client sender(context.get_executor(), options);
    std::expected<response, client_error> outcome =
        std::unexpected(client_error{client_error_kind::connection_failed, "the request was not sent"});
    asio::co_spawn(
        context,
        [&]() -> asio::awaitable<void> { outcome = co_await sender.send(destination, std::move(message)); },
        [](const std::exception_ptr& failure_thrown) {
            if (failure_thrown) std::rethrow_exception(failure_thrown);
        });
    context.run();
    return outcome;
}

}  // namespace pact::http
