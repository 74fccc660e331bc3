#pragma once
// The real build/bin/pact-broker, started on a free loopback port (--port 0, port read back from what
// it prints) with a database in a temporary directory (a SQLite file, or the PostgreSQL database the file
// names when the tests run on PostgreSQL: test_database.hpp), stopped with SIGTERM.

#include "http/client.hpp"
#include "http/server.hpp"

#include <nlohmann/json.hpp>

#include <csignal>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <sys/types.h>
#include <utility>
#include <vector>

namespace pact::broker::api::testing {

class broker_process {
public:
    // `arguments` are added after --port 0 and the database's; `environment` entries are NAME=VALUE.
    explicit broker_process(std::filesystem::path database, std::vector<std::string> arguments = {},
                            std::vector<std::string> environment = {});
    ~broker_process();  // stop() if still running
    broker_process(const broker_process&) = delete;
    broker_process& operator=(const broker_process&) = delete;

    [[nodiscard]] std::uint16_t port() const { return port_; }
    [[nodiscard]] std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }
    // Sends `signal` (SIGTERM by default), then waits; returns the exit status (0 = drained and exited
    // cleanly, 128 + signal when killed).
    int stop(int signal = SIGTERM);

    struct answer {
        unsigned status = 0;
        std::string content_type;
        nlohmann::json body;  // null when not JSON
    };
    answer send(std::string_view method, std::string_view target, const std::string& body = {},
                std::string_view content_type = "application/json");
    answer get(std::string_view target) { return send("GET", target); }

    // The lines it has printed on stdout so far, the listening line first.
    [[nodiscard]] std::vector<std::string> output() const;

private:
    struct printed;
    std::shared_ptr<printed> printed_;
    pid_t pid_ = -1;
    std::uint16_t port_ = 0;
};

}  // namespace pact::broker::api::testing
