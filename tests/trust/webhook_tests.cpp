// Webhooks without sockets: the store's queue, the events the domain queues, template rendering,
// redaction, whitelist matching, the destination check of a call, and the resources' validation (through broker_application).

#include "http_test_support.hpp"

#include "broker/domain/broker_services.hpp"
#include "broker/domain/webhook_templates.hpp"
#include "test_database.hpp"
#include "broker/webhooks/webhook_execution.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>

using namespace pact::broker;
using nlohmann::json;

namespace {

struct services_over_temporary_store {
    explicit services_over_temporary_store(domain::broker_config config = {})
        : directory(api::testing::make_temporary_directory("trust-webhook-unit")),
          database(directory / "broker.sqlite"),
          store(database.open()),
          services(*store, std::move(config)) {}
    ~services_over_temporary_store() { std::filesystem::remove_all(directory); }

    domain::webhook create(std::vector<std::string> events, std::optional<std::string> consumer = std::nullopt,
                           std::optional<std::string> provider = std::nullopt) {
        domain::webhook_input input;
        input.events = std::move(events);
        if (consumer) input.consumer = domain::webhook_pacticipant{consumer, std::nullopt};
        if (provider) input.provider = domain::webhook_pacticipant{provider, std::nullopt};
        input.request = {"POST", "http://ci.example.com/build", json::object(), nullptr, std::nullopt, std::nullopt};
        auto created = services.webhooks.create_webhook(input);
        REQUIRE(created.has_value());
        return *created;
    }
    void publish(const std::string& consumer, const std::string& version, const std::string& description, std::optional<std::string> branch = "main") {
        domain::publish_contracts_request request{consumer, version, branch, {}, std::nullopt, {}};
        request.contracts.push_back({consumer, "Provider", "pact", "application/json",
                                     api::testing::base64(api::testing::example_pact(consumer, "Provider", description).dump())});
        REQUIRE(services.publications.publish_contracts(request).has_value());
    }
    std::vector<store::triggered_webhook_record> pending() { return store->read()->webhooks().pending_triggered_webhooks(); }
    std::vector<std::string> pending_events() {
        std::vector<std::string> names;
        for (const auto& triggered : pending()) names.push_back(triggered.event_name);
        std::ranges::sort(names);
        return names;
    }

    std::filesystem::path directory;
    pact::broker::testing::test_database database;
    std::unique_ptr<store::store> store;
    domain::broker_services services;
};

}  // namespace

TEST_CASE("the store keeps webhooks with their events, finds those to trigger by event and pacticipant, and drops their deliveries with them") {
    services_over_temporary_store broker;
    auto writer = broker.store->write();
    store::webhook_record any{0, "any-0000000000000001", std::nullopt, std::nullopt, std::nullopt, std::nullopt, std::nullopt,
                              {"contract_published", "provider_verification_failed"}, "POST", "http://a.example/x"};
    any.created_at = any.updated_at = "2024-01-01T00:00:00+00:00";
    auto for_consumer = any;
    for_consumer.uuid = "consumer-000000000001";
    for_consumer.consumer_name = "Consumer";
    auto labelled = any;
    labelled.uuid = "labelled-000000000001";
    labelled.provider_label = "team-a";
    auto disabled = any;
    disabled.uuid = "disabled-000000000001";
    disabled.enabled = false;
    const auto any_id = writer->webhooks().insert_webhook(any);
    for (const auto* record : {&for_consumer, &labelled, &disabled}) static_cast<void>(writer->webhooks().insert_webhook(*record));

    // The uuids of the pair's webhooks that the event triggers.
    auto uuids = [&](std::string_view event, std::string_view consumer, std::string_view provider) {
        std::vector<std::string> found;
        for (const auto& webhook : writer->webhooks().webhooks_to_trigger(consumer, provider))
            if (std::ranges::find(webhook.events, event) != webhook.events.end()) found.push_back(webhook.uuid);
        return found;
    };
    CHECK(uuids("contract_published", "Consumer", "Provider") == std::vector<std::string>{"any-0000000000000001", "consumer-000000000001"});
    CHECK(uuids("contract_published", "Other", "Provider") == std::vector<std::string>{"any-0000000000000001"});
    CHECK(uuids("contract_content_changed", "Consumer", "Provider").empty());
    CHECK(writer->webhooks().find_webhook("any-0000000000000001")->events == any.events);

    store::triggered_webhook_record triggered;
    triggered.uuid = "t-1";
    triggered.webhook_id = any_id;
    triggered.webhook_uuid = any.uuid;
    triggered.event_name = "contract_published";
    triggered.consumer_name = "Consumer";
    triggered.provider_name = "Provider";
    triggered.context = "{}";
    triggered.id = writer->webhooks().insert_triggered_webhook(triggered);
    CHECK(writer->webhooks().pending_triggered_webhooks().size() == 1);
    triggered.status = "success";
    triggered.attempts_made = 1;
    triggered.last_attempt_at_ms = 42;
    writer->webhooks().update_triggered_webhook(triggered);
    static_cast<void>(writer->webhooks().insert_webhook_execution({0, triggered.id, true, "logs", "2024-01-01T00:00:00+00:00"}));
    CHECK(writer->webhooks().pending_triggered_webhooks().empty());
    CHECK(writer->webhooks().find_triggered_webhook("t-1")->last_attempt_at_ms == 42);
    CHECK(writer->webhooks().executions_of(triggered.id).size() == 1);

    writer->webhooks().delete_webhook(any_id);
    CHECK_FALSE(writer->webhooks().find_triggered_webhook("t-1").has_value());
    CHECK(writer->webhooks().executions_of(triggered.id).empty());
    writer->commit();
}

TEST_CASE("publishing queues contract_published every time and contract_content_changed only when the content changed") {
    services_over_temporary_store broker;
    broker.publish("Consumer", "1", "first");
    static_cast<void>(broker.create({"contract_published", "contract_content_changed"}, "Consumer", "Provider"));
    static_cast<void>(broker.create({"contract_published"}, "Provider"));  // a consumer that never publishes

    broker.publish("Consumer", "2", "first");  // same content
    CHECK(broker.pending_events() == std::vector<std::string>{"contract_published"});
    broker.publish("Consumer", "3", "second");
    CHECK(broker.pending_events() == std::vector<std::string>{"contract_content_changed", "contract_published", "contract_published"});
    const auto context = json::parse(broker.pending().back().context);
    CHECK(context.at("consumerVersionNumber") == "3");
    CHECK(context.at("consumerVersionBranch") == "main");
    CHECK(context.at("eventName") == broker.pending().back().event_name);
}

TEST_CASE("a webhook for a labelled consumer or provider is queued for every pacticipant carrying the label, with the labels in its context") {
    services_over_temporary_store broker;
    REQUIRE(broker.services.pacticipants.add_label("Labelled", "team-a").has_value());
    REQUIRE(broker.services.pacticipants.add_label("Labelled", "billing").has_value());
    REQUIRE(broker.services.pacticipants.add_label("Provider", "backend").has_value());
    domain::webhook_input by_consumer_label;
    by_consumer_label.events = {"contract_published"};
    by_consumer_label.consumer = domain::webhook_pacticipant{std::nullopt, "team-a"};
    by_consumer_label.request = {"POST", "http://ci.example.com/build", json::object(), nullptr, std::nullopt, std::nullopt};
    REQUIRE(broker.services.webhooks.create_webhook(by_consumer_label).has_value());
    auto by_provider_label = by_consumer_label;
    by_provider_label.events = {"contract_content_changed"};
    by_provider_label.consumer = std::nullopt;
    by_provider_label.provider = domain::webhook_pacticipant{std::nullopt, "backend"};
    REQUIRE(broker.services.webhooks.create_webhook(by_provider_label).has_value());

    broker.publish("Unlabelled", "1", "first");
    CHECK(broker.pending_events() == std::vector<std::string>{"contract_content_changed"});  // only the provider's label matched
    broker.publish("Labelled", "1", "first");
    CHECK(broker.pending_events() == std::vector<std::string>{"contract_content_changed", "contract_content_changed", "contract_published"});
    const auto pending = broker.pending();
    const auto published = std::ranges::find(pending, std::string("contract_published"), &store::triggered_webhook_record::event_name);
    REQUIRE(published != pending.end());
    const auto context = json::parse(published->context);
    CHECK(context.at("consumerLabels") == json{"billing", "team-a"});
    CHECK(context.at("providerLabels") == json{"backend"});

    REQUIRE(broker.services.pacticipants.delete_label("Labelled", "team-a").has_value());
    broker.publish("Labelled", "2", "first");  // same content: only contract_published could fire, and the label is gone
    CHECK(broker.pending().size() == 3);
}

TEST_CASE("a verification result queues provider_verification_published and _succeeded or _failed with the provider version's facts") {
    services_over_temporary_store broker;
    broker.publish("Consumer", "1", "first");
    static_cast<void>(broker.create({"provider_verification_published", "provider_verification_succeeded", "provider_verification_failed"}));
    const auto sha = broker.services.pacts.latest_pact("Consumer", "Provider")->pact_version_sha;
    domain::verification_to_publish failed{"7.0", false};
    failed.provider_version_branch = "develop";
    REQUIRE(broker.services.verifications.publish_verification("Provider", "Consumer", sha, failed).has_value());
    CHECK(broker.pending_events() == std::vector<std::string>{"provider_verification_failed", "provider_verification_published"});
    const auto context = json::parse(broker.pending().front().context);
    CHECK(context.at("providerVersionNumber") == "7.0");
    CHECK(context.at("providerVersionBranch") == "develop");
    CHECK(context.at("verificationSuccess") == false);
    CHECK(context.at("verificationNumber") == 1);
}

TEST_CASE("contract_requiring_verification_published is queued once per provider version that has to verify the new content") {
    services_over_temporary_store broker;
    broker.publish("Consumer", "1", "first");
    static_cast<void>(broker.create({"contract_requiring_verification_published"}));
    broker.publish("Consumer", "2", "second");
    CHECK(broker.pending().empty());  // the provider has no main branch head nor deployed versions yet

    const auto sha = broker.services.pacts.latest_pact("Consumer", "Provider")->pact_version_sha;
    domain::verification_to_publish verified{"p-1", true};
    verified.provider_version_branch = "main";
    REQUIRE(broker.services.verifications.publish_verification("Provider", "Consumer", sha, verified).has_value());
    broker.publish("Consumer", "3", "third");
    REQUIRE(broker.pending().size() == 1);
    const auto context = json::parse(broker.pending().front().context);
    CHECK(context.at("providerVersionNumber") == "p-1");
    CHECK(context.at("providerVersionBranch") == "main");
    CHECK(context.at("consumerVersionNumber") == "3");
}

TEST_CASE("webhook templates are filled in from the event, escaped for URLs and JSON bodies, and unknown parameters kept") {
    const json context{{"consumerName", "Foo App"},       {"providerName", "Bar"},          {"consumerVersionNumber", "1.0+b"},
                       {"consumerVersionTags", {"a", "b"}}, {"pactVersionSha", "abc"},       {"providerVersionNumber", "9"},
                       {"verificationNumber", 3},          {"verificationSuccess", false},  {"eventName", "provider_verification_failed"},
                       {"consumerVersionBranch", "say \"hi\""}};
    const auto values = domain::webhook_template_values(context, "http://broker");
    CHECK(values.at("pactbroker.pactUrl") == "http://broker/pacts/provider/Bar/consumer/Foo%20App/pact-version/abc");
    CHECK(values.at("pactbroker.verificationResultUrl") == "http://broker/pacts/provider/Bar/consumer/Foo%20App/pact-version/abc/verification-results/3");
    CHECK(values.at("pactbroker.githubVerificationStatus") == "failure");
    CHECK(values.at("pactbroker.bitbucketVerificationStatus") == "FAILED");
    CHECK(values.at("pactbroker.consumerVersionTags") == "a, b");
    CHECK(values.at("pactbroker.consumerLabels").empty());
    const auto labelled = domain::webhook_template_values({{"consumerLabels", {"billing", "team-a"}}, {"providerLabels", {"backend"}}}, "");
    CHECK(labelled.at("pactbroker.consumerLabels") == "billing, team-a");
    CHECK(labelled.at("pactbroker.providerLabels") == "backend");
    CHECK(domain::webhook_template_values(json::object(), "")["pactbroker.githubVerificationStatus"] == "pending");

    domain::webhook_request request{"post", "http://ci/${pactbroker.consumerName}/${pactbroker.consumerVersionNumber}?e=${pactbroker.eventName}",
                                    {{"X-Name", "${pactbroker.consumerName}"}, {"Authorization", "Bearer secret-value"}},
                                    {{"branch", "${pactbroker.consumerVersionBranch}"}, {"unknown", "${pactbroker.nope}"}}, "user", "pass-word"};
    const auto rendered = domain::render_webhook_request(request, values);
    CHECK(rendered.method == "POST");
    CHECK(rendered.url == "http://ci/Foo%20App/1.0%2Bb?e=provider_verification_failed");
    CHECK(rendered.headers.at(1) == std::pair<std::string, std::string>{"X-Name", "Foo App"});
    CHECK(json::parse(rendered.body) == json{{"branch", "say \"hi\""}, {"unknown", "${pactbroker.nope}"}});
    CHECK(std::ranges::find(rendered.secrets, "Bearer secret-value") != rendered.secrets.end());
    CHECK(std::ranges::find(rendered.secrets, "pass-word") != rendered.secrets.end());
}

TEST_CASE("credential-like headers and passwords are hidden unless they are only a template parameter") {
    const json headers{{"Authorization", "Bearer x"}, {"X-Auth-Token", "${pactbroker.consumerName}"}, {"Api-Key", "k"}, {"Accept", "*/*"}};
    CHECK(domain::redacted_headers(headers) ==
          json{{"Authorization", "**********"}, {"X-Auth-Token", "${pactbroker.consumerName}"}, {"Api-Key", "**********"}, {"Accept", "*/*"}});
    CHECK(domain::displayed_password(std::string("s")) == "**********");
    CHECK(domain::displayed_password(std::nullopt) == std::nullopt);
    CHECK(domain::redact_secrets("token abcd1234 and abcd1234", {"abcd1234", "ab"}) == "token ******** and ********");
}

TEST_CASE("whitelist entries match host names, wildcard domains, addresses and CIDR ranges") {
    CHECK(domain::host_matches_whitelist_entry("CI.example.com", "ci.example.com"));
    CHECK(domain::host_matches_whitelist_entry("build.example.com", "*.example.com"));
    CHECK_FALSE(domain::host_matches_whitelist_entry("example.com", "*.example.com"));
    CHECK_FALSE(domain::host_matches_whitelist_entry("evil-example.com", "*.example.com"));
    CHECK(domain::host_matches_whitelist_entry("127.0.0.1", "127.0.0.1"));
    CHECK(domain::host_matches_whitelist_entry("10.1.2.3", "10.0.0.0/8"));
    CHECK_FALSE(domain::host_matches_whitelist_entry("11.1.2.3", "10.0.0.0/8"));
    CHECK(domain::host_matches_whitelist_entry("fd00::1", "fd00::/8"));
    CHECK_FALSE(domain::host_matches_whitelist_entry("fe80::1", "fd00::/8"));
}

TEST_CASE("webhook bodies are validated: a missing URL, an unknown event, an unknown consumer or pacticipants in the path") {
    api::testing::broker_under_test broker;
    REQUIRE(broker.publish("Consumer", "1", "Provider").status / 100 == 2);
    const json valid{{"events", {{{"name", "contract_published"}}}}, {"request", {{"method", "POST"}, {"url", "http://ci.example.com/x"}}}};

    auto no_url = valid;
    no_url["request"].erase("url");
    api::testing::check_client_error(broker.post("/webhooks", no_url), 400);
    CHECK(broker.post("/webhooks", no_url).body.at("errors").contains("request.url"));
    auto bad_url = valid;
    bad_url["request"]["url"] = "not a url";
    CHECK(broker.post("/webhooks", bad_url).body.at("errors").contains("request.url"));
    auto templated_host = valid;
    templated_host["request"]["url"] = "http://${pactbroker.consumerName}.example.com/";
    CHECK(broker.post("/webhooks", templated_host).status == 400);
    auto unknown_event = valid;
    unknown_event["events"] = {{{"name", "pact_deleted"}}};
    CHECK(broker.post("/webhooks", unknown_event).status == 400);
    auto unknown_consumer = valid;
    unknown_consumer["consumer"] = {{"name", "Nobody"}};
    CHECK(broker.post("/webhooks", unknown_consumer).body.at("errors").contains("consumer.name"));
    CHECK(broker.post("/webhooks/provider/Provider/consumer/Nobody", valid).status == 404);
    CHECK(broker.put("/webhooks/short", valid).status == 400);

    const auto created = broker.put("/webhooks/0123456789abcdef-x", valid);
    CHECK(created.status == 201);
    CHECK(created.body.at("_links").at("pb:execute").at("href") == api::testing::test_base_url + "/webhooks/0123456789abcdef-x/execute");
    CHECK(broker.put("/webhooks/0123456789abcdef-x", valid).status == 200);
    CHECK(broker.get("/").body.at("_links").at("pb:webhooks").at("href") == api::testing::test_base_url + "/webhooks");
    CHECK(broker.send("DELETE", "/webhooks/0123456789abcdef-x").status == 204);
    CHECK(broker.get("/webhooks/0123456789abcdef-x").status == 404);
}

namespace {

// prepare_call run to completion on an io_context of its own, as the delivery coroutine runs it.
std::expected<webhooks::prepared_call, webhooks::refusal> prepared(const std::string& url, const domain::webhook_settings& settings) {
    boost::asio::io_context io_context;
    std::optional<std::expected<webhooks::prepared_call, webhooks::refusal>> outcome;
    domain::webhook_request request{"POST", url, json::object(), nullptr, std::nullopt, std::nullopt};
    boost::asio::co_spawn(
        io_context, [&]() -> boost::asio::awaitable<void> { outcome = co_await webhooks::prepare_call(request, json::object(), "", settings); },
        [](const std::exception_ptr& failure) {
            if (failure) std::rethrow_exception(failure);
        });
    io_context.run();
    REQUIRE(outcome.has_value());
    return *outcome;
}

}  // namespace

TEST_CASE("a webhook host name is resolved, its address checked, and the call made to that address with the name as Host") {
    domain::webhook_settings open;
    const auto refused = prepared("http://localhost:9/hook", open);
    REQUIRE_FALSE(refused.has_value());
    CHECK(refused.error().reason.find("localhost resolves to the internal address") != std::string::npos);

    domain::webhook_settings by_address;
    by_address.host_whitelist = {"127.0.0.0/8", "::1"};
    const auto allowed = prepared("http://localhost:9/hook", by_address);
    REQUIRE(allowed.has_value());
    CHECK((allowed->address == "127.0.0.1" || allowed->address == "::1"));
    CHECK(allowed->destination.host == "localhost");  // what TLS names and verifies for https
    CHECK(allowed->destination.port == 9);
    CHECK(allowed->message[boost::beast::http::field::host] == "localhost:9");

    domain::webhook_settings elsewhere;
    elsewhere.host_whitelist = {"10.0.0.0/8"};
    const auto outside = prepared("http://localhost:9/hook", elsewhere);
    REQUIRE_FALSE(outside.has_value());
    CHECK(outside.error().reason.find("not in the webhook host whitelist") != std::string::npos);
}
