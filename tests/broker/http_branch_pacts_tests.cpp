// A provider's pacts by consumer branch (what `pact broker get-pacts` reads) and the provider states of its
// consumers' pacts (`pact broker provider-states list`), served in-process without sockets.

#include "http_test_support.hpp"

#include "broker/domain/provider_states.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace pact::broker::api::testing;
using nlohmann::json;

namespace {

// C1 publishes 1.0.0 and 1.1.0 on main; C2 publishes 2.0.0 on main and 2.1.0 on feat/x.
void publish_branches(broker_under_test& broker) {
    REQUIRE(broker.publish("C1", "1.0.0", "Provider", "one", {}, "main").status == 200);
    REQUIRE(broker.publish("C1", "1.1.0", "Provider", "two", {}, "main").status == 200);
    REQUIRE(broker.publish("C2", "2.0.0", "Provider", "three", {}, "main").status == 200);
    REQUIRE(broker.publish("C2", "2.1.0", "Provider", "four", {}, "feat/x").status == 200);
}

// The `pb:pacts` of a list as "consumer version" strings, checking each link names its consumer and pact.
std::vector<std::string> listed(broker_under_test& broker, const std::string& path) {
    auto answer = broker.get(path);
    REQUIRE_MESSAGE(answer.status == 200, path);
    REQUIRE(is_hal_json(answer));
    std::vector<std::string> pacts;
    for (const auto& link : answer.body.at("_links").at("pb:pacts")) {
        const auto consumer = link.at("name").get<std::string>();
        const auto href = link.at("href").get<std::string>();
        const auto version = href.substr(href.rfind('/') + 1);
        CHECK(link.at("title") == "Pact between " + consumer + " (" + version + ") and Provider");
        CHECK(href == test_base_url + "/pacts/provider/Provider/consumer/" + consumer + "/version/" + version);
        pacts.push_back(consumer + " " + version);
    }
    return pacts;
}

using list = std::vector<std::string>;

// A publish body whose pact has the given interactions.
json publish_with_interactions(const std::string& consumer, const std::string& version, const std::vector<json>& interactions) {
    auto body = publish_body(consumer, version, "Provider", "unused", {}, "main");
    auto pact = example_pact(consumer, "Provider", "unused");
    pact["interactions"] = interactions;
    pact["metadata"]["pactSpecification"]["version"] = "3.0.0";
    body["contracts"][0]["content"] = base64(pact.dump());
    return body;
}

json interaction(const std::string& description, const json& states) {
    return {{"description", description},
            {"providerStates", states},
            {"request", {{"method", "GET"}, {"path", "/" + description}}},
            {"response", {{"status", 200}}}};
}

}  // namespace

TEST_CASE("get-pacts lists the pacts of each consumer's main branch, all of them or the latest of each") {
    broker_under_test broker;
    publish_branches(broker);
    CHECK(listed(broker, "/pacts/provider/Provider/branch") == list{"C1 1.0.0", "C1 1.1.0", "C2 2.0.0"});
    CHECK(listed(broker, "/pacts/provider/Provider/branch/latest") == list{"C1 1.1.0", "C2 2.0.0"});
    auto answer = broker.get("/pacts/provider/Provider/branch/latest");
    CHECK(answer.body.at("_links").at("self").at("href") == test_base_url + "/pacts/provider/Provider/branch/latest");
    CHECK(answer.body.at("_links").at("pb:provider").at("name") == "Provider");
}

TEST_CASE("get-pacts lists the pacts of a named consumer branch, a branch with a slash included") {
    broker_under_test broker;
    publish_branches(broker);
    REQUIRE(broker.publish("C2", "2.2.0", "Provider", "five", {}, "feat/x").status == 200);
    CHECK(listed(broker, "/pacts/provider/Provider/branch/feat%2Fx") == list{"C2 2.1.0", "C2 2.2.0"});
    // The official CLI puts the branch into the path as it is.
    CHECK(listed(broker, "/pacts/provider/Provider/branch/feat/x") == list{"C2 2.1.0", "C2 2.2.0"});
    CHECK(listed(broker, "/pacts/provider/Provider/branch/feat/x/latest") == list{"C2 2.2.0"});
    CHECK(listed(broker, "/pacts/provider/Provider/branch/main") == list{"C1 1.0.0", "C1 1.1.0", "C2 2.0.0"});
    CHECK(listed(broker, "/pacts/provider/Provider/branch/nothing-here").empty());
}

TEST_CASE("get-pacts of one consumer answers at the official CLI's paths and at the Pact Broker's") {
    broker_under_test broker;
    publish_branches(broker);
    const std::string pair = "/pacts/provider/Provider/consumer/C1/branch";
    CHECK(listed(broker, pair) == list{"C1 1.0.0", "C1 1.1.0"});
    CHECK(listed(broker, pair + "/versions") == list{"C1 1.0.0", "C1 1.1.0"});
    CHECK(listed(broker, pair + "/latest") == list{"C1 1.1.0"});
    CHECK(listed(broker, pair + "/latest/versions") == list{"C1 1.1.0"});
    CHECK(listed(broker, pair + "/main") == list{"C1 1.0.0", "C1 1.1.0"});
    CHECK(listed(broker, pair + "/main/latest/versions") == list{"C1 1.1.0"});
    CHECK(listed(broker, "/pacts/provider/Provider/consumer/C2/branch/feat/x") == list{"C2 2.1.0"});

    // The latest pact of a consumer branch is the pact itself, naming itself as a one-element list too.
    auto pact = broker.get("/pacts/provider/Provider/consumer/C2/branch/feat/x/latest");
    REQUIRE(pact.status == 200);
    CHECK(pact.body.at("interactions").at(0).at("description") == "four");
    CHECK(listed(broker, "/pacts/provider/Provider/consumer/C2/branch/feat/x/latest") == list{"C2 2.1.0"});
}

TEST_CASE("get-pacts of an unknown provider or consumer is a 404 with a JSON body") {
    broker_under_test broker;
    publish_branches(broker);
    check_client_error(broker.get("/pacts/provider/Nobody/branch"), 404);
    check_client_error(broker.get("/pacts/provider/Nobody/branch/main/latest"), 404);
    check_client_error(broker.get("/pacts/provider/Provider/consumer/Nobody/branch"), 404);
    check_client_error(broker.get("/pacts/provider/Provider/consumer/C1/branch/nothing-here/latest"), 404);
}

TEST_CASE("the index names the pacts-by-branch and provider-states resources as templated links") {
    broker_under_test broker;
    auto index = broker.get("/");
    REQUIRE(index.status == 200);
    const auto& links = index.body.at("_links");
    for (const auto& [relation, path] : std::vector<std::pair<std::string, std::string>>{
             {"pb:provider-pacts-with-main-branch", "/pacts/provider/{provider}/branch"},
             {"pb:latest-provider-pacts-with-main-branch", "/pacts/provider/{provider}/branch/latest"},
             {"pb:provider-pacts-with-branch", "/pacts/provider/{provider}/branch/{branch}"},
             {"pb:latest-provider-pacts-with-branch", "/pacts/provider/{provider}/branch/{branch}/latest"},
             {"pb:main-branch-pact-versions", "/pacts/provider/{provider}/consumer/{consumer}/branch/versions"},
             {"pb:latest-main-branch-pact-versions", "/pacts/provider/{provider}/consumer/{consumer}/branch/latest/versions"},
             {"pb:branch-pact-versions", "/pacts/provider/{provider}/consumer/{consumer}/branch/{branch}"},
             {"pb:latest-branch-pact-versions", "/pacts/provider/{provider}/consumer/{consumer}/branch/{branch}/latest/versions"},
             {"pb:provider-states", "/pacts/provider/{provider}/provider-states"}}) {
        REQUIRE_MESSAGE(links.contains(relation), relation);
        CHECK(links.at(relation).at("href") == test_base_url + path);
        CHECK(links.at(relation).at("templated") == true);
    }
}

TEST_CASE("provider states are gathered from the latest pact of each consumer's main branch, once each with its consumers") {
    broker_under_test broker;
    REQUIRE(broker.post("/contracts/publish", publish_with_interactions("C1", "1.0.0", {interaction("old", {{{"name", "an old state"}}})})).status == 200);
    REQUIRE(broker.post("/contracts/publish",
                        publish_with_interactions("C1", "1.1.0", {interaction("a", {{{"name", "order 1 exists"}, {"params", {{"id", 1}}}}}),
                                                                  interaction("b", {{{"name", "no orders"}}})}))
                .status == 200);
    REQUIRE(broker.post("/contracts/publish",
                        publish_with_interactions("C2", "2.0.0", {interaction("c", {{{"name", "order 1 exists"}, {"params", {{"id", 1}}}}}),
                                                                  interaction("d", {{{"name", "order 1 exists"}, {"params", {{"id", 2}}}}})}))
                .status == 200);

    auto answer = broker.get("/pacts/provider/Provider/provider-states");
    REQUIRE(answer.status == 200);
    REQUIRE(is_hal_json(answer));
    CHECK(answer.body.at("providerStates") == json::parse(R"([
        {"name": "no orders", "consumers": ["C1"]},
        {"name": "order 1 exists", "params": {"id": 1}, "consumers": ["C1", "C2"]},
        {"name": "order 1 exists", "params": {"id": 2}, "consumers": ["C2"]}])"));
    check_client_error(broker.get("/pacts/provider/Nobody/provider-states"), 404);
}

TEST_CASE("provider states of a branch, and of what is deployed or released in an environment") {
    broker_under_test broker;
    auto on_branch = publish_with_interactions("C1", "1.0.0", {interaction("a", {{{"name", "state on main"}}})});
    REQUIRE(broker.post("/contracts/publish", on_branch).status == 200);
    auto on_feature = publish_with_interactions("C1", "2.0.0", {interaction("b", {{{"name", "state on feat/x"}}})});
    on_feature["branch"] = "feat/x";
    REQUIRE(broker.post("/contracts/publish", on_feature).status == 200);
    REQUIRE(broker.post("/contracts/publish", publish_with_interactions("C2", "3.0.0", {interaction("c", {{{"name", "released state"}}})})).status == 200);

    auto names = [&](const std::string& path) {
        auto answer = broker.get(path);
        REQUIRE_MESSAGE(answer.status == 200, path);
        std::vector<std::string> found;
        for (const auto& state : answer.body.at("providerStates")) found.push_back(state.at("name").get<std::string>());
        return found;
    };
    CHECK(names("/pacts/provider/Provider/provider-states/branch/feat/x") == list{"state on feat/x"});
    CHECK(names("/pacts/provider/Provider/provider-states/branch/elsewhere").empty());

    auto environment = broker.post("/environments", {{"name", "production"}});
    REQUIRE(environment.status == 201);
    const auto uuid = environment.body.at("uuid").get<std::string>();
    CHECK(names("/pacts/provider/Provider/provider-states/environment/production").empty());
    REQUIRE(broker.post("/pacticipants/C1/versions/1.0.0/deployed-versions/environment/" + uuid, json::object()).status == 201);
    REQUIRE(broker.post("/pacticipants/C2/versions/3.0.0/released-versions/environment/" + uuid, json::object()).status == 201);
    CHECK(names("/pacts/provider/Provider/provider-states/environment/production") == list{"released state", "state on main"});
    CHECK(names("/pacts/provider/Provider/provider-states/environment/" + uuid) == list{"released state", "state on main"});
    check_client_error(broker.get("/pacts/provider/Provider/provider-states/environment/nowhere"), 404);
}

TEST_CASE("provider states are read from v2 providerState, v3 providerStates and messages, parameters telling states apart") {
    using pact::broker::domain::pact_publication;
    using pact::broker::domain::provider_state_usage;
    pact_publication v2;
    v2.consumer_name = "Old";
    v2.content = {{"consumer", {{"name", "Old"}}}, {"provider", {{"name", "Provider"}}},
                  {"metadata", {{"pactSpecification", {{"version", "2.0.0"}}}}},
                  {"interactions", {{{"description", "a request"}, {"providerState", "a thing exists"}}, {{"description", "no state"}}}}};
    pact_publication v3;
    v3.consumer_name = "New";
    v3.content = {{"consumer", {{"name", "New"}}}, {"provider", {{"name", "Provider"}}},
                  {"metadata", {{"pactSpecification", {{"version", "3.0.0"}}}}},
                  {"interactions", {{{"description", "a request"},
                                     {"providerStates", {{{"name", "a thing exists"}}, {{"name", "a thing exists"}, {"params", {{"id", 7}}}}}}}}},
                  {"messages", {{{"description", "an event"}, {"contents", json::object()},
                                 {"providerStates", {{{"name", "an event happened"}, {"params", nullptr}}}}}}}};
    const auto usages = pact::broker::domain::aggregate_provider_states({v2, v3, v2});
    CHECK(usages == std::vector<provider_state_usage>{{"a thing exists", std::nullopt, {"Old", "New"}},
                                                      {"a thing exists", json{{"id", 7}}, {"New"}},
                                                      {"an event happened", std::nullopt, {"New"}}});
}
