#pragma once
// Maps a method and a decoded path to the resource function that serves it.
// Patterns: literal segments, `{name}` for one segment, and `{name+}` for one or more segments joined
// by '/' (the official CLI concatenates some paths, sending `feat/x` or `1.0.0+build/7` unencoded).
// Single-segment matches win; the multi-segment reading is only tried when nothing else matches. Of
// several fitting patterns the longest wins, then the one with more literal segments.

#include "broker/api/resource_request.hpp"

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pact::broker::api {

using resource_function = std::function<resource_response(const resource_request&)>;

// Who may call a route; authentication.hpp decides with the broker's settings.
enum class route_access {
    by_method,         // GET, HEAD and OPTIONS read; the other methods write
    read,              // a read whatever its method: a POST that asks without changing anything
    public_heartbeat,  // reads that the settings may open to anonymous clients
    public_badge,
    public_metrics,
};

// What a route shows instead of its JSON: an HTML page to browsers, or an image to every client.
struct page {
    unsigned status = 200;
    std::string content_type;
    std::string body;
};
// nullopt: the JSON answers this request after all (the matrix page, when the query is the API's).
using page_function = std::function<std::optional<page>(const resource_request&)>;
enum class page_audience { browsers, every_client };

struct route {
    std::string method;
    std::string pattern;
    std::vector<std::string> segments;  // "pacticipants", "{pacticipant}", "{version+}"
    resource_function function;         // empty for a route that is only a page
    route_access access = route_access::by_method;
    page_function page;                 // empty when the route has no page
    page_audience audience = page_audience::browsers;
};

struct route_match {
    const route* matched = nullptr;  // null when the path matched but not the method
    std::map<std::string, std::string> parameters;
    std::string allowed_methods;  // "GET, PUT" when the path is known; "" when it is not
    // The pattern that matched ("/pacticipants/{pacticipant}"), for metrics and logs: one label per route, never
    // per path. With a route, its pattern; when only the path matched, the first pattern that fits it.
    std::string_view pattern;

    // The matched route's access; a request no route takes is judged by its method.
    [[nodiscard]] route_access access() const { return matched ? matched->access : route_access::by_method; }
};

// Every resource of the broker, each registered once with what serving it needs: its JSON function, who may call
// it, and its page if it has one. The only place that matches a path.
class route_table {
public:
    void add(std::string method, std::string_view pattern, resource_function function, route_access access = route_access::by_method);
    // The page a GET at `pattern` shows; the pattern's JSON route, if it has one, keeps its function.
    void add_page(std::string_view pattern, page_function page, page_audience audience = page_audience::browsers,
                  route_access access = route_access::by_method);
    [[nodiscard]] route_match match(std::string_view method, const std::vector<std::string>& segments) const;

private:
    [[nodiscard]] route* find(std::string_view method, std::string_view pattern);
    std::vector<route> routes_;
};

// Splits a path into percent-decoded segments ("/a/b%20c/" → {"a", "b c"}); '+' stays '+'.
[[nodiscard]] std::vector<std::string> split_path(std::string_view path);

}  // namespace pact::broker::api
