// A pact's request put on the wire as the official verifier sends it.

#include "http/pact_wire.hpp"

#include <doctest/doctest.h>

TEST_CASE("a pact's lower-case method and already-escaped path are sent as an HTTP client sends them") {
    pact::http_request described;
    described.method = "get";
    described.path = "/pacticipants/Pricing%20Service";
    auto wire = pact::http::to_wire(described, "", {});
    CHECK(wire.method_string() == "GET");
    CHECK(wire.target() == "/pacticipants/Pricing%20Service");
}
