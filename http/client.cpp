#include "http/client.hpp"

#include "http/read_buffer.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>

#include <mutex>
#include <optional>
#include <unordered_map>
#include <variant>
#include <vector>

namespace pact::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;

namespace {

constexpr auto no_throw = asio::as_tuple(asio::use_awaitable);

using plain_stream = beast::tcp_stream;
using secure_stream = beast::ssl_stream<beast::tcp_stream>;

struct connection {
    template <typename stream_type, typename... arguments>
    explicit connection(std::in_place_type_t<stream_type> kind, arguments&&... stream_arguments)
        : stream(kind, std::forward<arguments>(stream_arguments)...) {}

    std::variant<plain_stream, secure_stream> stream;
    beast::flat_buffer buffer = make_read_buffer();

    [[nodiscard]] beast::tcp_stream& tcp() {
        return std::visit([](auto& layers) -> beast::tcp_stream& { return beast::get_lowest_layer(layers); }, stream);
    }
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

// A failed handshake names the certificate problem OpenSSL found ("self-signed certificate") when there
// is one, and how to trust the certificate or skip the check.
[[nodiscard]] client_error handshake_failure(const beast::error_code& error, secure_stream& stream,
                                             const std::string& where, const client_options& options) {
    if (error == beast::error::timeout) return failure(error, where, options.request_timeout);
    const auto& tls = options.tls;
    const long verify_result = SSL_get_verify_result(stream.native_handle());
    if (error.category() == asio::error::get_ssl_category() && verify_result != X509_V_OK) {
        return {client_error_kind::tls_failed,
                "TLS connection to " + where + ": certificate verify failed: " +
                    X509_verify_cert_error_string(verify_result) +
                    " (trust its issuer with SSL_CERT_FILE or SSL_CERT_DIR, " + tls.how_to_skip_verification + ")"};
    }
    return {client_error_kind::tls_failed, "TLS handshake with " + where + " failed: " + error.message()};
}

[[nodiscard]] client_error unsupported(const std::string& scheme, const std::string& where) {
    return {client_error_kind::unsupported_scheme, scheme + " is not supported (" + where + "); use http or https"};
}

// A pooled connection the server closed while it sat idle fails like this before any answer byte arrives.
[[nodiscard]] bool is_stale_connection(const beast::error_code& error) {
    return error == beast::http::error::end_of_stream || error == asio::error::connection_reset ||
           error == asio::error::broken_pipe || error == asio::error::eof ||
           error == asio::ssl::error::stream_truncated;
}

[[nodiscard]] bool is_ip_address(const std::string& host) {
    boost::system::error_code not_an_address;
    (void)asio::ip::make_address(host, not_an_address);
    return !not_an_address;
}

// Writes the request and reads the answer on either kind of stream.
template <typename stream_type>
asio::awaitable<std::expected<response, beast::error_code>> exchange(stream_type& stream, beast::flat_buffer& buffer,
                                                                     const request& message,
                                                                     std::size_t body_limit) {
    auto [write_error, written] = co_await beast::http::async_write(stream, message, no_throw);
    if (write_error) co_return std::unexpected(write_error);
    beast::http::response_parser<beast::http::string_body> parser;
    parser.body_limit(body_limit);
    parser.header_limit(1024 * 1024);
    if (message.method() == beast::http::verb::head) parser.skip(true);
    auto [read_error, read] = co_await beast::http::async_read(stream, buffer, parser, no_throw);
    if (read_error) co_return std::unexpected(read_error);
    co_return parser.release();
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

// Where an exchange goes: the address or name to connect to, and the name TLS asks for and verifies.
struct client::peer {
    bool secure = false;
    std::string host;
    std::string server_name;
    std::uint16_t port = 0;
};

struct client::pool {
    pool(asio::any_io_executor io, client_options settings) : executor(std::move(io)), options(std::move(settings)) {}

    asio::any_io_executor executor;
    client_options options;
    std::mutex mutex;
    std::unordered_map<std::string, std::vector<std::unique_ptr<connection>>> idle;
    // Made on the first https connection: loading the trust store costs a few milliseconds.
    std::optional<asio::ssl::context> tls_context;

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

    [[nodiscard]] std::expected<asio::ssl::context*, client_error> secure_context() {
        const std::lock_guard lock(mutex);
        if (tls_context) return &*tls_context;
        asio::ssl::context made(asio::ssl::context::tls_client);
        boost::system::error_code error;
        const auto& tls = options.tls;
        if (tls.use_default_trust_store) made.set_default_verify_paths(error);
        if (error) {
            return std::unexpected(client_error{client_error_kind::tls_failed,
                                                "cannot load the system trust store: " + error.message()});
        }
        if (!tls.certificate_file.empty()) made.load_verify_file(tls.certificate_file, error);
        if (error) {
            return std::unexpected(client_error{client_error_kind::tls_failed, "cannot load the certificate file " +
                                                                                   tls.certificate_file + ": " +
                                                                                   error.message()});
        }
        made.set_verify_mode(tls.verify_certificates ? asio::ssl::verify_peer : asio::ssl::verify_none);
        tls_context.emplace(std::move(made));
        return &*tls_context;
    }

    asio::awaitable<std::expected<std::unique_ptr<connection>, client_error>> connect(const peer& to) {
        const std::string where = endpoint_name(to.host, to.port);
        asio::ssl::context* context = nullptr;
        if (to.secure) {
            auto made = secure_context();
            if (!made) co_return std::unexpected(std::move(made.error()));
            context = *made;
        }
        tcp::resolver resolver(executor);
        auto [resolve_error, endpoints] = co_await resolver.async_resolve(to.host, std::to_string(to.port), no_throw);
        if (resolve_error) {
            co_return std::unexpected(client_error{client_error_kind::resolve_failed,
                                                   "cannot resolve " + to.host + ": " + resolve_error.message()});
        }
        auto fresh = context != nullptr ? std::make_unique<connection>(std::in_place_type<secure_stream>, executor, *context)
                                        : std::make_unique<connection>(std::in_place_type<plain_stream>, executor);
        auto& lowest = fresh->tcp();
        lowest.expires_after(options.request_timeout);
        auto [connect_error, endpoint] = co_await lowest.async_connect(endpoints, no_throw);
        if (connect_error) co_return std::unexpected(failure(connect_error, where, options.request_timeout));
        lowest.socket().set_option(tcp::no_delay(true));
        if (auto* tls = std::get_if<secure_stream>(&fresh->stream)) {
            // SNI names the host (never an address: RFC 6066); the certificate must name it too.
            if (!is_ip_address(to.server_name)) SSL_set_tlsext_host_name(tls->native_handle(), to.server_name.c_str());
            if (options.tls.verify_certificates) tls->set_verify_callback(asio::ssl::host_name_verification(to.server_name));
            auto [handshake_error] = co_await tls->async_handshake(asio::ssl::stream_base::client, no_throw);
            if (handshake_error) co_return std::unexpected(handshake_failure(handshake_error, *tls, where, options));
        }
        co_return fresh;
    }

    asio::awaitable<std::expected<response, client_error>> send(const peer& to, request message) {
        const std::string where = endpoint_name(to.host, to.port);
        const std::string key = (to.secure ? "https://" + to.server_name + "@" : "http://") + where;
        if (message.find(beast::http::field::host) == message.end()) {
            message.set(beast::http::field::host, to.port == (to.secure ? 443 : 80) ? to.host : where);
        }
        message.keep_alive(true);
        for (int attempt = 0;; ++attempt) {
            auto used = attempt == 0 ? take_idle(key) : nullptr;
            const bool reused = used != nullptr;
            if (!used) {
                auto connected = co_await connect(to);
                if (!connected) co_return std::unexpected(std::move(connected.error()));
                used = std::move(*connected);
            }
            used->tcp().expires_after(options.request_timeout);
            // No co_await inside ?: here: g++ 12 miscompiles it.
            std::expected<response, beast::error_code> answer;
            if (auto* tls = std::get_if<secure_stream>(&used->stream)) {
                answer = co_await exchange(*tls, used->buffer, message, options.body_limit);
            } else {
                answer = co_await exchange(std::get<plain_stream>(used->stream), used->buffer, message, options.body_limit);
            }
            if (!answer) {
                if (reused && is_stale_connection(answer.error())) continue;
                co_return std::unexpected(failure(answer.error(), where, options.request_timeout));
            }
            if (answer->keep_alive()) {
                used->tcp().expires_never();
                give_back(key, std::move(used));
            }
            co_return std::move(*answer);
        }
    }
};

client::client(asio::any_io_executor executor, client_options options)
    : pool_(std::make_unique<pool>(std::move(executor), std::move(options))) {}

client::~client() = default;

const client_options& client::options() const { return pool_->options; }

asio::awaitable<std::expected<response, client_error>> client::observed_send(bool secure, std::string host,
                                                                             std::string server_name,
                                                                             std::uint16_t port, request message) {
    // A local, not a by-value coroutine parameter of class type: g++ 12 frees such frames with a wrong size.
    const peer to{secure, std::move(host), std::move(server_name), port};
    if (!pool_->options.observer) co_return co_await pool_->send(to, std::move(message));
    const request sent = message;
    const auto started = std::chrono::steady_clock::now();
    auto answer = co_await pool_->send(to, std::move(message));
    const auto took = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started);
    pool_->options.observer(sent, answer ? &*answer : nullptr, answer ? nullptr : &answer.error(), took);
    co_return answer;
}

asio::awaitable<std::expected<response, client_error>> client::send(std::string host, std::uint16_t port,
                                                                    request message) {
    co_return co_await observed_send(false, host, host, port, std::move(message));
}

asio::awaitable<std::expected<response, client_error>> client::send(std::string scheme, std::string host,
                                                                    std::uint16_t port, request message) {
    if (scheme != "http" && scheme != "https") co_return std::unexpected(unsupported(scheme, endpoint_name(host, port)));
    co_return co_await observed_send(scheme == "https", host, host, port, std::move(message));
}

asio::awaitable<std::expected<response, client_error>> client::send(const url& destination, request message) {
    co_return co_await send_to_address(destination, destination.host, std::move(message));
}

asio::awaitable<std::expected<response, client_error>> client::send_to_address(const url& destination,
                                                                               std::string address, request message) {
    if (message.target().empty()) message.target(destination.target());
    message.set(beast::http::field::host, destination.authority());
    if (destination.scheme != "http" && destination.scheme != "https") {
        co_return std::unexpected(unsupported(destination.scheme, destination.to_string()));
    }
    co_return co_await observed_send(destination.scheme == "https", std::move(address), destination.host,
                                     destination.port, std::move(message));
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
