#include "broker_client/uri_template.hpp"
#include "broker_client/broker_settings.hpp"

#include <doctest/doctest.h>

using namespace pact::broker_client;

TEST_CASE("templated links are expanded with encoded values and unknown variables stay") {
    CHECK(expand_template("http://b/pacticipants/{pacticipant}/versions/{version}",
                          {{"pacticipant", "Order Service"}, {"version", "2.0.0+1"}}) ==
          "http://b/pacticipants/Order%20Service/versions/2.0.0%2B1");
    CHECK(expand_template("/x/{missing}", {}) == "/x/{missing}");
    CHECK(expand_template("/v/{version}", {{"version", "1.0.0+build/7 caf\xC3\xA9"}}) == "/v/1.0.0%2Bbuild%2F7%20caf%C3%A9");
    CHECK(expand_template("/no/template", {{"a", "b"}}) == "/no/template");
}

TEST_CASE("a token wins over basic auth and a missing password is empty") {
    broker_settings settings;
    settings.username = "user";
    CHECK(authorization_header(settings) == "Basic dXNlcjo=");
    settings.password = "pa ss";
    CHECK(authorization_header(settings) == "Basic dXNlcjpwYSBzcw==");
    settings.token = "t0k";
    CHECK(authorization_header(settings) == "Bearer t0k");
}

TEST_CASE("settings need a base URL and lose its trailing slash") {
    command_line_broker_options given;
    given.base_url = "http://127.0.0.1:9292/";
    const auto settings = resolve_settings(given);
    REQUIRE(settings);
    CHECK(settings->base_url == "http://127.0.0.1:9292");
    given.base_url = "ftp://x";
    CHECK_FALSE(resolve_settings(given));
    given.base_url = "http://h";
    given.custom_headers = {"no colon"};
    CHECK_FALSE(resolve_settings(given));
}
