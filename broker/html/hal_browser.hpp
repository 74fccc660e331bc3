#pragma once
// The HAL browser: any API resource opened in a browser shows its JSON, pretty-printed, with the hrefs
// under `_links` as links to follow (templated ones shown as text, since they need values first).

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace pact::broker::html {

// The JSON as escaped HTML (for inside <pre>), 2-space indented, hrefs in `_links` turned into <a>.
[[nodiscard]] std::string json_with_links(const nlohmann::json& document);

// A whole page: the resource's URL and status as the heading, then the JSON.
[[nodiscard]] std::string render_hal_browser_page(std::string_view resource_url, unsigned status, const nlohmann::json& document,
                                                  std::string_view base_url);

}  // namespace pact::broker::html
