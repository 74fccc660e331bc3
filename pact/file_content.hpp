#pragma once
// Whole files as bytes. Pacts run to tens of megabytes: the content is read once, straight into its
// string, without the copies a string stream makes.

#include <filesystem>
#include <optional>
#include <string>

namespace pact {

// The file's bytes, or nullopt when it cannot be opened or read.
[[nodiscard]] std::optional<std::string> read_file_content(const std::filesystem::path& file);

}  // namespace pact
