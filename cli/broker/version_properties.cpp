#include "cli/broker/version_properties.hpp"

#include "cli/broker/command_failure.hpp"

#include <array>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string_view>
#include <vector>

extern char** environ;

namespace pact::cli {

namespace {

constexpr std::array branch_variables{"GITHUB_HEAD_REF",      "GITHUB_REF",         "BUILDKITE_BRANCH",
                                      "CIRCLE_BRANCH",        "TRAVIS_BRANCH",      "GIT_BRANCH",
                                      "GIT_LOCAL_BRANCH",     "APPVEYOR_REPO_BRANCH", "CI_COMMIT_REF_NAME",
                                      "BITBUCKET_BRANCH",     "BUILD_SOURCEBRANCHNAME", "CIRRUS_BRANCH"};
constexpr std::array commit_variables{"GITHUB_SHA",     "BUILDKITE_COMMIT",     "CIRCLE_SHA1",
                                      "TRAVIS_COMMIT",  "GIT_COMMIT",           "APPVEYOR_REPO_COMMIT",
                                      "CI_COMMIT_ID",   "BITBUCKET_COMMIT",     "BUILD_SOURCEVERSION",
                                      "CIRRUS_CHANGE_IN_REPO"};
constexpr std::array build_url_variables{"BUILDKITE_BUILD_URL", "CIRCLE_BUILD_URL", "TRAVIS_BUILD_WEB_URL", "BUILD_URL"};

std::string trimmed(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) {
        return {};
    }
    return std::string(text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1));
}

// A variable's value without surrounding white space; nothing when unset or blank.
std::optional<std::string> variable(const char* name) {
    const char* value = std::getenv(name);
    if (value == nullptr) {
        return std::nullopt;
    }
    auto text = trimmed(value);
    return text.empty() ? std::nullopt : std::optional(std::move(text));
}

template <std::size_t count>
std::optional<std::string> first_set(const std::array<const char*, count>& names) {
    for (const char* name : names) {
        if (auto value = variable(name)) {
            return value;
        }
    }
    return std::nullopt;
}

// The one non-blank variable whose name ends in _BRANCH; nothing when none or several are set.
std::optional<std::string> only_branch_variable() {
    std::vector<std::string> values;
    for (char** entry = environ; *entry != nullptr; ++entry) {
        const std::string_view definition(*entry);
        const auto equals = definition.find('=');
        if (equals == std::string_view::npos || !definition.substr(0, equals).ends_with("_BRANCH")) {
            continue;
        }
        if (auto value = trimmed(definition.substr(equals + 1)); !value.empty()) {
            values.push_back(std::move(value));
        }
    }
    return values.size() == 1 ? std::optional(values.front()) : std::nullopt;
}

// What a git command prints, trimmed; nothing when git is missing, fails or prints nothing. The
// command lines are fixed text: nothing of the user's reaches the shell popen starts.
std::optional<std::string> git_output(const char* command_line) {
    FILE* pipe = popen(command_line, "r");
    if (pipe == nullptr) {
        return std::nullopt;
    }
    std::string output;
    std::array<char, 256> buffer{};
    while (const auto read = std::fread(buffer.data(), 1, buffer.size(), pipe)) {
        output.append(buffer.data(), read);
    }
    if (pclose(pipe) != 0) {
        return std::nullopt;
    }
    auto text = trimmed(output);
    return text.empty() ? std::nullopt : std::optional(std::move(text));
}

}  // namespace

std::optional<std::string> detect_git_commit() {
    if (auto commit = first_set(commit_variables)) {
        return commit;
    }
    return git_output("git rev-parse HEAD 2>/dev/null");
}

std::optional<std::string> detect_git_branch() {
    if (auto branch = first_set(branch_variables)) {
        if (branch->starts_with("refs/heads/")) {
            branch->erase(0, std::string_view("refs/heads/").size());
        }
        return branch;
    }
    if (auto branch = only_branch_variable()) {
        return branch;
    }
    auto branch = git_output("git rev-parse --abbrev-ref HEAD 2>/dev/null");
    if (branch && branch->starts_with("origin/")) {
        branch->erase(0, std::string_view("origin/").size());
    }
    // A detached HEAD names no branch.
    return branch == "HEAD" ? std::nullopt : branch;
}

std::string current_git_branch() {
    auto branch = detect_git_branch();
    if (!branch) {
        throw command_failure("--tag-with-git-branch: the current git branch could not be determined (no CI branch "
                              "variable is set, and `git rev-parse --abbrev-ref HEAD` named none)");
    }
    return std::move(*branch);
}

std::optional<std::string> detect_build_url() {
    const auto server = variable("GITHUB_SERVER_URL");
    const auto repository = variable("GITHUB_REPOSITORY");
    const auto run = variable("GITHUB_RUN_ID");
    if (server && repository && run) {
        return *server + "/" + *repository + "/actions/runs/" + *run;
    }
    return first_set(build_url_variables);
}

}  // namespace pact::cli
