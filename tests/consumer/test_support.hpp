#pragma once
// What the consumer tests share: a private temporary directory, files as text, and child processes
// (the real `pact` binaries) whose output the test reads.

#include <filesystem>
#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace consumer_tests {

// A fresh directory under the system's temporary directory, removed with everything in it.
class temporary_directory {
public:
    temporary_directory();
    ~temporary_directory();
    temporary_directory(const temporary_directory&) = delete;
    temporary_directory& operator=(const temporary_directory&) = delete;

    [[nodiscard]] const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

[[nodiscard]] std::string read_text(const std::filesystem::path& file);
void write_text(const std::filesystem::path& file, const std::string& text);

// A program started with its stdout and stderr on one pipe the test reads.
class child_process {
public:
    explicit child_process(const std::vector<std::string>& arguments,
                           const std::vector<std::string>& extra_environment = {});
    ~child_process();  // terminates the program if it still runs
    child_process(const child_process&) = delete;
    child_process& operator=(const child_process&) = delete;

    // The next line of output (without the newline); nullopt once the program closed its output.
    [[nodiscard]] std::optional<std::string> read_line();
    // Everything not read yet, until the program closes its output.
    [[nodiscard]] std::string read_rest();
    // Waits for the program to end; its exit code (128 + signal when killed).
    int wait();
    // SIGTERM, then wait().
    int terminate();

private:
    pid_t pid_ = -1;
    int output_ = -1;
    std::string buffered_;
    std::optional<int> exit_code_;
};

// Runs a program to its end: exit code and everything it printed.
struct run_result {
    int exit_code = -1;
    std::string output;
};
[[nodiscard]] run_result run_program(const std::vector<std::string>& arguments,
                                     const std::vector<std::string>& extra_environment = {});

}  // namespace consumer_tests
