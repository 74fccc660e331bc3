#include "consumer/mock_control_api.hpp"
#include "wire/pact_wire.hpp"
#include "http/server.hpp"
#include "pact/pact_reader.hpp"
#include "support/files.hpp"

#include <doctest/doctest.h>

using namespace pact::consumer;
using pact::testing::temporary_directory;
namespace beast_http = boost::beast::http;

namespace {

pact::http::request control(beast_http::verb method, std::string target, std::string body = {}) {
    pact::http::request built{method, target, 11};
    if (!body.empty()) built.set(beast_http::field::content_type, "application/json");
    built.body() = std::move(body);
    built.prepare_payload();
    return built;
}

const std::string order_7_interaction = R"({
  "description": "a request for order 7",
  "request": {"method": "GET", "path": "/orders/7"},
  "response": {"status": 200, "body": {"total_amount": 1299}}
})";

pact::http::request order_7_request() { return control(beast_http::verb::get, "/orders/7"); }

}  // namespace

TEST_CASE("the control API registers an interaction and the mock answers it") {
    const temporary_directory pacts;
    mock_session session({"payment-service", "order-service", pacts.path()});
    const auto registered = handle_control_request(session, control(beast_http::verb::post, "/__pact/interactions", order_7_interaction));
    CHECK(registered.result_int() == 201);
    CHECK(nlohmann::json::parse(registered.body())["registered"] == 1);

    const auto answer = pact::wire::to_wire(session.respond(pact::wire::from_wire(order_7_request())));
    CHECK(answer.result_int() == 200);
    CHECK(nlohmann::json::parse(answer.body()) == nlohmann::json{{"total_amount", 1299}});

    const auto verified = handle_control_request(session, control(beast_http::verb::get, "/__pact/verify"));
    CHECK(verified.result_int() == 200);
    const auto written = handle_control_request(session, control(beast_http::verb::post, "/__pact/write"));
    CHECK(written.result_int() == 200);
    CHECK(std::filesystem::exists(pacts.path() / "payment-service-order-service.json"));
}

TEST_CASE("the control API refuses a body that is not a valid pact with 400 naming the problem") {
    const temporary_directory pacts;
    mock_session session({"payment-service", "order-service", pacts.path()});
    const auto not_json = handle_control_request(session, control(beast_http::verb::post, "/__pact/interactions", "{oops"));
    CHECK(not_json.result_int() == 400);
    CHECK(nlohmann::json::parse(not_json.body())["error"].get<std::string>().find("not JSON") != std::string::npos);

    const auto not_a_pact = handle_control_request(
        session, control(beast_http::verb::post, "/__pact/interactions", R"({"interactions": [{"description": 5}]})"));
    CHECK(not_a_pact.result_int() == 400);
    CHECK_FALSE(nlohmann::json::parse(not_a_pact.body())["error"].get<std::string>().empty());
    CHECK(session.expected_interaction_count() == 0);
}

TEST_CASE("the control API reports a missing request with 409 and writes nothing") {
    const temporary_directory pacts;
    mock_session session({"payment-service", "order-service", pacts.path()});
    REQUIRE(handle_control_request(session, control(beast_http::verb::post, "/__pact/interactions", order_7_interaction))
                .result_int() == 201);

    const auto verified = handle_control_request(session, control(beast_http::verb::get, "/__pact/verify"));
    CHECK(verified.result_int() == 409);
    const auto report = nlohmann::json::parse(verified.body());
    CHECK(report["ok"] == false);
    CHECK(report["missing"] == nlohmann::json::array({"a request for order 7 (GET /orders/7)"}));

    CHECK(handle_control_request(session, control(beast_http::verb::post, "/__pact/write")).result_int() == 409);
    CHECK_FALSE(std::filesystem::exists(pacts.path() / "payment-service-order-service.json"));
}

TEST_CASE("resetting the mock keeps verified interactions for the next write and forgets the rest") {
    const temporary_directory pacts;
    mock_session session({"payment-service", "order-service", pacts.path()});
    REQUIRE(session.register_interactions(nlohmann::json::parse(order_7_interaction)));
    (void)session.respond(pact::wire::from_wire(order_7_request()));
    CHECK(handle_control_request(session, control(beast_http::verb::delete_, "/__pact/interactions")).result_int() == 200);
    CHECK(session.expected_interaction_count() == 0);

    // The next test expects a request that never comes: it is forgotten at reset, the first is written.
    REQUIRE(session.register_interactions(nlohmann::json::parse(R"({
      "description": "a request for order 8", "request": {"method": "GET", "path": "/orders/8"}, "response": {"status": 200}
    })")));
    session.reset();
    const auto written = session.write_pact();
    REQUIRE(written);
    const auto document = pact::read_pact_file(*written);
    REQUIRE(document);
    REQUIRE(document->interactions.size() == 1);
    CHECK(document->interactions[0].description == "a request for order 7");
}

TEST_CASE("unknown control routes and methods are refused with 404 and 405") {
    mock_session session({"payment-service", "order-service"});
    CHECK(handle_control_request(session, control(beast_http::verb::get, "/__pact/nothing")).result_int() == 404);
    CHECK(handle_control_request(session, control(beast_http::verb::put, "/__pact/write")).result_int() == 405);
}
