#pragma once
// The Pact specification's matching cases (files under pact-spec/): one case read from its file, and what
// its path says about it (the specification version, and whether it is a request, response or message case).

#include "pact/model.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>

namespace pact::testing {

// The version named by the case's folder (v1, v1.1, v2, v3, v4); v3 when none is named.
[[nodiscard]] specification_version case_version(const std::filesystem::path& file);
// "request", "response" or "message" as the case's folder says; "" when it names none.
[[nodiscard]] std::string case_kind(const std::filesystem::path& file);
// The case as JSON, a UTF-8 byte order mark skipped; a discarded value when the file is not JSON.
[[nodiscard]] nlohmann::json read_case(const std::filesystem::path& file);

}  // namespace pact::testing
