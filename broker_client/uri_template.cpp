#include "broker_client/uri_template.hpp"

#include "http/url.hpp"

namespace pact::broker_client {

std::string expand_template(std::string_view href, const std::map<std::string, std::string>& variables) {
    std::string expanded;
    expanded.reserve(href.size());
    std::size_t position = 0;
    while (position < href.size()) {
        const auto open = href.find('{', position);
        const auto close = open == std::string_view::npos ? std::string_view::npos : href.find('}', open);
        if (close == std::string_view::npos) {
            expanded += href.substr(position);
            break;
        }
        expanded += href.substr(position, open - position);
        const std::string name(href.substr(open + 1, close - open - 1));
        if (const auto value = variables.find(name); value != variables.end()) {
            expanded += http::percent_encode_component(value->second);
        } else {
            expanded += href.substr(open, close - open + 1);
        }
        position = close + 1;
    }
    return expanded;
}

}  // namespace pact::broker_client
