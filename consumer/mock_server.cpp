#include "consumer/mock_server.hpp"

#include "consumer/mock_control_api.hpp"
#include "wire/pact_wire.hpp"

namespace pact::consumer {
namespace {

[[nodiscard]] http::handler mock_handler(mock_session& session, bool control_api) {
    return [&session, control_api](http::request received) {
        if (control_api && is_control_request(received)) return handle_control_request(session, received);
        auto answer = wire::to_wire(session.respond(wire::from_wire(received)));
        answer.keep_alive(received.keep_alive());
        return answer;
    };
}

}  // namespace

mock_server::mock_server(mock_session& session, mock_server_options options)
    : server_(std::make_unique<http::server>(mock_handler(session, options.control_api),
                                             http::server_options{.address = options.host, .port = options.port})) {}

mock_server::~mock_server() { stop(); }

std::uint16_t mock_server::port() const { return server_->port(); }

std::string mock_server::host() const { return server_->address(); }

std::string mock_server::base_url() const {
    const auto address = host();
    const auto authority = address.find(':') == std::string::npos ? address : "[" + address + "]";  // IPv6
    return "http://" + authority + ":" + std::to_string(port());
}

void mock_server::stop() { server_->stop(); }

}  // namespace pact::consumer
