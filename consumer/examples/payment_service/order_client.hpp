#pragma once
// payment-service's client of order-service: the real code a consumer test runs against the mock.
// payment-service charges an order's total_amount (integer minor units, e.g. cents).

#include <cstdint>
#include <expected>
#include <string>

namespace payment {

struct order {
    std::int64_t id = 0;
    std::int64_t total_amount = 0;
    std::string currency;
};

class order_client {
public:
    explicit order_client(std::string base_url);  // "http://127.0.0.1:8080"

    // GET /orders/{id}; errors are sentences (unreachable, unexpected status, a field missing).
    [[nodiscard]] std::expected<order, std::string> fetch_order(std::int64_t id) const;

private:
    std::string base_url_;
};

}  // namespace payment
