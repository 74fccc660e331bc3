// Component tests: the real `pact` binary over https. A TLS proxy with a self-signed certificate made in
// the test (tests/support/tls_proxy) stands in front of the real pact-broker and of a provider; the
// certificate is trusted through SSL_CERT_FILE or --ssl-certificate, or verification is switched off with
// the official CLI's flags, and without either the command fails saying why.
#include "broker_process.hpp"
#include "http/server.hpp"
#include "support/files.hpp"
#include "support/process.hpp"
#include "support/tls_proxy.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <string>
#include <vector>

using pact::broker::api::testing::broker_process;
using pact::testing::command_result;
using pact::testing::run_command;
using pact::testing::temporary_directory;

TEST_SUITE_BEGIN("component");

namespace {

constexpr const char* order_pact_document = R"({
  "consumer": {"name": "payment-service"},
  "provider": {"name": "order-service"},
  "interactions": [{
    "description": "a request for order 1",
    "request": {"method": "GET", "path": "/orders/1"},
    "response": {"status": 200, "headers": {"Content-Type": "application/json"}, "body": {"id": 1, "total_amount": 1250}}
  }],
  "metadata": {"pactSpecification": {"version": "3.0.0"}}
})";

// `pact` with no environment but PATH, HOME and `variables` (NAME=VALUE): no SSL_CERT_FILE of the machine
// running the tests decides what is trusted.
command_result pact_with(const temporary_directory& home, const std::vector<std::string>& variables,
                         const std::vector<std::string>& arguments) {
    const char* path = std::getenv("PATH");
    std::vector<std::string> command{"/usr/bin/env", "-i", "PATH=" + std::string(path == nullptr ? "/usr/bin:/bin" : path),
                                     "HOME=" + home.path().string()};
    command.insert(command.end(), variables.begin(), variables.end());
    command.push_back(PACT_BINARY);
    command.insert(command.end(), arguments.begin(), arguments.end());
    return run_command(command);
}

// Our pact-broker reached only through https: its links name the proxy's https URL.
struct https_broker {
    temporary_directory directory;
    pact::testing::self_signed_certificate certificate = pact::testing::make_self_signed_certificate(directory.path());
    pact::testing::tls_proxy proxy{certificate};
    broker_process broker{directory.path() / "broker.sqlite", {"--base-url", proxy.url()}};
    https_broker() { proxy.forward_to(broker.port()); }

    command_result pact(const std::vector<std::string>& variables, std::vector<std::string> arguments) const {
        arguments.insert(arguments.end(), {"--broker-base-url", proxy.url()});
        return pact_with(directory, variables, arguments);
    }
    [[nodiscard]] std::string trust() const { return "SSL_CERT_FILE=" + certificate.certificate_file; }
};

// order-service over https: the http server answering the pact, behind the TLS proxy.
struct https_provider {
    temporary_directory directory;
    pact::testing::self_signed_certificate certificate = pact::testing::make_self_signed_certificate(directory.path());
    pact::http::server plain{[](const pact::http::request& received) {
        if (received.target() == "/orders/1") {
            return pact::http::make_response(received, 200, "application/json", R"({"id": 1, "total_amount": 1250})");
        }
        return pact::http::make_response(received, 404, "application/json", "{}");
    }};
    pact::testing::tls_proxy proxy{certificate, plain.port()};
    std::string pact_file = directory.write("payment-service-order-service.json", order_pact_document);

    // The pact file unless `flags` name another source.
    command_result verify(const std::vector<std::string>& variables, std::vector<std::string> flags = {}) const {
        if (std::ranges::find(flags, "--broker-url") == flags.end()) flags.insert(flags.end(), {"-f", pact_file});
        std::vector<std::string> arguments{"verifier", "--scheme", "https", "-h", "127.0.0.1", "-p", std::to_string(proxy.port())};
        arguments.insert(arguments.end(), flags.begin(), flags.end());
        return pact_with(directory, variables, arguments);
    }
};

}  // namespace

TEST_CASE("broker commands reach an https broker whose certificate is trusted through SSL_CERT_FILE or --ssl-certificate") {
    https_broker https;
    const auto pact_file = https.directory.write("payment-service-order-service.json", order_pact_document);
    const auto published = https.pact({https.trust()}, {"broker", "publish", pact_file, "--consumer-app-version", "1.0.0",
                                                        "--branch", "main"});
    REQUIRE_MESSAGE(published.exit_code == 0, published.all());

    const auto listed = https.pact({https.trust()}, {"broker", "list-pacticipants"});
    CHECK_MESSAGE(listed.exit_code == 0, listed.all());
    CHECK(listed.out.find("payment-service") != std::string::npos);

    const auto with_flag = https.pact({}, {"broker", "list-pacticipants", "--ssl-certificate", https.certificate.certificate_file});
    CHECK_MESSAGE(with_flag.exit_code == 0, with_flag.all());
    CHECK(with_flag.out.find("order-service") != std::string::npos);
}

TEST_CASE("broker commands reach an https broker with an untrusted certificate when verification is skipped") {
    https_broker https;
    for (const std::string flag : {"--skip-ssl-verification", "--insecure-tls"}) {
        const auto listed = https.pact({}, {"broker", "list-pacticipants", "--output", "json", flag});
        CHECK_MESSAGE(listed.exit_code == 0, flag, ": ", listed.all());
        CHECK(listed.out.find("pacticipants") != std::string::npos);
    }
    const auto from_environment = https.pact({"SSL_SKIP_VERIFICATION=true"}, {"broker", "list-pacticipants"});
    CHECK_MESSAGE(from_environment.exit_code == 0, from_environment.all());
}

TEST_CASE("a broker command refuses an https broker whose certificate does not verify, saying why, at once") {
    https_broker https;
    const auto refused = https.pact({}, {"broker", "list-pacticipants"});
    CHECK(refused.exit_code != 0);
    CHECK_MESSAGE(refused.errors.find("certificate verify failed: self-signed certificate") != std::string::npos, refused.all());
    CHECK(refused.errors.find("--skip-ssl-verification") != std::string::npos);
    CHECK(https.proxy.connections_accepted() == 1);  // not retried: another attempt would fail the same way
}

TEST_CASE("the verifier verifies a provider served over https with --scheme https") {
    https_provider provider;
    const auto trusted = provider.verify({"SSL_CERT_FILE=" + provider.certificate.certificate_file});
    CHECK_MESSAGE(trusted.exit_code == 0, trusted.all());
    CHECK(trusted.out.find("a request for order 1") != std::string::npos);

    const auto insecure = provider.verify({}, {"--disable-ssl-verification"});
    CHECK_MESSAGE(insecure.exit_code == 0, insecure.all());
}

TEST_CASE("the verifier fails an https provider whose certificate does not verify, naming the problem") {
    https_provider provider;
    const auto refused = provider.verify({});
    CHECK(refused.exit_code != 0);
    CHECK_MESSAGE(refused.all().find("certificate verify failed: self-signed certificate") != std::string::npos, refused.all());
    CHECK(refused.all().find("--disable-ssl-verification") != std::string::npos);
}

TEST_CASE("the verifier loads pacts from an https broker with --disable-ssl-verification") {
    https_broker https;
    const auto pact_file = https.directory.write("payment-service-order-service.json", order_pact_document);
    REQUIRE(https.pact({https.trust()}, {"broker", "publish", pact_file, "--consumer-app-version", "1.0.0", "--branch", "main"})
                .exit_code == 0);
    https_provider provider;
    const auto verified = provider.verify({}, {"--disable-ssl-verification", "--broker-url", https.proxy.url(),
                                               "--provider-name", "order-service"});
    CHECK_MESSAGE(verified.exit_code == 0, verified.all());
    CHECK(verified.out.find("a request for order 1") != std::string::npos);

    const auto refused = provider.verify({}, {"--broker-url", https.proxy.url(), "--provider-name", "order-service"});
    CHECK(refused.exit_code != 0);
    CHECK(refused.all().find("certificate verify failed") != std::string::npos);
}

TEST_SUITE_END();
