#pragma once
// How a broker command stops: it throws `command_failure` (a failed broker call, unreadable input, an
// answer the command cannot go on with) and broker_commands::run, the one place that catches it, prints
// each message as "❌ <message>" on the error stream and exits with its code (1 unless said). Commands
// therefore read straight through: `const auto href = value_or_throw(co_await client.index_href(...));`.

#include "broker_client/broker_error.hpp"

#include <expected>
#include <iosfwd>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace pact::cli {

class command_failure : public std::runtime_error {
public:
    explicit command_failure(std::string message);
    // The error's message and what the broker said (its errors and notices).
    explicit command_failure(const broker_client::broker_error& error);
    // Several failures, each printed on its own line.
    explicit command_failure(std::vector<std::string> messages, int exit_code = 1);
    // What the command was doing, then the broker's error.
    command_failure(std::string context, const broker_client::broker_error& error);

    [[nodiscard]] const std::vector<std::string>& messages() const { return messages_; }
    [[nodiscard]] int exit_code() const { return exit_code_; }

private:
    std::vector<std::string> messages_;
    int exit_code_ = 1;
};

// "❌ <message>" per message, as the official CLI reports a failed command.
void print_failure(std::ostream& errors, const command_failure& failure);

// The value of a result; its error (a broker_error or a message) thrown as a command_failure. Not
// [[nodiscard]]: a call made only for its effect (a DELETE) ignores the value.
template <typename value_type, typename error_type>
value_type value_or_throw(std::expected<value_type, error_type> result) {
    if (!result) {
        throw command_failure(std::move(result.error()));
    }
    return std::move(*result);
}

}  // namespace pact::cli
