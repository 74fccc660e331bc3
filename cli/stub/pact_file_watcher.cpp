#include "cli/stub/pact_file_watcher.hpp"

#include <poll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdint>
#include <filesystem>
#include <system_error>

namespace pact::cli {
namespace {

// Writers rarely finish in one system call: a change counts once nothing more happened for this long.
constexpr int settle_milliseconds = 200;

constexpr std::uint32_t watched_events =
    IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_MODIFY;

[[nodiscard]] std::system_error system_failure(const std::string& what) {
    return {errno, std::generic_category(), what};
}

}  // namespace

pact_file_watcher::pact_file_watcher(const pact_locations& locations, std::function<void()> on_change)
    : extension_(locations.extension), on_change_(std::move(on_change)) {
    inotify_ = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (inotify_ < 0) throw system_failure("inotify");
    wake_ = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (wake_ < 0) {
        close(inotify_);
        throw system_failure("eventfd");
    }
    try {
        for (const auto& file : locations.files) {
            const std::filesystem::path path(file);
            const auto parent = path.parent_path();
            watch(parent.empty() ? "." : parent.string(), path.filename().string());
        }
        for (const auto& directory : locations.directories) watch(directory, "");
    } catch (...) {
        close(inotify_);
        close(wake_);
        throw;
    }
    thread_ = std::thread([this] { run(); });
}

pact_file_watcher::~pact_file_watcher() {
    const std::uint64_t one = 1;
    static_cast<void>(write(wake_, &one, sizeof one));
    thread_.join();
    close(inotify_);
    close(wake_);
}

void pact_file_watcher::watch(const std::string& directory, const std::string& file) {
    // The same directory twice gives the same descriptor: its entry collects both.
    const int descriptor = inotify_add_watch(inotify_, directory.c_str(), watched_events);
    if (descriptor < 0) throw system_failure("cannot watch " + directory);
    auto& watched = directories_[descriptor];
    if (file.empty()) {
        watched.every_pact = true;
    } else {
        watched.files.insert(file);
    }
}

pact_file_watcher::wait_outcome pact_file_watcher::wait(int timeout_milliseconds) {
    std::array<pollfd, 2> waited{{{wake_, POLLIN, 0}, {inotify_, POLLIN, 0}}};
    const int ready = poll(waited.data(), waited.size(), timeout_milliseconds);
    if (ready < 0) return errno == EINTR ? wait_outcome::quiet : wait_outcome::stopped;
    if (waited[0].revents != 0) return wait_outcome::stopped;
    if (ready == 0) return wait_outcome::quiet;

    bool changed = false;
    alignas(inotify_event) std::array<char, 16 * 1024> buffer;
    for (;;) {
        const ssize_t length = read(inotify_, buffer.data(), buffer.size());
        if (length <= 0) break;
        for (ssize_t offset = 0; offset < length;) {
            const auto* event = reinterpret_cast<const inotify_event*>(buffer.data() + offset);
            offset += static_cast<ssize_t>(sizeof(inotify_event) + event->len);
            if ((event->mask & IN_Q_OVERFLOW) != 0) {
                changed = true;  // events were lost: reload to be sure
                continue;
            }
            const auto found = directories_.find(event->wd);
            if (found == directories_.end() || event->len == 0) continue;
            const std::string name(event->name);
            changed |= found->second.files.contains(name) ||
                       (found->second.every_pact && std::filesystem::path(name).extension() == extension_);
        }
    }
    return changed ? wait_outcome::changed : wait_outcome::quiet;
}

void pact_file_watcher::run() {
    for (;;) {
        wait_outcome outcome = wait(-1);
        if (outcome == wait_outcome::stopped) return;
        if (outcome == wait_outcome::quiet) continue;
        while ((outcome = wait(settle_milliseconds)) == wait_outcome::changed) {
        }
        if (outcome == wait_outcome::stopped) return;
        on_change_();
    }
}

}  // namespace pact::cli
