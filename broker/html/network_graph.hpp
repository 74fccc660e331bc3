#pragma once
// The network of integrations as a server-rendered SVG: consumers to the left of their providers
// (layers by longest consumer chain), edges coloured by the latest verification, every node linking to
// its matrix and every edge to its latest pact. Tall layers wrap into several columns so that 200
// pacticipants stay readable.

#include "broker/html/page_links.hpp"

#include <optional>
#include <string>
#include <vector>

namespace pact::broker::html {

struct graph_edge {
    std::string consumer;
    std::string provider;
    std::optional<bool> verified;  // latest verification of the latest pact; nullopt = never verified
};

// The SVG element alone (for embedding in a page).
[[nodiscard]] std::string render_network_svg(const std::vector<graph_edge>& edges, const page_links& links);
[[nodiscard]] std::string render_network_page(const std::vector<graph_edge>& edges, const page_links& links);

}  // namespace pact::broker::html
