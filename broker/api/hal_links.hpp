#pragma once
// HAL link objects as the Pact clients read them: `href`, optional `title` and `name`, and
// `templated: true` on every link whose href holds a {variable} (the verifier substitutes only then).

#include <nlohmann/json.hpp>

#include <string>

namespace pact::broker::api {

[[nodiscard]] nlohmann::json link(std::string href, std::string title = {}, std::string name = {});
[[nodiscard]] nlohmann::json templated_link(std::string href, std::string title = {});
// The `curies` relation: an array with the `pb` documentation link.
[[nodiscard]] nlohmann::json curies(const std::string& base_url, std::string_view context);

}  // namespace pact::broker::api
