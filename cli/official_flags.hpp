#pragma once
// Flags of the official Pact CLI that several of our commands share: the log levels, and the flags
// accepted only so that scripts written for the official CLI run unchanged (telemetry, log formats),
// grouped in --help under a heading saying they have no effect here.

#include "http/client.hpp"

#include <CLI/CLI.hpp>

#include <iosfwd>
#include <string>

namespace pact::cli {

// The official CLI's log level names: off, none, error, warn, info, debug, trace.
[[nodiscard]] CLI::Validator log_level_names();

// --enable-otel, --enable-otel-logs, --enable-otel-traces, --otel-exporter, --otel-exporter-endpoint,
// --otel-exporter-protocol: accepted, no telemetry is exported.
void add_telemetry_flags(CLI::App& command);

// The official CLI's version flag of a command ("-v,--version" on verifier, stub and mock; "-V,--version"
// on broker): prints "pact <command> <our version> (commit <commit>)" on stdout and exits 0.
void add_version_flag(CLI::App& command, const std::string& names);

// A flag or option accepted for compatibility only; its help says why it changes nothing here.
CLI::Option* add_flag_without_effect(CLI::App& command, const std::string& name, const std::string& why);
CLI::Option* add_option_without_effect(CLI::App& command, const std::string& name, const std::string& why);

// At debug and trace, an observer writing each HTTP exchange to the stream (trace adds the bodies),
// one line at a time under a lock; no observer at any other level. Headers are never written: they
// may carry credentials.
[[nodiscard]] http::exchange_observer exchange_log(const std::string& level, std::ostream& log);

}  // namespace pact::cli
