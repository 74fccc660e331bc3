#include "broker/api/route_table.hpp"

#include "http/url.hpp"

#include <algorithm>
#include <optional>
#include <utility>

namespace pact::broker::api {
namespace {

bool is_parameter(std::string_view segment) { return segment.size() > 2 && segment.front() == '{' && segment.back() == '}'; }
bool is_multi_segment(std::string_view segment) { return is_parameter(segment) && segment[segment.size() - 2] == '+'; }
std::string parameter_name(std::string_view segment) {
    segment = segment.substr(1, segment.size() - 2);
    if (segment.ends_with('+')) segment.remove_suffix(1);
    return std::string(segment);
}

std::size_t literal_segments(const std::vector<std::string>& pattern) {
    return static_cast<std::size_t>(std::ranges::count_if(pattern, [](const std::string& segment) { return !is_parameter(segment); }));
}

using parameter_map = std::map<std::string, std::string>;

// Matches pattern[p…] against segments[s…]. With `spanning`, a `{name+}` parameter takes one or more
// segments (fewest first, so a literal after it, like `versions`, anchors where it ends).
bool match_from(const std::vector<std::string>& pattern, std::size_t p, const std::vector<std::string>& segments, std::size_t s,
                bool spanning, parameter_map& parameters) {
    if (p == pattern.size()) return s == segments.size();
    if (s == segments.size()) return false;
    const auto& expected = pattern[p];
    if (!is_parameter(expected)) return expected == segments[s] && match_from(pattern, p + 1, segments, s + 1, spanning, parameters);
    if (segments[s].empty()) return false;
    const std::size_t most = spanning && is_multi_segment(expected) ? segments.size() - s : 1;
    std::string value = segments[s];
    for (std::size_t taken = 1; taken <= most; ++taken) {
        if (taken > 1) value += "/" + segments[s + taken - 1];
        if (match_from(pattern, p + 1, segments, s + taken, spanning, parameters)) {
            parameters[parameter_name(expected)] = value;
            return true;
        }
    }
    return false;
}

std::optional<parameter_map> match_pattern(const std::vector<std::string>& pattern, const std::vector<std::string>& segments,
                                           bool spanning) {
    parameter_map parameters;
    if (!match_from(pattern, 0, segments, 0, spanning, parameters)) return std::nullopt;
    return parameters;
}

}  // namespace

route* route_table::find(std::string_view method, std::string_view pattern) {
    const auto found = std::ranges::find_if(routes_, [&](const route& candidate) { return candidate.method == method && candidate.pattern == pattern; });
    return found == routes_.end() ? nullptr : &*found;
}

void route_table::add(std::string method, std::string_view pattern, resource_function function, route_access access) {
    // A page may have been added first: the JSON joins its route.
    if (auto* page_route = find(method, pattern); page_route != nullptr && !page_route->function) {
        page_route->function = std::move(function);
        if (access != route_access::by_method) page_route->access = access;
        return;
    }
    routes_.push_back({.method = std::move(method), .pattern = std::string(pattern), .segments = split_path(pattern), .function = std::move(function),
                       .access = access});
}

void route_table::add_page(std::string_view pattern, page_function page, page_audience audience, route_access access) {
    auto* get_route = find("GET", pattern);
    if (get_route == nullptr) {
        add("GET", pattern, {}, access);
        get_route = &routes_.back();
    }
    get_route->page = std::move(page);
    get_route->audience = audience;
    if (access != route_access::by_method) get_route->access = access;
}

route_match route_table::match(std::string_view method, const std::vector<std::string>& segments) const {
    for (bool spanning : {false, true}) {
        route_match result;
        std::pair<std::size_t, std::size_t> matched_specificity{0, 0};
        for (const auto& candidate : routes_) {
            auto parameters = match_pattern(candidate.segments, segments, spanning);
            if (!parameters) continue;
            // When several patterns fit, the longest one is meant (a multi-segment parameter stretches the
            // shorter ones), and of equally long ones the most literal: `branch/latest` before `branch/{branch}`.
            const std::pair<std::size_t, std::size_t> specificity{candidate.segments.size(), literal_segments(candidate.segments)};
            if (candidate.method == method && (result.matched == nullptr || specificity > matched_specificity)) {
                result.matched = &candidate;
                result.parameters = std::move(*parameters);
                result.pattern = candidate.pattern;
                matched_specificity = specificity;
            }
            if (result.pattern.empty()) result.pattern = candidate.pattern;
            if (result.allowed_methods.find(candidate.method) == std::string::npos) {
                result.allowed_methods += (result.allowed_methods.empty() ? "" : ", ") + candidate.method;
            }
        }
        if (!result.allowed_methods.empty()) return result;
    }
    return {};
}

std::vector<std::string> split_path(std::string_view path) {
    std::vector<std::string> segments;
    while (!path.empty()) {
        if (path.front() == '/') {
            path.remove_prefix(1);
            continue;
        }
        auto end = path.find('/');
        auto raw = path.substr(0, end);
        segments.push_back(pact::http::percent_decode(raw, pact::http::plus_sign::literal));
        path.remove_prefix(end == std::string_view::npos ? path.size() : end);
    }
    return segments;
}

}  // namespace pact::broker::api
