#include "broker_client/logging_transport.hpp"

#include <ostream>

namespace pact::broker_client {

namespace asio = boost::asio;

transport make_logging_transport(transport inner, std::ostream& log, bool with_bodies) {
    return [inner = std::move(inner), &log,
            with_bodies](outgoing_request outgoing) -> asio::awaitable<transport_result> {
        const auto request_line = outgoing.method + " " + outgoing.url;
        log << "DEBUG → " << request_line << "\n";
        if (with_bodies && !outgoing.body.empty()) {
            log << "TRACE   " << outgoing.body << "\n";
        }
        auto answer = co_await inner(std::move(outgoing));
        if (!answer) {
            log << "DEBUG ✗ " << request_line << ": " << answer.error().message << "\n";
            co_return answer;
        }
        log << "DEBUG ← " << answer->status << " " << request_line << " (" << answer->body.size() << " bytes)\n";
        if (with_bodies && !answer->body.empty()) {
            log << "TRACE   " << answer->body << "\n";
        }
        co_return answer;
    };
}

}  // namespace pact::broker_client
