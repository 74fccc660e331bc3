#include "cli/broker/command_failure.hpp"

#include <ostream>

namespace pact::cli {

namespace {

std::string joined(const std::vector<std::string>& messages) {
    std::string text;
    for (const auto& message : messages) {
        text += (text.empty() ? "" : "\n") + message;
    }
    return text;
}

}  // namespace

command_failure::command_failure(std::vector<std::string> messages, int exit_code)
    : std::runtime_error(joined(messages)), messages_(std::move(messages)), exit_code_(exit_code) {}

command_failure::command_failure(std::string message) : command_failure(std::vector<std::string>{std::move(message)}) {}

command_failure::command_failure(const broker_client::broker_error& error) : command_failure(error.to_string()) {}

command_failure::command_failure(std::string context, const broker_client::broker_error& error)
    : command_failure(std::vector<std::string>{std::move(context), error.to_string()}) {}

void print_failure(std::ostream& errors, const command_failure& failure) {
    for (const auto& message : failure.messages()) {
        errors << "❌ " << message << "\n";
    }
}

}  // namespace pact::cli
