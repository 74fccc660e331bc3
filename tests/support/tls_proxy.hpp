#pragma once
// https for tests: a self-signed certificate made with `openssl req -x509`, and a TLS-terminating proxy
// on a free loopback port that forwards the decrypted bytes to a plain http port on 127.0.0.1 (our
// broker, a provider, a webhook receiver), as a TLS proxy in front of them does in production.

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <string>
#include <thread>

namespace pact::testing {

struct self_signed_certificate {
    std::string certificate_file;  // PEM; also what a client trusts (SSL_CERT_FILE)
    std::string key_file;
};

// For the names localhost and 127.0.0.1, written into `directory`. Throws when openssl fails.
[[nodiscard]] self_signed_certificate make_self_signed_certificate(const std::filesystem::path& directory);

class tls_proxy {
public:
    // Listens at once; forwards to `backend_port` (or the port given later with forward_to).
    explicit tls_proxy(const self_signed_certificate& certificate, std::uint16_t backend_port = 0);
    ~tls_proxy();
    tls_proxy(const tls_proxy&) = delete;
    tls_proxy& operator=(const tls_proxy&) = delete;

    // For a server that must know its https URL before it starts (the broker's --base-url).
    void forward_to(std::uint16_t backend_port) { backend_port_ = backend_port; }
    [[nodiscard]] std::uint16_t port() const { return port_; }
    [[nodiscard]] std::string url(const std::string& path = "") const;
    [[nodiscard]] std::size_t connections_accepted() const { return accepted_; }

private:
    boost::asio::io_context context_;
    boost::asio::ssl::context tls_{boost::asio::ssl::context::tls_server};
    boost::asio::ip::tcp::acceptor acceptor_;
    std::uint16_t port_ = 0;
    std::atomic<std::uint16_t> backend_port_;
    std::atomic<std::size_t> accepted_{0};
    std::thread thread_;
};

}  // namespace pact::testing
