// Authentication of the real pact-broker over loopback, configured the way the Pact Broker is (the
// PACT_BROKER_BASIC_AUTH_* and token variables), and the official Pact CLI against it when installed.

#include "broker_process.hpp"
#include "http_test_support.hpp"

#include "pact/base64.hpp"
#include "support/process.hpp"

#include <boost/beast/http/field.hpp>
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <string>

using namespace pact::broker::api::testing;
using nlohmann::json;

namespace {

const std::vector<std::string> secured_environment = {
    "PACT_BROKER_BASIC_AUTH_USERNAME=writer",        "PACT_BROKER_BASIC_AUTH_PASSWORD=write secret",
    "PACT_BROKER_BASIC_AUTH_READ_ONLY_USERNAME=reader", "PACT_BROKER_BASIC_AUTH_READ_ONLY_PASSWORD=read secret",
    "PACT_BROKER_READ_WRITE_TOKEN=rw-token",            "PACT_BROKER_READ_ONLY_TOKEN=ro-token",
};

struct answer {
    unsigned status = 0;
    json body;
};

answer send(const broker_process& broker, std::string_view method, std::string_view target, const std::string& authorization,
            const std::string& body = {}) {
    auto request = pact::http::make_request(method, target, body, body.empty() ? std::string_view{} : "application/json");
    if (!authorization.empty()) request.set(boost::beast::http::field::authorization, authorization);
    const auto response = pact::http::send_blocking(*pact::http::parse_url(broker.base_url()), std::move(request));
    REQUIRE(response.has_value());
    return {response->result_int(), json::parse(response->body(), nullptr, false)};
}

std::string basic(std::string_view credentials) { return "Basic " + pact::base64_encode(credentials); }

}  // namespace

TEST_CASE("over HTTP: anonymous and wrong credentials get 401, read-only credentials get 403 on writes, the heartbeat stays public") {
    const auto directory = make_temporary_directory("trust-auth");
    broker_process broker(directory / "broker.sqlite", {}, secured_environment);
    const auto publication = publish_body("Consumer", "1", "Provider", "a request", {}, "main").dump();

    const auto anonymous = send(broker, "GET", "/", "");
    CHECK(anonymous.status == 401);
    CHECK(anonymous.body.contains("errors"));
    CHECK(send(broker, "POST", "/contracts/publish", "", publication).status == 401);
    CHECK(send(broker, "GET", "/", basic("writer:wrong")).status == 401);
    CHECK(send(broker, "GET", "/diagnostic/status/heartbeat", "").status == 200);

    CHECK(send(broker, "POST", "/contracts/publish", basic("reader:read secret"), publication).status == 403);
    CHECK(send(broker, "POST", "/contracts/publish", "Bearer ro-token", publication).status == 403);
    CHECK(send(broker, "GET", "/pacticipants/Consumer", basic("writer:write secret")).status == 404);  // nothing was written

    CHECK(send(broker, "POST", "/contracts/publish", basic("writer:write secret"), publication).status / 100 == 2);
    CHECK(send(broker, "GET", "/pacticipants/Consumer", basic("reader:read secret")).status == 200);
    CHECK(send(broker, "GET", "/pacticipants/Consumer", "Bearer ro-token").status == 200);
    CHECK(send(broker, "PATCH", "/pacticipants/Consumer", "Bearer rw-token", R"({"mainBranch": "main"})").status / 100 == 2);
    CHECK(broker.stop() == 0);
    std::filesystem::remove_all(directory);
}

TEST_CASE("authentication configured by flags protects writes the same way") {
    const auto directory = make_temporary_directory("trust-auth");
    broker_process broker(directory / "broker.sqlite", {"--basic-auth-username", "writer", "--basic-auth-password", "flag secret",
                                                         "--read-only-token", "flag-token"});
    const auto publication = publish_body("Consumer", "1", "Provider", "a request", {}, "main").dump();
    CHECK(send(broker, "POST", "/contracts/publish", "", publication).status == 401);
    CHECK(send(broker, "POST", "/contracts/publish", "Bearer flag-token", publication).status == 403);
    CHECK(send(broker, "POST", "/contracts/publish", basic("writer:flag secret"), publication).status / 100 == 2);
    CHECK(send(broker, "GET", "/pacticipants/Consumer", "Bearer flag-token").status == 200);
    CHECK(broker.stop() == 0);
    std::filesystem::remove_all(directory);
}

TEST_CASE("a broker given a username without a password refuses to start") {
    const auto directory = make_temporary_directory("trust-auth");
    CHECK_THROWS(broker_process(directory / "broker.sqlite", {}, {"PACT_BROKER_BASIC_AUTH_USERNAME=writer"}));
    std::filesystem::remove_all(directory);
}

TEST_CASE("the official Pact CLI lists pacticipants with the right password and fails with a wrong one") {
    const std::filesystem::path cli = PACT_OFFICIAL_CLI;
    if (!std::filesystem::exists(cli)) {
        MESSAGE("official Pact CLI not installed (scripts/install-official-cli.sh): skipped");
        return;
    }
    const auto directory = make_temporary_directory("trust-auth-cli");
    broker_process broker(directory / "broker.sqlite", {}, secured_environment);
    REQUIRE(send(broker, "POST", "/contracts/publish", basic("writer:write secret"),
                 publish_body("Listed Consumer", "1", "Provider", "a request", {}, "main").dump())
                .status / 100 == 2);
    ::setenv("PACT_DO_NOT_TRACK", "true", 1);  // the official CLI's usage tracking stays off (no network)
    const auto list_pacticipants = [&](std::vector<std::string> arguments) {
        arguments.insert(arguments.begin(), {cli.string(), "broker", "list-pacticipants", "-b", broker.base_url()});
        return pact::testing::run_command(arguments);
    };

    const auto listed = list_pacticipants({"-u", "writer", "-p", "write secret"});
    CHECK_MESSAGE(listed.exit_code == 0, listed.all());
    CHECK(listed.all().find("Listed Consumer") != std::string::npos);
    const auto read_only = list_pacticipants({"-u", "reader", "-p", "read secret"});
    CHECK_MESSAGE(read_only.exit_code == 0, read_only.all());
    const auto with_token = list_pacticipants({"-k", "ro-token"});
    CHECK_MESSAGE(with_token.exit_code == 0, with_token.all());

    const auto wrong = list_pacticipants({"-u", "writer", "-p", "not the password", "--retries", "1"});
    CHECK(wrong.exit_code != 0);
    CHECK_MESSAGE(wrong.all().find("credentials") != std::string::npos, wrong.all());  // the CLI prints the broker's `errors`
    CHECK(wrong.all().find("not the password") == std::string::npos);
    const auto anonymous = list_pacticipants({"--retries", "1"});
    CHECK(anonymous.exit_code != 0);
    CHECK(broker.stop() == 0);
    std::filesystem::remove_all(directory);
}
