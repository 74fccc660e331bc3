#include "broker_process.hpp"

#include "test_database.hpp"

#include <boost/beast/http/field.hpp>

#include <cstdio>
#include <csignal>
#include <spawn.h>
#include <stdexcept>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

extern char** environ;

namespace pact::broker::api::testing {

struct broker_process::printed {
    std::mutex mutex;
    std::vector<std::string> lines;
    void add(std::string line) {
        if (line.ends_with('\n')) line.pop_back();
        const std::lock_guard lock(mutex);
        lines.push_back(std::move(line));
    }
};

broker_process::broker_process(std::filesystem::path database, std::vector<std::string> arguments, std::vector<std::string> environment)
    : printed_(std::make_shared<printed>()) {
    std::vector<std::string> argv_strings = {PACT_BROKER_BINARY, "--port", "0"};
    for (auto& argument : broker::testing::broker_database_arguments(database)) argv_strings.push_back(std::move(argument));
    argv_strings.insert(argv_strings.end(), arguments.begin(), arguments.end());
    std::vector<char*> argv;
    for (auto& argument : argv_strings) argv.push_back(argument.data());
    argv.push_back(nullptr);

    std::vector<std::string> environment_strings;
    for (char** variable = environ; *variable != nullptr; ++variable) environment_strings.emplace_back(*variable);
    environment_strings.insert(environment_strings.end(), environment.begin(), environment.end());
    std::vector<char*> envp;
    for (auto& variable : environment_strings) envp.push_back(variable.data());
    envp.push_back(nullptr);

    int output[2];
    if (pipe(output) != 0) throw std::runtime_error("pipe failed");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, output[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, output[0]);
    int spawned = posix_spawn(&pid_, PACT_BROKER_BINARY, &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    close(output[1]);
    if (spawned != 0) {
        close(output[0]);
        throw std::runtime_error("could not start " + std::string(PACT_BROKER_BINARY));
    }
    // The first line says where it listens: "Pact broker listening on 127.0.0.1:PORT (database …)".
    FILE* stream = fdopen(output[0], "r");
    char line[1024];
    const std::string marker = "listening on ";
    while (std::fgets(line, sizeof line, stream) != nullptr) {
        std::string text(line);
        printed_->add(text);
        auto at = text.find(marker);
        if (at == std::string::npos) continue;
        auto address = text.substr(at + marker.size(), text.find(' ', at + marker.size()) - at - marker.size());
        port_ = static_cast<std::uint16_t>(std::stoi(address.substr(address.rfind(':') + 1)));
        break;
    }
    // Keep reading what it prints so that it never blocks on a full pipe.
    std::thread([stream, printed = printed_] {
        char line[4096];
        while (std::fgets(line, sizeof line, stream) != nullptr) printed->add(line);
        std::fclose(stream);
    }).detach();
    if (port_ == 0) {
        stop();
        throw std::runtime_error("pact-broker did not say where it listens");
    }
}

std::vector<std::string> broker_process::output() const {
    const std::lock_guard lock(printed_->mutex);
    return printed_->lines;
}

broker_process::~broker_process() {
    if (pid_ > 0) stop();
}

int broker_process::stop(int signal) {
    if (pid_ <= 0) return -1;
    kill(pid_, signal);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

broker_process::answer broker_process::send(std::string_view method, std::string_view target, const std::string& body,
                                            std::string_view content_type) {
    auto request = pact::http::make_request(method, target, body, body.empty() ? std::string_view{} : content_type);
    request.set(boost::beast::http::field::accept, "application/hal+json, application/json");
    auto destination = pact::http::parse_url(base_url());
    if (!destination) throw std::runtime_error(destination.error());
    auto response = pact::http::send_blocking(*destination, std::move(request));
    if (!response) throw std::runtime_error(response.error().message);
    answer result;
    result.status = response->result_int();
    result.content_type = std::string((*response)[boost::beast::http::field::content_type]);
    result.body = nlohmann::json::parse(response->body(), nullptr, false);
    if (result.body.is_discarded()) result.body = nullptr;
    return result;
}

}  // namespace pact::broker::api::testing
