#include "http/client.hpp"
#include "http/server.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <stdexcept>

using namespace pact::http;
namespace asio = boost::asio;
namespace beast = boost::beast;

namespace {

response echo(request received) {
    return make_response(received, 200, "text/plain",
                         std::string(received.method_string()) + " " + std::string(received.target()) + " " +
                             received.body());
}

url local(std::uint16_t port, std::string_view path = "/") {
    return *parse_url("http://127.0.0.1:" + std::to_string(port) + std::string(path));
}

// A port nothing listens on: bound by the system, then released.
std::uint16_t unused_port() {
    asio::io_context context;
    asio::ip::tcp::acceptor acceptor(context, {asio::ip::make_address("127.0.0.1"), 0});
    return acceptor.local_endpoint().port();
}

}  // namespace

TEST_CASE("the server answers on the port the system chose and the client reads the answer") {
    server listening(echo);
    REQUIRE(listening.port() != 0);
    const auto answer = send_blocking(local(listening.port()), make_request("POST", "/orders?id=7", "hello", "text/plain"));
    REQUIRE(answer);
    CHECK(answer->result_int() == 200);
    CHECK(answer->body() == "POST /orders?id=7 hello");
}

TEST_CASE("several requests travel over one keep-alive connection") {
    server listening(echo);
    asio::io_context context;
    asio::ip::tcp::socket socket(context);
    socket.connect({asio::ip::make_address("127.0.0.1"), listening.port()});
    beast::flat_buffer buffer;
    for (const std::string path : {"/first", "/second", "/third"}) {
        request sent = make_request("GET", path);
        sent.set(beast::http::field::host, "localhost");
        beast::http::write(socket, sent);
        response received;
        beast::http::read(socket, buffer, received);
        CHECK(received.body() == "GET " + path + " ");
        CHECK(received.keep_alive());
    }
}

TEST_CASE("the client reuses pooled connections and retries once when the server closed one") {
    auto first = std::make_unique<server>(echo);
    const std::uint16_t port = first->port();
    asio::io_context context;
    client sender(context.get_executor());
    int answered = 0;
    asio::co_spawn(
        context,
        [&]() -> asio::awaitable<void> {
            for (int index = 0; index < 3; ++index) {
                const auto answer = co_await sender.send("127.0.0.1", port, make_request("GET", "/again"));
                if (answer && answer->body() == "GET /again ") ++answered;
            }
        },
        asio::detached);
    context.run();
    CHECK(answered == 3);

    // The pooled connection dies with the first server; a second server on the same port gets the retry.
    first.reset();
    server_options same_port;
    same_port.port = port;
    server second(echo, same_port);
    context.restart();
    std::expected<response, client_error> retried = std::unexpected(client_error{});
    asio::co_spawn(
        context,
        [&]() -> asio::awaitable<void> { retried = co_await sender.send("127.0.0.1", port, make_request("GET", "/retry")); },
        asio::detached);
    context.run();
    REQUIRE(retried);
    CHECK(retried->body() == "GET /retry ");
}

TEST_CASE("a refused connection is an error value saying so") {
    const auto answer = send_blocking(local(unused_port()), make_request("GET", "/"));
    REQUIRE_FALSE(answer);
    CHECK(answer.error().kind == client_error_kind::connection_refused);
    CHECK(answer.error().message.find("connection refused by 127.0.0.1:") == 0);
}

TEST_CASE("a provider that never answers is a timeout error value") {
    asio::io_context silent_context;
    asio::ip::tcp::acceptor silent(silent_context, {asio::ip::make_address("127.0.0.1"), 0});
    // The kernel completes the handshake from the backlog; nobody ever reads or answers.
    client_options impatient;
    impatient.request_timeout = std::chrono::milliseconds(100);
    const auto answer = send_blocking(local(silent.local_endpoint().port()), make_request("GET", "/"), impatient);
    REQUIRE_FALSE(answer);
    CHECK(answer.error().kind == client_error_kind::timeout);
}

TEST_CASE("a URL of another scheme than http and https is refused by the client as unsupported") {
    const auto answer = send_blocking(url{.scheme = "ftp", .host = "127.0.0.1", .port = 21}, make_request("GET", "/"));
    REQUIRE_FALSE(answer);
    CHECK(answer.error().kind == client_error_kind::unsupported_scheme);
}

TEST_CASE("a body above the server's limit is answered with 413") {
    server_options small;
    small.body_limit = 10;
    server listening(echo, small);
    const auto answer = send_blocking(local(listening.port()), make_request("POST", "/", std::string(100, 'x'), "text/plain"));
    REQUIRE(answer);
    CHECK(answer->result_int() == 413);
    CHECK(answer->body().find("too large") != std::string::npos);
}

TEST_CASE("headers above the server's limit are answered with 431") {
    server_options small;
    small.header_limit = 256;
    server listening(echo, small);
    request big = make_request("GET", "/");
    big.set("X-Padding", std::string(1000, 'p'));
    const auto answer = send_blocking(local(listening.port()), std::move(big));
    REQUIRE(answer);
    CHECK(answer->result_int() == 431);
}

// Sends `bytes` on a raw connection, then reads whatever the server says until it closes the connection.
std::string send_raw_and_read_until_closed(std::uint16_t port, std::string_view bytes) {
    asio::io_context context;
    asio::ip::tcp::socket socket(context);
    socket.connect({asio::ip::make_address("127.0.0.1"), port});
    asio::write(socket, asio::buffer(bytes));
    std::string received;
    boost::system::error_code error;
    asio::read(socket, asio::dynamic_buffer(received), error);  // returns at end of stream
    return received;
}

TEST_CASE("a client that stalls in the middle of its request is answered 408 and cut off") {
    server_options impatient;
    impatient.read_timeout = std::chrono::milliseconds(200);
    server listening(echo, impatient);
    const auto in_headers = send_raw_and_read_until_closed(listening.port(), "GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ");
    CHECK(in_headers.starts_with("HTTP/1.1 408"));
    CHECK(in_headers.find("read timeout") != std::string::npos);
    const auto in_body = send_raw_and_read_until_closed(
        listening.port(), "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 100\r\n\r\nonly part");
    CHECK(in_body.starts_with("HTTP/1.1 408"));
    // A connection that never sent a byte is idle, not slow: closed without an answer.
    CHECK(send_raw_and_read_until_closed(listening.port(), "").empty());
}

TEST_CASE("a handler that throws produces a 500 with a JSON problem") {
    server listening([](request) -> response { throw std::runtime_error("database gone"); });
    const auto answer = send_blocking(local(listening.port()), make_request("GET", "/"));
    REQUIRE(answer);
    CHECK(answer->result_int() == 500);
    CHECK(answer->body() == R"({"errors":["internal error: database gone"]})");
}

TEST_CASE("a problem's message with quotes, backslashes and control characters is escaped as JSON") {
    const std::string message = "path \"C:\\orders\"\tline one\nline two\x01";
    server listening([&](request) -> response { throw std::runtime_error(message); });
    const auto answer = send_blocking(local(listening.port()), make_request("GET", "/"));
    REQUIRE(answer);
    const auto body = nlohmann::json::parse(answer->body());
    CHECK(body == nlohmann::json{{"errors", nlohmann::json::array({"internal error: " + message})}});
}

TEST_CASE("a problem's message that is not UTF-8 still gives a JSON body") {
    server listening([](request) -> response { throw std::runtime_error("bad byte \xff here"); });
    const auto answer = send_blocking(local(listening.port()), make_request("GET", "/"));
    REQUIRE(answer);
    CHECK(answer->result_int() == 500);
    CHECK(nlohmann::json::parse(answer->body()) ==
          nlohmann::json{{"errors", nlohmann::json::array({"internal error: bad byte \xef\xbf\xbd here"})}});
}

TEST_CASE("stopping a server with idle keep-alive connections returns and refuses new connections") {
    server listening(echo, {}, 2);
    asio::io_context context;
    asio::ip::tcp::socket idle(context);
    idle.connect({asio::ip::make_address("127.0.0.1"), listening.port()});
    const auto answer = send_blocking(local(listening.port()), make_request("GET", "/"));
    REQUIRE(answer);
    listening.stop();
    const auto after = send_blocking(local(listening.port()), make_request("GET", "/"));
    REQUIRE_FALSE(after);
    CHECK(after.error().kind == client_error_kind::connection_refused);
}

TEST_CASE("a server on the caller's io_context ends the caller's run when stopped") {
    asio::io_context context;
    server listening(context, echo);
    std::atomic<bool> answered = false;
    std::thread caller([&] { context.run(); });
    const auto answer = send_blocking(local(listening.port()), make_request("GET", "/"));
    answered = answer.has_value();
    listening.stop();
    caller.join();
    CHECK(answered);
}
