// pact-broker's settings as the Pact Broker names them, observed on the real binary: the main branch
// candidates, several base URLs, the check for near-duplicate pacticipant names, the configuration file and
// what --help lists.

#include "broker_process.hpp"
#include "http_test_support.hpp"
#include "support/process.hpp"

#include "http/client.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using namespace pact::broker::api::testing;
using nlohmann::json;

namespace {

json main_branch_of(broker_process& broker, const std::string& pacticipant) {
    const auto answer = broker.get("/pacticipants/" + pacticipant);
    REQUIRE(answer.status == 200);
    return answer.body.value("mainBranch", json());
}

// The index as a client that reached the broker under the name `host` sees it (the request's Host header),
// through a proxy that says it was reached as `forwarded_host` when one is given.
json index_seen_as(const broker_process& broker, const std::string& host, const std::string& forwarded_host = {}) {
    boost::asio::io_context context;
    boost::asio::ip::tcp::socket socket(context);
    socket.connect({boost::asio::ip::make_address("127.0.0.1"), broker.port()});
    auto request = pact::http::make_request("GET", "/", "", "");
    request.set(boost::beast::http::field::host, host);
    request.set(boost::beast::http::field::accept, "application/hal+json");
    if (!forwarded_host.empty()) request.set("X-Forwarded-Host", forwarded_host);
    boost::beast::http::write(socket, request);
    boost::beast::flat_buffer buffer;
    pact::http::response response;
    boost::beast::http::read(socket, buffer, response);
    REQUIRE(response.result_int() == 200);
    return json::parse(response.body());
}

// The consumer versions of the WIP pacts a provider's main branch is to verify, asked with includeWipPactsSince in
// the far future: without a dynamic window none is WIP.
std::vector<std::string> wip_consumer_versions(broker_process& broker) {
    const json selection = {{"consumerVersionSelectors", {{{"branch", "main"}}}},
                            {"includePendingStatus", true},
                            {"includeWipPactsSince", "2999-01-01"},
                            {"providerVersionBranch", "main"}};
    const auto answer = broker.send("POST", "/pacts/provider/Billing/for-verification", selection.dump());
    REQUIRE(answer.status == 200);
    std::vector<std::string> versions;
    for (const auto& entry : answer.body.at("_embedded").at("pacts"))
        if (entry.at("verificationProperties").value("wip", false)) versions.push_back(entry.at("shortDescription"));
    return versions;
}

std::string pacticipants_link(const json& index) { return index.at("_links").at("pb:pacticipants").at("href"); }

std::filesystem::path write_file(const std::filesystem::path& path, const std::string& text) {
    std::ofstream(path) << text;
    return path;
}

}  // namespace

TEST_SUITE_BEGIN("component");

TEST_CASE("a pacticipant takes the first branch or tag named in PACT_BROKER_MAIN_BRANCH_CANDIDATES as its main branch, and no other") {
    const auto directory = make_temporary_directory("broker-main-branch-candidates");
    broker_process broker(directory / "broker.sqlite", {}, {"PACT_BROKER_MAIN_BRANCH_CANDIDATES=trunk release"});
    REQUIRE(broker.send("POST", "/contracts/publish", publish_body("Ordering", "1.0.0", "Billing", "x", {}, "main").dump()).status / 100 == 2);
    CHECK(main_branch_of(broker, "Ordering").is_null());  // main is one of the default candidates only
    REQUIRE(broker.send("POST", "/contracts/publish", publish_body("Ordering", "1.0.1", "Billing", "x", {}, "trunk").dump()).status / 100 == 2);
    CHECK(main_branch_of(broker, "Ordering") == "trunk");
    REQUIRE(broker.send("PUT", "/pacticipants/Shipping/versions/1.0.0/tags/release", "{}").status / 100 == 2);
    CHECK(main_branch_of(broker, "Shipping") == "release");
    std::filesystem::remove_all(directory);
}

TEST_CASE("with PACT_BROKER_AUTO_DETECT_MAIN_BRANCH=false no branch becomes a main branch by itself") {
    const auto directory = make_temporary_directory("broker-no-main-branch-detection");
    broker_process broker(directory / "broker.sqlite", {}, {"PACT_BROKER_AUTO_DETECT_MAIN_BRANCH=false"});
    REQUIRE(broker.send("POST", "/contracts/publish", publish_body("Ordering", "1.0.0", "Billing", "x", {}, "main").dump()).status / 100 == 2);
    CHECK(main_branch_of(broker, "Ordering").is_null());
    std::filesystem::remove_all(directory);
}

TEST_CASE("with PACT_BROKER_BASE_URLS a request gets links with the base URL whose host it reached the broker by, else with the first") {
    const auto directory = make_temporary_directory("broker-base-urls");
    broker_process broker(directory / "broker.sqlite", {}, {"PACT_BROKER_BASE_URLS=https://pacts.example.com http://broker.internal:9292/pacts"});
    CHECK(pacticipants_link(index_seen_as(broker, "broker.internal:9292")) == "http://broker.internal:9292/pacts/pacticipants");
    CHECK(pacticipants_link(index_seen_as(broker, "PACTS.example.com")) == "https://pacts.example.com/pacticipants");
    CHECK(pacticipants_link(index_seen_as(broker, "127.0.0.1:" + std::to_string(broker.port()))) == "https://pacts.example.com/pacticipants");
    CHECK(pacticipants_link(index_seen_as(broker, "pacts.example.com", "broker.internal:9292")) == "http://broker.internal:9292/pacts/pacticipants");
    std::filesystem::remove_all(directory);
}

TEST_CASE("a base URL that is not an http URL or a success code that is no status stops the start with one sentence") {
    const auto directory = make_temporary_directory("broker-bad-base-url");
    const auto result = pact::testing::run_command({PACT_BROKER_BINARY, "--port", "0", "--database", (directory / "broker.sqlite").string(),
                                                    "--base-urls", "https://pacts.example.com ftp://files.example.com"});
    CHECK(result.exit_code == 1);
    CHECK(result.errors.starts_with("pact-broker: --base-urls: "));
    const auto codes = pact::testing::run_command({PACT_BROKER_BINARY, "--port", "0", "--database", (directory / "broker.sqlite").string(),
                                                   "--webhook-http-code-success", "200 OK"});
    CHECK(codes.exit_code == 1);
    CHECK(codes.errors == "pact-broker: --webhook-http-code-success: 'OK' is not an HTTP status code\n");
    std::filesystem::remove_all(directory);
}

TEST_CASE("with PACT_BROKER_DYNAMIC_WIP_WINDOW the WIP pacts are those of the window derived from the unverified pacts, not of includeWipPactsSince") {
    const auto directory = make_temporary_directory("broker-dynamic-wip-window");
    const auto publish_main_and_a_feature = [](broker_process& broker) {
        REQUIRE(broker.send("POST", "/contracts/publish", publish_body("Ordering", "1.0.0", "Billing", "on main", {}, "main").dump()).status / 100 == 2);
        REQUIRE(broker.send("POST", "/contracts/publish", publish_body("Ordering", "2.0.0", "Billing", "on a feature", {}, "feat").dump()).status / 100 ==
                2);
    };
    {
        broker_process broker(directory / "fixed.sqlite");
        publish_main_and_a_feature(broker);
        CHECK(wip_consumer_versions(broker).empty());
    }
    // Published today, unverified: the window is the shortest, 7 days, and holds the feature's pact.
    broker_process broker(directory / "dynamic.sqlite", {}, {"PACT_BROKER_DYNAMIC_WIP_WINDOW=true"});
    publish_main_and_a_feature(broker);
    const auto wip = wip_consumer_versions(broker);
    REQUIRE(wip.size() == 1);
    CHECK(wip.at(0).find("feat") != std::string::npos);
    std::filesystem::remove_all(directory);
}

TEST_CASE("a publish creating a pacticipant whose name is a near-duplicate of an existing one is refused with 409, unless the check is off") {
    const auto directory = make_temporary_directory("broker-duplicate-pacticipant-names");
    {
        broker_process broker(directory / "checked.sqlite");
        REQUIRE(broker.send("POST", "/contracts/publish", publish_body("OrderService", "1.0.0", "Billing", "x", {}, "main").dump()).status / 100 == 2);
        const auto refused = broker.send("POST", "/contracts/publish", publish_body("order-service", "1.0.1", "Billing", "x", {}, "main").dump());
        CHECK(refused.status == 409);
        const auto message = refused.body.at("errors").at("contracts").at(0).get<std::string>();
        CHECK(message.find("\"order-service\"") != std::string::npos);
        CHECK(message.find("* OrderService") != std::string::npos);
        CHECK(message.find("pact-broker create-or-update-pacticipant --name \"order-service\" --broker-base-url " + broker.base_url()) !=
              std::string::npos);
        const auto pact = example_pact("Billing", "order-services", "y");
        CHECK(broker.send("PUT", "/pacts/provider/order-services/consumer/Billing/version/1", pact.dump()).status == 409);
        CHECK(broker.get("/pacticipants/order-service").status == 404);  // nothing was created
        // Created on purpose first, the name is accepted.
        REQUIRE(broker.send("POST", "/pacticipants", json{{"name", "order-service"}}.dump()).status == 201);
        CHECK(broker.send("POST", "/contracts/publish", publish_body("order-service", "1.0.1", "Billing", "x", {}, "main").dump()).status / 100 == 2);
    }
    broker_process broker(directory / "unchecked.sqlite", {}, {"PACT_BROKER_CHECK_FOR_POTENTIAL_DUPLICATE_PACTICIPANT_NAMES=false"});
    REQUIRE(broker.send("POST", "/contracts/publish", publish_body("OrderService", "1.0.0", "Billing", "x", {}, "main").dump()).status / 100 == 2);
    CHECK(broker.send("POST", "/contracts/publish", publish_body("order-service", "1.0.1", "Billing", "x", {}, "main").dump()).status / 100 == 2);
    std::filesystem::remove_all(directory);
}

TEST_CASE("settings come from the YAML file of --config or PACT_BROKER_CONF, the environment winning over it and flags over both") {
    const auto directory = make_temporary_directory("broker-configuration-file");
    const auto file = write_file(directory / "pact_broker.yml",
                                 "base_url: https://from-file.example\n"
                                 "main_branch_candidates:\n  - trunk\n  - release\n"
                                 "database_clean_dry_run:\n");
    const auto base_url_seen = [](broker_process& broker) { return pacticipants_link(broker.get("/").body); };
    {
        broker_process broker(directory / "file.sqlite", {"--config", file.string()});
        CHECK(base_url_seen(broker) == "https://from-file.example/pacticipants");
        REQUIRE(broker.send("POST", "/contracts/publish", publish_body("Ordering", "1.0.0", "Billing", "x", {}, "trunk").dump()).status / 100 == 2);
        CHECK(main_branch_of(broker, "Ordering") == "trunk");
    }
    {
        broker_process broker(directory / "environment.sqlite", {}, {"PACT_BROKER_CONF=" + file.string(), "PACT_BROKER_BASE_URL=https://from-env.example"});
        CHECK(base_url_seen(broker) == "https://from-env.example/pacticipants");
    }
    broker_process broker(directory / "flag.sqlite", {"--config", file.string(), "--base-url", "https://from-flag.example"},
                          {"PACT_BROKER_BASE_URL=https://from-env.example"});
    CHECK(base_url_seen(broker) == "https://from-flag.example/pacticipants");
    std::filesystem::remove_all(directory);
}

TEST_CASE("a configuration file that is missing or not a mapping of settings stops the start with one sentence") {
    const auto directory = make_temporary_directory("broker-bad-configuration-file");
    const auto start_with = [&](const std::string& file) {
        return pact::testing::run_command({PACT_BROKER_BINARY, "--port", "0", "--database", (directory / "broker.sqlite").string(), "--config", file});
    };
    const auto missing = start_with((directory / "missing.yml").string());
    CHECK(missing.exit_code == 2);
    CHECK(missing.errors.starts_with("pact-broker: --config: cannot read "));
    const auto list = start_with(write_file(directory / "list.yml", "- base_url\n").string());
    CHECK(list.exit_code == 2);
    CHECK(list.errors.find("is not a mapping of settings to values") != std::string::npos);
    const auto nested = start_with(write_file(directory / "nested.yml", "base_url:\n  internal: http://x\n").string());
    CHECK(nested.exit_code == 2);
    CHECK(nested.errors.find("base_url in ") != std::string::npos);
    std::filesystem::remove_all(directory);
}

TEST_CASE("pact-broker --help lists every option with its PACT_BROKER_ variable") {
    const auto help = pact::testing::run_command({PACT_BROKER_BINARY, "--help"});
    REQUIRE(help.exit_code == 0);
    std::istringstream lines(help.out);
    std::size_t options = 0;
    for (std::string line; std::getline(lines, line);) {
        if (!line.starts_with("  --") || line.starts_with("  --version")) continue;
        ++options;
        CAPTURE(line);
        CHECK(line.find("(Env:PACT_BROKER_") != std::string::npos);
    }
    CHECK(options > 40);
    for (const auto* variable : {"PACT_BROKER_CONF", "PACT_BROKER_WEBHOOK_HTTP_CODE_SUCCESS", "PACT_BROKER_DISABLE_SSL_VERIFICATION", "PACT_BROKER_USER_AGENT",
                                 "PACT_BROKER_MAIN_BRANCH_CANDIDATES", "PACT_BROKER_BASE_URLS", "PACT_BROKER_DYNAMIC_WIP_WINDOW",
                                 "PACT_BROKER_CHECK_FOR_POTENTIAL_DUPLICATE_PACTICIPANT_NAMES"}) {
        CAPTURE(variable);
        CHECK(help.out.find(std::string("(Env:") + variable + ")") != std::string::npos);
    }
}

TEST_SUITE_END();
