#include "support/process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <stdexcept>
#include <utility>

namespace pact::testing {
namespace {

// Close-on-exec, so that in the child only the stdout and stderr it was given hold the write ends: a
// daemon the child starts (pg_ctl's postgres) would otherwise inherit the originals and keep the reader
// waiting for an end of file long after the child itself exited.
void open_pipe(int (&ends)[2]) {
    if (::pipe2(ends, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
}

[[nodiscard]] pid_t spawn(const std::vector<std::string>& arguments, int out_fd, int errors_fd) {
    std::vector<char*> argv;
    for (const auto& argument : arguments) argv.push_back(const_cast<char*>(argument.c_str()));
    argv.push_back(nullptr);
    const pid_t pid = fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
        dup2(out_fd, STDOUT_FILENO);
        dup2(errors_fd, STDERR_FILENO);
        execv(argv[0], argv.data());
        _exit(127);
    }
    return pid;
}

[[nodiscard]] int wait_for(pid_t pid) {
    int status = 0;
    while (waitpid(pid, &status, 0) < 0) {
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

}  // namespace

command_result run_command(const std::vector<std::string>& arguments) {
    int out_pipe[2];
    int errors_pipe[2];
    open_pipe(out_pipe);
    open_pipe(errors_pipe);
    const pid_t pid = spawn(arguments, out_pipe[1], errors_pipe[1]);
    close(out_pipe[1]);
    close(errors_pipe[1]);
    command_result result;
    pollfd watched[2] = {{out_pipe[0], POLLIN, 0}, {errors_pipe[0], POLLIN, 0}};
    std::string* targets[2] = {&result.out, &result.errors};
    int open_pipes = 2;
    char buffer[4096];
    while (open_pipes > 0) {
        if (poll(watched, 2, -1) < 0) continue;
        for (int index = 0; index < 2; ++index) {
            if (watched[index].fd < 0 || watched[index].revents == 0) continue;
            const ssize_t count = read(watched[index].fd, buffer, sizeof buffer);
            if (count > 0) {
                targets[index]->append(buffer, static_cast<std::size_t>(count));
            } else {
                close(watched[index].fd);
                watched[index].fd = -1;
                --open_pipes;
            }
        }
    }
    result.exit_code = wait_for(pid);
    return result;
}

background_process::background_process(const std::vector<std::string>& arguments) {
    int out_pipe[2];
    open_pipe(out_pipe);
    pid_ = spawn(arguments, out_pipe[1], STDERR_FILENO);
    close(out_pipe[1]);
    out_ = out_pipe[0];
}

background_process::~background_process() {
    stop();
    if (out_ >= 0) close(out_);
}

std::string background_process::read_line() {
    char buffer[1024];
    for (;;) {
        if (const auto newline = buffered_.find('\n'); newline != std::string::npos) {
            std::string line = buffered_.substr(0, newline);
            buffered_.erase(0, newline + 1);
            return line;
        }
        const ssize_t count = read(out_, buffer, sizeof buffer);
        if (count <= 0) return std::exchange(buffered_, {});
        buffered_.append(buffer, static_cast<std::size_t>(count));
    }
}

int background_process::stop() {
    if (pid_ < 0) return -1;
    kill(pid_, SIGTERM);
    const int code = wait_for(pid_);
    pid_ = -1;
    return code;
}

}  // namespace pact::testing
