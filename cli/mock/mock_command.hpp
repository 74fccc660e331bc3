#pragma once
// `pact mock`: a mock provider with a control API under /__pact/, so consumer tests in any language
// record pacts (consumer/README.md and consumer/mock_control_api.hpp document the API).

#include <CLI/CLI.hpp>

#include <iosfwd>
#include <string>

namespace pact::cli {

struct mock_command_options {
    std::string host = "127.0.0.1";
    unsigned port = 0;  // 0: a free port chosen by the system (printed)
    std::string pact_dir = "pacts";
    std::string consumer;  // "": taken from the first registered pact JSON
    std::string provider;
    unsigned specification = 3;  // 3 or 4
};

class mock_command {
public:
    void attach(CLI::App& application);
    [[nodiscard]] bool chosen() const;
    // Serves until SIGINT or SIGTERM: 0 after a signal, 2 when it cannot listen.
    [[nodiscard]] int run(std::ostream& out, std::ostream& errors);

private:
    mock_command_options options_;
    CLI::App* command_ = nullptr;
};

}  // namespace pact::cli
