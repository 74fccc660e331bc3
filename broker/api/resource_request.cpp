#include "broker/api/resource_request.hpp"

#include "http/url.hpp"

namespace pact::broker::api {

query_parameters query_parameters::parse(std::string_view query) {
    return query_parameters(pact::http::parse_query(query, pact::http::plus_sign::space));
}

std::optional<std::string> query_parameters::first(std::string_view name) const {
    for (const auto& [key, value] : pairs_) {
        if (key == name) return value;
    }
    return std::nullopt;
}

std::vector<std::string> query_parameters::all(std::string_view name) const {
    std::vector<std::string> values;
    for (const auto& [key, value] : pairs_) {
        if (key == name) values.push_back(value);
    }
    return values;
}

}  // namespace pact::broker::api
