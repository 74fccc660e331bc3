#include "wire/pact_wire.hpp"

#include "http/url.hpp"
#include "pact/content_type.hpp"
#include "pact/json_text.hpp"

namespace pact::wire {

namespace beast = boost::beast;

namespace {

template <class Fields>
[[nodiscard]] pact::header_map headers_from_wire(const Fields& fields) {
    pact::header_map headers;
    for (const auto& field : fields) {
        headers[std::string(field.name_string())].emplace_back(field.value());
    }
    return headers;
}

// A value a pact writes over several lines (obsolete line folding) as the one line HTTP/1.1 allows: each line
// break and the white space around it become one space, as RFC 9112 tells a recipient to read a fold.
[[nodiscard]] std::string unfolded(std::string_view value) {
    if (value.find_first_of("\r\n") == std::string_view::npos) return std::string(value);
    std::string line;
    for (std::size_t position = 0; position < value.size(); ++position) {
        if (value[position] != '\r' && value[position] != '\n') {
            line.push_back(value[position]);
            continue;
        }
        while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.pop_back();
        while (position + 1 < value.size() && std::string_view(" \t\r\n").find(value[position + 1]) != std::string_view::npos) ++position;
        line.push_back(' ');
    }
    return line;
}

template <class Message>
void set_headers(Message& message, const pact::header_map& headers) {
    for (const auto& [name, values] : headers) {
        for (const auto& value : values) message.insert(name, unfolded(value));
    }
}

template <class Message>
void set_body(Message& message, const pact::body& body) {
    // Only a body with content has bytes: an empty one ("" in a pact) and a null one mean none.
    if (body.state != pact::body::presence::present || body.is_null()) return;
    message.body() = body.content;
    if (!body.content_type.empty() && message.find(beast::http::field::content_type) == message.end()) {
        message.set(beast::http::field::content_type, body.content_type);
    }
}

[[nodiscard]] std::string encoded_query(const pact::http_request& described) {
    if (described.raw_query) return *described.raw_query;
    std::string query;
    for (const auto& [name, values] : described.query) {
        for (const auto& value : values) {
            if (!query.empty()) query.push_back('&');
            query += http::percent_encode_component(name) + "=" + http::percent_encode_component(value);
        }
    }
    return query;
}

[[nodiscard]] std::string joined_path(std::string_view base_path, std::string_view path) {
    std::string joined(base_path);
    while (!joined.empty() && joined.back() == '/') joined.pop_back();
    if (!path.starts_with('/')) joined.push_back('/');
    joined += path;
    return joined;
}

}  // namespace

pact::body body_from_wire(std::string content, std::string_view content_type_header) {
    pact::body body;
    body.state = content.empty() ? pact::body::presence::empty : pact::body::presence::present;
    body.content_type = content_type_header.empty() ? (content.empty() ? std::string{} : infer_content_type(content))
                                                    : parse_media_type(content_type_header).essence();
    if (!content.empty() && format_of(body.content_type) == body_format::json) {
        if (auto parsed = parse_json_if_valid(content)) body.parsed = std::move(*parsed);
    }
    body.content = std::move(content);
    return body;
}

http::request to_wire(const pact::http_request& described, std::string_view base_path,
                      const std::vector<std::pair<std::string, std::string>>& extra_headers) {
    http::request message;
    message.version(11);
    // Pacts may spell the method in lower case ("get", as older Ruby pacts do); HTTP methods are upper case.
    std::string method = described.method;
    for (char& character : method)
        if (character >= 'a' && character <= 'z') character = static_cast<char>(character - 'a' + 'A');
    message.method_string(method);
    const std::string query = encoded_query(described);
    const std::string path = http::percent_encode_path(joined_path(base_path, described.path));
    message.target(query.empty() ? path : path + "?" + query);
    set_headers(message, described.headers);
    for (const auto& [name, value] : extra_headers) message.set(name, value);
    set_body(message, described.body);
    if (!described.body.is_missing() || method == "POST" || method == "PUT" || method == "PATCH") {
        message.prepare_payload();
    }
    return message;
}

pact::http_response from_wire(const http::response& received) {
    pact::http_response actual;
    actual.status = static_cast<int>(received.result_int());
    actual.headers = headers_from_wire(received);
    actual.body = body_from_wire(received.body(), received[beast::http::field::content_type]);
    return actual;
}

pact::http_request from_wire(const http::request& received) {
    pact::http_request actual;
    actual.method = std::string(received.method_string());
    const std::string_view target = received.target();
    const auto question = target.find('?');
    actual.path = http::percent_decode(target.substr(0, question));
    if (question != std::string_view::npos) {
        const std::string_view query = target.substr(question + 1);
        actual.raw_query = std::string(query);
        for (auto& [name, value] : http::parse_query(query, http::plus_sign::space)) {
            actual.query[std::move(name)].push_back(std::move(value));
        }
    }
    actual.headers = headers_from_wire(received);
    actual.body = body_from_wire(received.body(), received[beast::http::field::content_type]);
    return actual;
}

http::response to_wire(const pact::http_response& described) {
    http::response message;
    message.version(11);
    message.result(static_cast<unsigned>(described.status));
    set_headers(message, described.headers);
    set_body(message, described.body);
    message.prepare_payload();
    return message;
}

nlohmann::json to_json(const pact::mismatch& difference) {
    return {{"part", difference.part},
            {"path", difference.path},
            {"expected", difference.expected},
            {"actual", difference.actual},
            {"message", difference.message}};
}

}  // namespace pact::wire
