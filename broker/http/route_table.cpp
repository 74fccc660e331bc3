#include "broker/http/route_table.hpp"

#include "http/url.hpp"

#include <optional>

namespace pact::broker::http {
namespace {

bool is_parameter(std::string_view segment) { return segment.size() > 2 && segment.front() == '{' && segment.back() == '}'; }
bool is_multi_segment(std::string_view segment) { return is_parameter(segment) && segment[segment.size() - 2] == '+'; }
std::string parameter_name(std::string_view segment) {
    segment = segment.substr(1, segment.size() - 2);
    if (segment.ends_with('+')) segment.remove_suffix(1);
    return std::string(segment);
}

// Matches segment for segment; a `{name+}` pattern segment takes exactly one segment here.
std::optional<std::map<std::string, std::string>> match_exactly(const std::vector<std::string>& pattern,
                                                                const std::vector<std::string>& segments) {
    if (pattern.size() != segments.size()) return std::nullopt;
    std::map<std::string, std::string> parameters;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (is_parameter(pattern[i])) {
            if (segments[i].empty()) return std::nullopt;
            parameters[parameter_name(pattern[i])] = segments[i];
        } else if (pattern[i] != segments[i]) {
            return std::nullopt;
        }
    }
    return parameters;
}

// Lets the `{name+}` segment take every segment the fixed ones before and after it leave over.
std::optional<std::map<std::string, std::string>> match_spanning(const std::vector<std::string>& pattern,
                                                                 const std::vector<std::string>& segments) {
    std::size_t spanning = pattern.size();
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (is_multi_segment(pattern[i])) spanning = i;
    }
    if (spanning == pattern.size() || segments.size() <= pattern.size()) return std::nullopt;
    std::size_t extra = segments.size() - pattern.size();
    std::vector<std::string> folded(segments.begin(), segments.begin() + static_cast<std::ptrdiff_t>(spanning));
    std::string joined = segments[spanning];
    for (std::size_t i = 1; i <= extra; ++i) joined += "/" + segments[spanning + i];
    folded.push_back(std::move(joined));
    folded.insert(folded.end(), segments.begin() + static_cast<std::ptrdiff_t>(spanning + extra + 1), segments.end());
    return match_exactly(pattern, folded);
}

}  // namespace

void route_table::add(std::string method, std::string_view pattern, resource_function function) {
    routes_.push_back({std::move(method), split_path(pattern), std::move(function)});
}

route_match route_table::match(std::string_view method, const std::vector<std::string>& segments) const {
    for (auto matcher : {&match_exactly, &match_spanning}) {
        route_match result;
        std::size_t matched_pattern_size = 0;
        for (const auto& route : routes_) {
            auto parameters = matcher(route.segments, segments);
            if (!parameters) continue;
            // When a multi-segment parameter makes several patterns fit, the longest pattern
            // (the most literal segments) is the one meant.
            if (route.method == method && (result.function == nullptr || route.segments.size() > matched_pattern_size)) {
                result.function = &route.function;
                result.parameters = std::move(*parameters);
                matched_pattern_size = route.segments.size();
            }
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
