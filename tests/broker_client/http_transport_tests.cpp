#include "broker_client/broker_client.hpp"
#include "broker_client/http_transport.hpp"

#include "http/client.hpp"
#include "http/server.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <doctest/doctest.h>

#include <atomic>
#include <mutex>

using namespace pact::broker_client;
namespace asio = boost::asio;

TEST_CASE("the client talks to a real server over loopback and retries its 503") {
    std::mutex mutex;
    std::vector<std::string> seen;
    std::atomic<int> calls = 0;
    pact::http::server broker([&](pact::http::request request) {
        {
            const std::lock_guard lock(mutex);
            seen.push_back(std::string(request.method_string()) + " " + std::string(request.target()) + " " +
                           std::string(request[boost::beast::http::field::authorization]));
        }
        if (calls++ == 0) {
            return pact::http::make_response(request, 503, "application/json", R"({"error":"starting"})");
        }
        return pact::http::make_response(request, 200, "application/hal+json", R"({"name":"Order Service"})");
    });

    broker_settings settings;
    settings.base_url = "http://127.0.0.1:" + std::to_string(broker.port());
    settings.username = "user";
    settings.password = "pass";
    settings.first_backoff = std::chrono::milliseconds(1);
    asio::io_context context;
    pact::http::client http_client(context.get_executor());
    broker_client client(settings, make_http_transport(http_client));
    auto future = asio::co_spawn(context, client.get("/pacticipants/Order%20Service"), asio::use_future);
    context.run();
    const auto answer = future.get();
    REQUIRE(answer);
    CHECK((*answer)["name"] == "Order Service");
    const std::lock_guard lock(mutex);
    REQUIRE(seen.size() == 2);
    CHECK(seen[1] == "GET /pacticipants/Order%20Service Basic dXNlcjpwYXNz");
}

TEST_CASE("a broker nobody listens on is reported unreachable after the attempts") {
    std::uint16_t free_port = 0;
    {
        pact::http::server closed([](pact::http::request request) {
            return pact::http::make_response(request, 200, "application/json", "{}");
        });
        free_port = closed.port();
    }
    broker_settings settings;
    settings.base_url = "http://127.0.0.1:" + std::to_string(free_port);
    settings.first_backoff = std::chrono::milliseconds(1);
    settings.attempts = 2;
    asio::io_context context;
    pact::http::client http_client(context.get_executor());
    broker_client client(settings, make_http_transport(http_client));
    auto future = asio::co_spawn(context, client.index(), asio::use_future);
    context.run();
    const auto answer = future.get();
    REQUIRE_FALSE(answer);
    CHECK(answer.error().what == broker_error::kind::unreachable);
}
