#include "broker/api/hal_links.hpp"

namespace pact::broker::api {

nlohmann::json link(std::string href, std::string title, std::string name) {
    nlohmann::json link = {{"href", std::move(href)}};
    if (!title.empty()) link["title"] = std::move(title);
    if (!name.empty()) link["name"] = std::move(name);
    return link;
}

nlohmann::json templated_link(std::string href, std::string title) {
    nlohmann::json link = {{"href", std::move(href)}, {"templated", true}};
    if (!title.empty()) link["title"] = std::move(title);
    return link;
}

nlohmann::json curies(const std::string& base_url, std::string_view context) {
    return nlohmann::json::array(
        {{{"name", "pb"}, {"href", base_url + "/doc/{rel}?context=" + std::string(context)}, {"templated", true}}});
}

}  // namespace pact::broker::api
