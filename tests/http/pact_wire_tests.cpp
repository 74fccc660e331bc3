// A pact's request put on the wire as the official verifier sends it.

#include "wire/pact_wire.hpp"
#include "pact/pact_reader.hpp"

#include <doctest/doctest.h>

TEST_CASE("a pact's lower-case method and already-escaped path are sent as an HTTP client sends them") {
    pact::http_request described;
    described.method = "get";
    described.path = "/pacticipants/Pricing%20Service";
    auto wire = pact::wire::to_wire(described, "", {});
    CHECK(wire.method_string() == "GET");
    CHECK(wire.target() == "/pacticipants/Pricing%20Service");
}

TEST_CASE("a pact's null body is sent as no body, in a request and in a response") {
    auto request = pact::read_request(nlohmann::json::parse(R"({"method": "POST", "path": "/", "body": null})"), pact::specification_version::v3);
    REQUIRE(request);
    const auto sent = pact::wire::to_wire(*request, "", {});
    CHECK(sent.body().empty());
    CHECK(sent[boost::beast::http::field::content_type].empty());
    auto response = pact::read_response(nlohmann::json::parse(R"({"status": 200, "body": null})"), pact::specification_version::v3);
    REQUIRE(response);
    const auto answered = pact::wire::to_wire(*response);
    CHECK(answered.body().empty());
    CHECK(answered[boost::beast::http::field::content_type].empty());
}

TEST_CASE("a pact's empty JSON body is sent as no body rather than as two quotes") {
    auto request = pact::read_request(nlohmann::json::parse(R"({"method": "POST", "path": "/", "headers": {"Content-Type": "application/json"}, "body": ""})"),
                                      pact::specification_version::v3);
    REQUIRE(request);
    CHECK(pact::wire::to_wire(*request, "", {}).body().empty());
}

TEST_CASE("a header sent several times reaches the model as one value per line") {
    pact::http::request received;
    received.method_string("GET");
    received.target("/");
    received.insert("X-Test", "1000");
    received.insert("X-Test", "1234");
    const auto read = pact::wire::from_wire(received);
    REQUIRE(pact::find_header(read.headers, "x-test") != nullptr);
    CHECK(*pact::find_header(read.headers, "x-test") == std::vector<std::string>{"1000", "1234"});
}

TEST_CASE("a pact's header value written over several lines is sent as one line") {
    pact::http_response described;
    described.headers["Content-Type"] = {"text/x-okie; charset=iso-8859-1;\n    declaration=\"<1@example>\""};
    const auto sent = pact::wire::to_wire(described);
    CHECK(sent[boost::beast::http::field::content_type] == "text/x-okie; charset=iso-8859-1; declaration=\"<1@example>\"");
}
