#include "http/base_url.hpp"
#include "http/client.hpp"
#include "http/url.hpp"

#include <doctest/doctest.h>

using namespace pact::http;

TEST_CASE("a URL is parsed into scheme, host, port, path and query") {
    const auto parsed = parse_url("HTTP://Example.org:8080/base/orders?id=1&x=a%20b#fragment");
    REQUIRE(parsed);
    CHECK(parsed->scheme == "http");
    CHECK(parsed->host == "Example.org");
    CHECK(parsed->port == 8080);
    CHECK(parsed->path == "/base/orders");
    CHECK(parsed->query == "id=1&x=a%20b");
    CHECK(parsed->target() == "/base/orders?id=1&x=a%20b");
    CHECK(parsed->authority() == "Example.org:8080");
}

TEST_CASE("a URL without port or path gets the scheme's default port and the root path") {
    const auto plain = parse_url("http://broker");
    REQUIRE(plain);
    CHECK(plain->port == 80);
    CHECK(plain->path == "/");
    CHECK(plain->to_string() == "http://broker/");
    const auto secure = parse_url("https://user:secret@broker?q");
    REQUIRE(secure);
    CHECK(secure->port == 443);
    CHECK(secure->host == "broker");
    CHECK(secure->query == "q");
}

TEST_CASE("an IPv6 literal host keeps its brackets out of the host name") {
    const auto parsed = parse_url("http://[::1]:9292/pacts");
    REQUIRE(parsed);
    CHECK(parsed->host == "::1");
    CHECK(parsed->port == 9292);
    CHECK(parsed->authority() == "[::1]:9292");
}

TEST_CASE("malformed URLs are refused with a sentence naming the problem") {
    CHECK_FALSE(parse_url("localhost:8080"));
    CHECK(parse_url("ftp://host/").error().find("ftp") != std::string::npos);
    CHECK(parse_url("http://host:99999/").error().find("invalid port") != std::string::npos);
    CHECK(parse_url("http://host:8x/").error().find("invalid port") != std::string::npos);
    CHECK(parse_url("http:///path").error().find("no host") != std::string::npos);
}

TEST_CASE("percent-encoding keeps unreserved characters and encodes the rest") {
    CHECK(percent_encode_component("a b/c+d~é") == "a%20b%2Fc%2Bd~%C3%A9");
    CHECK(percent_encode_path("/orders/a b+c:d@e%") == "/orders/a%20b+c:d@e%25");
    // Escapes a pact's path already holds are sent as written, not encoded twice.
    CHECK(percent_encode_path("/pacticipants/Pricing%20Service/a b%2") == "/pacticipants/Pricing%20Service/a%20b%252");
}

TEST_CASE("percent-decoding leaves a plus sign alone unless it is a form-encoded space") {
    CHECK(percent_decode("/a+b%20c") == "/a+b c");
    CHECK(percent_decode("a+b", plus_sign::space) == "a b");
    CHECK(percent_decode("100%") == "100%");
    CHECK(percent_decode("%zz%4") == "%zz%4");
    CHECK(percent_decode("%C3%A9") == "é");
}

TEST_CASE("a query string is split into decoded name and value pairs in order") {
    const auto parameters = parse_query("a=1&b=x%20y&a=2&flag&&c=");
    REQUIRE(parameters.size() == 5);
    CHECK(parameters[0] == std::pair<std::string, std::string>{"a", "1"});
    CHECK(parameters[1] == std::pair<std::string, std::string>{"b", "x y"});
    CHECK(parameters[2] == std::pair<std::string, std::string>{"a", "2"});
    CHECK(parameters[3] == std::pair<std::string, std::string>{"flag", ""});
    CHECK(parameters[4] == std::pair<std::string, std::string>{"c", ""});
}

TEST_CASE("a request's base URL is the configured one it reached the server by, else the first, else its Host") {
    using pact::http::base_url_for;
    const auto request_to = [](std::string host, std::string forwarded_host = {}) {
        auto request = pact::http::make_request("GET", "/", "", "");
        if (!host.empty()) request.set(boost::beast::http::field::host, host);
        if (!forwarded_host.empty()) request.set("X-Forwarded-Host", forwarded_host);
        return request;
    };
    const std::vector<std::string> base_urls{"https://pacts.example.com/broker", "http://internal:9292"};
    CHECK(base_url_for(request_to("internal:9292"), base_urls) == "http://internal:9292");
    CHECK(base_url_for(request_to("pacts.example.com:443"), base_urls) == "https://pacts.example.com/broker");  // the default port written out
    CHECK(base_url_for(request_to("Internal:9292", "elsewhere"), base_urls) == "http://internal:9292");
    CHECK(base_url_for(request_to("internal:9292", "pacts.example.com"), base_urls) == "https://pacts.example.com/broker");
    CHECK(base_url_for(request_to("internal:80"), base_urls) == "https://pacts.example.com/broker");
    CHECK(base_url_for(request_to("internal:9292"), {"http://only.example"}) == "http://only.example");
    CHECK(base_url_for(request_to("127.0.0.1:8080"), {}) == "http://127.0.0.1:8080");
    CHECK(base_url_for(request_to(""), {}) == "http://127.0.0.1");
}
