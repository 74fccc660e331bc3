// `pact compare-contract`: the seed's story run locally, over the real binary. The rules themselves are in
// tests/openapi/.
#include "support/files.hpp"
#include "support/process.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <string>

using pact::testing::run_command;

TEST_SUITE_BEGIN("component");

namespace {

constexpr const char* payment_pact = R"({"consumer":{"name":"payment-service"},"provider":{"name":"order-service"},
  "interactions":[{"description":"a request for order 1","request":{"method":"GET","path":"/orders/1"},
    "response":{"status":200,"headers":{"Content-Type":"application/json"},"body":{"id":1,"total_amount":1250},
      "matchingRules":{"body":{"$.total_amount":{"matchers":[{"match":"integer"}]}}}}}],
  "metadata":{"pactSpecification":{"version":"3.0.0"}}})";

std::string order_contract(const std::string& amount_field) {
    return "openapi: 3.0.3\ninfo: {title: order-service, version: 2.1.0}\npaths:\n  /orders/{id}:\n    get:\n"
           "      parameters: [{name: id, in: path, required: true, schema: {type: integer}}]\n"
           "      responses:\n        '200':\n          description: an order\n          content:\n            application/json:\n"
           "              schema:\n                type: object\n                properties:\n                  id: {type: integer}\n"
           "                  " + amount_field + ": {type: integer}\n";
}

}  // namespace

TEST_CASE("compare-contract exits 0 for a contract that keeps the consumer's fields") {
    pact::testing::temporary_directory directory;
    const auto result = run_command({PACT_BINARY, "compare-contract", "--pact", directory.write("pact.json", payment_pact), "--contract",
                                     directory.write("openapi.yaml", order_contract("total_amount"))});
    INFO(result.all());
    CHECK(result.exit_code == 0);
    CHECK(result.out.find("compatible: 0 errors, 0 warnings") != std::string::npos);
}

TEST_CASE("compare-contract exits 1 naming the field a renamed contract lost, and its new name") {
    pact::testing::temporary_directory directory;
    const std::string pact = directory.write("pact.json", payment_pact);
    const std::string contract = directory.write("openapi.yaml", order_contract("total_cents"));
    const auto text = run_command({PACT_BINARY, "compare-contract", "--pact", pact, "--contract", contract});
    INFO(text.all());
    CHECK(text.exit_code == 1);
    CHECK(text.out.find("interaction 1: a request for order 1") != std::string::npos);
    CHECK(text.out.find("error response.body.incompatible at $.response.body.total_amount") != std::string::npos);
    CHECK(text.out.find("(it has total_cents: renamed?)") != std::string::npos);

    const auto json = run_command({PACT_BINARY, "compare-contract", "--pact", pact, "--contract", contract, "-o", "json"});
    CHECK(json.exit_code == 1);
    const auto answer = nlohmann::json::parse(json.out);
    CHECK(answer["compatible"] == false);
    CHECK(answer["findings"][0]["pactLocation"] == "$.response.body.total_amount");
}

TEST_CASE("compare-contract exits 2 with a sentence for a document that is not a contract or a missing file") {
    pact::testing::temporary_directory directory;
    const std::string pact = directory.write("pact.json", payment_pact);
    const auto not_contract = run_command({PACT_BINARY, "compare-contract", "--pact", pact, "--contract", directory.write("notes.yaml", "title: notes\n")});
    CHECK(not_contract.exit_code == 2);
    CHECK(not_contract.errors.find("is not a provider contract: the document is neither OpenAPI 3 nor Swagger 2.0") != std::string::npos);
    const auto remote = run_command({PACT_BINARY, "compare-contract", "--pact", pact, "--contract",
                                     directory.write("remote.yaml", "openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n"
                                                                    "      responses: {'200': {$ref: 'common.yaml#/ok'}}\n")});
    CHECK(remote.exit_code == 2);
    CHECK(remote.errors.find("remote references are not supported") != std::string::npos);
    CHECK(run_command({PACT_BINARY, "compare-contract", "--pact", pact, "--contract", (directory.path() / "absent.yaml").string()}).exit_code == 2);
}

TEST_SUITE_END();
