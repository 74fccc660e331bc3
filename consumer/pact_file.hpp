#pragma once
// Pact files as consumer tests record them: <pact_dir>/<consumer>-<provider>.json, merged with what an
// earlier test run recorded there. The C++ library and `pact mock` both write through here, so the same
// interactions give the same bytes.

#include "pact/model.hpp"

#include <expected>
#include <filesystem>
#include <string>

namespace pact::consumer {

// "<consumer>-<provider>.json" in the directory.
[[nodiscard]] std::filesystem::path pact_file_path(const std::filesystem::path& directory, const std::string& consumer,
                                                   const std::string& provider);

// The bytes of a pact file: the document written as the given version (v3 or v4), indented by two
// spaces, ending with a newline.
[[nodiscard]] std::string pact_file_text(const pact_document& document, specification_version version);

// Merges the recorded interactions into the pact file (created with its directory when absent): a
// recorded interaction replaces one with the same description and provider states, the others are
// appended in order. The file is replaced atomically (written beside it, then renamed). Errors are
// sentences: an existing file that cannot be read, or that belongs to another consumer or provider, is
// left untouched. Not coordinated across processes writing the same file at once.
[[nodiscard]] std::expected<std::filesystem::path, std::string> merge_into_pact_file(
    const pact_document& recorded, const std::filesystem::path& directory, specification_version version);

// True when both are the same interaction as far as a pact file is concerned: kind, description and
// provider states (names and parameters).
[[nodiscard]] bool same_interaction(const interaction& left, const interaction& right);

}  // namespace pact::consumer
