#include "broker/html/network_graph.hpp"

#include "broker/html/html_text.hpp"

#include <algorithm>
#include <iterator>
#include <map>

namespace pact::broker::html {
namespace {

constexpr int node_width = 200;
constexpr int node_height = 20;
constexpr int row_height = 28;
constexpr int column_gap = 110;
constexpr int margin = 20;
constexpr std::size_t rows_per_column = 40;

struct placed_node {
    int x = 0;
    int y = 0;
};

// Longest chain of consumers in front of each pacticipant; cycles stop growing after one round per node.
std::map<std::string, std::size_t> layers_of(const std::vector<graph_edge>& edges) {
    std::map<std::string, std::size_t> layer;
    for (const auto& edge : edges) {
        layer.try_emplace(edge.consumer, 0);
        layer.try_emplace(edge.provider, 0);
    }
    for (std::size_t round = 0; round < layer.size(); ++round) {
        bool changed = false;
        for (const auto& edge : edges) {
            if (edge.consumer == edge.provider) continue;
            const auto wanted = layer[edge.consumer] + 1;
            if (layer[edge.provider] < wanted && wanted < layer.size()) {
                layer[edge.provider] = wanted;
                changed = true;
            }
        }
        if (!changed) break;
    }
    return layer;
}

std::string colour_of(const std::optional<bool>& verified) {
    if (!verified) return "#9e9e9e";
    return *verified ? "#2e7d32" : "#c62828";
}

std::string shortened(const std::string& name) {
    return name.size() <= 30 ? name : name.substr(0, 28) + "…";
}

// Orders each layer by the mean position of its neighbours in the layer before (then, sweeping back, in
// the layer after): the barycentre heuristic, which untangles most of the crossings of layered drawings.
void order_to_reduce_crossings(std::map<std::size_t, std::vector<std::string>>& members, const std::vector<graph_edge>& edges) {
    std::map<std::string, double> position;
    const auto number = [&](const std::vector<std::string>& names) {
        for (std::size_t index = 0; index < names.size(); ++index) position[names[index]] = static_cast<double>(index);
    };
    const auto reorder = [&](std::vector<std::string>& names, const std::vector<std::string>& neighbours_layer, bool neighbours_are_consumers) {
        std::map<std::string, bool> in_neighbours;
        for (const auto& name : neighbours_layer) in_neighbours[name] = true;
        std::map<std::string, std::pair<double, int>> sums;
        for (const auto& edge : edges) {
            const auto& self = neighbours_are_consumers ? edge.provider : edge.consumer;
            const auto& other = neighbours_are_consumers ? edge.consumer : edge.provider;
            if (!in_neighbours.contains(other)) continue;
            sums[self].first += position[other];
            ++sums[self].second;
        }
        std::map<std::string, double> key;
        for (const auto& name : names) {
            const auto found = sums.find(name);
            key[name] = found == sums.end() ? position[name] : found->second.first / found->second.second;
        }
        std::ranges::stable_sort(names, [&](const std::string& left, const std::string& right) { return key[left] < key[right]; });
        number(names);
    };
    for (auto& [index, names] : members) number(names);
    for (auto current = members.begin(); current != members.end(); ++current) {
        if (current != members.begin()) reorder(current->second, std::prev(current)->second, true);
    }
    for (auto current = members.rbegin(); current != members.rend(); ++current) {
        if (current != members.rbegin()) reorder(current->second, std::prev(current)->second, false);
    }
}

std::string point(int x, int y) { return std::to_string(x) + "," + std::to_string(y); }

// From the right edge of the consumer to the left edge of the provider. Neighbouring columns get one
// curve; an edge that skips columns runs along the gap between rows (`gap_y`), so it never crosses a node.
std::string edge_path(int x1, int y1, int x2, int y2, int gap_y) {
    if (x2 > x1 && x2 - x1 <= column_gap) {
        const int bend = std::max(40, (x2 - x1) / 2);
        return "M" + point(x1, y1) + " C" + point(x1 + bend, y1) + " " + point(x2 - bend, y2) + " " + point(x2, y2);
    }
    const int turn = column_gap / 4;
    return "M" + point(x1, y1) + " C" + point(x1 + turn, y1) + " " + point(x1 + turn, gap_y) + " " + point(x1 + 2 * turn, gap_y) + " L" +
           point(x2 - 2 * turn, gap_y) + " C" + point(x2 - turn, gap_y) + " " + point(x2 - turn, y2) + " " + point(x2, y2);
}

}  // namespace

std::string render_network_svg(const std::vector<graph_edge>& edges, const page_links& links) {
    const auto layer = layers_of(edges);
    std::map<std::size_t, std::vector<std::string>> members;
    for (const auto& [name, index] : layer) members[index].push_back(name);
    order_to_reduce_crossings(members, edges);

    std::map<std::string, placed_node> placed;
    int column = 0;
    std::size_t tallest = 0;
    for (const auto& [index, names] : members) {
        for (std::size_t start = 0; start < names.size(); start += rows_per_column) {
            const std::size_t end = std::min(names.size(), start + rows_per_column);
            for (std::size_t row = start; row < end; ++row) {
                placed[names[row]] = {margin + column * (node_width + column_gap), margin + static_cast<int>(row - start) * row_height};
            }
            tallest = std::max(tallest, end - start);
            ++column;
        }
    }
    const int width = std::max(1, column) * (node_width + column_gap) - column_gap + 2 * margin;
    const int height = static_cast<int>(std::max<std::size_t>(1, tallest)) * row_height + 2 * margin;

    std::string svg = "<svg class=\"network\" xmlns=\"http://www.w3.org/2000/svg\" width=\"" + std::to_string(width) + "\" height=\"" + std::to_string(height) +
                      "\" viewBox=\"0 0 " + std::to_string(width) + " " + std::to_string(height) + "\">";
    svg += "<defs>";
    for (const auto* colour : {"#2e7d32", "#c62828", "#9e9e9e"}) {
        svg += "<marker id=\"arrow" + std::string(colour + 1) + "\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"6\" markerHeight=\"6\" orient=\"auto\">"
               "<path d=\"M0,0 L10,5 L0,10 z\" fill=\"" + colour + "\"/></marker>";
    }
    svg += "</defs><g class=\"edges\" fill=\"none\" stroke-width=\"1.4\">";
    for (const auto& edge : edges) {
        const auto& from = placed[edge.consumer];
        const auto& to = placed[edge.provider];
        const int x1 = from.x + node_width, y1 = from.y + node_height / 2;
        const int x2 = to.x, y2 = to.y + node_height / 2;
        const auto colour = colour_of(edge.verified);
        const std::string state = !edge.verified ? "not verified" : *edge.verified ? "verified" : "failed";
        svg += "<a href=\"" + escape_html(links.latest_pact(edge.provider, edge.consumer)) + "\"><path class=\"edge\" data-consumer=\"" + escape_html(edge.consumer) +
               "\" data-provider=\"" + escape_html(edge.provider) + "\" stroke=\"" + colour + "\" marker-end=\"url(#arrow" + colour.substr(1) + ")\" d=\"" +
               edge_path(x1, y1, x2, y2, std::min(from.y, to.y) - (row_height - node_height) / 2) + "\"><title>" + escape_html(edge.consumer) + " → " +
               escape_html(edge.provider) + ": " + state + "</title></path></a>";
    }
    svg += "</g><g class=\"nodes\">";
    for (const auto& [name, position] : placed) {
        svg += "<a href=\"" + escape_html(links.matrix(name)) + "\"><g class=\"node\" data-name=\"" + escape_html(name) + "\"><title>" + escape_html(name) +
               "</title><rect x=\"" + std::to_string(position.x) + "\" y=\"" + std::to_string(position.y) + "\" width=\"" + std::to_string(node_width) +
               "\" height=\"" + std::to_string(node_height) + "\" rx=\"4\" fill=\"#e3f2fd\" stroke=\"#90a4ae\"/><text x=\"" + std::to_string(position.x + 6) +
               "\" y=\"" + std::to_string(position.y + 14) + "\" fill=\"#222\">" + escape_html(shortened(name)) + "</text></g></a>";
    }
    return svg + "</g></svg>";
}

std::string render_network_page(const std::vector<graph_edge>& edges, const page_links& links) {
    std::size_t verified = 0, failed = 0;
    for (const auto& edge : edges) {
        verified += edge.verified == true;
        failed += edge.verified == false;
    }
    std::string body = "<h1>Network graph</h1><p class=\"muted\">" + std::to_string(edges.size()) + " integrations: consumers on the left, their providers to the right. " +
                       "<span class=\"status-success\">" + std::to_string(verified) + " verified</span>, <span class=\"status-failure\">" + std::to_string(failed) +
                       " failing</span>, <span class=\"status-unknown\">" + std::to_string(edges.size() - verified - failed) +
                       " not verified</span>. Click a pacticipant for its matrix, an arrow for its latest pact.</p>";
    if (edges.empty()) return html_document("Network graph", links.base(), body + "<p>No integrations yet.</p>");
    body += "<div style=\"overflow:auto\">" + render_network_svg(edges, links) + "</div>";
    return html_document("Network graph", links.base(), body);
}

}  // namespace pact::broker::html
