#include "order_client.hpp"

#include "http/client.hpp"
#include "http/url.hpp"

#include <nlohmann/json.hpp>

namespace payment {

order_client::order_client(std::string base_url) : base_url_(std::move(base_url)) {}

std::expected<order, std::string> order_client::fetch_order(std::int64_t id) const {
    const auto destination = pact::http::parse_url(base_url_ + "/orders/" + std::to_string(id));
    if (!destination) return std::unexpected(destination.error());
    auto request = pact::http::make_request("GET", destination->target());
    request.set("Accept", "application/json");
    const auto response = pact::http::send_blocking(*destination, std::move(request));
    if (!response) return std::unexpected(response.error().message);
    if (response->result_int() != 200) {
        return std::unexpected("order-service answered " + std::to_string(response->result_int()) + ": " + response->body());
    }
    const auto body = nlohmann::json::parse(response->body(), nullptr, false);
    if (!body.is_object() || !body.contains("total_amount") || !body["total_amount"].is_number_integer()) {
        return std::unexpected("order-service sent no integer total_amount: " + response->body());
    }
    return order{body.value("id", std::int64_t{0}), body["total_amount"].get<std::int64_t>(), body.value("currency", "")};
}

}  // namespace payment
