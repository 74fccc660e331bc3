#include "broker/api/list_paging.hpp"

#include "broker/api/hal_links.hpp"
#include "broker/api/problem.hpp"
#include "http/url.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <optional>
#include <string_view>

namespace pact::broker::api {
namespace {

constexpr std::array<std::string_view, 4> paging_parameters{"page", "size", "pageNumber", "pageSize"};

std::optional<std::int64_t> positive_parameter(const resource_request& request, std::string_view name) {
    auto text = request.query.first(name);
    if (!text) return std::nullopt;
    std::int64_t value = 0;
    const auto* end = text->data() + text->size();
    auto [stop, error] = std::from_chars(text->data(), end, value);
    // Large enough to page any list, small enough that (number - 1) * size cannot overflow.
    constexpr std::int64_t largest = 1'000'000'000;
    if (error != std::errc{} || stop != end || value < 1 || value > largest)
        throw invalid_field(name, "must be a whole number from 1 to " + std::to_string(largest) + ", not '" + *text + "'");
    return value;
}

// The link to another page: the same resource and query, with that page's number and size.
nlohmann::json page_link(const resource_request& request, const std::string& self, std::int64_t number, std::int64_t size, std::string title) {
    std::string href = self + "?page=" + std::to_string(number) + "&size=" + std::to_string(size);
    for (const auto& [name, value] : request.query.pairs()) {
        if (std::ranges::find(paging_parameters, name) != paging_parameters.end()) continue;
        href += "&" + pact::http::percent_encode_component(name) + "=" + pact::http::percent_encode_component(value);
    }
    return link(std::move(href), std::move(title));
}

}  // namespace

domain::page_request requested_page(const resource_request& request, std::int64_t default_size) {
    // As the Pact Broker: `page`/`size` when either is given, else the older names.
    const bool current_names = request.query.first("page") || request.query.first("size");
    const auto number = positive_parameter(request, current_names ? "page" : "pageNumber");
    const auto size = positive_parameter(request, current_names ? "size" : "pageSize");
    return {number.value_or(1), std::min(size.value_or(default_size), maximum_page_size)};
}

void add_page_links(nlohmann::json& body, const resource_request& request, const std::string& self, const domain::page_request& page,
                    std::int64_t total) {
    const auto pages = (total + page.size - 1) / page.size;
    body["page"] = {{"number", page.number}, {"size", page.size}, {"totalElements", total}, {"totalPages", pages}};
    auto& links = body["_links"];
    if (page.number < pages) links["next"] = page_link(request, self, page.number + 1, page.size, "Next page");
    if (page.number > 1) links["previous"] = page_link(request, self, std::min(page.number - 1, std::max<std::int64_t>(pages, 1)), page.size, "Previous page");
}

}  // namespace pact::broker::api
