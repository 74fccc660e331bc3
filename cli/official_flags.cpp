#include "cli/official_flags.hpp"

#include "build_info/build_info.hpp"

#include <cstdio>
#include <memory>
#include <mutex>
#include <ostream>
#include <sstream>

namespace pact::cli {
namespace {

const std::string compatibility_group = "Accepted for compatibility with the official CLI, without effect here";

}  // namespace

CLI::Validator log_level_names() { return CLI::IsMember({"off", "none", "error", "warn", "info", "debug", "trace"}); }

void add_version_flag(CLI::App& command, const std::string& names) {
    command.set_version_flag(names, build_info::version_line("pact " + command.get_name()), "Print the version and exit");
}

CLI::Option* add_flag_without_effect(CLI::App& command, const std::string& name, const std::string& why) {
    return command.add_flag(name)->description(why)->group(compatibility_group);
}

CLI::Option* add_option_without_effect(CLI::App& command, const std::string& name, const std::string& why) {
    return command.add_option(name)->description(why)->group(compatibility_group);
}

void add_telemetry_flags(CLI::App& command) {
    const std::string telemetry = "No telemetry is exported";
    for (const char* flag : {"--enable-otel", "--enable-otel-logs", "--enable-otel-traces"}) {
        add_flag_without_effect(command, flag, telemetry);
    }
    for (const char* option : {"--otel-exporter", "--otel-exporter-endpoint", "--otel-exporter-protocol"}) {
        add_option_without_effect(command, option, telemetry);
    }
}

http::exchange_observer exchange_log(const std::string& level, std::ostream& log) {
    if (level != "debug" && level != "trace") return {};
    const bool with_bodies = level == "trace";
    auto lock = std::make_shared<std::mutex>();
    return [&log, with_bodies, lock](const http::request& sent, const http::response* answer,
                                     const http::client_error* error, std::chrono::microseconds took) {
        std::ostringstream line;
        char milliseconds[32];
        std::snprintf(milliseconds, sizeof milliseconds, "%.1f ms", static_cast<double>(took.count()) / 1000.0);
        const std::string request_line = std::string(sent.method_string()) + " " + std::string(sent.target());
        if (with_bodies && !sent.body().empty()) line << "TRACE → " << request_line << "\n  " << sent.body() << "\n";
        if (answer) {
            line << "DEBUG " << request_line << " → " << answer->result_int() << " (" << milliseconds << ")\n";
            if (with_bodies && !answer->body().empty()) line << "TRACE ← " << answer->body() << "\n";
        } else {
            line << "DEBUG " << request_line << " ✗ " << (error ? error->message : "no answer") << "\n";
        }
        const std::lock_guard guard(*lock);
        log << line.str() << std::flush;
    };
}

}  // namespace pact::cli
