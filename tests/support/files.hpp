#pragma once
// Files for tests: a fresh directory removed afterwards, writing and reading whole files.

#include <filesystem>
#include <string>

namespace pact::testing {

class temporary_directory {
public:
    temporary_directory();
    ~temporary_directory();
    temporary_directory(const temporary_directory&) = delete;
    temporary_directory& operator=(const temporary_directory&) = delete;

    [[nodiscard]] const std::filesystem::path& path() const { return path_; }
    // Writes the file (name relative to the directory) and returns its full path as a string.
    std::string write(const std::string& name, const std::string& content) const;

private:
    std::filesystem::path path_;
};

[[nodiscard]] std::string read_file(const std::filesystem::path& file);
// Writes the whole file; throws std::runtime_error when it cannot.
void write_file(const std::filesystem::path& file, const std::string& content);

}  // namespace pact::testing
