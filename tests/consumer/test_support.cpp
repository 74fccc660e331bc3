#include "test_support.hpp"

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <utility>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace consumer_tests {

temporary_directory::temporary_directory() {
    std::string pattern = (std::filesystem::temp_directory_path() / "pact-consumer-test-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("cannot create a temporary directory");
    path_ = pattern;
}

temporary_directory::~temporary_directory() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
}

std::string read_text(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + file.string());
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

void write_text(const std::filesystem::path& file, const std::string& text) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out) throw std::runtime_error("cannot write " + file.string());
}

child_process::child_process(const std::vector<std::string>& arguments, const std::vector<std::string>& extra_environment) {
    int pipe_ends[2];
    if (::pipe(pipe_ends) != 0) throw std::runtime_error("pipe failed");
    std::vector<std::string> environment;
    for (char** entry = environ; *entry != nullptr; ++entry) environment.emplace_back(*entry);
    environment.insert(environment.end(), extra_environment.begin(), extra_environment.end());
    std::vector<char*> argv;
    for (const auto& argument : arguments) argv.push_back(const_cast<char*>(argument.c_str()));
    argv.push_back(nullptr);
    std::vector<char*> envp;
    for (const auto& entry : environment) envp.push_back(const_cast<char*>(entry.c_str()));
    envp.push_back(nullptr);

    pid_ = ::fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
        ::dup2(pipe_ends[1], STDOUT_FILENO);
        ::dup2(pipe_ends[1], STDERR_FILENO);
        ::close(pipe_ends[0]);
        ::close(pipe_ends[1]);
        ::execve(argv[0], argv.data(), envp.data());
        std::_Exit(127);
    }
    ::close(pipe_ends[1]);
    output_ = pipe_ends[0];
}

child_process::~child_process() {
    if (!exit_code_) terminate();
    if (output_ >= 0) ::close(output_);
}

std::optional<std::string> child_process::read_line() {
    while (true) {
        const auto newline = buffered_.find('\n');
        if (newline != std::string::npos) {
            auto line = buffered_.substr(0, newline);
            buffered_.erase(0, newline + 1);
            return line;
        }
        char chunk[4096];
        const auto count = ::read(output_, chunk, sizeof chunk);
        if (count <= 0) {
            if (buffered_.empty()) return std::nullopt;
            return std::exchange(buffered_, {});
        }
        buffered_.append(chunk, static_cast<std::size_t>(count));
    }
}

std::string child_process::read_rest() {
    std::string rest = std::exchange(buffered_, {});
    char chunk[4096];
    while (true) {
        const auto count = ::read(output_, chunk, sizeof chunk);
        if (count <= 0) return rest;
        rest.append(chunk, static_cast<std::size_t>(count));
    }
}

int child_process::wait() {
    if (exit_code_) return *exit_code_;
    int status = 0;
    while (::waitpid(pid_, &status, 0) < 0) {
        if (errno != EINTR) throw std::runtime_error("waitpid failed");
    }
    exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return *exit_code_;
}

int child_process::terminate() {
    if (!exit_code_) ::kill(pid_, SIGTERM);
    return wait();
}

run_result run_program(const std::vector<std::string>& arguments, const std::vector<std::string>& extra_environment) {
    child_process program(arguments, extra_environment);
    run_result result;
    result.output = program.read_rest();
    result.exit_code = program.wait();
    return result;
}

}  // namespace consumer_tests
