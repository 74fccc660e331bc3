#include "broker_client/broker_client.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <doctest/doctest.h>

#include <deque>
#include <memory>

using namespace pact::broker_client;
namespace asio = boost::asio;

namespace {

// A broker that answers from a script and remembers what it was asked.
struct scripted_broker {
    std::deque<transport_result> answers;
    std::vector<outgoing_request> requests;

    void answer(int status, std::string body, std::string content_type = "application/hal+json;charset=utf-8") {
        answers.push_back(incoming_response{status, {{"Content-Type", content_type}}, std::move(body)});
    }
    void fail(std::string why, bool worth_retrying = true) {
        answers.push_back(std::unexpected(transport_failure(std::move(why), worth_retrying)));
    }
};

transport transport_for(std::shared_ptr<scripted_broker> broker) {
    return [broker](outgoing_request request) -> asio::awaitable<transport_result> {
        broker->requests.push_back(request);
        REQUIRE_FALSE(broker->answers.empty());
        auto next = broker->answers.front();
        broker->answers.pop_front();
        co_return next;
    };
}

template <typename result_type>
result_type run(asio::awaitable<result_type> work) {
    asio::io_context context;
    auto future = asio::co_spawn(context, std::move(work), asio::use_future);
    context.run();
    return future.get();
}

broker_settings quick_settings(std::string base_url = "http://127.0.0.1:9292") {
    broker_settings settings;
    settings.base_url = std::move(base_url);
    settings.first_backoff = std::chrono::milliseconds(1);
    settings.attempts = 3;
    return settings;
}

std::string header_of(const outgoing_request& request, std::string_view name) {
    for (const auto& [header_name, value] : request.headers) {
        if (header_name == name) {
            return value;
        }
    }
    return {};
}

}  // namespace

TEST_CASE("hrefs keep their path and query but go to the host the user named") {
    auto broker = std::make_shared<scripted_broker>();
    broker_client client(quick_settings("http://127.0.0.1:9292/broker"), transport_for(broker));
    CHECK(client.resolve("http://elsewhere:80/broker/pacts/latest?x=1") == "http://127.0.0.1:9292/broker/pacts/latest?x=1");
    CHECK(client.resolve("/matrix?q[][pacticipant]=A") == "http://127.0.0.1:9292/broker/matrix?q[][pacticipant]=A");
    CHECK(client.resolve("http://127.0.0.1:9292/broker") == "http://127.0.0.1:9292/broker");
}

TEST_CASE("an index relation is found, expanded and fetched with credentials") {
    auto broker = std::make_shared<scripted_broker>();
    auto settings = quick_settings();
    settings.token = "secret";
    broker_client client(settings, transport_for(broker));
    broker->answer(200, R"({"_links":{"pb:pacticipant":{"href":"http://b/pacticipants/{pacticipant}","templated":true}}})");
    const auto href = run(client.index_href("pb:pacticipant", {{"pacticipant", "Order Service"}}));
    REQUIRE(href);
    CHECK(*href == "http://b/pacticipants/Order%20Service");
    broker->answer(200, R"({"name":"Order Service"})");
    const auto pacticipant = run(client.get(*href));
    REQUIRE(pacticipant);
    CHECK((*pacticipant)["name"] == "Order Service");
    REQUIRE(broker->requests.size() == 2);
    CHECK(broker->requests[1].url == "http://127.0.0.1:9292/pacticipants/Order%20Service");
    CHECK(header_of(broker->requests[1], "Authorization") == "Bearer secret");
    CHECK(header_of(broker->requests[1], "Accept") == "application/hal+json, application/json");
}

TEST_CASE("a missing relation is an error naming it") {
    auto broker = std::make_shared<scripted_broker>();
    broker_client client(quick_settings(), transport_for(broker));
    broker->answer(200, R"({"_links":{}})");
    const auto href = run(client.index_href("pb:publish-contracts"));
    REQUIRE_FALSE(href);
    CHECK(href.error().what == broker_error::kind::missing_relation);
    CHECK(href.error().message.find("pb:publish-contracts") != std::string::npos);
}

TEST_CASE("server errors and refused connections are retried until the broker answers") {
    auto broker = std::make_shared<scripted_broker>();
    broker_client client(quick_settings(), transport_for(broker));
    broker->fail("connection refused");
    broker->answer(503, R"({"error":"starting"})");
    broker->answer(200, R"({"ok":true})");
    const auto answer = run(client.get("/x"));
    REQUIRE(answer);
    CHECK((*answer)["ok"] == true);
    CHECK(broker->requests.size() == 3);
}

TEST_CASE("a transport failure not worth retrying, such as an untrusted certificate, is reported at once") {
    auto broker = std::make_shared<scripted_broker>();
    broker_client client(quick_settings("https://127.0.0.1:9292"), transport_for(broker));
    broker->fail("certificate verify failed: self-signed certificate", false);
    const auto answer = run(client.get("/x"));
    REQUIRE_FALSE(answer);
    CHECK(answer.error().what == broker_error::kind::unreachable);
    CHECK(answer.error().message.find("self-signed certificate") != std::string::npos);
    CHECK(broker->requests.size() == 1);
}

TEST_CASE("retrying stops after the configured attempts with the last failure") {
    auto broker = std::make_shared<scripted_broker>();
    broker_client client(quick_settings(), transport_for(broker));
    broker->answer(500, "{}");
    broker->answer(500, "{}");
    broker->answer(502, "{}");
    const auto answer = run(client.get("/x"));
    REQUIRE_FALSE(answer);
    CHECK(answer.error().what == broker_error::kind::server_error);
    CHECK(answer.error().status == 502);
    CHECK(broker->requests.size() == 3);
}

TEST_CASE("a refusal is not retried and carries the broker's errors and notices") {
    auto broker = std::make_shared<scripted_broker>();
    broker_client client(quick_settings(), transport_for(broker));
    broker->answer(409, R"({"notices":[{"type":"error","text":"Cannot change the content"}],
                            "errors":{"contracts":["Cannot change the content"]}})");
    const auto answer = run(client.post("/contracts/publish", nlohmann::json::object()));
    REQUIRE_FALSE(answer);
    CHECK(broker->requests.size() == 1);
    CHECK(answer.error().status == 409);
    CHECK(answer.error().errors == std::vector<std::string>{"contracts: Cannot change the content"});
    REQUIRE(answer.error().notices.size() == 1);
    CHECK(answer.error().to_string().find("contracts: Cannot change the content") != std::string::npos);
}

TEST_CASE("a 404 is reported as not found") {
    auto broker = std::make_shared<scripted_broker>();
    broker_client client(quick_settings(), transport_for(broker));
    broker->answer(404, R"({"error":"nope"})");
    const auto answer = run(client.get("/pacticipants/Nobody"));
    REQUIRE_FALSE(answer);
    CHECK(answer.error().what == broker_error::kind::not_found);
    CHECK(answer.error().message.find("/pacticipants/Nobody") != std::string::npos);
}

TEST_CASE("a success that is not JSON is an invalid answer and an empty one is an empty object") {
    auto broker = std::make_shared<scripted_broker>();
    broker_client client(quick_settings(), transport_for(broker));
    broker->answer(200, "<html></html>", "text/html");
    const auto html = run(client.get("/"));
    REQUIRE_FALSE(html);
    CHECK(html.error().what == broker_error::kind::invalid_answer);
    broker->answer(204, "", "");
    const auto empty = run(client.put("/x", nlohmann::json::object()));
    REQUIRE(empty);
    CHECK(empty->empty());
}

TEST_CASE("merge-patch requests say so in their content type") {
    auto broker = std::make_shared<scripted_broker>();
    broker_client client(quick_settings(), transport_for(broker));
    broker->answer(200, "{}");
    REQUIRE(run(client.patch("/pacticipants/A", {{"mainBranch", "main"}})));
    CHECK(broker->requests[0].method == "PATCH");
    CHECK(header_of(broker->requests[0], "Content-Type") == "application/merge-patch+json");
    CHECK(nlohmann::json::parse(broker->requests[0].body) == nlohmann::json{{"mainBranch", "main"}});
}

TEST_CASE("the broker's errors are flattened in each form it uses") {
    CHECK(flatten_errors(nlohmann::json::parse(R"({"a":["x","y"],"b":"z"})")) ==
          std::vector<std::string>{"a: x", "a: y", "b: z"});
    CHECK(flatten_errors(nlohmann::json::parse(R"(["x"])")) == std::vector<std::string>{"x"});
    CHECK(flatten_errors(nlohmann::json("x")) == std::vector<std::string>{"x"});
}
