#pragma once
// The seed's story as test data: payment-service relies on total_amount of order-service; its pact
// 1.0.0 fails verification by order-service 2.0.0 (which renamed the field) and passes with 2.0.1.

#include "broker/domain/types.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace pact::broker::testing {

// The Accept header a browser sends for a page.
inline constexpr const char* browser_accept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

[[nodiscard]] nlohmann::json read_test_pact(const std::string& file_name);  // from tests/browse/data

[[nodiscard]] domain::pact_publication order_publication(const std::string& consumer_version, const nlohmann::json& content);

// Verification `number` of the order pact by `provider_version`; a failure carries the total_amount mismatch.
[[nodiscard]] domain::verification order_verification(std::int64_t number, const std::string& provider_version, bool success);

}  // namespace pact::broker::testing
