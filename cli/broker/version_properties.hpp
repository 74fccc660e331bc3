#pragma once
// What a CI build knows of the code it built, found as the official CLI finds it for
// `--auto-detect-version-properties` and `--tag-with-git-branch`: the CI's environment variables first
// (GitHub Actions, Buildkite, CircleCI, Travis, Jenkins, AppVeyor, GitLab, Bitbucket, Azure DevOps,
// Cirrus), then the `git` command run in the current directory.

#include <optional>
#include <string>

namespace pact::cli {

// GITHUB_SHA, BUILDKITE_COMMIT, ..., else `git rev-parse HEAD`; nothing when neither says.
[[nodiscard]] std::optional<std::string> detect_git_commit();

// GITHUB_HEAD_REF, GITHUB_REF (without refs/heads/), ..., else the only set variable ending in
// _BRANCH, else `git rev-parse --abbrev-ref HEAD` (nothing on a detached HEAD).
[[nodiscard]] std::optional<std::string> detect_git_branch();

// detect_git_branch(), for --tag-with-git-branch; throws command_failure when there is none.
[[nodiscard]] std::string current_git_branch();

// The GitHub Actions run URL, or BUILDKITE_BUILD_URL, CIRCLE_BUILD_URL, TRAVIS_BUILD_WEB_URL, BUILD_URL.
[[nodiscard]] std::optional<std::string> detect_build_url();

}  // namespace pact::cli
