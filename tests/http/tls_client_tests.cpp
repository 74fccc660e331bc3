#include "http/client.hpp"
#include "http/server.hpp"
#include "support/files.hpp"
#include "support/tls_proxy.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <doctest/doctest.h>

#include <cstdlib>

using namespace pact::http;
namespace asio = boost::asio;

namespace {

// An http server answering "<method> <target>" behind a TLS proxy with a fresh self-signed certificate.
struct https_server {
    pact::testing::temporary_directory directory;
    pact::testing::self_signed_certificate certificate = pact::testing::make_self_signed_certificate(directory.path());
    server plain{[](const request& received) {
                     return make_response(received, 200, "text/plain",
                                          std::string(received.method_string()) + " " + std::string(received.target()));
                 },
                 server_options{}};
    pact::testing::tls_proxy proxy{certificate, plain.port()};

    [[nodiscard]] url address(const std::string& host = "127.0.0.1") const {
        return *parse_url("https://" + host + ":" + std::to_string(proxy.port()) + "/orders");
    }
};

client_options trusting(const std::string& certificate_file) {
    client_options options;
    options.tls.certificate_file = certificate_file;
    return options;
}

}  // namespace

TEST_CASE("an https server whose certificate is not trusted is refused with the certificate problem named") {
    https_server https;
    client_options options;
    options.tls.how_to_skip_verification = "or use --insecure-tls to skip verification";
    const auto answer = send_blocking(https.address(), make_request("GET", ""), options);
    REQUIRE_FALSE(answer);
    CHECK(answer.error().kind == client_error_kind::tls_failed);
    CHECK(answer.error().message.find("certificate verify failed: self-signed certificate") != std::string::npos);
    CHECK(answer.error().message.find("use --insecure-tls") != std::string::npos);
}

TEST_CASE("an https server is spoken to when its certificate is trusted, by address and by host name") {
    https_server https;
    for (const std::string host : {"127.0.0.1", "localhost"}) {
        const auto answer = send_blocking(https.address(host), make_request("GET", ""), trusting(https.certificate.certificate_file));
        REQUIRE_MESSAGE(answer, (answer ? "" : answer.error().message));
        CHECK(answer->body() == "GET /orders");
    }
}

TEST_CASE("an https server's certificate is trusted through SSL_CERT_FILE as OpenSSL reads it") {
    https_server https;
    ::setenv("SSL_CERT_FILE", https.certificate.certificate_file.c_str(), 1);
    const auto answer = send_blocking(https.address(), make_request("GET", ""));
    ::unsetenv("SSL_CERT_FILE");
    REQUIRE_MESSAGE(answer, (answer ? "" : answer.error().message));
    CHECK(answer->body() == "GET /orders");
}

TEST_CASE("with verification off any https certificate is accepted") {
    https_server https;
    client_options insecure;
    insecure.tls.verify_certificates = false;
    const auto answer = send_blocking(https.address(), make_request("GET", ""), insecure);
    REQUIRE_MESSAGE(answer, (answer ? "" : answer.error().message));
    CHECK(answer->body() == "GET /orders");
}

TEST_CASE("a missing certificate file to trust is an error value naming it") {
    https_server https;
    const auto answer = send_blocking(https.address(), make_request("GET", ""), trusting("/nonexistent/ca.pem"));
    REQUIRE_FALSE(answer);
    CHECK(answer.error().kind == client_error_kind::tls_failed);
    CHECK(answer.error().message.find("/nonexistent/ca.pem") != std::string::npos);
}

TEST_CASE("requests to an https server one after another share the pooled connection") {
    https_server https;
    asio::io_context context;
    client sender(context.get_executor(), trusting(https.certificate.certificate_file));
    auto bodies = asio::co_spawn(
        context,
        [&]() -> asio::awaitable<std::vector<std::string>> {
            std::vector<std::string> seen;
            for (const char* path : {"/a", "/b", "/c"}) {
                auto answer = co_await sender.send(https.address(), make_request("GET", path));
                seen.push_back(answer ? answer->body() : answer.error().message);
            }
            co_return seen;
        },
        asio::use_future);
    context.run();
    CHECK(bodies.get() == std::vector<std::string>{"GET /a", "GET /b", "GET /c"});
    CHECK(https.proxy.connections_accepted() == 1);
}
