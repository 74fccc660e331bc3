#include "support/specification_cases.hpp"

#include "support/files.hpp"

namespace pact::testing {

specification_version case_version(const std::filesystem::path& file) {
    for (const auto& part : file) {
        if (part == "v1") return specification_version::v1;
        if (part == "v1.1") return specification_version::v1_1;
        if (part == "v2") return specification_version::v2;
        if (part == "v3") return specification_version::v3;
        if (part == "v4") return specification_version::v4;
    }
    return specification_version::v3;
}

std::string case_kind(const std::filesystem::path& file) {
    for (const auto& part : file) {
        if (part == "request" || part == "response" || part == "message") return part.string();
    }
    return "";
}

nlohmann::json read_case(const std::filesystem::path& file) {
    auto text = read_file(file);
    if (text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);
    return nlohmann::json::parse(text, nullptr, false);
}

}  // namespace pact::testing
