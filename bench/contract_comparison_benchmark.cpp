// The bi-directional comparison's speed: a pact of N interactions against an OpenAPI contract of M operations
// (each with a path parameter, a query parameter, a request body on half of them and a nested response schema
// shared through components), read from YAML and compared, repeated; prints the median and the slowest run.
// Usage: contract-comparison-benchmark [interactions=100] [operations=50] [runs=20]
#include "openapi/contract_comparison.hpp"
#include "pact/pact_reader.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace {

std::string contract_yaml(int operations) {
    std::string yaml = "openapi: 3.0.3\ninfo: {title: orders, version: '1'}\npaths:\n";
    for (int operation = 0; operation < operations; ++operation) {
        const std::string n = std::to_string(operation);
        yaml += "  /resources" + n + "/{id}:\n    parameters: [{name: id, in: path, required: true, schema: {type: integer}}]\n";
        yaml += "    get:\n      parameters: [{name: expand, in: query, schema: {type: boolean}}]\n";
        yaml += "      responses:\n        '200': {description: d, content: {application/json: {schema: {$ref: '#/components/schemas/Order'}}}}\n";
        yaml += "        '404': {description: missing}\n";
        if (operation % 2 == 0)
            yaml += "    put:\n      requestBody: {required: true, content: {application/json: {schema: {$ref: '#/components/schemas/Order'}}}}\n"
                    "      responses: {'204': {description: stored}}\n";
    }
    yaml += R"(components:
  schemas:
    Order:
      type: object
      required: [id, total_cents]
      properties:
        id: {type: integer}
        total_cents: {type: integer, format: int32}
        currency: {type: string, enum: [EUR, USD]}
        placed_at: {type: string, format: date-time}
        customer: {$ref: '#/components/schemas/Customer'}
        items: {type: array, items: {$ref: '#/components/schemas/Item'}}
    Customer:
      type: object
      properties: {name: {type: string}, email: {type: string}, address: {type: object, properties: {city: {type: string}, zip: {type: string}}}}
    Item:
      allOf:
        - {type: object, properties: {sku: {type: string}}}
        - {type: object, properties: {quantity: {type: integer, minimum: 1}, price_cents: {type: integer}}}
)";
    return yaml;
}

std::string pact_json(int interactions, int operations) {
    std::string json = R"({"consumer":{"name":"c"},"provider":{"name":"p"},"metadata":{"pactSpecification":{"version":"3.0.0"}},"interactions":[)";
    for (int index = 0; index < interactions; ++index) {
        const int operation = index % operations;
        const std::string path = "/resources" + std::to_string(operation) + "/" + std::to_string(index + 1);
        const std::string order = R"({"id":1,"total_cents":1250,"currency":"EUR","placed_at":"2026-12-03T10:00:00Z",)"
                                  R"("customer":{"name":"Ada","address":{"city":"Paris"}},"items":[{"sku":"a","quantity":2,"price_cents":625}]})";
        if (index > 0) json += ",";
        if (operation % 2 == 0 && index % 3 == 0)
            json += R"({"description":"store )" + std::to_string(index) + R"(","request":{"method":"PUT","path":")" + path +
                    R"(","headers":{"Content-Type":"application/json"},"body":)" + order + R"(},"response":{"status":204}})";
        else
            json += R"({"description":"read )" + std::to_string(index) + R"(","request":{"method":"GET","path":")" + path +
                    R"(","query":"expand=true"},"response":{"status":200,"headers":{"Content-Type":"application/json"},"body":)" + order + "}}";
    }
    return json + "]}";
}

}  // namespace

int main(int argc, char** argv) {
    const int interactions = argc > 1 ? std::atoi(argv[1]) : 100;
    const int operations = argc > 2 ? std::atoi(argv[2]) : 50;
    const int runs = argc > 3 ? std::atoi(argv[3]) : 20;
    const std::string yaml = contract_yaml(operations);
    const auto pact = pact::read_pact(pact_json(interactions, operations), "benchmark");
    if (!pact) {
        std::fprintf(stderr, "the generated pact is not read\n");
        return 1;
    }
    std::vector<double> milliseconds;
    std::size_t findings = 0;
    for (int run = 0; run < runs; ++run) {
        const auto start = std::chrono::steady_clock::now();
        const auto contract = pact::openapi::read_provider_contract(yaml, "application/yaml");
        if (!contract) {
            std::fprintf(stderr, "the generated contract is not read: %s\n", contract.error().to_string().c_str());
            return 1;
        }
        findings = pact::openapi::compare(*pact, *contract).findings.size();
        milliseconds.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    }
    std::ranges::sort(milliseconds);
    std::printf("contract comparison: %d interactions x %d operations (%zu bytes of YAML), %d runs\n", interactions, operations, yaml.size(), runs);
    std::printf("  read + compare: median %.2f ms, slowest %.2f ms (target: under 50 ms); %zu findings\n", milliseconds[milliseconds.size() / 2],
                milliseconds.back(), findings);
    return findings == 0 ? 0 : 1;  // the generated pact fits its contract: a finding means the comparison is wrong
}
