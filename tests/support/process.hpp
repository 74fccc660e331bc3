#pragma once
// Running the real binaries from component tests: to completion with their output captured, or in the
// background (a server) until the test stops it.

#include <string>
#include <sys/types.h>
#include <vector>

namespace pact::testing {

struct command_result {
    int exit_code = -1;
    std::string out;
    std::string errors;
    [[nodiscard]] std::string all() const { return out + errors; }
};

// Runs the program with the arguments and waits for it; stdout and stderr are captured separately.
[[nodiscard]] command_result run_command(const std::vector<std::string>& arguments);

// A program running in the background; terminated (SIGTERM, then waited for) when destroyed.
class background_process {
public:
    explicit background_process(const std::vector<std::string>& arguments);
    ~background_process();
    background_process(const background_process&) = delete;
    background_process& operator=(const background_process&) = delete;

    // The next line the program writes to stdout ("" when it ended first).
    [[nodiscard]] std::string read_line();
    // Sends SIGTERM and returns the exit code.
    int stop();

private:
    pid_t pid_ = -1;
    int out_ = -1;
    std::string buffered_;
};

}  // namespace pact::testing
