#pragma once
// What a binary says it is: the project's VERSION (the top-level CMakeLists.txt), which every command
// prints and the verifier publishes with its results, and the commit the binary was built from.

#include <string>
#include <string_view>

namespace pact::build_info {

[[nodiscard]] std::string_view version();

// `git describe --always --long --dirty` of the source tree when it was built: an abbreviated commit id
// (after the latest tag and the commits since, if there is a tag), with "-dirty" for uncommitted changes;
// "unknown" when it was not built from a git checkout.
[[nodiscard]] std::string_view commit();

// What --version prints: "<program> <version> (commit <commit>)".
[[nodiscard]] std::string version_line(std::string_view program);

}  // namespace pact::build_info
