#include "consumer/mock_control_api.hpp"

#include "http/server.hpp"

namespace pact::consumer {
namespace {

namespace beast_http = boost::beast::http;

[[nodiscard]] http::response json_answer(const http::request& to, unsigned status, const nlohmann::json& body) {
    return http::make_response(to, status, "application/json", body.dump());
}

[[nodiscard]] http::response problem(const http::request& to, unsigned status, std::string message,
                                     nlohmann::json details = nlohmann::json::object()) {
    details["error"] = std::move(message);
    return json_answer(to, status, details);
}

[[nodiscard]] http::response register_interactions(mock_session& session, const http::request& received) {
    auto body = nlohmann::json::parse(received.body(), nullptr, false);
    if (body.is_discarded()) return problem(received, 400, "the body is not JSON; send pact JSON");
    auto registered = session.register_interactions(body);
    if (!registered) {
        return problem(received, 400, registered.error().to_string(),
                       {{"path", registered.error().json_path}, {"problem", registered.error().message}});
    }
    return json_answer(received, 201,
                       {{"registered", *registered}, {"expectedInteractions", session.expected_interaction_count()}});
}

[[nodiscard]] http::response verify(const mock_session& session, const http::request& received) {
    const auto result = session.verify();
    return json_answer(received, result.ok() ? 200 : 409, result.to_json());
}

[[nodiscard]] http::response write(mock_session& session, const http::request& received) {
    auto written = session.write_pact();
    if (!written) return json_answer(received, 409, written.error().to_json());
    return json_answer(received, 200, {{"ok", true}, {"pactFile", written->string()}});
}

[[nodiscard]] http::response reset(mock_session& session, const http::request& received) {
    session.reset();
    return json_answer(received, 200, {{"ok", true}});
}

}  // namespace

bool is_control_request(const http::request& received) { return received.target().starts_with(control_path_prefix); }

http::response handle_control_request(mock_session& session, const http::request& received) {
    std::string_view path = received.target();
    path = path.substr(0, path.find('?'));
    const auto method = received.method();
    if (path == "/__pact/interactions") {
        if (method == beast_http::verb::post) return register_interactions(session, received);
        if (method == beast_http::verb::delete_) return reset(session, received);
    } else if (path == "/__pact/verify") {
        if (method == beast_http::verb::get) return verify(session, received);
    } else if (path == "/__pact/write") {
        if (method == beast_http::verb::post) return write(session, received);
    } else {
        return problem(received, 404, "no control route " + std::string(path) +
                                          "; there are /__pact/interactions, /__pact/verify and /__pact/write");
    }
    return problem(received, 405, std::string(received.method_string()) + " is not allowed on " + std::string(path));
}

}  // namespace pact::consumer
