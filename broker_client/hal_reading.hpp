#pragma once
// Reading HAL resources leniently, as the Pact Broker writes them: a relation is a link object or an
// array of link objects; a link has href, and optionally templated, name and title.

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pact::broker_client {

struct hal_link {
    std::string href;
    bool templated = false;
    std::string name;
    std::string title;
};

// The relation's link (the first one when the relation holds an array); nullopt when absent or without href.
[[nodiscard]] std::optional<hal_link> find_link(const nlohmann::json& resource, std::string_view relation);

// Every link of the relation, whether it holds one link or an array; empty when absent.
[[nodiscard]] std::vector<hal_link> find_links(const nlohmann::json& resource, std::string_view relation);

// resource["_embedded"][name] when it is an array, else an empty array.
[[nodiscard]] nlohmann::json embedded_list(const nlohmann::json& resource, std::string_view name);

// A string member, or fallback when absent or not a string.
[[nodiscard]] std::string string_member(const nlohmann::json& object, std::string_view key, std::string_view fallback = "");

}  // namespace pact::broker_client
