#include "browse_test_data.hpp"

#include <fstream>
#include <stdexcept>

namespace pact::broker::testing {

nlohmann::json read_test_pact(const std::string& file_name) {
    std::ifstream file(std::string(BROWSE_TEST_DATA) + "/" + file_name);
    if (!file) throw std::runtime_error("cannot read test data " + file_name);
    return nlohmann::json::parse(file);
}

domain::pact_publication order_publication(const std::string& consumer_version, const nlohmann::json& content) {
    domain::pact_publication publication;
    publication.consumer_name = "payment-service";
    publication.provider_name = "order-service";
    publication.consumer_version_number = consumer_version;
    publication.consumer_version_branches = {"main"};
    publication.pact_version_sha = "0123456789abcdef0123";
    publication.content = content;
    publication.created_at = "2026-11-25T10:00:00+00:00";
    return publication;
}

domain::verification order_verification(std::int64_t number, const std::string& provider_version, bool success) {
    domain::verification verification;
    verification.consumer_name = "payment-service";
    verification.provider_name = "order-service";
    verification.pact_version_sha = "0123456789abcdef0123";
    verification.consumer_version_number = "1.0.0";
    verification.provider_version_number = provider_version;
    verification.number = number;
    verification.success = success;
    verification.created_at = "2026-11-25T10:0" + std::to_string(number) + ":00+00:00";
    if (success) {
        verification.test_results = {{{"interactionDescription", "a request for order 1"}, {"success", true}}};
    } else {
        verification.test_results = {{{"interactionDescription", "a request for order 1"},
                                      {"success", false},
                                      {"mismatches", {{{"attribute", "body"}, {"identifier", "$.total_amount"},
                                                       {"description", "Actual map is missing the following keys: total_amount"}}}}}};
    }
    return verification;
}

}  // namespace pact::broker::testing
