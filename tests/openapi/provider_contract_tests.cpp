#include "openapi/provider_contract.hpp"

#include <doctest/doctest.h>

using pact::openapi::contract_format;
using pact::openapi::read_provider_contract;

namespace {

std::string error_of(std::string_view content, std::string_view content_type = "") {
    const auto contract = read_provider_contract(content, content_type);
    REQUIRE_FALSE(contract.has_value());
    return contract.error().to_string();
}

}  // namespace

TEST_SUITE("openapi provider contract") {

TEST_CASE("a YAML OpenAPI 3.0 document is read with YAML's core types") {
    const auto contract = read_provider_contract(R"(openapi: 3.0.3
info: {title: orders, version: "1.0"}
paths:
  /orders/{id}:
    get:
      responses:
        200:
          description: an order
          content:
            application/json:
              schema:
                type: object
                properties:
                  total_cents: {type: integer, minimum: 0, nullable: false}
                  code: {type: string, example: '007'}
                  huge: {type: number, example: 1e999, maximum: +2.5e3}
)",
                                                 "application/yaml");
    REQUIRE(contract.has_value());
    CHECK(contract->format() == contract_format::openapi_3_0);
    const auto& schema = contract->document()["paths"]["/orders/{id}"]["get"]["responses"]["200"]["content"]["application/json"]["schema"];
    CHECK(schema["properties"]["total_cents"]["minimum"] == 0);
    CHECK(schema["properties"]["total_cents"]["nullable"] == false);
    CHECK(schema["properties"]["code"]["example"] == "007");  // quoted: stays a string
    CHECK(schema["properties"]["huge"]["example"] == "1e999");  // beyond a double: kept as written
    CHECK(schema["properties"]["huge"]["maximum"] == 2500.0);
    CHECK(contract->document()["info"]["version"] == "1.0");
}

TEST_CASE("JSON, Swagger 2.0 and OpenAPI 3.1 are told apart") {
    CHECK(read_provider_contract(R"({"swagger":"2.0","info":{"title":"t","version":"1"},"paths":{}})", "application/json")->format() ==
          contract_format::swagger_2);
    CHECK(read_provider_contract(R"({"openapi":"3.1.0","info":{"title":"t","version":"1"}})", "")->format() == contract_format::openapi_3_1);
    CHECK(pact::openapi::to_string(contract_format::openapi_3_1) == "OpenAPI 3.1");
}

TEST_CASE("a document that is not a contract is refused, naming what is wrong") {
    CHECK(error_of("{ not json", "application/json") == "the contract is not valid JSON");
    CHECK(error_of("a: [1, 2", "application/yaml").starts_with("the contract is not valid YAML: line"));
    CHECK(error_of("openapi: 3.0.0\ninfo: {title: \"caf\xE9\", version: '1'}\npaths: {}\n", "application/yaml") == "the contract is not UTF-8 text");
    CHECK(error_of("title: hello").find("neither OpenAPI 3 nor Swagger 2.0") != std::string::npos);
    CHECK(error_of(R"({"openapi":"2.5.0","info":{"title":"t","version":"1"},"paths":{}})").starts_with("/openapi: OpenAPI 2.5.0 is not supported"));
    CHECK(error_of(R"({"openapi":3.0,"info":{"title":"t","version":"1"},"paths":{}})").starts_with("/openapi:"));
    CHECK(error_of(R"({"swagger":"3.0","info":{"title":"t","version":"1"},"paths":{}})").starts_with("/swagger:"));
    CHECK(error_of(R"({"openapi":"3.0.0","paths":{}})") == "/info: info is missing (an object with title and version)");
    CHECK(error_of(R"({"openapi":"3.0.0","info":{"title":"t","version":"1"}})") == "/paths: paths is missing");
    CHECK(error_of(R"({"openapi":"3.0.0","info":{"title":"t","version":"1"},"paths":{"orders":{}}})") ==
          "/paths/orders: the path orders does not start with /");
    CHECK(error_of(R"({"openapi":"3.0.0","info":{"title":"t","version":"1"},"paths":{"/orders":{"get":{}}}})") ==
          "/paths/~1orders/get: responses is missing");
    CHECK(error_of(R"({"openapi":"3.0.0","info":{"title":"t","version":"1"},"paths":{"/orders":{"get":{"responses":{"ok":{}}}}}})") ==
          "/paths/~1orders/get/responses: \"ok\" is not a status code");
    CHECK(error_of(R"({"openapi":"3.0.0","info":{"title":"t","version":"1"},"paths":{"/o":{"get":{"parameters":[{"name":"x"}],"responses":{}}}}})")
              .find("has no valid \"in\"") != std::string::npos);
}

TEST_CASE("local references must point somewhere, and remote ones are refused") {
    const std::string start = R"({"openapi":"3.0.0","info":{"title":"t","version":"1"},"paths":{"/o":{"get":{"responses":{"200":{"description":"d",
        "content":{"application/json":{"schema":{"$ref":")";
    const std::string end = R"("}}}}}}}},"components":{"schemas":{"Order":{"type":"object"}}}})";
    CHECK(read_provider_contract(start + "#/components/schemas/Order" + end, "").has_value());
    CHECK(error_of(start + "#/components/schemas/Missing" + end).find("the reference #/components/schemas/Missing points to nothing") != std::string::npos);
    const std::string remote = error_of(start + "common.yaml#/Order" + end);
    CHECK(remote.find("common.yaml#/Order points outside the document; remote references are not supported") != std::string::npos);
    CHECK(remote.starts_with("/paths/~1o/get/responses/200/content/application~1json/schema/$ref"));
    const auto contract = read_provider_contract(start + "#/components/schemas/Order" + end, "");
    CHECK(contract->resolve("#/components/schemas/Order") != nullptr);
    CHECK(contract->resolve("#/components/schemas/None") == nullptr);
}

TEST_CASE("a JSON document nested beyond any contract is refused, not walked") {
    CHECK(error_of(std::string(100'000, '[') + std::string(100'000, ']'), "application/json") == "the contract nests too deeply");
    CHECK(error_of("a: " + std::string(100'000, '[') + std::string(100'000, ']'), "application/yaml").starts_with("the contract is not valid YAML"));
}

TEST_CASE("YAML aliases that expand without end are refused, not followed") {
    std::string bomb = "openapi: 3.0.0\na: &a [x, x, x, x, x, x, x, x, x, x]\n";
    char previous = 'a';
    for (char name = 'b'; name <= 'i'; ++name, ++previous)
        bomb += std::string(1, name) + ": &" + name + " [*" + previous + ", *" + previous + ", *" + previous + ", *" + previous + ", *" + previous +
                ", *" + previous + ", *" + previous + ", *" + previous + ", *" + previous + ", *" + previous + "]\n";
    CHECK(error_of(bomb, "application/yaml").find("too many nodes") != std::string::npos);
}

}
