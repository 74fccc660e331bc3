#pragma once
// A request as the broker's resources see it: method, decoded path parameters, decoded query,
// body. Built from the wire request in one place (broker_application), hand-built in tests.

#include "broker/api/resource_urls.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace pact::broker::api {

// Query parameters in the order they were sent, names and values percent-decoded ('+' is a space).
class query_parameters {
public:
    query_parameters() = default;
    explicit query_parameters(std::vector<std::pair<std::string, std::string>> pairs) : pairs_(std::move(pairs)) {}
    // Parses the part of a target after '?'.
    [[nodiscard]] static query_parameters parse(std::string_view query);

    [[nodiscard]] std::optional<std::string> first(std::string_view name) const;
    [[nodiscard]] std::vector<std::string> all(std::string_view name) const;
    [[nodiscard]] const std::vector<std::pair<std::string, std::string>>& pairs() const { return pairs_; }

private:
    std::vector<std::pair<std::string, std::string>> pairs_;
};

struct resource_request {
    std::string method = "GET";
    std::map<std::string, std::string> path;  // route parameters, percent-decoded
    query_parameters query;
    std::string body;
    std::string content_type;  // "" when the client sent none
    resource_urls urls;        // builds absolute hrefs from the broker's base URL

    // The path parameter `name`; the route guarantees it is present.
    [[nodiscard]] const std::string& parameter(const std::string& name) const { return path.at(name); }
};

struct resource_response {
    unsigned status = 200;
    nlohmann::json body = nlohmann::json::object();
    std::vector<std::pair<std::string, std::string>> headers = {};  // beside the content type
    // A body that is not JSON (the metrics' text format): when the content type is set, `text` is sent as it is.
    std::string content_type = {};
    std::string text = {};
};

}  // namespace pact::broker::api
