// can-i-deploy's explanations over the broker's HTTP API: for each integration that is not a clear yes, the cause's
// code, a sentence naming the versions, and the command that would settle it (the bi-directional cause is tested
// with the provider contracts, in provider_contract_tests.cpp).

#include "http_test_support.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace pact::broker::api::testing;
using nlohmann::json;

TEST_SUITE_BEGIN("component");

namespace {

// payment-service 1.1.0 has a pact with order-service; production exists.
struct explained_broker {
    broker_under_test broker;
    std::string production;

    explained_broker() {
        REQUIRE(broker.publish("payment-service", "1.1.0", "order-service").status == 200);
        const auto created = broker.post("/environments", {{"name", "production"}, {"production", true}});
        REQUIRE(created.status == 201);
        production = created.body.at("uuid");
    }

    void verify(const std::string& provider_version, bool success, const json& test_results = json::array()) {
        const auto pact = broker.get("/pacts/provider/order-service/consumer/payment-service/version/1.1.0");
        const auto results = pact.body.at("_links").at("pb:publish-verification-results").at("href").get<std::string>();
        REQUIRE(broker.post(results.substr(test_base_url.size()),
                            {{"providerApplicationVersion", provider_version}, {"success", success}, {"testResults", test_results}})
                    .status == 201);
    }

    void deploy(const std::string& pacticipant, const std::string& version) {
        REQUIRE(broker.put("/pacticipants/" + pacticipant + "/versions/" + version, json::object()).status / 100 == 2);
        REQUIRE(broker.post("/pacticipants/" + pacticipant + "/versions/" + version + "/deployed-versions/environment/" + production, json::object()).status ==
                201);
    }

    json explanations(const std::string& pacticipant = "payment-service", const std::string& version = "1.1.0") {
        const auto answer = broker.get("/can-i-deploy?pacticipant=" + pacticipant + "&version=" + version + "&environment=production");
        REQUIRE(answer.status == 200);
        return answer.body.at("explanations");
    }
};

std::vector<std::string> codes(const json& explanations) {
    std::vector<std::string> found;
    for (const auto& explanation : explanations) found.push_back(explanation.at("code"));
    return found;
}

std::string text_of(const json& explanation) { return explanation.at("text"); }
std::string command_of(const json& explanation) { return explanation.at("command"); }
bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("a pact no provider version has verified is explained with the verifier command that would verify it") {
    explained_broker fixture;
    fixture.deploy("order-service", "1.9.0");
    const auto explanations = fixture.explanations();
    REQUIRE(codes(explanations) == std::vector<std::string>{"never_verified"});
    CHECK(has(text_of(explanations[0]), "order-service has never verified the pact payment-service 1.1.0 published (content "));
    CHECK(command_of(explanations[0]) == "pact verifier --broker-url http://broker.test --provider-name order-service --provider-version <version> --publish");
}

TEST_CASE("a clear yes has no explanations") {
    explained_broker fixture;
    fixture.deploy("order-service", "1.9.0");
    fixture.verify("1.9.0", true);
    const auto answer = fixture.broker.get("/can-i-deploy?pacticipant=payment-service&version=1.1.0&environment=production");
    CHECK(answer.body.at("summary").at("deployable") == true);
    CHECK(answer.body.at("explanations") == json::array());
}

TEST_CASE("when another provider version verified the pact, the explanation names both and asks to deploy the one that did") {
    explained_broker fixture;
    fixture.deploy("order-service", "1.9.0");
    fixture.verify("2.0.0", true);
    const auto explanations = fixture.explanations();
    REQUIRE(codes(explanations) == std::vector<std::string>{"verified_by_other_version"});
    CHECK(has(text_of(explanations[0]), "order-service currently in production (1.9.0) has not verified the pact payment-service 1.1.0"));
    CHECK(has(text_of(explanations[0]), "order-service 2.0.0 has: deploy order-service 2.0.0 to production first"));
    CHECK(command_of(explanations[0]) ==
          "pact broker can-i-deploy --pacticipant order-service --version 2.0.0 --to-environment production --broker-base-url http://broker.test");
}

TEST_CASE("a failed verification is explained with its first mismatches, and a pact never verified successfully as pending") {
    explained_broker fixture;
    fixture.deploy("order-service", "1.9.0");
    fixture.verify("1.9.0", false,
                   json::array({{{"interactionId", "1"},
                                 {"success", false},
                                 {"interactionDescription", "a request for order 1"},
                                 {"mismatches", json::array({{{"part", "body"}, {"path", "$.total_amount"}, {"message", "$.total_amount: the field is missing"}}})}}}));
    const auto explanations = fixture.explanations();
    REQUIRE(codes(explanations) == std::vector<std::string>{"verification_failed", "pending"});
    CHECK(has(text_of(explanations[0]), "order-service 1.9.0 failed to verify the pact payment-service 1.1.0 published"));
    CHECK(has(text_of(explanations[0]), "a request for order 1: $.total_amount: the field is missing"));
    CHECK(has(command_of(explanations[0]), "pact verifier --broker-url http://broker.test --provider-name order-service"));
    CHECK(has(text_of(explanations[1]), "is pending for order-service"));
    CHECK(has(text_of(explanations[1]), "--enable-pending reports its failures without failing"));
    CHECK(has(command_of(explanations[1]), "--enable-pending --publish"));

    // Once some version of order-service has verified it, the pact is no longer pending.
    fixture.verify("2.0.0", true);
    CHECK(codes(fixture.explanations()) == std::vector<std::string>{"verification_failed"});
}

TEST_CASE("a provider with no version in the environment is explained with the record-deployment command") {
    explained_broker fixture;
    const auto explanations = fixture.explanations();
    REQUIRE(codes(explanations) == std::vector<std::string>{"not_in_target"});
    CHECK(text_of(explanations[0]) == "no version of order-service is recorded in production; if one is, record it");
    CHECK(command_of(explanations[0]) ==
          "pact broker record-deployment --pacticipant order-service --version <version> --environment production --broker-base-url http://broker.test");

    // Deploying to a tag: the version with the tag is missing, and the command tags one.
    const auto tagged = fixture.broker.get("/can-i-deploy?pacticipant=payment-service&version=1.1.0&to=prod");
    REQUIRE(codes(tagged.body.at("explanations")) == std::vector<std::string>{"not_in_target"});
    CHECK(has(command_of(tagged.body.at("explanations")[0]), "pact broker create-version-tag --pacticipant order-service --version <version> --tag prod"));

    // Against the latest versions: order-service has none yet.
    const auto latest = fixture.broker.get("/matrix?q[][pacticipant]=payment-service&q[][version]=1.1.0&latestby=cvp&latest=true");
    REQUIRE(codes(latest.body.at("explanations")) == std::vector<std::string>{"not_in_target"});
    CHECK(text_of(latest.body.at("explanations")[0]) == "order-service has no version yet; its first verification (or publication) makes one");
    CHECK(has(command_of(latest.body.at("explanations")[0]), "pact verifier --broker-url http://broker.test --provider-name order-service"));

    // Against the main branches: order-service has none named.
    const auto main_branch = fixture.broker.get("/matrix?q[][pacticipant]=payment-service&q[][version]=1.1.0&latestby=cvp&mainBranch=true");
    REQUIRE(codes(main_branch.body.at("explanations")) == std::vector<std::string>{"not_in_target"});
    CHECK(has(text_of(main_branch.body.at("explanations")[0]), "order-service has no main branch"));
}

TEST_CASE("a version the broker does not know is explained with the command that publishes it") {
    explained_broker fixture;
    const auto explanations = fixture.explanations("payment-service", "9.9.9");
    REQUIRE(codes(explanations) == std::vector<std::string>{"version_not_found"});
    CHECK(has(text_of(explanations[0]), "No pacts or verifications have been published for version 9.9.9 of payment-service"));
    CHECK(has(command_of(explanations[0]), "pact publish pacts --consumer-app-version 9.9.9 --branch <branch>"));

    // A provider's unknown version: the command verifies with it.
    fixture.deploy("order-service", "1.9.0");
    const auto provider = fixture.explanations("order-service", "3.0.0");
    REQUIRE(codes(provider) == std::vector<std::string>{"version_not_found"});
    CHECK(has(command_of(provider[0]), "--provider-name order-service --provider-version 3.0.0 --publish"));
}

TEST_CASE("names with spaces or quotes are quoted in the commands, so that they can be pasted into a shell") {
    broker_under_test broker;
    REQUIRE(broker.publish("payment service", "1.0.0", "order's service").status == 200);
    REQUIRE(broker.post("/environments", {{"name", "production"}, {"production", true}}).status == 201);
    const auto answer = broker.get("/can-i-deploy?pacticipant=payment%20service&version=1.0.0&environment=production");
    REQUIRE(answer.status == 200);
    CHECK(has(command_of(answer.body.at("explanations")[0]), "--pacticipant 'order'\\''s service' --version <version>"));
}
