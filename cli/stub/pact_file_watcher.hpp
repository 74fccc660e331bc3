#pragma once
// `pact stub --watch`: notices when the pact files and directories a command was given change, and says
// so once the writing has settled. Linux inotify watches their directories (not the files themselves,
// so that an editor replacing a file by renaming another over it is seen too); a thread of its own waits.

#include "cli/pact_loading.hpp"

#include <functional>
#include <map>
#include <set>
#include <string>
#include <thread>

namespace pact::cli {

class pact_file_watcher {
public:
    // on_change runs on the watcher's thread after each settled burst of changes (a pact file written,
    // created, deleted or renamed). Throws std::system_error when inotify cannot watch a directory.
    pact_file_watcher(const pact_locations& locations, std::function<void()> on_change);
    ~pact_file_watcher();  // stops and joins the thread
    pact_file_watcher(const pact_file_watcher&) = delete;
    pact_file_watcher& operator=(const pact_file_watcher&) = delete;

private:
    struct watched_directory {
        std::set<std::string> files;  // names of given files in it
        bool every_pact = false;      // a given directory: every file with the extension counts
    };
    enum class wait_outcome { stopped, changed, quiet };

    void watch(const std::string& directory, const std::string& file);
    // Reads what inotify has; `changed` when a pact file was touched, `quiet` when nothing came within
    // the timeout (milliseconds, -1: none), `stopped` when the destructor asked.
    [[nodiscard]] wait_outcome wait(int timeout_milliseconds);
    void run();

    int inotify_ = -1;
    int wake_ = -1;  // an eventfd the destructor writes to
    std::string extension_;
    std::map<int, watched_directory> directories_;  // by inotify watch descriptor
    std::function<void()> on_change_;
    std::thread thread_;
};

}  // namespace pact::cli
