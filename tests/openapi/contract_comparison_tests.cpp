#include "openapi/contract_comparison.hpp"
#include "pact/pact_reader.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using pact::openapi::comparison_finding;
using pact::openapi::contract_comparison;
using pact::openapi::finding_severity;

namespace {

pact::openapi::provider_contract contract_of(std::string_view yaml) {
    auto contract = pact::openapi::read_provider_contract(yaml, "application/yaml");
    if (!contract) FAIL("the contract is not read: " << contract.error().to_string());
    return std::move(*contract);
}

pact::pact_document pact_of(const std::string& interactions_json, std::string_view specification = "3.0.0") {
    auto pact = pact::read_pact(R"({"consumer":{"name":"payment-service"},"provider":{"name":"order-service"},"interactions":)" + interactions_json +
                                    R"(,"metadata":{"pactSpecification":{"version":")" + std::string(specification) + R"("}}})",
                                "test");
    if (!pact) FAIL("the pact is not read");
    return std::move(*pact);
}

// One interaction: a request and the response the consumer relies on.
contract_comparison compare(std::string_view contract_yaml, const std::string& request, const std::string& response) {
    return pact::openapi::compare(pact_of(R"([{"description":"a request","request":)" + request + R"(,"response":)" + response + "}]"),
                                  contract_of(contract_yaml));
}

const comparison_finding* finding(const contract_comparison& comparison, std::string_view code) {
    const auto found = std::ranges::find(comparison.findings, code, &comparison_finding::code);
    return found == comparison.findings.end() ? nullptr : &*found;
}

std::string codes(const contract_comparison& comparison) {
    std::string text;
    for (const comparison_finding& each : comparison.findings) text += each.code + " (" + each.pact_location + "): " + each.message + "\n";
    return text;
}

constexpr std::string_view orders_contract = R"(openapi: 3.0.3
info: {title: order-service, version: 2.1.0}
paths:
  /orders/{id}:
    parameters:
      - {name: id, in: path, required: true, schema: {type: integer}}
    get:
      responses:
        "200":
          description: an order
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Order'}
        "404":
          description: no such order
  /orders/latest:
    get:
      responses:
        "200":
          description: the newest order
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Order'}
components:
  schemas:
    Order:
      type: object
      required: [id, total_cents, currency]
      properties:
        id: {type: integer}
        total_cents: {type: integer}
        currency: {type: string, enum: [EUR, USD]}
        note: {type: string, nullable: true}
        items:
          type: array
          items:
            type: object
            properties:
              sku: {type: string}
              quantity: {type: integer, format: int32}
)";

}  // namespace

TEST_SUITE("openapi contract comparison") {

TEST_CASE("a consumer relying on a renamed field is an error naming the field and the new name") {
    const auto comparison = compare(orders_contract, R"({"method":"GET","path":"/orders/1"})",
                                    R"({"status":200,"headers":{"Content-Type":"application/json"},"body":{"id":1,"total_amount":1250}})");
    CHECK_FALSE(comparison.compatible());
    const auto* renamed = finding(comparison, "response.body.incompatible");
    REQUIRE(renamed != nullptr);
    CHECK(renamed->severity == finding_severity::error);
    CHECK(renamed->pact_location == "$.response.body.total_amount");
    CHECK(renamed->contract_location == "/paths/~1orders~1{id}/get/responses/200/content/application~1json/schema");
    CHECK(renamed->interaction == "a request");
    CHECK(renamed->message == "in the body of GET /orders/{id} (200), $.total_amount is not in the contract (it has total_cents: renamed?)");
}

TEST_CASE("a consumer relying on fewer fields than the contract requires is compatible") {
    const auto comparison = compare(orders_contract, R"({"method":"GET","path":"/orders/1"})",
                                    R"({"status":200,"body":{"total_cents":1250,"items":[{"quantity":2}]}})");
    CHECK_MESSAGE(comparison.findings.empty(), codes(comparison));
    CHECK(comparison.compatible());
}

TEST_CASE("fields deep in arrays are checked, with their JSON path") {
    const auto comparison = compare(orders_contract, R"({"method":"GET","path":"/orders/1"})",
                                    R"({"status":200,"body":{"items":[{"sku":"a","quantity":"two"}]}})");
    const auto* wrong_type = finding(comparison, "response.body.incompatible");
    REQUIRE(wrong_type != nullptr);
    CHECK(wrong_type->pact_location == "$.response.body.items[0].quantity");
    CHECK(wrong_type->message.find("is a string, which the contract does not allow") != std::string::npos);
}

TEST_CASE("enum, nullable and formats are the contract's promises") {
    CHECK(finding(compare(orders_contract, R"({"method":"GET","path":"/orders/1"})", R"({"status":200,"body":{"currency":"GBP"}})"),
                  "response.body.incompatible")
              ->message.find("not one of the values the contract lists") != std::string::npos);
    CHECK(compare(orders_contract, R"({"method":"GET","path":"/orders/1"})", R"({"status":200,"body":{"note":null}})").compatible());
    CHECK_FALSE(compare(orders_contract, R"({"method":"GET","path":"/orders/1"})", R"({"status":200,"body":{"currency":null}})").compatible());
    CHECK_FALSE(compare(orders_contract, R"({"method":"GET","path":"/orders/1"})", R"({"status":200,"body":{"items":[{"quantity":3000000000}]}})")
                    .compatible());
    constexpr std::string_view dated = R"(openapi: 3.0.0
info: {title: t, version: "1"}
paths:
  /events:
    get:
      responses:
        "200":
          description: d
          content: {application/json: {schema: {type: object, properties: {at: {type: string, format: date-time}}}}}
)";
    CHECK(compare(dated, R"({"method":"GET","path":"/events"})", R"({"status":200,"body":{"at":"2026-12-03T10:00:00Z"}})").compatible());
    CHECK_FALSE(compare(dated, R"({"method":"GET","path":"/events"})", R"({"status":200,"body":{"at":"yesterday"}})").compatible());
}

TEST_CASE("an unknown path, an unknown method and an invalid path parameter are request.path-or-method.unknown") {
    const auto unknown_path = compare(orders_contract, R"({"method":"GET","path":"/customers/1"})", R"({"status":200})");
    REQUIRE(finding(unknown_path, "request.path-or-method.unknown") != nullptr);
    CHECK(finding(unknown_path, "request.path-or-method.unknown")->message == "the contract has no operation for GET /customers/1");
    CHECK(finding(unknown_path, "request.path-or-method.unknown")->pact_location == "$.request.path");

    const auto unknown_method = compare(orders_contract, R"({"method":"DELETE","path":"/orders/1"})", R"({"status":200})");
    CHECK(finding(unknown_method, "request.path-or-method.unknown")->pact_location == "$.request.method");

    const auto invalid_id = compare(orders_contract, R"({"method":"GET","path":"/orders/abc"})", R"({"status":200})");
    REQUIRE(finding(invalid_id, "request.path-or-method.unknown") != nullptr);
    CHECK(finding(invalid_id, "request.path-or-method.unknown")->message.find("its path parameter id (\"abc\") is not valid") != std::string::npos);
}

TEST_CASE("a literal path is chosen before a templated one") {
    // /orders/latest would fail /orders/{id}'s integer id; it is its own operation.
    CHECK(compare(orders_contract, R"({"method":"GET","path":"/orders/latest"})", R"({"status":200,"body":{"id":1}})").findings.empty());
    // No 404 is declared for /orders/latest, only for /orders/{id}: the literal operation was the one compared.
    CHECK(finding(compare(orders_contract, R"({"method":"GET","path":"/orders/latest"})", R"({"status":404})"), "response.status.unknown") != nullptr);
}

TEST_CASE("Swagger 2.0's basePath and OpenAPI 3's servers prefix the paths") {
    constexpr std::string_view swagger = R"(swagger: "2.0"
info: {title: t, version: "1"}
basePath: /api
produces: [application/json]
paths:
  /orders/{id}:
    get:
      parameters: [{name: id, in: path, required: true, type: integer}]
      responses:
        "200": {description: d, schema: {type: object, properties: {id: {type: integer}}}}
)";
    CHECK(compare(swagger, R"({"method":"GET","path":"/api/orders/7"})", R"({"status":200,"body":{"id":7}})").findings.empty());
    CHECK_FALSE(compare(swagger, R"({"method":"GET","path":"/api/orders/x"})", R"({"status":200})").compatible());
    CHECK_FALSE(compare(swagger, R"({"method":"GET","path":"/api/orders/7"})", R"({"status":200,"body":{"total":7}})").compatible());

    constexpr std::string_view servers = R"(openapi: 3.0.0
info: {title: t, version: "1"}
servers: [{url: "https://orders.example.com/{version}", variables: {version: {default: v2}}}]
paths:
  /orders:
    get:
      responses: {"200": {description: d}}
)";
    CHECK(compare(servers, R"({"method":"GET","path":"/v2/orders"})", R"({"status":200})").findings.empty());
    CHECK(compare(servers, R"({"method":"GET","path":"/orders"})", R"({"status":200})").findings.empty());
}

constexpr std::string_view create_contract = R"(openapi: 3.0.0
info: {title: t, version: "1"}
components:
  securitySchemes:
    key: {type: apiKey, in: header, name: X-Api-Key}
    bearer: {type: http, scheme: bearer}
security: [{key: []}, {bearer: []}]
paths:
  /orders:
    post:
      parameters:
        - {name: dry_run, in: query, schema: {type: boolean}}
        - {name: X-Request-Id, in: header, required: true, schema: {type: string}}
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [sku]
              properties: {sku: {type: string}, quantity: {type: integer, minimum: 1}}
      responses:
        "201":
          description: created
          headers: {Location: {schema: {type: string}}, X-Order-Id: {schema: {type: integer}}}
          content: {application/json: {schema: {type: object, properties: {id: {type: integer}}}}}
        "400": {description: bad}
        default: {description: unexpected}
    get:
      parameters:
        - {name: limit, in: query, required: true, schema: {type: integer, maximum: 100}}
        - {name: status, in: query, style: form, explode: false, schema: {type: array, items: {type: string, enum: [open, paid]}}}
      responses:
        "2XX": {description: d, content: {application/json: {schema: {type: array, items: {type: object, properties: {id: {type: integer}}}}}}}
)";

constexpr std::string_view authorised_headers = R"("X-Api-Key":"k","X-Request-Id":"r")";

TEST_CASE("the request body must be what the contract takes, in a media type it takes") {
    const std::string headers = std::string(R"("headers":{"Content-Type":"application/json",)") + authorised_headers.data() + "}";
    CHECK(compare(create_contract, R"({"method":"POST","path":"/orders",)" + headers + R"(,"body":{"sku":"a","quantity":2}})", R"({"status":201})")
              .findings.empty());
    const auto missing_sku = compare(create_contract, R"({"method":"POST","path":"/orders",)" + headers + R"(,"body":{"quantity":2}})", R"({"status":201})");
    REQUIRE(finding(missing_sku, "request.body.incompatible") != nullptr);
    CHECK(finding(missing_sku, "request.body.incompatible")->pact_location == "$.request.body.sku");
    CHECK(finding(missing_sku, "request.body.incompatible")->message.find("$.sku is required by the contract and missing") != std::string::npos);
    CHECK(finding(compare(create_contract, R"({"method":"POST","path":"/orders",)" + headers + R"(,"body":{"sku":"a","quantity":0}})", R"({"status":201})"),
                  "request.body.incompatible") != nullptr);
    CHECK(finding(compare(create_contract, R"({"method":"POST","path":"/orders",)" + headers + "}", R"({"status":201})"), "request.body.incompatible")
              ->message.find("requires a request body") != std::string::npos);
    const auto as_xml = compare(create_contract,
                                std::string(R"({"method":"POST","path":"/orders","headers":{"Content-Type":"application/xml",)") + authorised_headers.data() +
                                    R"(},"body":"<order/>"})",
                                R"({"status":201})");
    CHECK(finding(as_xml, "request.content-type.incompatible") != nullptr);
    const auto untyped = compare(create_contract,
                                 std::string(R"({"method":"POST","path":"/orders","headers":{)") + authorised_headers.data() + R"(},"body":{"sku":"a"}})",
                                 R"({"status":201})");
    REQUIRE(finding(untyped, "request.content-type.missing") != nullptr);
    CHECK(finding(untyped, "request.content-type.missing")->severity == finding_severity::warning);
    CHECK(untyped.compatible());
}

TEST_CASE("a request body where the contract takes none is a warning") {
    const auto comparison = compare(orders_contract, R"({"method":"GET","path":"/orders/1","headers":{"Content-Type":"application/json"},"body":{"a":1}})",
                                    R"({"status":200})");
    REQUIRE(finding(comparison, "request.body.unknown") != nullptr);
    CHECK(comparison.compatible());
}

TEST_CASE("query parameters: required, typed from their text, arrays, and unknown ones") {
    const std::string headers = R"("headers":{"X-Api-Key":"k"})";
    const auto valid = compare(create_contract, R"({"method":"GET","path":"/orders","query":"limit=10&status=open,paid",)" + headers + "}", R"({"status":200})");
    CHECK_MESSAGE(valid.findings.empty(), codes(valid));
    const auto missing = compare(create_contract, R"({"method":"GET","path":"/orders",)" + headers + "}", R"({"status":200})");
    CHECK(finding(missing, "request.query.incompatible")->message.find("requires the query parameter limit") != std::string::npos);
    CHECK(finding(compare(create_contract, R"({"method":"GET","path":"/orders","query":"limit=1000",)" + headers + "}", R"({"status":200})"),
                  "request.query.incompatible")
              ->pact_location == "$.request.query.limit");
    CHECK(finding(compare(create_contract, R"({"method":"GET","path":"/orders","query":"limit=ten",)" + headers + "}", R"({"status":200})"),
                  "request.query.incompatible") != nullptr);
    CHECK(finding(compare(create_contract, R"({"method":"GET","path":"/orders","query":"limit=1&status=lost",)" + headers + "}", R"({"status":200})"),
                  "request.query.incompatible") != nullptr);
    const auto unknown = compare(create_contract, R"({"method":"GET","path":"/orders","query":"limit=1&page=2",)" + headers + "}", R"({"status":200})");
    REQUIRE(finding(unknown, "request.query.unknown") != nullptr);
    CHECK(finding(unknown, "request.query.unknown")->severity == finding_severity::warning);
}

TEST_CASE("a parameter or header the contract gives no schema for allows any value") {
    constexpr std::string_view contract = R"(openapi: 3.0.0
info: {title: t, version: "1"}
paths:
  /search:
    get:
      parameters: [{name: filter, in: query, content: {application/json: {schema: {type: object}}}}]
      responses:
        "200": {description: d, headers: {X-Total: {description: no schema}}}
)";
    const auto comparison = compare(contract, R"({"method":"GET","path":"/search","query":"filter=%7B%7D"})", R"({"status":200,"headers":{"X-Total":"3"}})");
    CHECK_MESSAGE(comparison.findings.empty(), codes(comparison));
}

TEST_CASE("optional fields of the wrong type read as absent, not as a failure") {
    constexpr std::string_view contract = R"(openapi: 3.0.0
info: {title: t, version: "1"}
servers: [{url: 7}, {url: "/v1", variables: {x: {default: 1}}}]
paths:
  /things:
    get:
      parameters: [{$ref: '#/components/parameters/Odd'}]
      requestBody: {required: "yes", content: {}}
      responses: {"200": {description: d, headers: {X-A: {required: 1}}}}
components:
  parameters:
    Odd: {name: odd, in: query, required: "yes", explode: "no", schema: {type: string, nullable: "sometimes", writeOnly: 3}}
)";
    const auto comparison = compare(contract, R"({"method":"GET","path":"/v1/things","query":"odd=1"})", R"({"status":200})");
    CHECK_MESSAGE(comparison.findings.empty(), codes(comparison));
}

TEST_CASE("request headers: a required one missing is an error, an unknown one a warning") {
    const auto missing = compare(create_contract, R"({"method":"POST","path":"/orders","headers":{"X-Api-Key":"k","Content-Type":"application/json"},"body":{"sku":"a"}})",
                                 R"({"status":201})");
    CHECK(finding(missing, "request.header.incompatible")->message.find("requires the header X-Request-Id") != std::string::npos);
    const auto unknown = compare(create_contract,
                                 R"({"method":"POST","path":"/orders","headers":{"X-Api-Key":"k","X-Request-Id":"r","X-Trace":"t","Content-Type":"application/json"},"body":{"sku":"a"}})",
                                 R"({"status":201})");
    REQUIRE(finding(unknown, "request.header.unknown") != nullptr);
    CHECK(finding(unknown, "request.header.unknown")->pact_location == "$.request.headers.X-Trace");
    CHECK(unknown.compatible());
}

TEST_CASE("security: one alternative's credentials must be there, unless the consumer tests a refusal") {
    const std::string body = R"(,"body":{"sku":"a"})";
    CHECK(compare(create_contract, R"({"method":"POST","path":"/orders","headers":{"Authorization":"Bearer t","X-Request-Id":"r","Content-Type":"application/json"})" + body + "}",
                  R"({"status":201})")
              .findings.empty());
    const auto none = compare(create_contract, R"({"method":"POST","path":"/orders","headers":{"X-Request-Id":"r","Content-Type":"application/json"})" + body + "}",
                              R"({"status":201})");
    REQUIRE(finding(none, "request.authorization.missing") != nullptr);
    CHECK(finding(none, "request.authorization.missing")->message.find("X-Api-Key") != std::string::npos);
    CHECK(finding(compare(create_contract, R"({"method":"POST","path":"/orders","headers":{"Content-Type":"application/json"})" + body + "}", R"({"status":400})"),
                  "request.authorization.missing") == nullptr);
}

TEST_CASE("Accept must meet a media type the operation answers with") {
    const auto comparison = compare(orders_contract, R"({"method":"GET","path":"/orders/1","headers":{"Accept":"application/xml"}})", R"({"status":200})");
    CHECK(finding(comparison, "request.accept.incompatible") != nullptr);
    CHECK(compare(orders_contract, R"({"method":"GET","path":"/orders/1","headers":{"Accept":"application/xml, application/json;q=0.9"}})", R"({"status":200})")
              .findings.empty());
    CHECK(compare(orders_contract, R"({"method":"GET","path":"/orders/1","headers":{"Accept":"*/*"}})", R"({"status":200})").findings.empty());
}

TEST_CASE("response status: its own, its range, the default (a warning), or none (an error)") {
    const std::string request = std::string(R"({"method":"POST","path":"/orders","headers":{"Content-Type":"application/json",)") + authorised_headers.data() +
                                R"(},"body":{"sku":"a"}})";
    const auto unknown = compare(orders_contract, R"({"method":"GET","path":"/orders/1"})", R"({"status":500})");
    CHECK(finding(unknown, "response.status.unknown")->message == "the contract's GET /orders/{id} has no 500 response (it has 200, 404)");
    const auto by_default = compare(create_contract, request, R"({"status":409})");
    REQUIRE(finding(by_default, "response.status.default") != nullptr);
    CHECK(by_default.compatible());
    const auto by_range = compare(create_contract, R"({"method":"GET","path":"/orders","query":"limit=1","headers":{"X-Api-Key":"k"}})",
                                  R"({"status":206,"body":[{"id":1}]})");
    CHECK_MESSAGE(by_range.findings.empty(), codes(by_range));
}

TEST_CASE("response headers: checked against their schema, unknown ones an error, standard ones a warning") {
    const std::string request = std::string(R"({"method":"POST","path":"/orders","headers":{"Content-Type":"application/json",)") + authorised_headers.data() +
                                R"(},"body":{"sku":"a"}})";
    CHECK(compare(create_contract, request, R"({"status":201,"headers":{"Location":"/orders/1","X-Order-Id":"1"}})").findings.empty());
    CHECK(finding(compare(create_contract, request, R"({"status":201,"headers":{"X-Order-Id":"one"}})"), "response.header.incompatible") != nullptr);
    const auto unknown = compare(create_contract, request, R"({"status":201,"headers":{"X-Shard":"a"}})");
    CHECK(finding(unknown, "response.header.unknown")->severity == finding_severity::error);
    const auto standard = compare(create_contract, request, R"({"status":201,"headers":{"ETag":"abc"}})");
    CHECK(finding(standard, "response.header.undefined")->severity == finding_severity::warning);
}

TEST_CASE("response media types and bodies the contract does not promise") {
    const auto xml = compare(orders_contract, R"({"method":"GET","path":"/orders/1"})", R"({"status":200,"headers":{"Content-Type":"application/xml"}})");
    CHECK(finding(xml, "response.content-type.incompatible") != nullptr);
    const auto body_on_404 = compare(orders_contract, R"({"method":"GET","path":"/orders/1"})", R"({"status":404,"body":{"error":"no"}})");
    CHECK(finding(body_on_404, "response.body.unknown")->message == "the consumer relies on a body, and the contract's GET /orders/{id} (404) promises none");
    const auto typed_404 = compare(orders_contract, R"({"method":"GET","path":"/orders/1"})", R"({"status":404,"headers":{"Content-Type":"application/json"}})");
    CHECK(finding(typed_404, "response.content-type.unknown")->severity == finding_severity::warning);
}

constexpr std::string_view composed_contract = R"(openapi: 3.0.0
info: {title: t, version: "1"}
paths:
  /pets/{id}:
    get:
      responses:
        "200":
          description: d
          content:
            application/json:
              schema:
                allOf:
                  - $ref: '#/components/schemas/Named'
                  - type: object
                    properties: {owner: {$ref: '#/components/schemas/Person'}}
  /animals:
    get:
      responses:
        "200":
          description: d
          content:
            application/json:
              schema:
                type: array
                items:
                  oneOf:
                    - {type: object, required: [barks], properties: {name: {type: string}, barks: {type: boolean}}}
                    - {type: object, required: [meows], properties: {name: {type: string}, meows: {type: boolean}}}
  /tree:
    get:
      responses:
        "200": {description: d, content: {application/json: {schema: {$ref: '#/components/schemas/Node'}}}}
  /accounts:
    get:
      responses:
        "200":
          description: d
          content:
            application/json:
              schema: {type: object, properties: {login: {type: string}, password: {type: string, writeOnly: true}}}
components:
  schemas:
    Named: {type: object, required: [name], properties: {name: {type: string}}}
    Person: {type: object, properties: {email: {type: string}}}
    Node: {type: object, properties: {value: {type: integer}, children: {type: array, items: {$ref: '#/components/schemas/Node'}}}}
)";

TEST_CASE("allOf's parts are one object: fields of every part are promised, others are not") {
    CHECK(compare(composed_contract, R"({"method":"GET","path":"/pets/1"})", R"({"status":200,"body":{"name":"Rex","owner":{"email":"a@b"}}})")
              .findings.empty());
    const auto unknown = compare(composed_contract, R"({"method":"GET","path":"/pets/1"})", R"({"status":200,"body":{"name":"Rex","age":3}})");
    CHECK(finding(unknown, "response.body.incompatible")->pact_location == "$.response.body.age");
    CHECK(finding(compare(composed_contract, R"({"method":"GET","path":"/pets/1"})", R"({"status":200,"body":{"owner":{"phone":"1"}}})"),
                  "response.body.incompatible")
              ->pact_location == "$.response.body.owner.phone");
}

TEST_CASE("allOf with a part of alternatives: each alternative merged with the other parts") {
    constexpr std::string_view contract = R"(openapi: 3.0.0
info: {title: t, version: "1"}
paths:
  /payments/{id}:
    get:
      responses:
        "200":
          description: d
          content:
            application/json:
              schema:
                allOf:
                  - {type: object, properties: {amount: {type: integer}}}
                  - $ref: '#/components/schemas/Method'
components:
  schemas:
    Method:
      oneOf:
        - {type: object, properties: {card_number: {type: string}}}
        - {type: object, properties: {iban: {type: string}}}
)";
    const auto card = compare(contract, R"({"method":"GET","path":"/payments/1"})", R"({"status":200,"body":{"amount":5,"card_number":"4111"}})");
    CHECK_MESSAGE(card.findings.empty(), codes(card));
    CHECK(compare(contract, R"({"method":"GET","path":"/payments/1"})", R"({"status":200,"body":{"amount":5,"iban":"DE00"}})").findings.empty());
    CHECK_FALSE(compare(contract, R"({"method":"GET","path":"/payments/1"})", R"({"status":200,"body":{"amount":5,"cheque":"1"}})").compatible());
}

TEST_CASE("oneOf: a consumer's few fields may fit several alternatives, but must fit one") {
    CHECK(compare(composed_contract, R"({"method":"GET","path":"/animals"})", R"({"status":200,"body":[{"name":"Rex"}]})").findings.empty());
    CHECK(compare(composed_contract, R"({"method":"GET","path":"/animals"})", R"({"status":200,"body":[{"barks":true}]})").findings.empty());
    CHECK_FALSE(compare(composed_contract, R"({"method":"GET","path":"/animals"})", R"({"status":200,"body":[{"flies":true}]})").compatible());
}

TEST_CASE("recursive schemas are followed, and writeOnly fields are never in a response") {
    CHECK(compare(composed_contract, R"({"method":"GET","path":"/tree"})", R"({"status":200,"body":{"value":1,"children":[{"value":2,"children":[]}]}})")
              .findings.empty());
    CHECK(finding(compare(composed_contract, R"({"method":"GET","path":"/tree"})", R"({"status":200,"body":{"children":[{"colour":"red"}]}})"),
                  "response.body.incompatible")
              ->pact_location == "$.response.body.children[0].colour");
    CHECK_FALSE(compare(composed_contract, R"({"method":"GET","path":"/accounts"})", R"({"status":200,"body":{"password":"x"}})").compatible());
}

TEST_CASE("a schema that extends itself through allOf is inlined once per level of a response, not forever") {
    // Found by the fuzzer: an Item whose items are allOf [Item, more fields] recursed until the stack overflowed.
    constexpr std::string_view contract = R"(openapi: 3.0.0
info: {title: t, version: "1"}
paths:
  /items/{id}:
    get:
      responses:
        "200": {description: d, content: {application/json: {schema: {$ref: '#/components/schemas/Item'}}}}
  /baskets/{id}:
    get:
      responses:
        "200": {description: d, content: {application/json: {schema: {$ref: '#/components/schemas/Basket'}}}}
components:
  schemas:
    Basket:
      allOf:
        - $ref: '#/components/schemas/Item'
        - {type: object, properties: {owner: {type: string}}}
    Item:
      type: object
      properties:
        name: {type: string}
        parts:
          type: array
          items:
            allOf:
              - $ref: '#/components/schemas/Item'
              - {type: object, properties: {quantity: {type: integer}}}
)";
    const auto nested = compare(contract, R"({"method":"GET","path":"/items/1"})",
                                R"({"status":200,"body":{"name":"a","parts":[{"name":"b","quantity":2,"parts":[{"name":"c","quantity":1}]}]}})");
    CHECK_MESSAGE(nested.findings.empty(), codes(nested));
    CHECK(finding(compare(contract, R"({"method":"GET","path":"/items/1"})", R"({"status":200,"body":{"parts":[{"colour":"red"}]}})"),
                  "response.body.incompatible")
              ->pact_location == "$.response.body.parts[0].colour");
    // Basket inlines Item before Item's own schema is read: the inlined copy still refers to itself.
    const auto basket = compare(contract, R"({"method":"GET","path":"/baskets/1"})",
                                R"({"status":200,"body":{"owner":"o","name":"a","parts":[{"name":"b","quantity":2,"parts":[{"quantity":1}]}]}})");
    CHECK_MESSAGE(basket.findings.empty(), codes(basket));
    CHECK_FALSE(compare(contract, R"({"method":"GET","path":"/baskets/1"})", R"({"status":200,"body":{"parts":[{"parts":[{"colour":"red"}]}]}})")
                    .compatible());
}

TEST_CASE("OpenAPI 3.1's JSON Schema: type lists and const") {
    constexpr std::string_view contract = R"(openapi: 3.1.0
info: {title: t, version: "1"}
paths:
  /orders/{id}:
    get:
      responses:
        "200":
          description: d
          content:
            application/json:
              schema: {type: object, properties: {note: {type: [string, "null"]}, kind: {const: order}, total: {type: number, exclusiveMinimum: 0}}}
)";
    CHECK(compare(contract, R"({"method":"GET","path":"/orders/1"})", R"({"status":200,"body":{"note":null,"kind":"order","total":1.5}})").findings.empty());
    CHECK_FALSE(compare(contract, R"({"method":"GET","path":"/orders/1"})", R"({"status":200,"body":{"kind":"invoice"}})").compatible());
    CHECK_FALSE(compare(contract, R"({"method":"GET","path":"/orders/1"})", R"({"status":200,"body":{"total":0}})").compatible());
}

TEST_CASE("V4 HTTP interactions are compared and messages are left out") {
    const auto pact = pact_of(R"([
        {"type":"Synchronous/HTTP","description":"get an order","request":{"method":"GET","path":"/orders/1"},
         "response":{"status":200,"body":{"content":{"total_amount":1},"contentType":"application/json","encoded":false}}},
        {"type":"Asynchronous/Messages","description":"an order event","contents":{"content":{"x":1},"contentType":"application/json","encoded":false}}
    ])",
                              "4.0");
    const auto comparison = pact::openapi::compare(pact, contract_of(orders_contract));
    REQUIRE(comparison.findings.size() == 1);
    CHECK(comparison.findings.front().interaction == "get an order");
    CHECK(comparison.findings.front().pact_location == "$.response.body.total_amount");
}

TEST_CASE("findings come errors first, as JSON for the broker and as text grouped by interaction") {
    const auto pact = pact_of(R"([
        {"description":"with a warning","request":{"method":"GET","path":"/orders/1","query":"page=1"},"response":{"status":200}},
        {"description":"with an error","request":{"method":"GET","path":"/orders/1"},"response":{"status":200,"body":{"total_amount":1}}}
    ])");
    const auto comparison = pact::openapi::compare(pact, contract_of(orders_contract));
    REQUIRE(comparison.findings.size() == 2);
    CHECK(comparison.findings[0].severity == finding_severity::error);
    CHECK(comparison.findings[0].interaction_index == 1);
    const auto json = pact::openapi::to_json(comparison);
    CHECK(json["compatible"] == false);
    CHECK(json["errors"] == 1);
    CHECK(json["warnings"] == 1);
    CHECK(json["findings"][0]["code"] == "response.body.incompatible");
    CHECK(json["findings"][0]["interactionIndex"] == 1);
    CHECK(json["findings"][1]["severity"] == "warning");
    const std::string text = pact::openapi::to_text(comparison);
    CHECK(text.find("interaction 2: with an error") < text.find("interaction 1: with a warning"));
    CHECK(text.find("not compatible: 1 error, 1 warning") != std::string::npos);
}

}
