#pragma once
// Maps a method and a decoded path to the resource function that serves it.
// Patterns: literal segments, `{name}` for one segment, and `{name+}` for one or more segments joined
// by '/' (the official CLI concatenates some paths, sending `feat/x` or `1.0.0+build/7` unencoded).
// Single-segment matches win; the multi-segment reading is only tried when nothing else matches. Of
// several fitting patterns the longest wins, then the one with more literal segments.

#include "broker/http/resource_request.hpp"

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace pact::broker::http {

using resource_function = std::function<resource_response(const resource_request&)>;

struct route_match {
    const resource_function* function = nullptr;  // null when the path matched but not the method
    std::map<std::string, std::string> parameters;
    std::string allowed_methods;  // "GET, PUT" when the path is known; "" when it is not
    // The pattern that matched ("/pacticipants/{pacticipant}"), for metrics and logs: one label per route, never
    // per path. With a function, its pattern; when only the path matched, the first pattern that fits it.
    std::string_view pattern;
};

class route_table {
public:
    void add(std::string method, std::string_view pattern, resource_function function);
    [[nodiscard]] route_match match(std::string_view method, const std::vector<std::string>& segments) const;

private:
    struct route {
        std::string method;
        std::string pattern;
        std::vector<std::string> segments;  // "pacticipants", "{pacticipant}", "{version+}"
        resource_function function;
    };
    std::vector<route> routes_;
};

// Splits a path into percent-decoded segments ("/a/b%20c/" → {"a", "b c"}); '+' stays '+'.
[[nodiscard]] std::vector<std::string> split_path(std::string_view path);

}  // namespace pact::broker::http
