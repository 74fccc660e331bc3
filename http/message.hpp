#pragma once
// The message types every HTTP component speaks: Beast requests and responses with string bodies.

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include <string_view>

namespace pact::http {

using request = boost::beast::http::request<boost::beast::http::string_body>;
using response = boost::beast::http::response<boost::beast::http::string_body>;

// A handler may name the route that answered (its pattern, "/pacticipants/{pacticipant}") in this field of its
// response, for request logs and metrics; whoever observes the requests removes it before the response is sent.
inline constexpr std::string_view route_field = "X-Pact-Route";

}  // namespace pact::http
