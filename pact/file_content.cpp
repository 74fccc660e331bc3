#include "pact/file_content.hpp"

#include <cstdio>
#include <memory>

namespace pact {

std::optional<std::string> read_file_content(const std::filesystem::path& file) {
    const std::unique_ptr<std::FILE, decltype(&std::fclose)> stream(std::fopen(file.c_str(), "rb"), &std::fclose);
    if (!stream) return std::nullopt;
    std::string content;
    // The size is a hint (one byte more, so that meeting the end needs no growth): a file that grows or
    // shrinks meanwhile, or a pipe, is still read to its end.
    std::error_code unknown_size;
    const auto expected_size = std::filesystem::file_size(file, unknown_size);
    if (!unknown_size) content.resize(expected_size + 1);
    std::size_t filled = 0;
    while (true) {
        if (filled == content.size()) content.resize(content.size() + 65536);
        const auto read = std::fread(content.data() + filled, 1, content.size() - filled, stream.get());
        filled += read;
        if (read == 0) break;
    }
    if (std::ferror(stream.get()) != 0) return std::nullopt;
    content.resize(filled);
    return content;
}

}  // namespace pact
