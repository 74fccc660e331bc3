#include "broker/domain/pacts_for_verification.hpp"

namespace pact::broker::domain {

result<pacts_for_verification_request> parse_pacts_for_verification_request(const nlohmann::json&) {
    return std::unexpected(domain_error::invalid("pacts for verification are not available yet"));
}

pacts_for_verification_service::pacts_for_verification_service(store::store& store, const broker_config& config) : store_(store), config_(config) {}

result<std::vector<pact_for_verification>> pacts_for_verification_service::pacts_for_verification(std::string_view, const pacts_for_verification_request&,
                                                                                                  const pact_url_builder&) {
    return std::unexpected(domain_error::invalid("pacts for verification are not available yet"));
}

}  // namespace pact::broker::domain
