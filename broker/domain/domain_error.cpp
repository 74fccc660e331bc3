#include "broker/domain/domain_error.hpp"

namespace pact::broker::domain {

domain_error domain_error::not_found(std::string message) { return {kind::not_found, std::move(message), {}}; }

domain_error domain_error::conflict(std::string message, field_errors fields) { return {kind::conflict, std::move(message), std::move(fields)}; }

domain_error domain_error::invalid(std::string message, field_errors fields) { return {kind::invalid, std::move(message), std::move(fields)}; }

domain_error domain_error::invalid_field(const std::string& field, std::string message) {
    field_errors fields{{field, {message}}};
    return {kind::invalid, std::move(message), std::move(fields)};
}

std::unexpected<domain_error> failure(domain_error error) { return std::unexpected(std::move(error)); }

}  // namespace pact::broker::domain
