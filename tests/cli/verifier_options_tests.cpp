#include "cli/verifier/verifier_command.hpp"

#include <doctest/doctest.h>

using namespace pact::cli;

TEST_CASE("command-line flags become verifier options") {
    verifier_command_options given;
    given.hostname = "127.0.0.1";
    given.port = 8080;
    given.base_path = "/api";
    given.headers = {"Authorization=Bearer x=y"};
    given.transports = {"message:9090/messages"};
    given.state_change_url = "http://127.0.0.1:8080/_states";
    given.state_change_teardown = true;
    given.request_timeout_milliseconds = 1500;
    given.filter_description = "order";
    given.filter_consumers = {"payment-service"};
    given.concurrency = 4;
    const auto options = to_verification_options(given);
    REQUIRE(options);
    CHECK(options->provider.to_string() == "http://127.0.0.1:8080/api");
    REQUIRE(options->extra_headers.size() == 1);
    CHECK(options->extra_headers[0].first == "Authorization");
    CHECK(options->extra_headers[0].second == "Bearer x=y");
    CHECK(options->message_port == 9090);
    CHECK(options->message_path == "/messages");
    CHECK(options->state_change_url == "http://127.0.0.1:8080/_states");
    CHECK(options->state_change_teardown);
    CHECK(options->request_timeout == std::chrono::milliseconds(1500));
    CHECK(options->filter.description == "order");
    CHECK(options->filter.consumers == std::vector<std::string>{"payment-service"});
    CHECK(options->concurrency == 4);
}

TEST_CASE("an http transport gives the provider port when -p is absent") {
    verifier_command_options given;
    given.transports = {"http:8181"};
    const auto options = to_verification_options(given);
    REQUIRE(options);
    CHECK(options->provider.port == 8181);
    CHECK_FALSE(options->message_port);
}

TEST_CASE("malformed flag values are usage errors naming the flag") {
    const auto refused = [](auto change) {
        verifier_command_options given;
        change(given);
        const auto options = to_verification_options(given);
        REQUIRE_FALSE(options);
        return options.error();
    };
    CHECK(refused([](auto& o) { o.headers = {"no-equals-sign"}; }).find("--header") == 0);
    CHECK(refused([](auto& o) { o.transports = {"message"}; }).find("--transports") == 0);
    CHECK(refused([](auto& o) { o.transports = {"message:http"}; }).find("is not a port") != std::string::npos);
    CHECK(refused([](auto& o) { o.transports = {"grpc:5555"}; }).find("grpc") != std::string::npos);
    CHECK(refused([](auto& o) { o.filter_description = "(unclosed"; }).find("--filter-description") == 0);
    CHECK(refused([](auto& o) { o.state_change_url = "not a url"; }).find("--state-change-url") == 0);
    CHECK(refused([](auto& o) { o.scheme = "ftp"; }).find("ftp") != std::string::npos);
}

TEST_CASE("the https scheme defaults the provider port to 443 and carries the TLS settings") {
    verifier_command_options given;
    given.scheme = "https";
    given.locations.tls.verify_certificates = false;
    const auto options = to_verification_options(given);
    REQUIRE(options);
    CHECK(options->provider.port == 443);
    CHECK(options->provider.to_string().starts_with("https://"));
    CHECK_FALSE(options->tls.verify_certificates);
}
