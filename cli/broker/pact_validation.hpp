#pragma once
// `publish --validate [--strict]`: each pact file is read as the verifier reads it (what it cannot read
// is an error) and checked for attributes the specification does not define (a warning, an error with
// --strict), reported as the official CLI reports them: [{source, results: [{path, level, message}]}].

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace pact::cli {

struct validation_result {
    std::string path;   // "/interactions/0", "/surprise", "/" for the whole file
    std::string level;  // "ERROR" or "WARNING"
    std::string message;
};

struct file_validation {
    std::string source;  // the file name
    std::vector<validation_result> results;

    [[nodiscard]] bool has_errors() const;
};

[[nodiscard]] file_validation validate_pact_file(const std::filesystem::path& file, bool strict);

// Ordered as the official CLI prints it: source before results, path, level, message.
[[nodiscard]] nlohmann::ordered_json to_json(const std::vector<file_validation>& validations);

}  // namespace pact::cli
