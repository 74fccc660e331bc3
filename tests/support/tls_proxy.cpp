#include "support/tls_proxy.hpp"

#include "support/process.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

#include <array>
#include <memory>
#include <stdexcept>

namespace pact::testing {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

namespace {

constexpr auto no_throw = asio::as_tuple(asio::use_awaitable);

struct proxied_connection {
    explicit proxied_connection(tcp::socket accepted, asio::ssl::context& tls)
        : client(std::move(accepted), tls), backend(client.get_executor()) {}
    asio::ssl::stream<tcp::socket> client;
    tcp::socket backend;

    void close() {
        boost::system::error_code ignored;
        client.lowest_layer().close(ignored);
        backend.close(ignored);
    }
};

// Copies bytes one way until either side ends, then closes both so the other direction ends too.
template <typename from_type, typename to_type>
asio::awaitable<void> pipe(std::shared_ptr<proxied_connection> connection, from_type& from, to_type& to) {
    std::array<char, 16 * 1024> buffer{};
    for (;;) {
        auto [read_error, read] = co_await from.async_read_some(asio::buffer(buffer), no_throw);
        if (read_error) break;
        auto [write_error, written] = co_await asio::async_write(to, asio::buffer(buffer.data(), read), no_throw);
        if (write_error) break;
    }
    connection->close();
}

asio::awaitable<void> serve(std::shared_ptr<proxied_connection> connection, std::uint16_t backend_port) {
    auto [handshake_error] = co_await connection->client.async_handshake(asio::ssl::stream_base::server, no_throw);
    if (handshake_error) co_return connection->close();  // e.g. the client rejected our certificate
    auto [connect_error] = co_await connection->backend.async_connect(
        tcp::endpoint(asio::ip::make_address("127.0.0.1"), backend_port), no_throw);
    if (connect_error) co_return connection->close();
    const auto executor = co_await asio::this_coro::executor;
    asio::co_spawn(executor, pipe(connection, connection->client, connection->backend), asio::detached);
    co_await pipe(connection, connection->backend, connection->client);
}

asio::awaitable<void> accept_loop(tcp::acceptor& acceptor, asio::ssl::context& tls,
                                  const std::atomic<std::uint16_t>& backend_port, std::atomic<std::size_t>& connections_accepted) {
    for (;;) {
        auto [accept_error, accepted] = co_await acceptor.async_accept(no_throw);
        if (accept_error) co_return;  // closed by the destructor
        ++connections_accepted;
        auto connection = std::make_shared<proxied_connection>(std::move(accepted), tls);
        asio::co_spawn(acceptor.get_executor(), serve(connection, backend_port.load()), asio::detached);
    }
}

}  // namespace

self_signed_certificate make_self_signed_certificate(const std::filesystem::path& directory) {
    self_signed_certificate made{(directory / "certificate.pem").string(), (directory / "key.pem").string()};
    const auto generated = run_command({"/usr/bin/openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                                        "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2", "-subj",
                                        "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                                        "-keyout", made.key_file, "-out", made.certificate_file});
    if (generated.exit_code != 0) throw std::runtime_error("openssl req -x509 failed: " + generated.all());
    return made;
}

tls_proxy::tls_proxy(const self_signed_certificate& certificate, std::uint16_t backend_port)
    : acceptor_(context_, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)), backend_port_(backend_port) {
    tls_.use_certificate_chain_file(certificate.certificate_file);
    tls_.use_private_key_file(certificate.key_file, asio::ssl::context::pem);
    port_ = acceptor_.local_endpoint().port();
    asio::co_spawn(context_, accept_loop(acceptor_, tls_, backend_port_, accepted_), asio::detached);
    thread_ = std::thread([this] { context_.run(); });
}

tls_proxy::~tls_proxy() {
    context_.stop();
    thread_.join();
}

std::string tls_proxy::url(const std::string& path) const {
    return "https://127.0.0.1:" + std::to_string(port_) + path;
}

}  // namespace pact::testing
