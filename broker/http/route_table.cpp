#include "broker/http/route_table.hpp"

#include "http/url.hpp"

#include <algorithm>
#include <optional>
#include <utility>

namespace pact::broker::http {
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

void route_table::add(std::string method, std::string_view pattern, resource_function function) {
    routes_.push_back({std::move(method), std::string(pattern), split_path(pattern), std::move(function)});
}

route_match route_table::match(std::string_view method, const std::vector<std::string>& segments) const {
    for (bool spanning : {false, true}) {
        route_match result;
        std::pair<std::size_t, std::size_t> matched_specificity{0, 0};
        for (const auto& route : routes_) {
            auto parameters = match_pattern(route.segments, segments, spanning);
            if (!parameters) continue;
            // When several patterns fit, the longest one is meant (a multi-segment parameter stretches the
            // shorter ones), and of equally long ones the most literal: `branch/latest` before `branch/{branch}`.
            const std::pair<std::size_t, std::size_t> specificity{route.segments.size(), literal_segments(route.segments)};
            if (route.method == method && (result.function == nullptr || specificity > matched_specificity)) {
                result.function = &route.function;
                result.parameters = std::move(*parameters);
                result.pattern = route.pattern;
                matched_specificity = specificity;
            }
            if (result.pattern.empty()) result.pattern = route.pattern;
            if (result.allowed_methods.find(route.method) == std::string::npos) {
                result.allowed_methods += (result.allowed_methods.empty() ? "" : ", ") + route.method;
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

}  // namespace pact::broker::http
