// `pact mock` over real loopback HTTP, driven as a consumer in another language would drive it.
#include "consumer/pact_builder.hpp"
#include "http/client.hpp"
#include "http/url.hpp"
#include "order_client.hpp"
#include "support/files.hpp"
#include "support/process.hpp"

#include <doctest/doctest.h>

using namespace pact::consumer;
using pact::testing::background_process;
using pact::testing::temporary_directory;

TEST_SUITE_BEGIN("component");

namespace {

// The same interactions as the C++ test below builds, as a consumer in any language writes them.
const std::string order_pact_json = R"({
  "interactions": [{
    "description": "a request for order 7",
    "providerStates": [{"name": "order 7 exists", "params": {"id": 7}}],
    "request": {"method": "GET", "path": "/orders/7", "headers": {"Accept": "application/json"}},
    "response": {
      "status": 200,
      "headers": {"Content-Type": "application/json"},
      "body": {"id": 7, "total_amount": 1299},
      "matchingRules": {"body": {
        "$.id": {"matchers": [{"match": "integer"}], "combine": "AND"},
        "$.total_amount": {"matchers": [{"match": "integer"}], "combine": "AND"}
      }}
    }
  }]
})";

// Starts `pact mock` on a free port and reads its address from the first line it prints.
std::string start_mock(background_process& mock) {
    const auto first_line = mock.read_line();
    const auto at = first_line.find("http://");
    REQUIRE_MESSAGE(at != std::string::npos, first_line);
    return first_line.substr(at, first_line.find_first_of(" \t", at) - at);
}

pact::http::response control(const std::string& base_url, std::string_view method, std::string_view path,
                             std::string body = {}) {
    const auto destination = pact::http::parse_url(base_url + std::string(path));
    REQUIRE(destination);
    const std::string_view content_type = body.empty() ? std::string_view{} : "application/json";
    auto answer = pact::http::send_blocking(
        *destination, pact::http::make_request(method, destination->target(), std::move(body), content_type));
    REQUIRE_MESSAGE(answer, answer.error().message);
    return *answer;
}

}  // namespace

TEST_CASE("pact mock records, over HTTP, the same pact bytes as the C++ library") {
    const temporary_directory library_pacts;
    const temporary_directory mock_pacts;
    for (const auto version : {pact::specification_version::v3, pact::specification_version::v4}) {
        CAPTURE(pact::to_string(version));
        pact_builder pact{"payment-service", "order-service", {.pact_dir = library_pacts.path(), .specification = version}};
        pact.upon_receiving("a request for order 7")
            .given("order 7 exists", {{"id", 7}})
            .with_request("GET", "/orders/7")
            .header("Accept", "application/json")
            .will_respond_with(200)
            .json_body(object({{"id", integer(7)}, {"total_amount", integer(1299)}}));
        const auto recorded = pact.run([](const mock_server& provider) {
            REQUIRE(payment::order_client(provider.base_url()).fetch_order(7));
        });
        REQUIRE_MESSAGE(recorded.ok(), recorded.report());

        background_process mock({PACT_EXECUTABLE, "mock", "--port", "0", "--pact-dir", mock_pacts.path().string(),
                            "--consumer", "payment-service", "--provider", "order-service", "--specification",
                            version == pact::specification_version::v4 ? "4" : "3"});
        const auto base_url = start_mock(mock);
        CHECK(control(base_url, "POST", "/__pact/interactions", order_pact_json).result_int() == 201);
        const auto order = payment::order_client(base_url).fetch_order(7);
        REQUIRE_MESSAGE(order, order.error());
        CHECK(order->total_amount == 1299);
        CHECK(control(base_url, "GET", "/__pact/verify").result_int() == 200);
        const auto written = control(base_url, "POST", "/__pact/write");
        REQUIRE_MESSAGE(written.result_int() == 200, written.body());
        CHECK(mock.stop() == 0);

        const auto file_name = "payment-service-order-service.json";
        CHECK(pact::testing::read_file(mock_pacts.path() / file_name) ==
              pact::testing::read_file(library_pacts.path() / file_name));
        std::filesystem::remove(mock_pacts.path() / file_name);
        std::filesystem::remove(library_pacts.path() / file_name);
    }
}

TEST_CASE("pact mock answers an unexpected request with 500 and fails verification, writing nothing") {
    const temporary_directory pacts;
    background_process mock({PACT_EXECUTABLE, "mock", "--port", "0", "--pact-dir", pacts.path().string()});
    const auto base_url = start_mock(mock);
    // Without --consumer/--provider the names come from the registered pact.
    const auto registered = control(base_url, "POST", "/__pact/interactions",
                                    R"({"consumer": {"name": "payment-service"}, "provider": {"name": "order-service"},)" +
                                        order_pact_json.substr(1));
    REQUIRE_MESSAGE(registered.result_int() == 201, registered.body());

    const auto answer = control(base_url, "GET", "/orders/8");
    CHECK(answer.result_int() == 500);
    CHECK(nlohmann::json::parse(answer.body())["closestInteraction"] == "a request for order 7");

    const auto verified = control(base_url, "GET", "/__pact/verify");
    CHECK(verified.result_int() == 409);
    const auto report = nlohmann::json::parse(verified.body());
    CHECK(report["unexpected"][0]["path"] == "/orders/8");
    CHECK(report["missing"].size() == 1);
    CHECK(control(base_url, "POST", "/__pact/write").result_int() == 409);
    CHECK(mock.stop() == 0);
    CHECK(std::filesystem::is_empty(pacts.path()));
}

TEST_CASE("pact mock refuses an unknown specification version with a usage error") {
    const auto result = pact::testing::run_command({PACT_EXECUTABLE, "mock", "--port", "0", "--specification", "7"});
    CHECK(result.exit_code == 2);
    CHECK(result.all().find("specification") != std::string::npos);
}

TEST_SUITE_END();
