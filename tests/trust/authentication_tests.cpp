// The authentication decision, without sockets: hand-built requests against settings, judged by the access of the
// broker's route they match (the broker's whole route table, pages included).

#include "broker_fixture.hpp"
#include "broker/broker_configuration.hpp"
#include "broker/html/html_site.hpp"
#include "broker/api/authentication.hpp"
#include "broker/api/broker_application.hpp"

#include "pact/base64.hpp"

#include <CLI/CLI.hpp>
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>

namespace beast_http = boost::beast::http;
using namespace pact::broker::api;

namespace {

pact::http::request make_request(beast_http::verb method, std::string target, std::string authorization = {}) {
    pact::http::request request{method, target, 11};
    request.set(beast_http::field::host, "localhost");
    if (!authorization.empty()) request.set(beast_http::field::authorization, authorization);
    return request;
}

std::string basic(std::string_view username, std::string_view password) {
    return "Basic " + pact::base64_encode(std::string(username) + ":" + std::string(password));
}

authentication_settings configured() {
    authentication_settings settings;
    settings.read_write_user = basic_credentials{"writer", "write secret"};
    settings.read_only_user = basic_credentials{"reader", "read secret"};
    settings.tokens = {{"rw-token-123", access_level::read_write}, {"ro-token-456", access_level::read_only}};
    return settings;
}

// The broker's routes over a store of their own; their functions are never called here.
const route_table& broker_route_table() {
    static pact::broker::testing::broker_fixture broker;
    static const route_table routes = pact::broker::html::site_routes(broker.services);
    return routes;
}

verdict judge(const authentication_settings& settings, const pact::http::request& request) {
    const std::string_view target = request.target();
    const auto match = broker_route_table().match(request.method_string(), split_path(target.substr(0, target.find('?'))));
    return authorize(settings, request, match.access()).outcome;
}

verdict decide(const authentication_settings& settings, beast_http::verb method, std::string target, std::string authorization = {}) {
    return judge(settings, make_request(method, std::move(target), std::move(authorization)));
}

}  // namespace

TEST_CASE("with no credentials configured every request is allowed") {
    const authentication_settings settings;
    CHECK_FALSE(settings.enabled());
    CHECK(decide(settings, beast_http::verb::put, "/pacts/provider/P/consumer/C/version/1") == verdict::allowed);
    CHECK(decide(settings, beast_http::verb::delete_, "/pacticipants/C") == verdict::allowed);
}

TEST_CASE("anonymous clients get 401 on reads and writes once authentication is configured") {
    const auto settings = configured();
    CHECK(decide(settings, beast_http::verb::get, "/") == verdict::unauthenticated);
    CHECK(decide(settings, beast_http::verb::post, "/contracts/publish") == verdict::unauthenticated);
    CHECK(decide(settings, beast_http::verb::delete_, "/pacticipants/C") == verdict::unauthenticated);
}

TEST_CASE("the read-write user may read and write") {
    const auto settings = configured();
    const auto credentials = basic("writer", "write secret");
    CHECK(decide(settings, beast_http::verb::get, "/pacticipants", credentials) == verdict::allowed);
    CHECK(decide(settings, beast_http::verb::post, "/contracts/publish", credentials) == verdict::allowed);
    CHECK(decide(settings, beast_http::verb::patch, "/pacticipants/C", credentials) == verdict::allowed);
    CHECK(decide(settings, beast_http::verb::delete_, "/pacticipants/C/branches/main", credentials) == verdict::allowed);
}

TEST_CASE("the read-only user may read but gets 403 on every write") {
    const auto settings = configured();
    const auto credentials = basic("reader", "read secret");
    CHECK(decide(settings, beast_http::verb::get, "/matrix?q[][pacticipant]=C", credentials) == verdict::allowed);
    CHECK(decide(settings, beast_http::verb::head, "/", credentials) == verdict::allowed);
    CHECK(decide(settings, beast_http::verb::options, "/pacticipants", credentials) == verdict::allowed);
    for (const auto method : {beast_http::verb::post, beast_http::verb::put, beast_http::verb::patch, beast_http::verb::delete_}) {
        CAPTURE(beast_http::to_string(method));
        CHECK(decide(settings, method, "/pacticipants/C", credentials) == verdict::forbidden);
    }
}

TEST_CASE("the pacts-for-verification query is a read although it is a POST") {
    const auto settings = configured();
    CHECK(decide(settings, beast_http::verb::post, "/pacts/provider/P/for-verification", basic("reader", "read secret")) == verdict::allowed);
    CHECK(decide(settings, beast_http::verb::post, "/pacts/provider/P/for-verification") == verdict::unauthenticated);
    CHECK(decide(settings, beast_http::verb::post, "/pacts/provider/P/consumer/C/for-verification", basic("reader", "read secret")) ==
          verdict::forbidden);
}

TEST_CASE("a wrong password, an unknown user or a malformed header gets 401, never access") {
    const auto settings = configured();
    CHECK(decide(settings, beast_http::verb::get, "/", basic("writer", "write secreT")) == verdict::unauthenticated);
    CHECK(decide(settings, beast_http::verb::get, "/", basic("writer", "write secret ")) == verdict::unauthenticated);
    CHECK(decide(settings, beast_http::verb::get, "/", basic("writer", "")) == verdict::unauthenticated);
    CHECK(decide(settings, beast_http::verb::get, "/", basic("someone", "write secret")) == verdict::unauthenticated);
    // The read-only user's name with the read-write password is nobody.
    CHECK(decide(settings, beast_http::verb::get, "/", basic("reader", "write secret")) == verdict::unauthenticated);
    CHECK(decide(settings, beast_http::verb::get, "/", "Basic") == verdict::unauthenticated);
    CHECK(decide(settings, beast_http::verb::get, "/", "Basic !!!not-base64!!!") == verdict::unauthenticated);
    CHECK(decide(settings, beast_http::verb::get, "/", "Basic " + pact::base64_encode("writer")) == verdict::unauthenticated);
    CHECK(decide(settings, beast_http::verb::get, "/", "Digest username=writer") == verdict::unauthenticated);
    CHECK(decide(settings, beast_http::verb::get, "/", "Bearer ") == verdict::unauthenticated);
}

TEST_CASE("a password may contain colons and spaces; the scheme name is case-insensitive") {
    auto settings = configured();
    settings.read_write_user = basic_credentials{"writer", "a:b c"};
    CHECK(decide(settings, beast_http::verb::put, "/x", basic("writer", "a:b c")) == verdict::allowed);
    CHECK(decide(settings, beast_http::verb::put, "/x", "basic " + pact::base64_encode("writer:a:b c")) == verdict::allowed);
}

TEST_CASE("bearer tokens carry read-write or read-only access") {
    const auto settings = configured();
    CHECK(decide(settings, beast_http::verb::post, "/contracts/publish", "Bearer rw-token-123") == verdict::allowed);
    CHECK(decide(settings, beast_http::verb::get, "/", "Bearer ro-token-456") == verdict::allowed);
    CHECK(decide(settings, beast_http::verb::post, "/contracts/publish", "Bearer ro-token-456") == verdict::forbidden);
    CHECK(decide(settings, beast_http::verb::get, "/", "Bearer rw-token-12") == verdict::unauthenticated);
    CHECK(decide(settings, beast_http::verb::get, "/", "Bearer rw-token-1234") == verdict::unauthenticated);
}

TEST_CASE("two Authorization headers are refused rather than guessed at") {
    const auto settings = configured();
    auto request = make_request(beast_http::verb::get, "/", "Bearer ro-token-456");
    request.insert(beast_http::field::authorization, "Bearer rw-token-123");
    CHECK(judge(settings, request) == verdict::unauthenticated);
}

TEST_CASE("the heartbeat and badges are public by default, for reads only, and can be closed") {
    auto settings = configured();
    CHECK(decide(settings, beast_http::verb::get, "/diagnostic/status/heartbeat") == verdict::allowed);
    CHECK(decide(settings, beast_http::verb::get, "/pacts/provider/P/consumer/C/latest/badge") == verdict::allowed);
    CHECK(decide(settings, beast_http::verb::get, "/pacts/provider/P/consumer/C/latest/prod/badge.svg?label=x") == verdict::allowed);
    CHECK(decide(settings, beast_http::verb::get, "/matrix/provider/P/latest/main/consumer/C/latest/main/badge") == verdict::allowed);
    CHECK(decide(settings, beast_http::verb::get, "/pacticipants/C/latest-version/main/can-i-deploy/to-environment/production/badge") ==
          verdict::allowed);
    CHECK(decide(settings, beast_http::verb::get, "/pacticipants/C/latest-version/main/can-i-deploy/to/prod/badge") == verdict::allowed);
    CHECK(decide(settings, beast_http::verb::get, "/pacticipants/C/branches/main/latest-version/can-i-deploy/to-environment/production/badge") ==
          verdict::allowed);
    CHECK(decide(settings, beast_http::verb::get, "/pacticipants/C/latest-version/main/can-i-deploy/to/prod") == verdict::unauthenticated);
    CHECK(decide(settings, beast_http::verb::post, "/diagnostic/status/heartbeat") == verdict::unauthenticated);
    // Only the real badge resources: a pacticipant named "badge" is no badge, nor are dot segments.
    CHECK(decide(settings, beast_http::verb::get, "/pacticipants/badge") == verdict::unauthenticated);
    CHECK(decide(settings, beast_http::verb::get, "/pacts/provider/P/consumer/C/latest/../../../../pacticipants/badge") ==
          verdict::unauthenticated);
    CHECK(decide(settings, beast_http::verb::get, "/diagnostic/status/heartbeat/../../../pacticipants") == verdict::unauthenticated);

    settings.public_heartbeat = false;
    settings.public_badges = false;
    CHECK(decide(settings, beast_http::verb::get, "/diagnostic/status/heartbeat") == verdict::unauthenticated);
    CHECK(decide(settings, beast_http::verb::get, "/pacts/provider/P/consumer/C/latest/badge") == verdict::unauthenticated);
}

TEST_CASE("public read lets anonymous clients read but never write") {
    auto settings = configured();
    settings.allow_public_read = true;
    CHECK(decide(settings, beast_http::verb::get, "/pacticipants") == verdict::allowed);
    CHECK(decide(settings, beast_http::verb::put, "/pacticipants/C") == verdict::unauthenticated);
    CHECK(decide(settings, beast_http::verb::get, "/pacticipants", basic("writer", "wrong")) == verdict::unauthenticated);
}

TEST_CASE("a refused request is answered with 401 or 403 and a JSON errors body that holds no secret") {
    pact::broker::testing::broker_fixture broker;
    const broker_application application(pact::broker::html::site_routes(broker.services), {.base_urls = {"http://broker.test"}, .authentication = configured()});
    const auto put_pacticipant = [&](std::string credentials) {
        auto request = make_request(beast_http::verb::put, "/pacticipants/C", std::move(credentials));
        request.set(beast_http::field::content_type, "application/json");
        request.body() = R"({"name": "C"})";
        request.prepare_payload();
        return application.handle(request);
    };

    const auto unauthenticated = put_pacticipant(basic("writer", "guess"));
    CHECK(unauthenticated.result_int() == 401);
    CHECK(std::string(unauthenticated[beast_http::field::www_authenticate]).starts_with("Basic realm="));
    CHECK(std::string(unauthenticated[beast_http::field::content_type]).starts_with("application/hal+json"));
    const auto body = nlohmann::json::parse(unauthenticated.body());
    CHECK(body["errors"]["authorization"][0].get<std::string>().find("not valid") != std::string::npos);
    CHECK(unauthenticated.body().find("guess") == std::string::npos);

    const auto forbidden = application.handle(make_request(beast_http::verb::delete_, "/pacticipants/C", "Bearer ro-token-456"));
    CHECK(forbidden.result_int() == 403);
    CHECK(nlohmann::json::parse(forbidden.body())["errors"]["authorization"][0].get<std::string>().find("DELETE /pacticipants/C") !=
          std::string::npos);
    CHECK(forbidden.body().find("ro-token-456") == std::string::npos);
    CHECK_FALSE(broker.services.pacticipants.find_pacticipant("C").has_value());

    const auto allowed = put_pacticipant("Bearer rw-token-123");
    CHECK(allowed.result_int() < 300);
    CHECK(broker.services.pacticipants.find_pacticipant("C").has_value());
}

TEST_CASE("constant-time comparison compares whole contents and lengths") {
    CHECK(constant_time_equals("secret", "secret"));
    CHECK(constant_time_equals("", ""));
    CHECK_FALSE(constant_time_equals("secret", "secreT"));
    CHECK_FALSE(constant_time_equals("secret", std::string_view("secret\0", 7)));
    CHECK_FALSE(constant_time_equals("", "x"));
}

TEST_CASE("listening beyond loopback without authentication gives a warning") {
    const authentication_settings open;
    CHECK_FALSE(exposure_warning(open, "127.0.0.1").has_value());
    CHECK_FALSE(exposure_warning(open, "::1").has_value());
    CHECK_FALSE(exposure_warning(open, "localhost").has_value());
    REQUIRE(exposure_warning(open, "0.0.0.0").has_value());
    CHECK(exposure_warning(open, "0.0.0.0")->find("without authentication") != std::string::npos);
    CHECK(exposure_warning(open, "::").has_value());
    CHECK(exposure_warning(open, "broker.example.com").has_value());
    CHECK_FALSE(exposure_warning(configured(), "0.0.0.0").has_value());
}

TEST_CASE("options come from the Pact Broker's environment variables and flags") {
    pact::broker::broker_options broker_options;
    const auto& options = broker_options.authentication;
    CLI::App app;
    pact::broker::add_broker_options(app, broker_options);
    ::setenv("PACT_BROKER_BASIC_AUTH_USERNAME", "env-writer", 1);
    ::setenv("PACT_BROKER_BASIC_AUTH_PASSWORD", "env-password", 1);
    ::setenv("PACT_BROKER_READ_ONLY_TOKEN", "env-token", 1);
    const char* arguments[] = {"pact-broker", "--basic-auth-read-only-username", "ro-user", "--basic-auth-read-only-password",
                               "ro-password", "--public-heartbeat", "false"};
    app.parse(static_cast<int>(std::size(arguments)), arguments);
    ::unsetenv("PACT_BROKER_BASIC_AUTH_USERNAME");
    ::unsetenv("PACT_BROKER_BASIC_AUTH_PASSWORD");
    ::unsetenv("PACT_BROKER_READ_ONLY_TOKEN");

    const auto settings = make_authentication_settings(options);
    REQUIRE(settings.has_value());
    CHECK(settings->read_write_user->username == "env-writer");
    CHECK(settings->read_only_user->password == "ro-password");
    REQUIRE(settings->tokens.size() == 1);
    CHECK(settings->tokens[0].access == access_level::read_only);
    CHECK_FALSE(settings->public_heartbeat);
    CHECK(settings->public_badges);
}

TEST_CASE("incomplete or contradictory options are refused without echoing secrets") {
    authentication_options no_password;
    no_password.username = "writer";
    CHECK_FALSE(make_authentication_settings(no_password).has_value());

    authentication_options no_username;
    no_username.password = "hunter2";
    const auto refused = make_authentication_settings(no_username);
    REQUIRE_FALSE(refused.has_value());
    CHECK(refused.error().find("hunter2") == std::string::npos);

    authentication_options only_read_only;
    only_read_only.read_only_username = "reader";
    only_read_only.read_only_password = "secret";
    CHECK_FALSE(make_authentication_settings(only_read_only).has_value());
}

TEST_CASE("a config file holds users and any number of tokens") {
    const auto file = std::filesystem::temp_directory_path() / ("pact-auth-" + std::to_string(::getpid()) + ".json");
    std::ofstream(file) << R"({"basicAuth": {"username": "writer", "password": "pw", "readOnlyUsername": "reader", "readOnlyPassword": "rpw"},
                              "tokens": [{"token": "t1", "access": "read-write"}, {"token": "t2", "access": "read-only"},
                                         {"token": "t3", "access": "read-only"}]})";
    authentication_options options;
    options.config_file = file.string();
    const auto settings = make_authentication_settings(options);
    REQUIRE(settings.has_value());
    CHECK(decide(*settings, beast_http::verb::put, "/x", basic("writer", "pw")) == verdict::allowed);
    CHECK(decide(*settings, beast_http::verb::put, "/x", basic("reader", "rpw")) == verdict::forbidden);
    CHECK(decide(*settings, beast_http::verb::get, "/x", "Bearer t3") == verdict::allowed);
    CHECK(decide(*settings, beast_http::verb::put, "/x", "Bearer t3") == verdict::forbidden);

    std::ofstream(file) << R"({"tokens": [{"token": "t1", "access": "admin"}]})";
    CHECK_FALSE(make_authentication_settings(options).has_value());
    std::filesystem::remove(file);
    CHECK_FALSE(make_authentication_settings(options).has_value());
}

TEST_CASE("the Pact Broker's deleting and patching routes need write access") {
    const auto settings = configured();
    const auto reader = basic("reader", "read secret");
    const auto writer = basic("writer", "write secret");
    const std::vector<std::pair<beast_http::verb, std::string>> writes = {
        {beast_http::verb::patch, "/pacticipants/C/versions/1"},
        {beast_http::verb::delete_, "/pacticipants/C/branches/main/versions/1"},
        {beast_http::verb::delete_, "/pacts/provider/P/consumer/C"},
        {beast_http::verb::delete_, "/pacts/provider/P/consumer/C/versions"},
        {beast_http::verb::delete_, "/pacts/provider/P/consumer/C/tag/prod"},
        {beast_http::verb::delete_, "/pacts/provider/P/consumer/C/pact-version/abc/verification-results/1"},
    };
    for (const auto& [method, target] : writes) {
        CAPTURE(target);
        CHECK(decide(settings, method, target, reader) == verdict::forbidden);
        CHECK(decide(settings, method, target, writer) == verdict::allowed);
    }
}
