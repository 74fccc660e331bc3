#pragma once
// `pact mock`: a mock provider with a control API, so consumer tests in any language record pacts
// (consumer/mock_control_api.hpp documents the API).

#include <CLI/CLI.hpp>

#include <cstdint>
#include <string>

namespace pact::cli {

struct mock_command_options {
    std::string host = "127.0.0.1";
    std::uint16_t port = 0;
    std::string pact_dir = "pacts";
    std::string consumer;  // "": taken from the first registered pact JSON
    std::string provider;
    int specification = 3;  // 3 or 4
};

// Adds the `mock` subcommand, filling options when it is parsed.
CLI::App* add_mock_command(CLI::App& application, mock_command_options& options);

// Serves until SIGINT or SIGTERM. Exit code 0 after a signal, 2 for bad options, 1 when it cannot listen.
[[nodiscard]] int run_mock_command(const mock_command_options& options);

}  // namespace pact::cli
