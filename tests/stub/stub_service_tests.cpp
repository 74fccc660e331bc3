#include "stub/stub_service.hpp"

#include "http/client.hpp"
#include "pact/pact_reader.hpp"

#include <doctest/doctest.h>

using namespace pact;

namespace {

constexpr const char* orders_pact = R"({
  "consumer": {"name": "payment-service"},
  "provider": {"name": "order-service"},
  "interactions": [
    {
      "description": "order 42",
      "request": {"method": "GET", "path": "/orders/42", "query": {"expand": ["items"]}},
      "response": {"status": 200, "headers": {"Content-Type": "application/json"}, "body": {"id": 42, "total_amount": 4200}}
    },
    {
      "description": "order 42 without items",
      "request": {"method": "GET", "path": "/orders/42"},
      "response": {"status": 200, "headers": {"Content-Type": "application/json"}, "body": {"id": 42}}
    },
    {
      "description": "any other order",
      "request": {"method": "GET", "path": "/orders/7",
        "matchingRules": {"path": {"matchers": [{"match": "regex", "regex": "^/orders/[0-9]+$"}]}}},
      "response": {"status": 200, "headers": {"Content-Type": "application/json"}, "body": {"id": 7},
        "generators": {"body": {"$.id": {"type": "RandomInt", "min": 1000, "max": 2000}}}}
    },
    {
      "description": "create an order",
      "request": {"method": "POST", "path": "/orders", "headers": {"Content-Type": "application/json"},
        "body": {"total_amount": 100}},
      "response": {"status": 201}
    }
  ],
  "metadata": {"pactSpecification": {"version": "3.0.0"}}
})";

stub::stub_service orders_stub() {
    auto pact = read_pact(std::string_view(orders_pact), "orders.json");
    REQUIRE(pact);
    std::vector<pact_document> pacts;
    pacts.push_back(std::move(*pact));
    return stub::stub_service(std::move(pacts));
}

http::request request_for(std::string_view method, std::string_view target, std::string body = {},
                          std::string_view content_type = {}) {
    auto made = http::make_request(method, target, std::move(body), content_type);
    made.set("Host", "localhost");
    return made;
}

}  // namespace

TEST_CASE("a request matching an interaction's request gets that interaction's response") {
    const auto stub = orders_stub();
    const auto answer = stub.answer(request_for("GET", "/orders/42?expand=items"));
    CHECK(answer.result_int() == 200);
    CHECK(nlohmann::json::parse(answer.body()) == nlohmann::json{{"id", 42}, {"total_amount", 4200}});
    CHECK(answer["Content-Type"] == "application/json");
}

TEST_CASE("the interaction whose query matches is chosen among those of the same path") {
    const auto stub = orders_stub();
    const auto answer = stub.answer(request_for("GET", "/orders/42"));
    CHECK(nlohmann::json::parse(answer.body()) == nlohmann::json{{"id", 42}});
}

TEST_CASE("an interaction with a path matching rule answers any matching path, with response generators applied") {
    const auto stub = orders_stub();
    const auto answer = stub.answer(request_for("GET", "/orders/123"));
    REQUIRE(answer.result_int() == 200);
    const auto id = nlohmann::json::parse(answer.body())["id"];
    REQUIRE(id.is_number_integer());
    CHECK(id.get<int>() >= 1000);
    CHECK(id.get<int>() <= 2000);
}

TEST_CASE("a request body is matched too") {
    const auto stub = orders_stub();
    CHECK(stub.answer(request_for("POST", "/orders", R"({"total_amount": 100})", "application/json")).result_int() == 201);
    const auto refused = stub.answer(request_for("POST", "/orders", R"({"total_amount": 100, "extra": 1})", "application/json"));
    CHECK(refused.result_int() == 500);
}

TEST_CASE("a request matching no interaction gets 500 with the closest interaction's mismatches") {
    const auto stub = orders_stub();
    const auto answer = stub.answer(request_for("POST", "/orders", R"({"total_amount": "lots"})", "application/json"));
    CHECK(answer.result_int() == 500);
    const auto problem = nlohmann::json::parse(answer.body());
    CHECK(problem["closestInteraction"] == "create an order");
    REQUIRE_FALSE(problem["mismatches"].empty());
    CHECK(problem["mismatches"][0]["path"].get<std::string>().find("total_amount") != std::string::npos);
    CHECK(problem["error"] == "no interaction matches POST /orders");
}

TEST_CASE("a path no interaction has still names the closest interaction") {
    const auto stub = orders_stub();
    const auto answer = stub.answer(request_for("GET", "/customers/1"));
    CHECK(answer.result_int() == 500);
    const auto problem = nlohmann::json::parse(answer.body());
    CHECK(problem.contains("closestInteraction"));
    CHECK_FALSE(problem["mismatches"].empty());
}
