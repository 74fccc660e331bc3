#pragma once
// Domain errors as request problems: not_found → 404, conflict → 409, invalid → 400, each with an
// `errors` body (the domain's field errors when it names fields, else its sentence).

#include "broker/domain/domain_error.hpp"
#include "broker/api/problem.hpp"

#include <utility>

namespace pact::broker::api {

[[nodiscard]] request_problem to_problem(const domain::domain_error& error);

// The value of a domain result; throws its error as a request_problem.
template <typename T>
T value_or_throw(domain::result<T>&& result) {
    if (!result) throw to_problem(result.error());
    if constexpr (!std::is_void_v<T>) return std::move(*result);
}

}  // namespace pact::broker::api
