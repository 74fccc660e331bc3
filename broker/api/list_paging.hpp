#pragma once
// Long lists are served a page at a time, as the Pact Broker pages them: `?page=N&size=S` (or its older
// `pageNumber`/`pageSize`), a `page` object (number, size, totalElements, totalPages) and `next`/`previous`
// links that keep the request's other query parameters.

#include "broker/domain/types.hpp"
#include "broker/api/resource_request.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

namespace pact::broker::api {

// Histories (versions, branches, deployments) are read 100 at a time unless the client asks otherwise.
inline constexpr std::int64_t default_page_size = 100;
// A larger size is served as this one, so that no request renders a whole history.
inline constexpr std::int64_t maximum_page_size = 1000;

// The page the request asks for, `default_size` long when it names no size. Throws a 400 problem naming the
// parameter when a number or a size is not a whole number of at least 1.
[[nodiscard]] domain::page_request requested_page(const resource_request& request, std::int64_t default_size = default_page_size);

// Adds `page` and, where there are such pages, the `next` and `previous` links to a list's HAL body.
void add_page_links(nlohmann::json& body, const resource_request& request, const std::string& self, const domain::page_request& page,
                    std::int64_t total);

}  // namespace pact::broker::api
