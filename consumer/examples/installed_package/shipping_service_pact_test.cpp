// shipping-service's consumer test of order-service, built against the installed pact package: it relies on
// an order's delivery address, and writes pacts/shipping-service-order-service.json in its working folder.
// Exit 0 when the pact was written; otherwise the mock provider's report on stderr.
#include "consumer/pact_builder.hpp"
#include "http/client.hpp"
#include "http/url.hpp"

#include <nlohmann/json.hpp>

#include <iostream>
#include <stdexcept>
#include <string>

namespace {

// shipping-service's client code: the address an order is to be delivered to.
std::string fetch_delivery_address(const std::string& order_service_url, int order_id) {
    const auto destination = pact::http::parse_url(order_service_url + "/orders/" + std::to_string(order_id));
    if (!destination) throw std::runtime_error(destination.error());
    auto request = pact::http::make_request("GET", destination->target());
    request.set("Accept", "application/json");
    const auto response = pact::http::send_blocking(*destination, std::move(request));
    if (!response) throw std::runtime_error(response.error().message);
    return nlohmann::json::parse(response->body()).at("delivery_address").get<std::string>();
}

}  // namespace

int main() {
    using namespace pact::consumer;
    pact_builder pact{"shipping-service", "order-service", {.pact_dir = "pacts"}};
    pact.upon_receiving("a request for the delivery address of order 7")
        .given("order 7 exists")
        .with_request("GET", "/orders/7")
            .header("Accept", "application/json")
        .will_respond_with(200)
            .json_body(object({{"id", integer(7)}, {"delivery_address", like("1 Dock Road, Leith")}}));

    const auto result = pact.run([](const mock_server& order_service) {
        if (fetch_delivery_address(order_service.base_url(), 7).empty()) throw std::runtime_error("no delivery address");
    });
    if (!result.ok() || !result.pact_file) {
        std::cerr << result.report() << '\n';
        return 1;
    }
    std::cout << "wrote " << result.pact_file->string() << '\n';
    return 0;
}
