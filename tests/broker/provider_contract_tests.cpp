// Bi-directional contracts over the broker's HTTP API: publishing an OpenAPI provider contract (both forms the
// official clients use), the comparisons made when either side is published, their resources, and what the matrix
// and can-i-deploy make of them; can-i-change, which compares a proposed contract without publishing it; and the
// commands of our `pact` for them against the real pact-broker. The comparison rules themselves are tested in tests/openapi/.

#include "broker_process.hpp"
#include "http_test_support.hpp"
#include "support/files.hpp"
#include "support/process.hpp"
#include "test_database.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace pact::broker::api::testing;
using nlohmann::json;

TEST_SUITE_BEGIN("component");

namespace {

// payment-service relies on $.total_amount of GET /orders/{id}.
json amount_pact(const std::string& description = "a request for order 1") {
    return json::parse(R"({"consumer":{"name":"payment-service"},"provider":{"name":"order-service"},
      "interactions":[{"description":")" + description + R"(","request":{"method":"GET","path":"/orders/1"},
        "response":{"status":200,"headers":{"Content-Type":"application/json"},"body":{"id":1,"total_amount":1250},
          "matchingRules":{"body":{"$.total_amount":{"matchers":[{"match":"integer"}]}}}}}],
      "metadata":{"pactSpecification":{"version":"3.0.0"}}})");
}

// order-service's contract, naming the amount field as given.
std::string amount_contract(const std::string& amount_field) {
    return "openapi: 3.0.3\ninfo: {title: order-service, version: 2.1.0}\npaths:\n  /orders/{id}:\n    get:\n"
           "      parameters: [{name: id, in: path, required: true, schema: {type: integer}}]\n"
           "      responses:\n        '200':\n          description: an order\n          content:\n            application/json:\n"
           "              schema:\n                type: object\n                properties:\n                  id: {type: integer}\n"
           "                  " + amount_field + ": {type: integer}\n";
}

json provider_contract_body(const std::string& version, const std::string& document, std::optional<bool> self_verified = true) {
    json self = {{"content", base64("14 passing")}, {"contentType", "text/plain"}, {"format", "text"}, {"verifier", "dredd"}, {"verifierVersion", "14.1"}};
    if (self_verified) self["success"] = *self_verified;
    return {{"pacticipantVersionNumber", version},
            {"branch", "main"},
            {"tags", {"dev"}},
            {"buildUrl", "https://ci/builds/7"},
            {"contract", {{"content", base64(document)}, {"contentType", "application/yaml"}, {"specification", "oas"}, {"selfVerificationResults", self}}}};
}

void publish_amount_pact(broker_under_test& broker, const std::string& version, const json& pact = amount_pact()) {
    const json body = {{"pacticipantName", "payment-service"},
                       {"pacticipantVersionNumber", version},
                       {"branch", "main"},
                       {"contracts",
                        {{{"consumerName", "payment-service"}, {"providerName", "order-service"}, {"specification", "pact"},
                          {"contentType", "application/json"}, {"content", base64(pact.dump())}}}}};
    REQUIRE(broker.post("/contracts/publish", body).status == 200);
}

answer publish_amount_contract(broker_under_test& broker, const std::string& version, const std::string& amount_field, std::optional<bool> self_verified = true) {
    return broker.post("/provider-contracts/provider/order-service/publish", provider_contract_body(version, amount_contract(amount_field), self_verified));
}

// Records the version as deployed to production (created on first use).
void deploy_to_production(broker_under_test& broker, const std::string& pacticipant, const std::string& version) {
    auto environments = broker.get("/environments").body.at("_embedded").at("environments");
    std::string uuid;
    for (const auto& environment : environments)
        if (environment.at("name") == "production") uuid = environment.at("uuid");
    if (uuid.empty()) {
        const auto created = broker.post("/environments", {{"name", "production"}, {"production", true}});
        REQUIRE(created.status == 201);
        uuid = created.body.at("uuid");
    }
    REQUIRE(broker.post("/pacticipants/" + pacticipant + "/versions/" + version + "/deployed-versions/environment/" + uuid, json::object()).status == 201);
}

answer can_i_deploy_to_production(broker_under_test& broker, const std::string& pacticipant, const std::string& version) {
    return broker.get("/can-i-deploy?pacticipant=" + pacticipant + "&version=" + version + "&environment=production");
}

std::string can_i_deploy_reason(const answer& answer) { return answer.body.at("summary").at("reason").get<std::string>(); }

}  // namespace

TEST_CASE("publishing a provider contract answers as the official clients expect, with the version's branch and tags") {
    broker_under_test broker;
    const auto index = broker.get("/");
    CHECK(index.body.at("_links").at("pf:publish-provider-contract").at("href") == test_base_url + "/provider-contracts/provider/{provider}/publish");

    const auto published = publish_amount_contract(broker, "2.1.0", "total_amount");
    REQUIRE(published.status == 200);
    CHECK(is_hal_json(published));
    CHECK(published.body.at("_embedded").at("version").at("number") == "2.1.0");
    CHECK(published.body.at("notices").at(0).at("type") == "success");
    CHECK(published.body.at("notices").at(0).at("text").get<std::string>().find("order-service version 2.1.0") != std::string::npos);
    CHECK(published.body.at("_links").at("pb:pacticipant-version-tags").at(0).at("name") == "dev");
    CHECK(published.body.at("_links").at("pb:branch-version").at("name") == "main");

    const auto version = broker.get("/pacticipants/order-service/versions/2.1.0");
    REQUIRE(version.status == 200);
    CHECK(version.body.at("buildUrl") == "https://ci/builds/7");
    CHECK(version.body.at("_embedded").at("branchVersions").at(0).at("name") == "main");

    const auto contract = broker.get("/contracts/bi-directional/provider/order-service/version/2.1.0/provider-contract");
    REQUIRE(contract.status == 200);
    CHECK(contract.body.at("content") == amount_contract("total_amount"));
    CHECK(contract.body.at("contentType") == "application/yaml");
    CHECK(contract.body.at("selfVerificationResults").at("success") == true);
    CHECK(contract.body.at("selfVerificationResults").at("content") == "14 passing");
    CHECK(contract.body.at("selfVerificationResults").at("verifier") == "dredd");
    const auto self = broker.get("/contracts/bi-directional/provider/order-service/version/2.1.0/provider-contract-verification-results");
    REQUIRE(self.status == 200);
    CHECK(self.body.at("verifierVersion") == "14.1");

    // The older form: the version in the path, contractType and verificationResults.
    const json old_form = {{"content", base64(amount_contract("total_amount"))},
                           {"contractType", "oas"},
                           {"contentType", "application/yaml"},
                           {"verificationResults", {{"success", false}, {"verifier", "schemathesis"}}}};
    const auto put = broker.put("/contracts/provider/order-service/version/2.2.0", old_form);
    CHECK(put.status == 201);
    const auto stored = broker.get("/contracts/bi-directional/provider/order-service/version/2.2.0/provider-contract");
    CHECK(stored.body.at("selfVerificationResults").at("success") == false);
    CHECK(stored.body.at("selfVerificationResults").at("verifier") == "schemathesis");
}

TEST_CASE("a provider contract that is not an OpenAPI document, not base64, or refers elsewhere is refused with a 400 naming the problem") {
    broker_under_test broker;
    const auto post = [&](const json& body) { return broker.post("/provider-contracts/provider/order-service/publish", body); };

    const auto not_openapi = post(provider_contract_body("1", "some: contract\n"));
    check_client_error(not_openapi, 400);
    CHECK(not_openapi.body.at("errors").at("contract.content").at(0).get<std::string>().find("openapi or swagger") != std::string::npos);

    auto not_base64 = provider_contract_body("1", "");
    not_base64["contract"]["content"] = "%%%";
    check_client_error(post(not_base64), 400);
    CHECK(post(not_base64).body.at("errors").contains("contract.content"));

    const auto remote = post(provider_contract_body("1", "openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n"
                                                "        '200': {$ref: 'https://example.com/responses.yaml#/ok'}\n"));
    check_client_error(remote, 400);
    CHECK(remote.body.dump().find("bundle") != std::string::npos);

    auto other_specification = provider_contract_body("1", amount_contract("total_amount"));
    other_specification["contract"]["specification"] = "graphql";
    check_client_error(post(other_specification), 400);

    auto no_version = provider_contract_body("1", amount_contract("total_amount"));
    no_version.erase("pacticipantVersionNumber");
    check_client_error(post(no_version), 400);

    // Nothing was stored by the refusals.
    CHECK(broker.get("/pacticipants/order-service/versions/1").status == 404);
}

TEST_CASE("can-i-deploy refuses a provider whose contract renamed a field a deployed consumer relies on, naming the field and its new name") {
    broker_under_test broker;
    publish_amount_pact(broker, "1.0.0");
    deploy_to_production(broker, "payment-service", "1.0.0");

    const auto renamed = publish_amount_contract(broker, "2.1.0", "total_cents");
    REQUIRE(renamed.status == 200);
    CHECK(renamed.body.at("notices").dump().find("total_amount") != std::string::npos);
    const auto refused = can_i_deploy_to_production(broker, "order-service", "2.1.0");
    REQUIRE(refused.status == 200);
    CHECK(refused.body.at("summary").at("deployable") == false);
    CHECK(can_i_deploy_reason(refused).find("$.total_amount is not in the contract (it has total_cents: renamed?)") != std::string::npos);
    // Explained: the cause's code, the finding, and the command that checks a corrected contract first.
    const auto explanation = refused.body.at("explanations").at(0);
    CHECK(explanation.at("code") == "contract_incompatible");
    CHECK(explanation.at("text").get<std::string>().find("order-service 2.1.0's provider contract does not satisfy the pact payment-service 1.0.0") !=
          std::string::npos);
    CHECK(explanation.at("text").get<std::string>().find("(it has total_cents: renamed?)") != std::string::npos);
    CHECK(explanation.at("command").get<std::string>().starts_with("pact broker can-i-change --provider order-service --contract openapi.yaml"));
    const auto row = refused.body.at("matrix").at(0);
    CHECK(row.at("verificationResult").at("verificationType") == "BDCT");
    CHECK(row.at("verificationResult").at("success") == false);
    const auto comparison_url = row.at("verificationResult").at("_links").at("self").at("href").get<std::string>();
    CHECK(comparison_url == test_base_url +
                                "/contracts/bi-directional/consumer/payment-service/version/1.0.0/provider/order-service/version/2.1.0/"
                                "cross-contract-verification-results");

    const auto comparison = broker.get(comparison_url.substr(test_base_url.size()));
    REQUIRE(comparison.status == 200);
    CHECK(comparison.body.at("compatible") == false);
    CHECK(comparison.body.at("errors") == 1);
    CHECK(comparison.body.at("findings").at(0).at("code") == "response.body.incompatible");
    CHECK(comparison.body.at("findings").at(0).at("pactLocation") == "$.response.body.total_amount");

    REQUIRE(publish_amount_contract(broker, "2.2.0", "total_amount").status == 200);
    const auto allowed = can_i_deploy_to_production(broker, "order-service", "2.2.0");
    CHECK(allowed.body.at("summary").at("deployable") == true);
    CHECK(allowed.body.at("matrix").at(0).at("verificationResult").at("verificationType") == "BDCT");
}

TEST_CASE("a compatible contract whose self-verification failed or was never published does not deploy") {
    broker_under_test broker;
    publish_amount_pact(broker, "1.0.0");
    deploy_to_production(broker, "payment-service", "1.0.0");

    REQUIRE(publish_amount_contract(broker, "2.1.0", "total_amount", false).status == 200);
    const auto failed = can_i_deploy_to_production(broker, "order-service", "2.1.0");
    CHECK(failed.body.at("summary").at("deployable") == false);
    CHECK(can_i_deploy_reason(failed).find("self-verification of its contract failed") != std::string::npos);

    REQUIRE(publish_amount_contract(broker, "2.2.0", "total_amount", std::nullopt).status == 200);
    const auto unknown = can_i_deploy_to_production(broker, "order-service", "2.2.0");
    CHECK(unknown.body.at("summary").at("deployable") == false);
    CHECK(can_i_deploy_reason(unknown).find("no self-verification result") != std::string::npos);
}

TEST_CASE("a consumer version relying on a field the deployed contract lacks is compared when its pact is published, and refused") {
    broker_under_test broker;
    REQUIRE(publish_amount_contract(broker, "2.1.0", "total_cents").status == 200);
    deploy_to_production(broker, "order-service", "2.1.0");

    publish_amount_pact(broker, "1.1.0");
    const auto refused = can_i_deploy_to_production(broker, "payment-service", "1.1.0");
    CHECK(refused.body.at("summary").at("deployable") == false);
    CHECK(can_i_deploy_reason(refused).find("total_amount") != std::string::npos);
    CHECK(broker.get("/contracts/bi-directional/consumer/payment-service/version/1.1.0/provider/order-service/version/2.1.0/"
                     "cross-contract-verification-results")
              .status == 200);
}

TEST_CASE("either kind of success counts for a pair: a verifier's success beside a failed comparison deploys") {
    broker_under_test broker;
    publish_amount_pact(broker, "1.0.0");
    deploy_to_production(broker, "payment-service", "1.0.0");
    REQUIRE(publish_amount_contract(broker, "2.1.0", "total_cents").status == 200);
    REQUIRE(can_i_deploy_to_production(broker, "order-service", "2.1.0").body.at("summary").at("deployable") == false);

    const auto pact = broker.get("/pacts/provider/order-service/consumer/payment-service/version/1.0.0");
    const auto results_href = pact.body.at("_links").at("pb:publish-verification-results").at("href").get<std::string>();
    REQUIRE(broker.post(results_href.substr(test_base_url.size()), {{"success", true}, {"providerApplicationVersion", "2.1.0"}}).status == 201);
    const auto allowed = can_i_deploy_to_production(broker, "order-service", "2.1.0");
    CHECK(allowed.body.at("summary").at("deployable") == true);
    CHECK(allowed.body.at("matrix").at(0).at("verificationResult").at("verificationType") == "CDCT");
}

TEST_CASE("publishing a contract again for the version replaces it and its comparisons, and the matrix lists every comparison of a pact") {
    broker_under_test broker;
    publish_amount_pact(broker, "1.0.0");
    REQUIRE(publish_amount_contract(broker, "2.1.0", "total_cents").status == 200);
    REQUIRE(publish_amount_contract(broker, "2.1.0", "total_amount").status == 200);
    const auto comparison = broker.get("/contracts/bi-directional/consumer/payment-service/version/1.0.0/provider/order-service/version/2.1.0/"
                                       "cross-contract-verification-results");
    CHECK(comparison.body.at("compatible") == true);

    REQUIRE(publish_amount_contract(broker, "2.2.0", "total_cents").status == 200);
    const auto matrix = broker.get("/matrix?q[][pacticipant]=payment-service&q[][version]=1.0.0&q[][pacticipant]=order-service");
    REQUIRE(matrix.status == 200);
    REQUIRE(matrix.body.at("matrix").size() == 2);
    for (const auto& row : matrix.body.at("matrix")) {
        CHECK(row.at("verificationResult").at("verificationType") == "BDCT");
        CHECK(row.at("verificationResult").at("success") == (row.at("provider").at("version").at("number") == "2.1.0"));
    }

    check_client_error(broker.get("/contracts/bi-directional/provider/order-service/version/9.9.9/provider-contract"), 404);
    check_client_error(broker.get("/contracts/bi-directional/consumer/payment-service/version/1.0.0/provider/order-service/version/9.9.9/"
                                  "cross-contract-verification-results"),
                       404);
}


TEST_CASE("a pact published after its provider's contract was replaced is compared with the new contract, not a remembered one") {
    broker_under_test broker;
    REQUIRE(publish_amount_contract(broker, "2.1.0", "total_cents").status == 200);
    publish_amount_pact(broker, "1.0.0");  // relies on total_amount: compared with the contract as read when published
    const auto comparison_of = [&](const std::string& consumer_version) {
        return broker.get("/contracts/bi-directional/consumer/payment-service/version/" + consumer_version +
                          "/provider/order-service/version/2.1.0/cross-contract-verification-results");
    };
    CHECK(comparison_of("1.0.0").body.at("compatible") == false);
    REQUIRE(publish_amount_contract(broker, "2.1.0", "total_amount").status == 200);
    publish_amount_pact(broker, "1.1.0", amount_pact("another request for order 1"));  // new content: compared on this publish
    CHECK(comparison_of("1.1.0").body.at("compatible") == true);
    REQUIRE(publish_amount_contract(broker, "2.1.0", "total_cents").status == 200);
    publish_amount_pact(broker, "1.2.0", amount_pact("a third request for order 1"));
    CHECK(comparison_of("1.2.0").body.at("compatible") == false);
}
TEST_CASE("a comparison fires the webhooks of provider_verification_published and of its outcome") {
    broker_under_test broker;
    publish_amount_pact(broker, "1.0.0");
    for (const char* event : {"provider_verification_published", "provider_verification_failed"}) {
        const json webhook = {{"events", {{{"name", event}}}}, {"request", {{"method", "POST"}, {"url", "https://ci.example/hook"}}}};
        REQUIRE(broker.post("/webhooks/provider/order-service/consumer/payment-service", webhook).status == 201);
    }
    REQUIRE(publish_amount_contract(broker, "2.1.0", "total_cents").status == 200);
    const auto status = broker.get("/pacts/provider/order-service/consumer/payment-service/webhooks/status");
    REQUIRE(status.status == 200);
    std::vector<std::string> events;
    for (const auto& triggered : status.body.at("_embedded").at("triggeredWebhooks")) events.push_back(triggered.at("eventName"));
    std::ranges::sort(events);
    CHECK(events == std::vector<std::string>{"provider_verification_failed", "provider_verification_published"});
}

TEST_CASE("can-i-change compares a proposed contract with the consumer versions that count, and stores nothing") {
    broker_under_test broker;
    publish_amount_pact(broker, "1.0.0");
    deploy_to_production(broker, "payment-service", "1.0.0");
    const auto ask = [&](const std::string& field, json scope = json::object()) {
        scope["contract"] = {{"content", base64(amount_contract(field))}, {"contentType", "application/yaml"}};
        return broker.post("/provider-contracts/provider/order-service/can-i-change", scope);
    };
    CHECK(broker.get("/").body.at("_links").at("pb:can-i-change").at("href") == test_base_url + "/provider-contracts/provider/{provider}/can-i-change");

    const auto renamed = ask("total_cents", {{"environment", "production"}});
    REQUIRE(renamed.status == 200);
    CHECK(renamed.body.at("compatible") == false);
    CHECK(renamed.body.at("summary") == json{{"compatible", 0}, {"incompatible", 1}});
    const auto consumer = renamed.body.at("consumers").at(0);
    CHECK(consumer.at("name") == "payment-service");
    CHECK(consumer.at("version") == "1.0.0");
    CHECK(consumer.at("environments") == json{"production"});
    CHECK(consumer.at("findings").at(0).at("message").get<std::string>().find("(it has total_cents: renamed?)") != std::string::npos);

    const auto unchanged = ask("total_amount");
    CHECK(unchanged.body.at("compatible") == true);
    CHECK(unchanged.body.at("consumers").at(0).at("branch") == "main");
    CHECK(ask("total_cents", {{"branch", "feat/none"}}).body.at("consumers").empty());

    // Nothing was published: no provider version, no comparison in the matrix.
    CHECK(broker.get("/pacticipants/order-service/versions").body.at("_embedded").at("versions").empty());
    check_client_error(ask("total_cents", {{"environment", "nowhere"}}), 404);
    check_client_error(ask("total_cents", {{"environment", "production"}, {"branch", "main"}}), 400);
    check_client_error(broker.post("/provider-contracts/provider/order-service/can-i-change", json::object()), 400);
    check_client_error(broker.post("/provider-contracts/provider/nobody/can-i-change",
                                   {{"contract", {{"content", base64(amount_contract("total_amount"))}}}}),
                       404);
}

TEST_CASE("the seed's story with the real binaries: field-usage names the deployed consumer, can-i-change refuses the rename, "
          "publish-provider-contract and describe-provider-contract") {
    pact::testing::temporary_directory directory;
    const auto database = directory.path() / "broker.sqlite";
    pact::broker::testing::test_database test_database(database);
    broker_process broker(database);
    const auto pact = [&](std::vector<std::string> arguments) {
        arguments.insert(arguments.begin(), PACT_CLI_BINARY);
        arguments.insert(arguments.end(), {"-b", broker.base_url()});
        return pact::testing::run_command(arguments);
    };
    directory.write("pacts/pact.json", amount_pact().dump());
    REQUIRE(pact({"publish", (directory.path() / "pacts").string(), "-a", "1.0.0", "--branch", "main"}).exit_code == 0);
    REQUIRE(pact({"create-environment", "--name", "production"}).exit_code == 0);
    REQUIRE(pact({"record-deployment", "--pacticipant", "payment-service", "--version", "1.0.0", "--environment", "production"}).exit_code == 0);
    const auto renamed = directory.write("renamed.yaml", amount_contract("total_cents"));
    const auto unchanged = directory.write("unchanged.yaml", amount_contract("total_amount"));

    const auto usage = pact({"broker", "field-usage", "--provider", "order-service", "--field", "$.total_amount", "--environment", "production"});
    INFO(usage.all());
    CHECK(usage.out.find("payment-service 1.0.0 (production)") != std::string::npos);

    const auto refused = pact({"broker", "can-i-change", "--provider", "order-service", "--contract", renamed, "--to-environment", "production"});
    INFO(refused.all());
    CHECK(refused.exit_code == 1);
    CHECK(refused.out.find("❌ payment-service 1.0.0 (production): a request for order 1: in the body of GET /orders/{id} (200), "
                           "$.total_amount is not in the contract (it has total_cents: renamed?)") != std::string::npos);
    const auto allowed = pact({"broker", "can-i-change", "--provider", "order-service", "--contract", unchanged});
    INFO(allowed.all());
    CHECK(allowed.exit_code == 0);
    CHECK(allowed.out.find("breaks no consumer") != std::string::npos);
    const auto as_json = pact({"can-i-change", "--provider", "order-service", "--contract", renamed, "-o", "json"});
    CHECK(as_json.exit_code == 1);
    CHECK(json::parse(as_json.out).at("compatible") == false);
    CHECK(pact({"can-i-change", "--provider", "order-service", "--contract", directory.write("bad.yaml", "some: contract\n")}).exit_code == 1);

    const auto published = pact({"pactflow", "publish-provider-contract", renamed, "--provider", "order-service", "-a", "2.0.0", "--branch", "main",
                                 "--content-type", "application/yaml", "--verification-exit-code", "0", "--verifier", "dredd"});
    INFO(published.all());
    CHECK(published.exit_code == 0);
    CHECK(published.out.find("Published the provider contract for order-service version 2.0.0") != std::string::npos);
    const auto deploy = pact({"can-i-deploy", "--pacticipant", "order-service", "--version", "2.0.0", "--to-environment", "production"});
    INFO(deploy.all());
    CHECK(deploy.exit_code == 1);
    CHECK(deploy.out.find("total_cents: renamed?") != std::string::npos);
    const auto explained = pact({"can-i-deploy", "--pacticipant", "order-service", "--version", "2.0.0", "--to-environment", "production", "--explain"});
    INFO(explained.all());
    CHECK(explained.out.find("[contract_incompatible] order-service 2.0.0's provider contract does not satisfy the pact payment-service 1.0.0") !=
          std::string::npos);
    CHECK(explained.out.find("    pact broker can-i-change --provider order-service --contract openapi.yaml") != std::string::npos);
    const auto described = pact({"describe-provider-contract", "--provider", "order-service", "--version", "2.0.0"});
    INFO(described.all());
    CHECK(described.exit_code == 1);
    CHECK(described.out.find("Self-verification: passed by dredd") != std::string::npos);
    CHECK(described.out.find("payment-service 1.0.0: not compatible (1 errors, 0 warnings)") != std::string::npos);
    CHECK(described.out.find("error response.body.incompatible at $.response.body.total_amount") != std::string::npos);
}
