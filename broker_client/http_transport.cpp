#include "broker_client/http_transport.hpp"

#include "http/client.hpp"

namespace pact::broker_client {

namespace asio = boost::asio;

transport make_http_transport(http::client& client) {
    return [&client](outgoing_request outgoing) -> asio::awaitable<transport_result> {
        const auto destination = http::parse_url(outgoing.url);
        if (!destination) {
            co_return std::unexpected(destination.error());
        }
        auto message = http::make_request(outgoing.method, destination->target(), std::move(outgoing.body));
        for (const auto& [name, value] : outgoing.headers) {
            message.set(name, value);
        }
        auto answer = co_await client.send(*destination, std::move(message));
        if (!answer) {
            co_return std::unexpected(transport_failure(answer.error().message,
                                                        answer.error().kind != http::client_error_kind::tls_failed));
        }
        incoming_response incoming;
        incoming.status = static_cast<int>(answer->result_int());
        for (const auto& field : *answer) {
            incoming.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
        }
        incoming.body = std::move(answer->body());
        co_return incoming;
    };
}

}  // namespace pact::broker_client
