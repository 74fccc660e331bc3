// The Ruby Pact Broker client's own pacts with the Pact Broker (../shared/upstream-pacts/pact_broker-client),
// verified by our verifier against the real pact-broker binary. The provider states are set up by a state-change
// endpoint that this test serves (the broker has no such thing): it opens the broker's database beside it,
// clears it through the domain services and seeds what each state names, as the Pact Broker's own
// provider-state definitions (spec/service_consumers/shared_provider_states.rb) do.
//
// What the test changes in the pacts, and why, is in `prepared_pact` below; no interaction is left out.

#include "broker_process.hpp"
#include "http_test_support.hpp"
#include "support/process.hpp"
#include "test_database.hpp"

#include "broker/domain/broker_services.hpp"
#include "http/server.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <functional>
#include <map>
#include <mutex>
#include <stdexcept>

using namespace pact::broker;
using nlohmann::json;

TEST_SUITE_BEGIN("component");

namespace {

// ---------------------------------------------------------------------------------------------------------
// Seeding, through the domain services

template <typename T>
T required(domain::result<T> outcome, std::string_view what) {
    if (!outcome) throw std::runtime_error(std::string(what) + ": " + outcome.error().message);
    return std::move(*outcome);
}
void required(domain::result<void> outcome, std::string_view what) {
    if (!outcome) throw std::runtime_error(std::string(what) + ": " + outcome.error().message);
}

// The steps of the Pact Broker's TestDataBuilder the states use. Pacts have no interactions (the client's
// pacts expect `"interactions": []`) and differ by a counter, so every pact and revision is new content.
class seeder {
public:
    explicit seeder(domain::broker_services& services) : services_(services) {}

    seeder& pacticipant(const std::string& name, std::optional<std::string> repository_url = std::nullopt) {
        domain::pacticipant_changes changes;
        if (repository_url) changes.repository_url = std::optional(std::move(repository_url));
        required(services_.pacticipants.create_or_update_pacticipant(name, changes), "pacticipant " + name);
        return *this;
    }
    // TestDataBuilder#create_pricing_service: with its repository URL.
    seeder& pricing_service() { return pacticipant("Pricing Service", "git@git.realestate.com.au:business-systems/pricing-service"); }
    seeder& version(const std::string& pacticipant, const std::string& number, std::optional<std::string> branch = std::nullopt,
                    std::vector<std::string> tags = {}) {
        required(services_.pacticipants.create_or_update_version(pacticipant, number, {std::move(branch), std::nullopt, std::move(tags)}),
                 "version " + number);
        return *this;
    }
    seeder& tag(const std::string& pacticipant, const std::string& number, const std::string& tag) {
        required(services_.pacticipants.add_tag(pacticipant, number, tag), "tag " + tag);
        return *this;
    }
    // A pact (or, for a consumer version that has one, a revision of it) published by the consumer version.
    seeder& pact(const std::string& consumer, const std::string& version, const std::string& provider) {
        json content = {{"consumer", {{"name", consumer}}},
                        {"provider", {{"name", provider}}},
                        {"interactions", json::array()},
                        {"metadata", {{"pactSpecification", {{"version", "2.0.0"}}}, {"seed", ++pacts_}}}};
        current_sha_ = required(services_.publications.publish_pact(provider, consumer, version, content), "pact").pact.pact_version_sha;
        current_ = {consumer, provider};
        return *this;
    }
    // A verification of the pact seeded last.
    seeder& verification(const std::string& provider_version, bool success = true) {
        domain::verification_to_publish result{provider_version, success};
        required(services_.verifications.publish_verification(current_.second, current_.first, current_sha_, result), "verification");
        return *this;
    }
    seeder& environment(const std::string& name, std::optional<std::string> uuid = std::nullopt, json contacts = json::array()) {
        domain::environment_input input{name, std::nullopt, false, std::move(contacts), std::move(uuid)};
        environments_[name] = required(services_.environments.create_environment(input), "environment " + name).uuid;
        return *this;
    }
    // TestDataBuilder#create_webhook: for the consumer and provider seeded before.
    seeder& webhook(const std::string& uuid, const std::string& consumer, const std::string& provider) {
        domain::webhook_input input;
        input.consumer = domain::webhook_pacticipant{consumer, std::nullopt};
        input.provider = domain::webhook_pacticipant{provider, std::nullopt};
        input.events = {"contract_content_changed"};
        input.request = {"POST", "http://example.org", json::object(), json::object(), std::nullopt, std::nullopt};
        required(services_.webhooks.create_or_update_webhook(uuid, input), "webhook " + uuid);
        return *this;
    }
    seeder& deployment(const std::string& pacticipant, const std::string& version, const std::string& environment, std::string uuid,
                       std::optional<std::string> target = std::nullopt) {
        required(services_.environments.record_deployment(pacticipant, version, environments_.at(environment), std::move(target), std::move(uuid)),
                 "deployment");
        return *this;
    }

private:
    domain::broker_services& services_;
    int pacts_ = 0;
    std::string current_sha_;
    std::pair<std::string, std::string> current_;  // consumer, provider
    std::map<std::string, std::string> environments_;
};

const std::string foo_version = "5556b8149bf8bac76bc30f50a8a2dd4c22c85f30";
const std::string test_environment_uuid = "cb632df3-0a0d-4227-aac3-60114dd36479";
const std::string other_test_environment_uuid = "16926ef3-590f-4e3f-838e-719717aa88c9";
const std::string deployed_version_uuid = "ff3adecf-cfc5-4653-a4e3-f1861092f8e0";

// "the pact for X version 1.2.3 has been verified by Bar version 4.5.6": two revisions, two verifications, then
// a second consumer version with a revised pact verified again.
void verified_twice_with_a_second_version(seeder& seed, const std::string& consumer) {
    seed.pact(consumer, "1.2.3", "Bar").pact(consumer, "1.2.3", "Bar").verification("4.5.6").verification("7.8.9");
    seed.pact(consumer, "2.0.0", "Bar").pact(consumer, "2.0.0", "Bar").verification("4.5.6");
}

using state_setup = std::function<void(seeder&)>;
void nothing(seeder&) {}

// Every provider state the two pacts name, with what the Pact Broker seeds for it.
const std::map<std::string, state_setup, std::less<>>& provider_states() {
    static const std::map<std::string, state_setup, std::less<>> states = {
        {"the pb:pacticipant-branch relation exists in the index resource", nothing},
        {"the pb:latest-version relation exists in the index resource", nothing},
        {"the pb:latest-tagged-version relation exists in the index resource", nothing},
        {"the pb:publish-contracts relations exists in the index resource", nothing},
        {"the pb:pacticipant-version and pb:environments relations exist in the index resource", nothing},
        {"the pb:environments relation exists in the index resource", nothing},
        {"the pacticipant relations are present", nothing},
        {"the 'Pricing Service' does not exist in the pact-broker", nothing},
        {"'Condor' does not exist in the pact-broker", nothing},
        {"no pact between Condor and the Pricing Service exists", nothing},
        {"a branch named main exists for pacticipant Foo", [](seeder& s) { s.version("Foo", "1", "main"); }},
        {"a pact between Condor and the Pricing Service exists", [](seeder& s) { s.pricing_service().pact("Condor", "1.3.0", "Pricing Service"); }},
        {"the 'Pricing Service' and 'Condor' already exist in the pact-broker, and Condor already has a pact published for version 1.3.0",
         [](seeder& s) { s.pricing_service().pact("Condor", "1.3.0", "Pricing Service"); }},
        {"a latest pact between Condor and the Pricing Service exists", [](seeder& s) { s.pact("Condor", "1.3.0", "Pricing Service"); }},
        {"tagged as prod pact between Condor and the Pricing Service exists",
         [](seeder& s) { s.version("Condor", "1.3.0", std::nullopt, {"prod"}).pact("Condor", "1.3.0", "Pricing Service"); }},
        {"a pact between Condor and the Pricing Service exists for the production version of Condor",
         [](seeder& s) { s.version("Condor", "1.3.0", std::nullopt, {"prod"}).pact("Condor", "1.3.0", "Pricing Service"); }},
        {"'Condor' exists in the pact-broker", [](seeder& s) { s.version("Condor", "1.3.0"); }},
        {"'Condor' exists in the pact-broker with version 1.3.0, tagged with 'prod'", [](seeder& s) { s.version("Condor", "1.3.0", std::nullopt, {"prod"}); }},
        {"'Condor' exists in the pact-broker with the latest version 1.2.3", [](seeder& s) { s.version("Condor", "1.0.0").version("Condor", "1.2.3"); }},
        {"'Condor' exists in the pact-broker with the latest tagged 'production' version 1.2.3",
         [](seeder& s) { s.version("Condor", "1.2.3", std::nullopt, {"production"}).version("Condor", "2.0.0"); }},
        {"the 'Pricing Service' already exists in the pact-broker", [](seeder& s) { s.pricing_service().version("Pricing Service", "1.3.0"); }},
        {"the 'Pricing Service' and 'Condor' already exist in the pact-broker", [](seeder& s) { s.pacticipant("Condor").pacticipant("Pricing Service"); }},
        {"a pacticipant with name Foo exists", [](seeder& s) { s.pacticipant("Foo"); }},
        {"provider Bar version 4.5.6 has a successful verification for Foo version 1.2.3 tagged prod and a failed verification for version 3.4.5 tagged prod",
         [](seeder& s) {
             s.version("Foo", "1.2.3", std::nullopt, {"prod"}).pact("Foo", "1.2.3", "Bar").verification("4.5.6");
             s.version("Foo", "3.4.5", std::nullopt, {"prod"}).pact("Foo", "3.4.5", "Bar").verification("4.5.6", false);
         }},
        {"the pact for Foo version 1.2.3 has been verified by Bar version 4.5.6", [](seeder& s) { verified_twice_with_a_second_version(s, "Foo"); }},
        {"the pact for Foo Thing version 1.2.3 has been verified by Bar version 4.5.6",
         [](seeder& s) { verified_twice_with_a_second_version(s, "Foo Thing"); }},
        {"the pact for Foo version 1.2.3 has been verified by Bar version 4.5.6 and version 5.6.7",
         [](seeder& s) { s.pact("Foo", "1.2.3", "Bar").pact("Foo", "1.2.3", "Bar").verification("4.5.6").verification("5.6.7"); }},
        {"the pact for Foo version 1.2.3 and 1.2.4 has been verified by Bar version 4.5.6",
         [](seeder& s) {
             s.pact("Foo", "1.2.3", "Bar").pact("Foo", "1.2.3", "Bar").verification("4.5.6");
             s.pact("Foo", "1.2.4", "Bar").pact("Foo", "1.2.4", "Bar").verification("4.5.6");
         }},
        {"the pact for Foo version 1.2.3 has been successfully verified by Bar version 4.5.6, and 1.2.4 unsuccessfully by 9.9.9",
         [](seeder& s) {
             s.pact("Foo", "1.2.3", "Bar").pact("Foo", "1.2.3", "Bar").verification("4.5.6");
             s.pact("Foo", "1.2.4", "Bar").pact("Foo", "1.2.4", "Bar").verification("9.9.9", false);
         }},
        {"the pact for Foo version 1.2.3 has been successfully verified by Bar version 4.5.6 with tag prod, and 1.2.4 unsuccessfully by 9.9.9",
         [](seeder& s) {
             s.pact("Foo", "1.2.3", "Bar").pact("Foo", "1.2.3", "Bar").verification("4.5.6").tag("Bar", "4.5.6", "prod");
             s.pact("Foo", "1.2.4", "Bar").pact("Foo", "1.2.4", "Bar").verification("9.9.9", false);
         }},
        {"the pact for Foo version 1.2.3 has been successfully verified by Bar version 4.5.6 (tagged prod) and version 5.6.7",
         [](seeder& s) { s.pact("Foo", "1.2.3", "Bar").verification("4.5.6").tag("Bar", "4.5.6", "prod").verification("5.6.7"); }},
        {"an environment exists",
         [](seeder& s) { s.environment("test", std::nullopt, json::array({{{"name", "foo"}, {"details", {{"emailAddress", "foo@bar.com"}}}}})); }},
        {"an environment with name test exists", [](seeder& s) { s.environment("test"); }},
        {"an environment with name test and UUID 16926ef3-590f-4e3f-838e-719717aa88c9 exists",
         [](seeder& s) { s.environment("test", other_test_environment_uuid); }},
        {"version 5556b8149bf8bac76bc30f50a8a2dd4c22c85f30 of pacticipant Foo exists with a test environment available for deployment",
         [](seeder& s) { s.version("Foo", foo_version).environment("test", test_environment_uuid); }},
        {"version 5556b8149bf8bac76bc30f50a8a2dd4c22c85f30 of pacticipant Foo exists with a test environment available for release",
         [](seeder& s) { s.version("Foo", foo_version).environment("test", test_environment_uuid); }},
        {"version 5556b8149bf8bac76bc30f50a8a2dd4c22c85f30 of pacticipant Foo exists with 2 environments that aren't test available for deployment",
         [](seeder& s) { s.version("Foo", foo_version).environment("prod").environment("dev"); }},
        {"an version is deployed to environment with UUID 16926ef3-590f-4e3f-838e-719717aa88c9 with target customer-1",
         [](seeder& s) {
             s.environment("test", other_test_environment_uuid).version("Foo", foo_version);
             s.deployment("Foo", foo_version, "test", deployed_version_uuid, "customer-1");
         }},
        {"a webhook with the uuid 696c5f93-1b7f-44bc-8d03-59440fcaa9a0 exists",
         [](seeder& s) { s.pacticipant("Condor").pacticipant("Pricing Service").webhook("696c5f93-1b7f-44bc-8d03-59440fcaa9a0", "Condor", "Pricing Service"); }},
        {"a currently deployed version exists",
         [](seeder& s) {
             s.environment("test", test_environment_uuid).version("Foo", foo_version).deployment("Foo", foo_version, "test", deployed_version_uuid);
         }},
    };
    return states;
}

// The state-change endpoint: {"state", "params", "action"} as the verifier POSTs it. Setup clears the
// broker's data and seeds the state; teardown clears. An unknown state is a 400 naming it.
class state_change_endpoint {
public:
    explicit state_change_endpoint(const std::filesystem::path& database)
        : store_(testing::open_test_store(database)),
          // Revising a consumer version's pact is what several states do; the real broker keeps refusing it.
          services_(*store_, domain::broker_config{.allow_dangerous_contract_modification = true}),
          server_([this](const pact::http::request& request) { return handle(request); }) {}

    [[nodiscard]] std::string url() const { return "http://127.0.0.1:" + std::to_string(server_.port()) + "/provider-states"; }

private:
    pact::http::response handle(const pact::http::request& request) {
        std::scoped_lock lock(mutex_);
        auto answer = [&](unsigned status, const json& body) {
            return pact::http::make_response(request, status, "application/json", body.dump());
        };
        try {
            auto body = json::parse(request.body());
            const auto state = body.at("state").get<std::string>();
            clear();
            // A teardown, or the state "" the verifier sets up before an interaction without states, leaves
            // the broker empty.
            if (body.value("action", "setup") == "teardown" || state.empty()) return answer(200, json::object());
            auto found = provider_states().find(state);
            if (found == provider_states().end()) return answer(400, {{"errors", {"no set-up for the provider state '" + state + "'"}}});
            seeder seed(services_);
            found->second(seed);
            return answer(200, json::object());
        } catch (const std::exception& error) {
            return answer(500, {{"errors", {error.what()}}});
        }
    }

    void clear() {
        for (const auto& webhook : services_.webhooks.list_webhooks())
            required(services_.webhooks.delete_webhook(webhook.uuid), "clearing webhook " + webhook.uuid);
        for (const auto& pacticipant : services_.pacticipants.list_pacticipants())
            required(services_.pacticipants.delete_pacticipant(pacticipant.name), "clearing " + pacticipant.name);
        for (const auto& environment : services_.environments.list_environments())
            required(services_.environments.delete_environment(environment.uuid), "clearing " + environment.name);
    }

    std::mutex mutex_;
    std::unique_ptr<store::store> store_;
    domain::broker_services services_;
    pact::http::server server_;
};

// ---------------------------------------------------------------------------------------------------------
// The pacts, prepared for verification

// The client's consumer tests point some requests at placeholders its mock index handed out (the consumer
// need not know the broker's URLs); the Pact Broker's own verification (spec/service_consumers/
// hal_relation_proxy_app.rb) maps them to where its index relations lead, and so does this table. The
// record-release placeholder leads to the released-versions path (pb:record-release), not the
// deployed-versions path that table gives it.
const std::vector<std::pair<std::string, std::string>> placeholder_paths = {
    {"/HAL-REL-PLACEHOLDER-INDEX-PB-LATEST-TAGGED-VERSION-Condor-production", "/pacticipants/Condor/latest-version/production"},
    {"/HAL-REL-PLACEHOLDER-INDEX-PB-LATEST-VERSION-Condor", "/pacticipants/Condor/latest-version"},
    {"/HAL-REL-PLACEHOLDER-PB-WEBHOOKS", "/webhooks"},
    {"/HAL-REL-PLACEHOLDER-PB-ENVIRONMENTS", "/environments"},
    {"/HAL-REL-PLACEHOLDER-PB-PACTICIPANT-VERSION-Foo-" + foo_version, "/pacticipants/Foo/versions/" + foo_version},
    {"/HAL-REL-PLACEHOLDER-PB-RECORD-DEPLOYMENT-FOO-5556B8149BF8BAC76BC30F50A8A2DD4C22C85F30-TEST",
     "/pacticipants/Foo/versions/" + foo_version + "/deployed-versions/environment/" + test_environment_uuid},
    {"/HAL-REL-PLACEHOLDER-PB-RECORD-RELEASE-FOO-5556B8149BF8BAC76BC30F50A8A2DD4C22C85F30-TEST",
     "/pacticipants/Foo/versions/" + foo_version + "/released-versions/environment/" + test_environment_uuid},
    {"/HAL-REL-PLACEHOLDER-PB-PUBLISH-CONTRACTS", "/contracts/publish"},
    {"/PLACEHOLDER-DEPLOYED-VERSION-" + deployed_version_uuid, "/deployed-versions/" + deployed_version_uuid},
    {"/PLACEHOLDER-ENVIRONMENT-CURRENTLY-DEPLOYED-" + other_test_environment_uuid,
     "/environments/" + other_test_environment_uuid + "/deployed-versions/currently-deployed"},
    {"/HAL-REL-PLACEHOLDER-PB-ENVIRONMENT-" + other_test_environment_uuid, "/environments/" + other_test_environment_uuid},
    {"/HAL-REL-PLACEHOLDER-PB-PACTICIPANT-BRANCH-Foo-main", "/pacticipants/Foo/branches/main"},
};

json read_json(const std::filesystem::path& file) {
    std::ifstream in(file);
    REQUIRE_MESSAGE(in.good(), "cannot read " << file);
    return json::parse(in);
}

std::string state_of(const json& interaction) {
    if (interaction.contains("providerState")) return interaction.at("providerState").get<std::string>();
    if (interaction.contains("providerStates") && !interaction.at("providerStates").empty())
        return interaction.at("providerStates").at(0).at("name").get<std::string>();
    return "";
}

// The pact with placeholders mapped. `ordered_queries` are the matrix queries of the same interactions in
// the order the client sends them (the pact written by the client's newer, Rust-based mock server sorts query
// parameters by name, which loses which `q[][version]` belongs to which `q[][pacticipant]`; the Pact Broker's
// own verification restores the order from a table).
json prepared_pact(json pact, const std::map<std::string, std::string>& ordered_queries) {
    for (auto& interaction : pact.at("interactions")) {
        auto& request = interaction.at("request");
        auto path = request.at("path").get<std::string>();
        for (const auto& [placeholder, real] : placeholder_paths)
            if (path == placeholder) path = real;
        request["path"] = path;
        if (path == "/matrix") {
            auto ordered = ordered_queries.find(interaction.at("description").get<std::string>() + "\n" + state_of(interaction));
            if (ordered != ordered_queries.end()) request["query"] = ordered->second;
        }
    }
    return pact;
}

std::map<std::string, std::string> matrix_queries(const json& pact) {
    std::map<std::string, std::string> queries;
    for (const auto& interaction : pact.at("interactions"))
        if (interaction.at("request").at("path") == "/matrix")
            queries[interaction.at("description").get<std::string>() + "\n" + state_of(interaction)] = interaction.at("request").at("query");
    return queries;
}

struct verification_outcome {
    int interactions = 0;
    int passed = 0;
    std::vector<std::string> failures;  // description, state and mismatches
};

// Verifies the pact file against a fresh broker with the state-change endpoint beside it.
verification_outcome verify_against_broker(const std::filesystem::path& pact_file, const std::filesystem::path& directory) {
    const auto database = directory / "broker.sqlite";
    // Hrefs as the Pact Broker's own verification configures them (base_urls = http://example.org): the client's
    // pacts expect some of them literally.
    api::testing::broker_process broker(database, {"--base-url", "http://example.org"});
    state_change_endpoint states(database);
    const auto report = directory / "report.json";
    // One interaction at a time with a teardown after each, as the Pact Broker verifies them (each in its own
    // rolled-back transaction): interactions without states then start from an empty broker.
    const auto verifier = pact::testing::run_command({PACT_CLI_BINARY, "verifier", "-f", pact_file.string(), "-h", "127.0.0.1", "-p",
                                                      std::to_string(broker.port()), "--state-change-url", states.url(), "--state-change-teardown",
                                                      "--concurrency", "1", "--json", report.string()});
    // 0 all matched, 1 mismatches (listed below); anything else means the verifier could not run.
    REQUIRE_MESSAGE(verifier.exit_code <= 1, verifier.all());
    verification_outcome outcome;
    const auto results = read_json(report);
    for (const auto& verified : results.at("pacts"))
        for (const auto& interaction : verified.at("interactions")) {
            ++outcome.interactions;
            if (interaction.at("success") == true) {
                ++outcome.passed;
                continue;
            }
            outcome.failures.push_back(interaction.at("description").get<std::string>() + " [" + interaction.at("providerStates").dump() + "]: " +
                                       interaction.at("mismatches").dump());
        }
    return outcome;
}

void verify_client_pact(const std::string& file_name, const std::filesystem::path& ordered_queries_from = {}) {
    const std::filesystem::path pacts = std::filesystem::path(PACT_SHARED_DIR) / "upstream-pacts" / "pact_broker-client";
    auto pact = read_json(pacts / file_name);
    const int total = static_cast<int>(pact.at("interactions").size());
    const auto queries = ordered_queries_from.empty() ? std::map<std::string, std::string>{} : matrix_queries(read_json(pacts / ordered_queries_from));
    auto prepared = prepared_pact(std::move(pact), queries);

    auto directory = api::testing::make_temporary_directory("client-contract");
    const auto prepared_file = directory / "pact.json";
    std::ofstream(prepared_file) << prepared.dump(2);
    auto outcome = verify_against_broker(prepared_file, directory);

    MESSAGE(file_name << ": " << outcome.passed << " of " << outcome.interactions << " interactions pass");
    for (const auto& failure : outcome.failures) FAIL_CHECK(failure);
    CHECK(outcome.interactions == total);
}

}  // namespace

TEST_CASE("the Ruby Pact Broker client's pact with the Pact Broker verifies against this broker") {
    verify_client_pact("pact_broker_client-pact_broker.json");
}

TEST_CASE("the Ruby Pact Broker client V2's pact with the Pact Broker verifies against this broker") {
    verify_client_pact("Pact_Broker_Client_V2-Pact_Broker.json", "pact_broker_client-pact_broker.json");
}

TEST_SUITE_END();
