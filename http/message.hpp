#pragma once
// The message types every HTTP component speaks: Beast requests and responses with string bodies.

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

namespace pact::http {

using request = boost::beast::http::request<boost::beast::http::string_body>;
using response = boost::beast::http::response<boost::beast::http::string_body>;

}  // namespace pact::http
