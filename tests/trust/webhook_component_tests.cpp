// Webhooks of the real pact-broker over loopback: a receiver in this process records every call the
// broker makes. Background delivery, retries, restart, whitelist refusal, unsaved webhooks run at once,
// redaction, and the official Pact CLI's webhook commands when it is installed.

#include "broker_process.hpp"
#include "http_test_support.hpp"

#include "build_info/build_info.hpp"
#include "http/server.hpp"
#include "pact/base64.hpp"
#include "support/process.hpp"
#include "support/tls_proxy.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

using namespace pact::broker::api::testing;
using nlohmann::json;

namespace {

struct received_call {
    std::string method;
    std::string target;
    std::map<std::string, std::string> headers;
    std::string body;
};

// A loopback HTTP server that records the calls it gets and answers them with a chosen status. While
// held, it keeps the first call waiting (to show that nobody waits for it).
class webhook_receiver {
public:
    webhook_receiver()
        : server_([this](pact::http::request request) { return record(std::move(request)); }, {}, 2) {}

    [[nodiscard]] std::string url(std::string_view path) const { return "http://127.0.0.1:" + std::to_string(server_.port()) + std::string(path); }
    [[nodiscard]] std::uint16_t port() const { return server_.port(); }
    void answer_with(unsigned status) { status_ = status; }
    void hold() {
        std::lock_guard lock(mutex_);
        held_ = true;
    }
    void release() {
        {
            std::lock_guard lock(mutex_);
            held_ = false;
        }
        changed_.notify_all();
    }
    // Waits (at most a generous bound, so a broken delivery fails instead of hanging) for `count` calls.
    [[nodiscard]] bool wait_for_calls(std::size_t count) {
        std::unique_lock lock(mutex_);
        return changed_.wait_for(lock, std::chrono::seconds(30), [&] { return calls_.size() >= count; });
    }
    [[nodiscard]] std::vector<received_call> calls() {
        std::lock_guard lock(mutex_);
        return calls_;
    }

private:
    pact::http::response record(pact::http::request request) {
        received_call call{std::string(request.method_string()), std::string(request.target()), {}, request.body()};
        for (const auto& field : request) call.headers[std::string(field.name_string())] = std::string(field.value());
        {
            std::unique_lock lock(mutex_);
            calls_.push_back(std::move(call));
            changed_.notify_all();
            changed_.wait(lock, [&] { return !held_; });
        }
        return pact::http::make_response(request, status_, "application/json", R"({"received": true})");
    }

    std::mutex mutex_;
    std::condition_variable changed_;
    std::vector<received_call> calls_;
    bool held_ = false;
    std::atomic<unsigned> status_{200};
    pact::http::server server_;  // last: stopped before the state its handler uses goes
};

// Polls the broker until the predicate holds for the answer (bounded, so a broken feature fails).
template <typename Predicate>
json wait_for(broker_process& broker, const std::string& target, Predicate predicate) {
    json body;
    for (int attempt = 0; attempt < 1500; ++attempt) {
        body = broker.get(target).body;
        if (predicate(body)) return body;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    FAIL("the broker's " << target << " never reached the expected state; last answer: " << body.dump());
    return body;
}

json webhook_body(const std::string& url, const std::vector<std::string>& events, json extra = json::object()) {
    json body{{"description", "notify CI"}, {"request", {{"method", "POST"}, {"url", url}}}, {"events", json::array()}};
    for (const auto& event : events) body["events"].push_back({{"name", event}});
    body.update(extra, true);
    return body;
}

const std::string status_of_pair = "/pacts/provider/Provider/consumer/Consumer/webhooks/status";

const json& triggered_webhooks(const json& status) { return status.at("_embedded").at("triggeredWebhooks"); }

std::string logs_path(const json& triggered) {
    const auto href = triggered.at("_links").at("pb:logs").at("href").get<std::string>();
    return href.substr(href.find("/triggered-webhooks/"));
}

const std::vector<std::string> allow_loopback = {"--webhook-host-whitelist", "127.0.0.1"};

std::vector<std::string> with_schedule(std::string schedule) {
    auto arguments = allow_loopback;
    arguments.insert(arguments.end(), {"--webhook-retry-schedule", std::move(schedule)});
    return arguments;
}

}  // namespace

TEST_CASE("a published pact and a verification result are delivered to webhooks in the background with their templates filled in") {
    const auto directory = make_temporary_directory("trust-webhooks");
    webhook_receiver receiver;
    broker_process broker(directory / "broker.sqlite", allow_loopback);
    REQUIRE(broker.send("POST", "/contracts/publish", publish_body("Consumer", "1.0.0", "Provider", "first", {}, "main").dump()).status / 100 == 2);

    auto contract_hook = webhook_body(receiver.url("/build/${pactbroker.consumerName}?version=${pactbroker.consumerVersionNumber}"), {"contract_content_changed"},
                                      {{"request",
                                        {{"headers", {{"X-Provider", "${pactbroker.providerName}"}, {"Content-Type", "application/json"}}},
                                         {"body",
                                          {{"pact", "${pactbroker.pactUrl}"},
                                           {"branch", "${pactbroker.consumerVersionBranch}"},
                                           {"tags", "${pactbroker.consumerVersionTags}"},
                                           {"event", "${pactbroker.eventName}"},
                                           {"status", "${pactbroker.githubVerificationStatus}"}}}}}});
    REQUIRE(broker.send("POST", "/webhooks/provider/Provider/consumer/Consumer", contract_hook.dump()).status == 201);
    auto verification_hook = webhook_body(receiver.url("/status/${pactbroker.consumerVersionNumber}"), {"provider_verification_succeeded"},
                                          {{"request",
                                            {{"body",
                                              "${pactbroker.providerVersionNumber} ${pactbroker.providerVersionBranch} "
                                              "${pactbroker.githubVerificationStatus} ${pactbroker.bitbucketVerificationStatus} "
                                              "${pactbroker.verificationResultUrl}"}}}});
    REQUIRE(broker.send("POST", "/webhooks", verification_hook.dump()).status == 201);

    // The receiver holds the delivery; the publish answers all the same.
    receiver.hold();
    const auto published = broker.send("POST", "/contracts/publish", publish_body("Consumer", "2.0.0", "Provider", "changed", {"prod"}, "feat/x").dump());
    CHECK(published.status / 100 == 2);
    REQUIRE(receiver.wait_for_calls(1));
    receiver.release();

    auto call = receiver.calls().at(0);
    CHECK(call.method == "POST");
    CHECK(call.target == "/build/Consumer?version=2.0.0");
    CHECK(call.headers["X-Provider"] == "Provider");
    const auto body = json::parse(call.body);
    const auto sha = body.at("pact").get<std::string>().substr(body.at("pact").get<std::string>().rfind('/') + 1);
    CHECK(body.at("pact") == broker.base_url() + "/pacts/provider/Provider/consumer/Consumer/pact-version/" + sha);
    CHECK(body.at("branch") == "feat/x");
    CHECK(body.at("tags") == "prod");
    CHECK(body.at("event") == "contract_content_changed");
    CHECK(body.at("status") == "pending");
    CHECK(broker.get(body.at("pact").get<std::string>().substr(broker.base_url().size())).status == 200);

    // Republishing the same content changes nothing: no contract_content_changed delivery.
    REQUIRE(broker.send("POST", "/contracts/publish", publish_body("Consumer", "2.0.1", "Provider", "changed", {}, "feat/x").dump()).status / 100 == 2);

    const json verification{{"success", true}, {"providerApplicationVersion", "9.9.9"}, {"providerVersionBranch", "main"}};
    const auto results = "/pacts/provider/Provider/consumer/Consumer/pact-version/" + sha + "/verification-results";
    REQUIRE(broker.send("POST", results, verification.dump()).status / 100 == 2);
    REQUIRE(receiver.wait_for_calls(2));
    call = receiver.calls().at(1);
    CHECK(call.target == "/status/2.0.1");
    CHECK(call.body == "9.9.9 main success SUCCESSFUL " + broker.base_url() + results + "/1");

    const auto status = wait_for(broker, status_of_pair, [](const json& answer) {
        return triggered_webhooks(answer).size() == 2 && answer.at("summary").at("successful") == 2;
    });
    CHECK(receiver.calls().size() == 2);
    CHECK(broker.stop() == 0);
    std::filesystem::remove_all(directory);
}

TEST_CASE("a webhook for a consumer label fires for the pacticipants carrying the label, with the labels in its templates") {
    const auto directory = make_temporary_directory("trust-webhook-labels");
    webhook_receiver receiver;
    broker_process broker(directory / "broker.sqlite", allow_loopback);
    REQUIRE(broker.send("PUT", "/pacticipants/Consumer/labels/team-a", "").status == 201);
    REQUIRE(broker.send("PUT", "/pacticipants/Consumer/labels/billing", "").status == 201);
    REQUIRE(broker.send("PUT", "/pacticipants/Provider/labels/backend", "").status == 201);
    auto hook = webhook_body(receiver.url("/labels"), {"contract_published"},
                             {{"consumer", {{"label", "team-a"}}},
                              {"request", {{"body", "${pactbroker.consumerName}|${pactbroker.consumerLabels}|${pactbroker.providerLabels}"}}}});
    REQUIRE(broker.send("POST", "/webhooks", hook.dump()).status == 201);

    REQUIRE(broker.send("POST", "/contracts/publish", publish_body("Unlabelled", "1.0.0", "Provider", "first", {}, "main").dump()).status / 100 == 2);
    // Deliveries are queued in the publish's own transaction: none was for the unlabelled consumer.
    CHECK(triggered_webhooks(broker.get("/pacts/provider/Provider/consumer/Unlabelled/webhooks/status").body).empty());
    REQUIRE(broker.send("POST", "/contracts/publish", publish_body("Consumer", "1.0.0", "Provider", "first", {}, "main").dump()).status / 100 == 2);
    REQUIRE(receiver.wait_for_calls(1));
    CHECK(receiver.calls().at(0).body == "Consumer|billing, team-a|backend");
    CHECK(broker.stop() == 0);
    std::filesystem::remove_all(directory);
}

TEST_CASE("a failing webhook is retried on the retry schedule until its attempts run out, and every attempt is logged") {
    const auto directory = make_temporary_directory("trust-webhook-retries");
    webhook_receiver receiver;
    receiver.answer_with(500);
    broker_process broker(directory / "broker.sqlite", with_schedule("0.05 0.1"));
    REQUIRE(broker.send("POST", "/webhooks", webhook_body(receiver.url("/fails"), {"contract_published"}).dump()).status == 201);
    REQUIRE(broker.send("POST", "/contracts/publish", publish_body("Consumer", "1", "Provider", "x", {}, "main").dump()).status / 100 == 2);

    REQUIRE(receiver.wait_for_calls(3));
    const auto status = wait_for(broker, status_of_pair, [](const json& answer) {
        return triggered_webhooks(answer).size() == 1 && triggered_webhooks(answer).at(0).at("status") == "failure";
    });
    const auto& triggered = triggered_webhooks(status).at(0);
    CHECK(triggered.at("attemptsMade") == 3);
    CHECK(triggered.at("attemptsRemaining") == 0);
    CHECK(status.at("summary").at("failed") == 1);
    const auto logs = broker.get(logs_path(triggered)).body;
    REQUIRE(logs.at("executions").size() == 3);
    for (const auto& execution : logs.at("executions")) {
        CHECK(execution.at("success") == false);
        CHECK(execution.at("logs").get<std::string>().find("HTTP/1.1 500") != std::string::npos);
    }
    CHECK(logs.at("eventName") == "contract_published");
    CHECK(receiver.calls().size() == 3);  // no attempt after the last
    CHECK(broker.stop() == 0);
    std::filesystem::remove_all(directory);
}

TEST_CASE("a delivery still queued when the broker stops is made after it restarts") {
    const auto directory = make_temporary_directory("trust-webhook-restart");
    webhook_receiver receiver;
    receiver.answer_with(503);
    {
        // The first attempt fails and the next one is an hour away when the broker stops.
        broker_process broker(directory / "broker.sqlite", with_schedule("3600"));
        REQUIRE(broker.send("POST", "/webhooks", webhook_body(receiver.url("/later"), {"contract_published"}).dump()).status == 201);
        REQUIRE(broker.send("POST", "/contracts/publish", publish_body("Consumer", "1", "Provider", "x", {}, "main").dump()).status / 100 == 2);
        REQUIRE(receiver.wait_for_calls(1));
        wait_for(broker, status_of_pair, [](const json& answer) {
            return triggered_webhooks(answer).size() == 1 && triggered_webhooks(answer).at(0).at("status") == "retrying";
        });
        CHECK(broker.stop() == 0);
    }
    receiver.answer_with(200);
    broker_process restarted(directory / "broker.sqlite", with_schedule("0.01"));
    REQUIRE(receiver.wait_for_calls(2));
    const auto status = wait_for(restarted, status_of_pair, [](const json& answer) {
        return triggered_webhooks(answer).size() == 1 && triggered_webhooks(answer).at(0).at("status") == "success";
    });
    CHECK(triggered_webhooks(status).at(0).at("attemptsMade") == 2);
    CHECK(receiver.calls().at(1).target == "/later");
    CHECK(restarted.stop() == 0);
    std::filesystem::remove_all(directory);
}

TEST_CASE("webhooks may not call the broker's own network unless allowed, and hosts outside a whitelist are refused") {
    const auto directory = make_temporary_directory("trust-webhook-whitelist");
    webhook_receiver receiver;
    {
        broker_process broker(directory / "default.sqlite");  // no whitelist: loopback and private networks are refused
        REQUIRE(broker.send("POST", "/webhooks", webhook_body(receiver.url("/internal"), {"contract_published"}).dump()).status == 201);
        REQUIRE(broker.send("POST", "/contracts/publish", publish_body("Consumer", "1", "Provider", "x", {}, "main").dump()).status / 100 == 2);
        const auto status = wait_for(broker, status_of_pair, [](const json& answer) {
            return triggered_webhooks(answer).size() == 1 && triggered_webhooks(answer).at(0).at("status") == "failure";
        });
        const auto logs = broker.get(logs_path(triggered_webhooks(status).at(0))).body;
        CHECK(logs.at("executions").size() == 1);  // a refusal is not retried
        CHECK(logs.at("executions").at(0).at("logs").get<std::string>().find("internal address 127.0.0.1") != std::string::npos);
        CHECK(broker.stop() == 0);
    }
    CHECK(receiver.calls().empty());

    broker_process broker(directory / "listed.sqlite", {"--webhook-host-whitelist", "ci.example.com *.example.org"});
    const auto refused = broker.send("POST", "/webhooks", webhook_body(receiver.url("/internal"), {"contract_published"}).dump());
    CHECK(refused.status == 400);
    CHECK(refused.body.at("errors").at("request.url").at(0).get<std::string>().find("whitelist") != std::string::npos);
    CHECK(broker.send("POST", "/webhooks", webhook_body("http://build.example.org/hook", {"contract_published"}).dump()).status == 201);
    CHECK(broker.stop() == 0);
    std::filesystem::remove_all(directory);
}

TEST_CASE("POST /webhooks/execute runs a webhook given in the body against the latest pact without saving it, validated as POST /webhooks") {
    const auto directory = make_temporary_directory("trust-webhook-unsaved");
    webhook_receiver receiver;
    broker_process broker(directory / "broker.sqlite", allow_loopback);
    REQUIRE(broker.send("POST", "/contracts/publish", publish_body("Consumer", "1.0.0", "Provider", "x", {}, "main").dump()).status / 100 == 2);

    const auto hook = webhook_body(receiver.url("/unsaved/${pactbroker.consumerName}?event=${pactbroker.eventName}"), {"contract_published"},
                                   {{"consumer", {{"name", "Consumer"}}},
                                    {"request", {{"headers", {{"Content-Type", "application/json"}}}, {"body", {{"pact", "${pactbroker.pactUrl}"}}}}}});
    const auto executed = broker.send("POST", "/webhooks/execute", hook.dump());
    INFO(executed.body.dump());
    REQUIRE(executed.status == 200);
    CHECK(executed.body.at("success") == true);
    CHECK(executed.body.at("response").at("status") == 200);
    CHECK(executed.body.at("logs").get<std::string>().find("/unsaved/Consumer?event=test") != std::string::npos);
    CHECK(executed.body.at("_links").at("try-again").at("href") == broker.base_url() + "/webhooks/execute");
    CHECK_FALSE(executed.body.at("_links").contains("webhook"));  // nothing saved to link to
    REQUIRE(receiver.calls().size() == 1);  // sent before the answer
    const auto call = receiver.calls().at(0);
    CHECK(call.target == "/unsaved/Consumer?event=test");
    CHECK(json::parse(call.body).at("pact").get<std::string>().starts_with(broker.base_url() + "/pacts/provider/Provider/consumer/Consumer/pact-version/"));
    CHECK(broker.get("/webhooks").body.at("_links").at("pb:webhooks").empty());
    CHECK(triggered_webhooks(broker.get(status_of_pair).body).empty());

    const auto missing_request = broker.send("POST", "/webhooks/execute", json{{"events", {{{"name", "contract_published"}}}}}.dump());
    CHECK(missing_request.status == 400);
    CHECK(missing_request.body.contains("errors"));
    auto unknown_consumer = hook;
    unknown_consumer["consumer"]["name"] = "Nobody";
    const auto refused = broker.send("POST", "/webhooks/execute", unknown_consumer.dump());
    CHECK(refused.status == 400);
    CHECK(refused.body.at("errors").at("consumer.name").at(0).get<std::string>().find("Nobody") != std::string::npos);
    auto unknown_event = hook;
    unknown_event["events"] = json::array({{{"name", "nothing_happened"}}});
    CHECK(broker.send("POST", "/webhooks/execute", unknown_event.dump()).status == 400);
    CHECK(receiver.calls().size() == 1);  // invalid webhooks are not run
    CHECK(broker.stop() == 0);
    std::filesystem::remove_all(directory);
}

TEST_CASE("webhook secrets are hidden in the webhook resource and in the delivery logs, and sent to the receiver") {
    const auto directory = make_temporary_directory("trust-webhook-secrets");
    webhook_receiver receiver;
    broker_process broker(directory / "broker.sqlite", allow_loopback);
    const auto hook = webhook_body(receiver.url("/secret"), {"contract_published"},
                                   {{"request",
                                     {{"headers", {{"X-Api-Token", "token-5a6b7c8d"}, {"Accept", "application/json"}}},
                                      {"body", {{"token", "token-5a6b7c8d"}}},
                                      {"username", "ci-user"},
                                      {"password", "hunter2-password"}}}});
    const auto created = broker.send("POST", "/webhooks", hook.dump());
    REQUIRE(created.status == 201);
    const auto shown = broker.get("/webhooks/" + created.body.at("uuid").get<std::string>()).body;
    CHECK(shown.at("request").at("headers").at("X-Api-Token") == "**********");
    CHECK(shown.at("request").at("headers").at("Accept") == "application/json");
    CHECK(shown.at("request").at("password") == "**********");

    REQUIRE(broker.send("POST", "/contracts/publish", publish_body("Consumer", "1", "Provider", "x", {}, "main").dump()).status / 100 == 2);
    REQUIRE(receiver.wait_for_calls(1));
    const auto call = receiver.calls().at(0);
    CHECK(call.headers.at("X-Api-Token") == "token-5a6b7c8d");
    CHECK(call.headers.at("Authorization") == "Basic " + pact::base64_encode("ci-user:hunter2-password"));

    const auto status = wait_for(broker, status_of_pair, [](const json& answer) {
        return triggered_webhooks(answer).size() == 1 && triggered_webhooks(answer).at(0).at("status") == "success";
    });
    const auto logs = broker.get(logs_path(triggered_webhooks(status).at(0))).body.at("executions").at(0).at("logs").get<std::string>();
    CHECK(logs.find("token-5a6b7c8d") == std::string::npos);
    CHECK(logs.find("hunter2-password") == std::string::npos);
    CHECK(logs.find(pact::base64_encode("ci-user:hunter2-password")) == std::string::npos);
    CHECK(logs.find("Authorization: [REDACTED]") != std::string::npos);
    CHECK(logs.find("HTTP/1.1 200") != std::string::npos);
    CHECK(broker.stop() == 0);
    std::filesystem::remove_all(directory);
}

namespace {

// create-webhook, create-or-update-webhook, test-webhook and delete-webhook of a CLI (`<cli> broker ...`).
void drive_webhook_commands(const std::filesystem::path& program) {
    const auto directory = make_temporary_directory("trust-webhook-cli");
    webhook_receiver receiver;
    broker_process broker(directory / "broker.sqlite", allow_loopback);
    REQUIRE(broker.send("POST", "/contracts/publish", publish_body("Consumer", "1.0.0", "Provider", "x", {}, "main").dump()).status / 100 == 2);
    ::setenv("PACT_DO_NOT_TRACK", "true", 1);  // the official CLI's usage tracking stays off (no network)
    const auto broker_command = [&](std::vector<std::string> arguments) {
        arguments.insert(arguments.begin(), {program.string(), "broker"});
        arguments.insert(arguments.end(), {"-b", broker.base_url()});
        return pact::testing::run_command(arguments);
    };

    const auto created = broker_command({"create-webhook", receiver.url("/cli?v=${pactbroker.consumerVersionNumber}"), "-X", "POST", "-H",
                                         "Content-Type: application/json", "-d", R"({"pact": "${pactbroker.pactUrl}"})", "--user",
                                         "ci:pass-word-1", "--consumer", "Consumer", "--provider", "Provider", "--description", "CLI hook",
                                         "--contract-content-changed", "--provider-verification-published"});
    INFO(created.all());
    REQUIRE(created.exit_code == 0);
    const auto list = broker.get("/webhooks/provider/Provider/consumer/Consumer").body;
    REQUIRE(list.at("_links").at("pb:webhooks").size() == 1);
    const auto href = list.at("_links").at("pb:webhooks").at(0).at("href").get<std::string>();
    const auto webhook = broker.get(href.substr(broker.base_url().size())).body;
    CHECK(webhook.at("description") == "CLI hook");
    CHECK(webhook.at("events").size() == 2);
    CHECK(webhook.at("request").at("password") == "**********");

    const std::string uuid = "cli-webhook-0000000001";
    const auto updated =
        broker_command({"create-or-update-webhook", receiver.url("/updated"), "--uuid", uuid, "-X", "POST", "--contract-published", "--consumer", "Consumer"});
    INFO(updated.all());
    CHECK(updated.exit_code == 0);
    CHECK(broker.get("/webhooks/" + uuid).body.at("request").at("url") == receiver.url("/updated"));

    const auto tested = broker_command({"test-webhook", "--uuid", uuid});
    INFO(tested.all());
    CHECK(tested.exit_code == 0);
    REQUIRE(receiver.wait_for_calls(1));
    CHECK(receiver.calls().at(0).target == "/updated");

    const auto deleted = broker_command({"delete-webhook", "--uuid", uuid});
    INFO(deleted.all());
    CHECK(deleted.exit_code == 0);
    CHECK(broker.get("/webhooks/" + uuid).status == 404);
    CHECK(broker.stop() == 0);
    std::filesystem::remove_all(directory);
}

}  // namespace

TEST_CASE("the official CLI creates, updates, tests and deletes webhooks") {
    const std::filesystem::path official = PACT_OFFICIAL_CLI;
    if (!std::filesystem::exists(official)) {
        MESSAGE("the official Pact CLI is not installed (scripts/install-official-cli.sh); skipped");
        return;
    }
    drive_webhook_commands(official);
}

TEST_CASE("our CLI creates, updates, tests and deletes webhooks with the official CLI's flags") { drive_webhook_commands(PACT_CLI_BINARY); }

// An https receiver: the recording receiver behind a TLS proxy with a certificate made in the test.
struct https_webhook_receiver {
    explicit https_webhook_receiver(const std::filesystem::path& directory)
        : certificate(pact::testing::make_self_signed_certificate(directory)), proxy(certificate, receiver.port()) {}
    [[nodiscard]] std::string url(std::string_view path) const { return proxy.url(std::string(path)); }

    webhook_receiver receiver;
    pact::testing::self_signed_certificate certificate;
    pact::testing::tls_proxy proxy;
};

TEST_CASE("webhooks are delivered to an https receiver whose certificate the broker trusts") {
    const auto directory = make_temporary_directory("trust-webhook-https");
    https_webhook_receiver https(directory);
    auto arguments = allow_loopback;
    arguments.insert(arguments.end(), {"--webhook-certificate-file", https.certificate.certificate_file});
    broker_process broker(directory / "broker.sqlite", arguments);
    REQUIRE(broker.send("POST", "/contracts/publish", publish_body("Consumer", "1.0.0", "Provider", "x", {}, "main").dump()).status / 100 == 2);

    const auto executed = broker.send("POST", "/webhooks/execute", webhook_body(https.url("/now"), {"contract_published"}).dump());
    INFO(executed.body.dump());
    REQUIRE(executed.status == 200);
    CHECK(executed.body.at("success") == true);
    REQUIRE(https.receiver.calls().size() == 1);
    CHECK(https.receiver.calls().at(0).target == "/now");
    CHECK(https.receiver.calls().at(0).headers.at("Host") == "127.0.0.1:" + std::to_string(https.proxy.port()));

    REQUIRE(broker.send("POST", "/webhooks", webhook_body(https.url("/background"), {"contract_published"}).dump()).status == 201);
    REQUIRE(broker.send("POST", "/contracts/publish", publish_body("Consumer", "2.0.0", "Provider", "y", {}, "main").dump()).status / 100 == 2);
    REQUIRE(https.receiver.wait_for_calls(2));
    CHECK(https.receiver.calls().at(1).target == "/background");
}

TEST_CASE("a webhook to an https receiver whose certificate does not verify fails, saying why") {
    const auto directory = make_temporary_directory("trust-webhook-https-untrusted");
    https_webhook_receiver https(directory);
    broker_process broker(directory / "broker.sqlite", allow_loopback);
    REQUIRE(broker.send("POST", "/contracts/publish", publish_body("Consumer", "1.0.0", "Provider", "x", {}, "main").dump()).status / 100 == 2);
    const auto executed = broker.send("POST", "/webhooks/execute", webhook_body(https.url("/never"), {"contract_published"}).dump());
    INFO(executed.body.dump());
    REQUIRE(executed.status == 200);
    CHECK(executed.body.at("success") == false);
    CHECK(executed.body.at("logs").get<std::string>().find("certificate verify failed: self-signed certificate") != std::string::npos);
    CHECK(https.receiver.calls().empty());
}

// The Pact Broker's webhook settings, observed on the real binary.
TEST_SUITE_BEGIN("component");

TEST_CASE("a webhook answered with a status in PACT_BROKER_WEBHOOK_HTTP_CODE_SUCCESS succeeds, and one outside the default list fails") {
    const auto directory = make_temporary_directory("trust-webhook-success-codes");
    webhook_receiver receiver;
    receiver.answer_with(409);
    const auto run_once = [&](broker_process& broker) {
        REQUIRE(broker.send("POST", "/contracts/publish", publish_body("Consumer", "1.0.0", "Provider", "x", {}, "main").dump()).status / 100 == 2);
        const auto executed = broker.send("POST", "/webhooks/execute", webhook_body(receiver.url("/ci"), {"contract_published"}).dump());
        INFO(executed.body.dump());
        REQUIRE(executed.status == 200);
        return executed.body.at("success").get<bool>();
    };
    {
        broker_process broker(directory / "default.sqlite", allow_loopback);
        CHECK_FALSE(run_once(broker));
    }
    broker_process broker(directory / "listed.sqlite", allow_loopback, {"PACT_BROKER_WEBHOOK_HTTP_CODE_SUCCESS=200 409"});
    CHECK(run_once(broker));
    CHECK(receiver.calls().size() == 2);
}

TEST_CASE("with PACT_BROKER_DISABLE_SSL_VERIFICATION a webhook reaches an https receiver whose certificate does not verify") {
    const auto directory = make_temporary_directory("trust-webhook-https-unverified");
    https_webhook_receiver https(directory);
    broker_process broker(directory / "broker.sqlite", allow_loopback, {"PACT_BROKER_DISABLE_SSL_VERIFICATION=true"});
    REQUIRE(broker.send("POST", "/contracts/publish", publish_body("Consumer", "1.0.0", "Provider", "x", {}, "main").dump()).status / 100 == 2);
    const auto executed = broker.send("POST", "/webhooks/execute", webhook_body(https.url("/anyway"), {"contract_published"}).dump());
    INFO(executed.body.dump());
    REQUIRE(executed.status == 200);
    CHECK(executed.body.at("success") == true);
    REQUIRE(https.receiver.calls().size() == 1);
    CHECK(https.receiver.calls().at(0).target == "/anyway");
}

TEST_CASE("webhook calls name the broker and its version in their User-Agent, or what PACT_BROKER_USER_AGENT says") {
    const auto directory = make_temporary_directory("trust-webhook-user-agent");
    webhook_receiver receiver;
    const auto user_agent_of_a_call = [&](const std::string& database, const std::vector<std::string>& environment) {
        broker_process broker(directory / database, allow_loopback, environment);
        REQUIRE(broker.send("POST", "/contracts/publish", publish_body("Consumer", "1.0.0", "Provider", "x", {}, "main").dump()).status / 100 == 2);
        REQUIRE(broker.send("POST", "/webhooks/execute", webhook_body(receiver.url("/ci"), {"contract_published"}).dump()).status == 200);
        return receiver.calls().back().headers.at("User-Agent");
    };
    CHECK(user_agent_of_a_call("default.sqlite", {}) == "Pact Broker v" + std::string(pact::build_info::version()));
    CHECK(user_agent_of_a_call("configured.sqlite", {"PACT_BROKER_USER_AGENT=CI notifier/2"}) == "CI notifier/2");
}

TEST_SUITE_END();
