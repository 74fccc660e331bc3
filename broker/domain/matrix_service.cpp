#include "broker/domain/matrix_service.hpp"

namespace pact::broker::domain {

result<matrix_query> parse_matrix_query(const std::vector<std::pair<std::string, std::string>>&) {
    return std::unexpected(domain_error::invalid("the matrix is not available yet"));
}

matrix_service::matrix_service(store::store& store, const broker_config& config) : store_(store), config_(config) {}

result<matrix_result> matrix_service::matrix(const matrix_query&) { return std::unexpected(domain_error::invalid("the matrix is not available yet")); }

result<matrix_result> matrix_service::can_i_deploy(std::string_view, std::string_view, std::optional<std::string>, std::optional<std::string>) {
    return std::unexpected(domain_error::invalid("the matrix is not available yet"));
}

}  // namespace pact::broker::domain
