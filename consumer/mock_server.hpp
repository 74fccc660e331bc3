#pragma once
// A mock provider on a loopback port: answers a consumer's requests from a mock_session's interactions.
// With the control API it is what `pact mock` serves; without it, what the C++ consumer library starts
// for one test.

#include "consumer/mock_session.hpp"
#include "http/server.hpp"

#include <cstdint>
#include <memory>
#include <string>

namespace pact::consumer {

struct mock_server_options {
    std::string host = "127.0.0.1";
    std::uint16_t port = 0;     // 0: a free port, read back with port()
    bool control_api = false;   // serve /__pact/... (mock_control_api.hpp) beside the mocked provider
};

class mock_server {
public:
    // Listens at once on its own thread; throws std::system_error when the address cannot be bound.
    // The session must outlive the server.
    mock_server(mock_session& session, mock_server_options options = {});
    ~mock_server();  // stop()
    mock_server(const mock_server&) = delete;
    mock_server& operator=(const mock_server&) = delete;

    [[nodiscard]] std::uint16_t port() const;
    [[nodiscard]] std::string host() const;
    [[nodiscard]] std::string base_url() const;  // "http://127.0.0.1:PORT"

    // Lets requests in progress finish, then returns; idempotent.
    void stop();

private:
    std::unique_ptr<http::server> server_;
};

}  // namespace pact::consumer
