// Component tests: the real `pact` binary's broker commands against the real pact-broker on loopback, for
// the official CLI's flags a CI script may carry (git detection, --strict, --no-main-branch, describe-version
// --environment, can-i-deploy's JSON exit code) and the one way a failed broker call is reported.
#include "broker_process.hpp"
#include "http/server.hpp"
#include "support/files.hpp"
#include "support/process.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

using pact::broker::api::testing::broker_process;
using pact::testing::command_result;
using pact::testing::run_command;
using pact::testing::temporary_directory;

TEST_SUITE_BEGIN("component");

namespace {

std::string order_pact_text(const std::string& extra_member = "") {
    return R"({
  "consumer": {"name": "payment-service"},
  "provider": {"name": "order-service"},)" +
           extra_member + R"(
  "interactions": [{
    "description": "a request for order 1",
    "request": {"method": "GET", "path": "/orders/1"},
    "response": {"status": 200, "body": {"id": 1, "total_amount": 1250}}
  }],
  "metadata": {"pactSpecification": {"version": "3.0.0"}}
})";
}

// A broker on a free loopback port with its database in a fresh directory, which the tests also use as
// their working directory.
struct broker_fixture {
    temporary_directory directory;
    broker_process broker{directory.path() / "broker.sqlite"};

    // `pact` run in `working_directory` with no environment but PATH, HOME and `variables` (NAME=VALUE),
    // so no CI variable of the machine running the tests decides what is detected.
    command_result pact_in(const std::filesystem::path& working_directory, const std::vector<std::string>& variables,
                           std::vector<std::string> arguments) const {
        const char* path = std::getenv("PATH");
        std::vector<std::string> command{"/usr/bin/env", "-i", "-C", working_directory.string(),
                                         "PATH=" + std::string(path == nullptr ? "/usr/bin:/bin" : path),
                                         "HOME=" + directory.path().string()};
        command.insert(command.end(), variables.begin(), variables.end());
        command.push_back(PACT_BINARY);
        command.insert(command.end(), arguments.begin(), arguments.end());
        command.push_back("-b");
        command.push_back(broker.base_url());
        return run_command(command);
    }
    command_result pact(std::vector<std::string> arguments) const {
        return pact_in(directory.path(), {}, std::move(arguments));
    }

    nlohmann::json version(const std::string& number) {
        const auto answer = broker.get("/pacticipants/payment-service/versions/" + number);
        REQUIRE_MESSAGE(answer.status == 200, "version ", number, " is not in the broker");
        return answer.body;
    }
};

std::vector<std::string> names_in(const nlohmann::json& version, const char* list) {
    std::vector<std::string> names;
    for (const auto& entry : version["_embedded"][list]) {
        names.push_back(entry.value("name", ""));
    }
    return names;
}

bool contains(const std::vector<std::string>& names, const std::string& name) {
    return std::ranges::find(names, name) != names.end();
}

// A git repository in `directory` on `branch` with one commit; returns the commit's hash.
std::string make_git_repository(const std::filesystem::path& directory, const std::string& branch) {
    std::filesystem::create_directories(directory);
    const auto git = [&](std::vector<std::string> arguments) {
        arguments.insert(arguments.begin(), {"/usr/bin/git", "-C", directory.string(), "-c", "user.name=Test",
                                             "-c", "user.email=test@example.com"});
        const auto result = run_command(arguments);
        REQUIRE_MESSAGE(result.exit_code == 0, result.all());
        return result.out;
    };
    git({"init", "-q", "-b", branch});
    git({"commit", "-q", "--allow-empty", "-m", "first"});
    auto commit = git({"rev-parse", "HEAD"});
    commit.erase(commit.find_last_not_of("\n") + 1);
    return commit;
}

// A broker and a git checkout of payment-service (one commit on `branch`) with its pact in pacts/.
struct checkout_fixture : broker_fixture {
    std::filesystem::path repository = directory.path() / "payment-service";
    std::string commit;

    explicit checkout_fixture(const std::string& branch) : commit(make_git_repository(repository, branch)) {
        directory.write("payment-service/pacts/payment-service-order-service.json", order_pact_text());
    }
    command_result pact_in_checkout(std::vector<std::string> arguments,
                                    const std::vector<std::string>& variables = {}) const {
        return pact_in(repository, variables, std::move(arguments));
    }
};

}  // namespace

TEST_CASE("publish --auto-detect-version-properties takes the version from the git commit and the branch from git") {
    checkout_fixture fixture("feature/refunds");
    const auto commit = fixture.commit;

    const auto result = fixture.pact_in_checkout({"publish", "pacts", "--auto-detect-version-properties"});

    INFO(result.all());
    CHECK(result.exit_code == 0);
    CHECK(result.out.find("Auto detected git commit: " + commit) != std::string::npos);
    CHECK(result.out.find("Auto detected git branch: feature/refunds") != std::string::npos);
    CHECK(contains(names_in(fixture.version(commit), "branchVersions"), "feature/refunds"));
}

TEST_CASE("the CI's variables name the commit, branch and build URL before git does") {
    checkout_fixture fixture("main");

    const auto result = fixture.pact_in_checkout(
        {"publish", "pacts", "-r"},
        {"GIT_COMMIT=abc123", "GITHUB_REF=refs/heads/release/2", "BUILD_URL=http://ci.example/build/7"});

    INFO(result.all());
    CHECK(result.exit_code == 0);
    const auto version = fixture.version("abc123");
    CHECK(contains(names_in(version, "branchVersions"), "release/2"));
    CHECK(version.value("buildUrl", "") == "http://ci.example/build/7");
}

TEST_CASE("a version given with -a wins over the detected commit") {
    checkout_fixture fixture("main");

    const auto result = fixture.pact_in_checkout({"publish", "pacts", "-r", "-a", "1.0.0"});

    INFO(result.all());
    CHECK(result.exit_code == 0);
    CHECK(contains(names_in(fixture.version("1.0.0"), "branchVersions"), "main"));
}

TEST_CASE("publish --tag-with-git-branch tags the version with the current git branch") {
    checkout_fixture fixture("feature/refunds");

    const auto result = fixture.pact_in_checkout({"publish", "pacts", "-a", "1.0.0", "--tag-with-git-branch"});

    INFO(result.all());
    CHECK(result.exit_code == 0);
    CHECK(contains(names_in(fixture.version("1.0.0"), "tags"), "feature/refunds"));
}

TEST_CASE("create-version-tag -g tags with the current git branch, and says so when there is none") {
    checkout_fixture fixture("release/3");
    REQUIRE(fixture.pact_in_checkout({"publish", "pacts", "-a", "1.0.0"}).exit_code == 0);

    const auto tagged = fixture.pact_in_checkout({"create-version-tag", "-a", "payment-service", "-e", "1.0.0", "-g"});
    INFO(tagged.all());
    CHECK(tagged.exit_code == 0);
    CHECK(contains(names_in(fixture.version("1.0.0"), "tags"), "release/3"));

    const auto outside_git = fixture.pact({"create-version-tag", "-a", "payment-service", "-e", "1.0.0", "-g"});
    CHECK(outside_git.exit_code == 1);
    CHECK(outside_git.errors.find("git branch could not be determined") != std::string::npos);

    const auto neither = fixture.pact({"create-version-tag", "-a", "payment-service", "-e", "1.0.0"});
    CHECK(neither.exit_code == 2);
    CHECK(neither.all().find("--tag") != std::string::npos);
}

TEST_CASE("publish without a version and without -r is a usage error") {
    broker_fixture fixture;
    fixture.directory.write("pacts/payment-service-order-service.json", order_pact_text());

    const auto result = fixture.pact({"publish", "pacts"});

    CHECK(result.exit_code == 2);
    CHECK(result.all().find("--consumer-app-version") != std::string::npos);
}

TEST_CASE("publish --validate warns of attributes the specification does not define, and --strict refuses them") {
    broker_fixture fixture;
    fixture.directory.write("pacts/payment-service-order-service.json", order_pact_text(R"( "surprise": 1,)"));

    const auto warned = fixture.pact({"publish", "pacts", "-a", "1.0.0", "--validate"});
    INFO(warned.all());
    CHECK(warned.exit_code == 0);
    const auto findings = nlohmann::json::parse(warned.out.substr(0, warned.out.find("\n]") + 2));
    CHECK(findings[0]["results"][0]["level"] == "WARNING");
    CHECK(findings[0]["results"][0]["message"] == "Unexpected attribute 'surprise'");
    CHECK(fixture.broker.get("/pacticipants/payment-service/versions/1.0.0").status == 200);

    const auto refused = fixture.pact({"publish", "pacts", "-a", "2.0.0", "--validate", "--strict"});
    INFO(refused.all());
    CHECK(refused.exit_code == 2);
    CHECK(refused.out.find("\"ERROR\"") != std::string::npos);
    CHECK(fixture.broker.get("/pacticipants/payment-service/versions/2.0.0").status == 404);

    const auto unvalidated = fixture.pact({"publish", "pacts", "-a", "3.0.0", "--strict"});
    CHECK(unvalidated.exit_code == 0);
}

TEST_CASE("can-i-deploy accepts --no-main-branch or --skip-main-branch, but not together or with --main-branch") {
    broker_fixture fixture;
    fixture.directory.write("pacts/payment-service-order-service.json", order_pact_text());
    REQUIRE(fixture.pact({"publish", "pacts", "-a", "1.0.0"}).exit_code == 0);
    REQUIRE(fixture.pact({"create-environment", "--name", "production"}).exit_code == 0);

    for (const char* flag : {"--no-main-branch", "--skip-main-branch"}) {
        CAPTURE(flag);
        const auto result = fixture.pact({"can-i-deploy", "-a", "payment-service", "-e", "1.0.0", flag, "true",
                                          "--to-environment", "production"});
        INFO(result.all());
        CHECK(result.exit_code == 1);  // a question the broker answered: no, nothing is verified
        CHECK(result.out.find("Computer says no") != std::string::npos);
        const auto conflicting =
            fixture.pact({"can-i-deploy", "-a", "payment-service", "--main-branch", flag, "true"});
        CHECK(conflicting.exit_code == 2);
    }
    const auto both = fixture.pact({"can-i-deploy", "-a", "payment-service", "--no-main-branch", "true",
                                    "--skip-main-branch", "true"});
    CHECK(both.exit_code == 2);
}

TEST_CASE("can-i-deploy -o json exits 0 with the answer in the JSON as the official CLI does, the table exits 1") {
    broker_fixture fixture;
    fixture.directory.write("pacts/payment-service-order-service.json", order_pact_text());
    REQUIRE(fixture.pact({"publish", "pacts", "-a", "1.0.0"}).exit_code == 0);
    REQUIRE(fixture.pact({"create-environment", "--name", "production"}).exit_code == 0);
    const std::vector<std::string> question{"can-i-deploy", "-a", "payment-service", "-e", "1.0.0",
                                            "--to-environment", "production"};

    auto json_question = question;
    json_question.insert(json_question.end(), {"-o", "json"});
    const auto json = fixture.pact(json_question);
    INFO(json.all());
    CHECK(json.exit_code == 0);
    CHECK(nlohmann::json::parse(json.out)["summary"]["deployable"] != true);

    const auto table = fixture.pact(question);
    CHECK(table.exit_code == 1);
    CHECK(table.out.find("Computer says no") != std::string::npos);
    CHECK(table.errors.find("❌ No deployable version found") != std::string::npos);
}

TEST_CASE("can-i-deploy and can-i-merge --explain print each cause with the command that would settle it") {
    broker_fixture fixture;
    fixture.directory.write("pacts/payment-service-order-service.json", order_pact_text());
    REQUIRE(fixture.pact({"publish", "pacts", "-a", "1.0.0", "--branch", "feature"}).exit_code == 0);
    REQUIRE(fixture.pact({"create-environment", "--name", "production"}).exit_code == 0);
    const std::vector<std::string> question{"can-i-deploy", "-a", "payment-service", "-e", "1.0.0", "--to-environment", "production"};
    const auto broker_flag = " --broker-base-url " + fixture.broker.base_url();

    auto explained_question = question;
    explained_question.push_back("--explain");
    const auto nothing_deployed = fixture.pact(explained_question);
    INFO(nothing_deployed.all());
    CHECK(nothing_deployed.exit_code == 1);
    CHECK(nothing_deployed.out.find("[not_in_target] no version of order-service is recorded in production; if one is, record it\n") != std::string::npos);
    CHECK(nothing_deployed.out.find("    pact broker record-deployment --pacticipant order-service --version <version> --environment production" + broker_flag) !=
          std::string::npos);
    CHECK(fixture.pact(question).out.find("[not_in_target]") == std::string::npos);  // only when asked

    REQUIRE(fixture.pact({"create-or-update-version", "-a", "order-service", "-e", "2.0.0"}).exit_code == 0);
    REQUIRE(fixture.pact({"record-deployment", "-a", "order-service", "-e", "2.0.0", "--environment", "production"}).exit_code == 0);
    const auto never_verified = fixture.pact(explained_question);
    INFO(never_verified.all());
    CHECK(never_verified.out.find("[never_verified] order-service has never verified the pact payment-service 1.0.0 published (content ") != std::string::npos);
    CHECK(never_verified.out.find("    pact verifier --broker-url " + fixture.broker.base_url() +
                                  " --provider-name order-service --provider-version <version> --publish") != std::string::npos);

    // The deployed provider version fails to verify it: the mismatch, and the pact is still pending.
    const auto pact = fixture.broker.get("/pacts/provider/order-service/consumer/payment-service/version/1.0.0");
    const auto results = pact.body["_links"]["pb:publish-verification-results"]["href"].get<std::string>().substr(fixture.broker.base_url().size());
    const auto publish_result = [&](const std::string& provider_version, bool success) {
        const nlohmann::json result = {{"providerApplicationVersion", provider_version},
                                       {"success", success},
                                       {"testResults", {{{"interactionId", "1"},
                                                         {"success", success},
                                                         {"interactionDescription", "a request for order 1"},
                                                         {"mismatches", {{{"part", "body"}, {"path", "$.total_amount"}, {"message", "$.total_amount is missing"}}}}}}}};
        REQUIRE(fixture.broker.send("POST", results, result.dump()).status == 201);
    };
    publish_result("2.0.0", false);
    const auto failed = fixture.pact(explained_question);
    INFO(failed.all());
    CHECK(failed.out.find("[verification_failed] order-service 2.0.0 failed to verify the pact payment-service 1.0.0 published") != std::string::npos);
    CHECK(failed.out.find("a request for order 1: $.total_amount is missing") != std::string::npos);
    CHECK(failed.out.find("[pending] the pact payment-service 1.0.0 published") != std::string::npos);
    CHECK(failed.out.find("--enable-pending --publish") != std::string::npos);

    // 3.0.0 verifies it, but 4.0.0 is what production has now.
    publish_result("3.0.0", true);
    REQUIRE(fixture.pact({"create-or-update-version", "-a", "order-service", "-e", "4.0.0"}).exit_code == 0);
    REQUIRE(fixture.pact({"record-deployment", "-a", "order-service", "-e", "4.0.0", "--environment", "production"}).exit_code == 0);
    const auto other_version = fixture.pact(explained_question);
    INFO(other_version.all());
    CHECK(other_version.out.find("[verified_by_other_version] the version of order-service currently in production (4.0.0) has not verified the pact") !=
          std::string::npos);
    CHECK(other_version.out.find("    pact broker can-i-deploy --pacticipant order-service --version 3.0.0 --to-environment production" + broker_flag) !=
          std::string::npos);
    CHECK(other_version.out.find("[pending]") == std::string::npos);

    // can-i-merge asks about the main branches: order-service has none.
    const auto merge = fixture.pact({"can-i-merge", "-a", "payment-service", "-e", "1.0.0", "--explain"});
    INFO(merge.all());
    CHECK(merge.exit_code == 1);
    CHECK(merge.out.find("[not_in_target] order-service has no main branch, so none of its versions is on it; name its main branch") != std::string::npos);
    CHECK(merge.out.find("    pact broker create-or-update-pacticipant --name order-service --main-branch main" + broker_flag) != std::string::npos);
}

TEST_CASE("describe-version --environment lists what is deployed and released there, --deployed and --released keep one") {
    broker_fixture fixture;
    fixture.directory.write("pacts/payment-service-order-service.json", order_pact_text());
    for (const char* version : {"1.0.0", "1.1.0"}) {
        REQUIRE(fixture.pact({"publish", "pacts", "-a", version}).exit_code == 0);
    }
    REQUIRE(fixture.pact({"create-environment", "--name", "production"}).exit_code == 0);
    REQUIRE(fixture.pact({"record-deployment", "-a", "payment-service", "-e", "1.0.0", "--environment", "production",
                          "--application-instance", "blue"})
                .exit_code == 0);
    REQUIRE(fixture.pact({"record-release", "-a", "payment-service", "-e", "1.1.0", "--environment", "production"})
                .exit_code == 0);
    const std::vector<std::string> question{"describe-version", "-a", "payment-service", "--environment",
                                            "production"};

    const auto both = fixture.pact(question);
    INFO(both.all());
    CHECK(both.exit_code == 0);
    CHECK(both.out.find("│ 1.0.0   ┆ Deployed ┆ production  ┆ blue ") != std::string::npos);
    CHECK(both.out.find("│ 1.1.0   ┆ Released ┆ production  ┆ - ") != std::string::npos);

    auto deployed_question = question;
    deployed_question.push_back("--deployed");
    const auto deployed = fixture.pact(deployed_question);
    CHECK(deployed.out.find("1.0.0") != std::string::npos);
    CHECK(deployed.out.find("1.1.0") == std::string::npos);

    auto released_question = question;
    released_question.insert(released_question.end(), {"--released", "-o", "json"});
    const auto released = fixture.pact(released_question);
    INFO(released.all());
    const auto versions = nlohmann::json::parse(released.out);
    REQUIRE(versions.size() == 1);
    CHECK(versions[0]["_embedded"]["version"]["number"] == "1.1.0");

    auto unknown_question = question;
    unknown_question[4] = "nowhere";
    const auto unknown = fixture.pact(unknown_question);
    CHECK(unknown.exit_code == 1);
    CHECK(unknown.errors.find("nowhere") != std::string::npos);
}

TEST_CASE("a failed broker call is reported once, on the error stream, with what the broker said, and exits 1") {
    broker_fixture fixture;

    const auto result = fixture.pact({"describe-pacticipant", "--name", "nobody"});

    CHECK(result.exit_code == 1);
    CHECK(result.out.empty());
    CHECK(result.errors.starts_with("❌ "));
    CHECK(result.errors.find("nobody") != std::string::npos);
}

TEST_CASE("--log-level debug writes each request and its status to stderr, never the credentials") {
    broker_fixture fixture;

    const auto result =
        fixture.pact({"list-pacticipants", "--log-level", "debug", "-k", "secret-token-123", "--enable-otel"});

    INFO(result.all());
    CHECK(result.exit_code == 0);
    CHECK(result.errors.find("DEBUG → GET " + fixture.broker.base_url() + "/pacticipants") != std::string::npos);
    CHECK(result.errors.find("DEBUG ← 200 GET") != std::string::npos);
    CHECK(result.all().find("secret-token-123") == std::string::npos);
    CHECK(fixture.pact({"list-pacticipants"}).errors.empty());
}

TEST_CASE("verifier --webhook-callback-url verifies only the pact the webhook names and publishes its result there") {
    broker_fixture fixture;
    fixture.directory.write("payment/payment-service-order-service.json", order_pact_text());
    auto billing = nlohmann::json::parse(order_pact_text());
    billing["consumer"]["name"] = "billing-service";
    fixture.directory.write("billing/billing-service-order-service.json", billing.dump());
    for (const char* consumer : {"payment", "billing"}) {
        const auto published = fixture.pact({"publish", (fixture.directory.path() / consumer).string(), "-a", "1.0.0", "--branch", "main"});
        REQUIRE_MESSAGE(published.exit_code == 0, published.all());
    }
    pact::http::server provider([](pact::http::request received) {
        return pact::http::make_response(received, 200, "application/json", R"({"id": 1, "total_amount": 1250})");
    });
    const auto pact_url = fixture.broker.base_url() + "/pacts/provider/order-service/consumer/payment-service/version/1.0.0";
    const auto verified = fixture.pact({"verifier", "--webhook-callback-url", pact_url, "-h", "127.0.0.1", "-p",
                                        std::to_string(provider.port()), "--publish", "--provider-version", "2.0.0"});
    CHECK_MESSAGE(verified.exit_code == 0, verified.all());
    CHECK(verified.out.find("Verifying a pact between payment-service and order-service") != std::string::npos);
    CHECK(verified.out.find("billing-service") == std::string::npos);
    CHECK(verified.out.find("Verification result published for the pact between payment-service and order-service") != std::string::npos);
    const auto verified_matrix = fixture.broker.get("/matrix?q[][pacticipant]=payment-service&q[][version]=1.0.0");
    CHECK_MESSAGE(verified_matrix.body.dump().find("\"2.0.0\"") != std::string::npos, verified_matrix.body.dump());
    const auto unverified_matrix = fixture.broker.get("/matrix?q[][pacticipant]=billing-service&q[][version]=1.0.0");
    CHECK(unverified_matrix.status == 200);
    CHECK(unverified_matrix.body.dump().find("\"2.0.0\"") == std::string::npos);

    const auto without_broker = run_command({PACT_BINARY, "verifier", "--webhook-callback-url", pact_url, "-p", "8080"});
    CHECK(without_broker.exit_code == 2);
    CHECK(without_broker.errors.find("--webhook-callback-url needs --broker-url") != std::string::npos);
}

TEST_CASE("stub --broker-url serves the broker's latest pacts, narrowed by --consumer-name") {
    broker_fixture fixture;
    fixture.directory.write("payment/payment-service-order-service.json", order_pact_text());
    auto billing = nlohmann::json::parse(order_pact_text());
    billing["consumer"]["name"] = "billing-service";
    billing["interactions"][0]["request"]["path"] = "/invoices/1";
    fixture.directory.write("billing/billing-service-order-service.json", billing.dump());
    for (const char* consumer : {"payment", "billing"}) {
        const auto published = fixture.pact({"publish", (fixture.directory.path() / consumer).string(), "-a", "1.0.0", "--branch", "main"});
        REQUIRE_MESSAGE(published.exit_code == 0, published.all());
    }
    const auto serve = [&](std::vector<std::string> flags) {
        std::vector<std::string> arguments{PACT_BINARY, "stub", "-b", fixture.broker.base_url(), "-p", "0"};
        arguments.insert(arguments.end(), flags.begin(), flags.end());
        return std::make_unique<pact::testing::background_process>(arguments);
    };
    const auto status_of = [](const std::string& banner, const std::string& path) {
        const auto port = banner.substr(banner.rfind(':') + 1);
        const auto answer = pact::http::send_blocking(*pact::http::parse_url("http://127.0.0.1:" + port.substr(0, port.find(' ')) + path),
                                                      pact::http::make_request("GET", ""));
        REQUIRE(answer);
        return answer->result_int();
    };
    {
        const auto everything = serve({});
        const auto banner = everything->read_line();
        REQUIRE_MESSAGE(banner.find("(2 interactions)") != std::string::npos, banner);
        CHECK(status_of(banner, "/invoices/1") == 200);
    }
    const auto payment_only = serve({"--consumer-name", "^pay", "--provider-name", "order"});
    const auto banner = payment_only->read_line();
    REQUIRE_MESSAGE(banner.find("(1 interactions)") != std::string::npos, banner);
    CHECK(status_of(banner, "/orders/1") == 200);
    CHECK(status_of(banner, "/invoices/1") == 500);
}

namespace {

// payment-service publishes 1.0.0 and 1.1.0 on main (the second with another provider state) and 2.0.0 on
// feat/x; billing-service publishes 3.0.0 on main.
void publish_branches(broker_fixture& fixture) {
    fixture.directory.write("main/payment-service-order-service.json", order_pact_text(R"("x": 1,)"));
    REQUIRE(fixture.pact({"publish", "main", "-a", "1.0.0", "--branch", "main"}).exit_code == 0);
    auto with_state = order_pact_text();
    with_state.replace(with_state.find(R"("request")"), 0, R"("providerStates": [{"name": "order 1 exists", "params": {"id": 1}}], )");
    fixture.directory.write("main2/payment-service-order-service.json", with_state);
    REQUIRE(fixture.pact({"publish", "main2", "-a", "1.1.0", "--branch", "main"}).exit_code == 0);
    fixture.directory.write("feature/payment-service-order-service.json", order_pact_text(R"("y": 2,)"));
    REQUIRE(fixture.pact({"publish", "feature", "-a", "2.0.0", "--branch", "feat/x"}).exit_code == 0);
    auto billing = with_state;
    billing.replace(billing.find("payment-service"), std::string("payment-service").size(), "billing-service");
    fixture.directory.write("billing/billing-service-order-service.json", billing);
    REQUIRE(fixture.pact({"publish", "billing", "-a", "3.0.0", "--branch", "main"}).exit_code == 0);
}

// The listed pacts' titles, one per line.
std::string listed_titles(const std::string& json_output) {
    const auto list = nlohmann::json::parse(json_output);
    std::string titles;
    for (const auto& pact : list.at("pacts")) titles += pact.at("title").get<std::string>() + "\n";
    return titles;
}

}  // namespace

TEST_CASE("get-pacts lists the pacts of the consumers' main branches, a named branch, one consumer, or the latest") {
    broker_fixture fixture;
    publish_branches(fixture);
    const auto ask = [&](std::vector<std::string> arguments) {
        arguments.insert(arguments.begin(), {"broker", "get-pacts", "--provider", "order-service", "-o", "json"});
        const auto result = fixture.pact(arguments);
        INFO(result.all());
        REQUIRE(result.exit_code == 0);
        return listed_titles(result.out);
    };
    const std::string payment_1_0 = "Pact between payment-service (1.0.0) and order-service\n";
    const std::string payment_1_1 = "Pact between payment-service (1.1.0) and order-service\n";
    const std::string payment_2_0 = "Pact between payment-service (2.0.0) and order-service\n";
    const std::string billing_3_0 = "Pact between billing-service (3.0.0) and order-service\n";
    CHECK(ask({}) == billing_3_0 + payment_1_0 + payment_1_1);
    CHECK(ask({"--latest"}) == billing_3_0 + payment_1_1);
    CHECK(ask({"--consumer", "payment-service", "--latest"}) == payment_1_1);
    CHECK(ask({"--branch", "feat/x"}) == payment_2_0);
    CHECK(ask({"--consumer", "payment-service", "--branch", "feat/x", "--latest"}) == payment_2_0);
    CHECK(ask({"--consumer", "billing-service", "--branch", "feat/x"}).empty());

    const auto table = fixture.pact({"get-pacts", "--provider", "order-service", "--consumer", "payment-service"});
    INFO(table.all());
    CHECK(table.out.find("│ CONSUMER        ┆ TITLE") != std::string::npos);
    CHECK(table.out.find("│ payment-service ┆ Pact between payment-service (1.0.0) and order-service ┆ " + fixture.broker.base_url() +
                         "/pacts/provider/order-service/consumer/payment-service/version/1.0.0 │") != std::string::npos);

    const auto unknown = fixture.pact({"get-pacts", "--provider", "nobody"});
    CHECK(unknown.exit_code == 1);
    CHECK(unknown.errors.find("No pacticipant with name 'nobody' found") != std::string::npos);
}

TEST_CASE("get-pacts --download writes each pact as <consumer>-<provider>-<version>.json into --download-dir") {
    broker_fixture fixture;
    publish_branches(fixture);

    const auto result = fixture.pact({"get-pacts", "--provider", "order-service", "--latest", "--download", "--download-dir", "downloaded"});

    INFO(result.all());
    CHECK(result.exit_code == 0);
    CHECK(result.out.find("  → downloaded/payment-service-order-service-1.1.0.json\n") != std::string::npos);
    CHECK(result.out.find("  → downloaded/billing-service-order-service-3.0.0.json\n") != std::string::npos);
    const auto pact = nlohmann::json::parse(pact::testing::read_file(fixture.directory.path() / "downloaded/payment-service-order-service-1.1.0.json"));
    CHECK(pact.at("consumer").at("name") == "payment-service");
    CHECK(pact.at("interactions").at(0).at("providerStates").at(0).at("name") == "order 1 exists");
    CHECK(pact.at("_links").at("pb:consumer-version").at("name") == "1.1.0");

    const auto default_directory = fixture.pact({"get-pacts", "--provider", "order-service", "--branch", "feat/x", "--download"});
    CHECK(default_directory.exit_code == 0);
    CHECK(std::filesystem::exists(fixture.directory.path() / "pacts/payment-service-order-service-2.0.0.json"));
}

TEST_CASE("provider-states list gathers the states of the consumers' latest pacts, by main branch, branch or environment") {
    broker_fixture fixture;
    publish_branches(fixture);

    const auto main = fixture.pact({"broker", "provider-states", "list", "--provider", "order-service"});
    INFO(main.all());
    CHECK(main.exit_code == 0);
    CHECK(main.out.starts_with("Provider States for Provider: order-service\nScope: Main branch\n\n"));
    CHECK(main.out.find("│ order 1 exists      ┆ billing-service, payment-service ┆ {\"id\":1}   │") != std::string::npos);

    const auto json = fixture.pact({"provider-states", "list", "-r", "order-service", "--json"});
    CHECK(nlohmann::json::parse(json.out) ==
          nlohmann::json::parse(R"({"providerStates": [{"name": "order 1 exists", "params": {"id": 1},
                                                        "consumers": ["billing-service", "payment-service"]}]})"));

    const auto branch = fixture.pact({"provider-states", "list", "-r", "order-service", "--branch", "feat/x"});
    CHECK(branch.exit_code == 0);
    CHECK(branch.out == "Provider States for Provider: order-service\nBranch: feat/x\n\nNo provider states found.\n");

    REQUIRE(fixture.pact({"create-environment", "--name", "production"}).exit_code == 0);
    REQUIRE(fixture.pact({"record-deployment", "-a", "payment-service", "-e", "1.1.0", "--environment", "production"}).exit_code == 0);
    const auto deployed = fixture.pact({"provider-states", "list", "-r", "order-service", "--environment", "production", "--json"});
    CHECK(nlohmann::json::parse(deployed.out).at("providerStates").at(0).at("consumers") == nlohmann::json{"payment-service"});

    const auto unknown = fixture.pact({"provider-states", "list", "-r", "order-service", "--environment", "nowhere"});
    CHECK(unknown.exit_code == 1);
    CHECK(unknown.errors.find("nowhere") != std::string::npos);
    CHECK(fixture.pact({"provider-states", "list", "-r", "order-service", "--environment", "production", "--branch", "main"}).exit_code == 2);
}

TEST_SUITE_END();
