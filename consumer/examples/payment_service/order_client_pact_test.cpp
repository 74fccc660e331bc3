// payment-service's consumer test of order-service: it records the pact payment-service relies on.
// The charge is computed from total_amount, an integer; when order-service renamed it to total_cents,
// payments broke in production. With this pact, the provider's build fails instead (`pact verifier`).
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include "consumer/pact_builder.hpp"
#include "order_client.hpp"

#include <doctest/doctest.h>

using namespace pact::consumer;

TEST_CASE("payment-service reads the total amount of an order from order-service") {
    pact_builder pact{"payment-service", "order-service", {.pact_dir = "pacts"}};
    pact.upon_receiving("a request for order 7")
        .given("order 7 exists", {{"id", 7}})
        .with_request("GET", "/orders/7")
            .header("Accept", "application/json")
        .will_respond_with(200)
            .json_body(object({
                {"id", integer(7)},
                {"total_amount", integer(1299)},
                {"currency", regex("^[A-Z]{3}$", "EUR")},
            }));

    const auto result = pact.run([](const mock_server& order_service) {
        const payment::order_client orders(order_service.base_url());
        const auto order = orders.fetch_order(7);
        REQUIRE_MESSAGE(order, order.error());
        CHECK(order->total_amount == 1299);
    });

    CHECK_MESSAGE(result.ok(), result.report());
    CHECK(result.pact_file.has_value());
}
