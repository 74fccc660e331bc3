#include "cli/broker/pact_validation.hpp"

#include "pact/file_content.hpp"
#include "pact/pact_reader.hpp"

#include <algorithm>
#include <set>

namespace pact::cli {

namespace {

// The attributes the specification defines; v4 interactions are left to the reader, which knows
// each interaction type's members.
const std::set<std::string> document_attributes{"consumer", "provider", "interactions", "messages", "metadata"};
const std::set<std::string> http_interaction_attributes{"_id",           "description", "providerState", "provider_state",
                                                        "providerStates", "request",     "response"};
const std::set<std::string> message_attributes{"_id",      "description",   "providerState", "providerStates", "contents",
                                               "metadata", "metaData",      "matchingRules", "generators"};

void check_attributes(const nlohmann::json& object, const std::set<std::string>& defined, const std::string& path,
                      const std::string& level, std::vector<validation_result>& results) {
    if (!object.is_object()) {
        return;
    }
    for (const auto& [key, value] : object.items()) {
        if (!defined.contains(key)) {
            results.push_back({path.empty() ? "/" + key : path, level, "Unexpected attribute '" + key + "'"});
        }
    }
}

void check_each(const nlohmann::json& document, const char* member, const std::set<std::string>& defined,
                const std::string& level, std::vector<validation_result>& results) {
    const auto list = document.find(member);
    if (list == document.end() || !list->is_array()) {
        return;
    }
    for (std::size_t index = 0; index < list->size(); ++index) {
        check_attributes((*list)[index], defined, "/" + std::string(member) + "/" + std::to_string(index), level,
                         results);
    }
}

}  // namespace

bool file_validation::has_errors() const {
    return std::ranges::any_of(results, [](const validation_result& result) { return result.level == "ERROR"; });
}

file_validation validate_pact_file(const std::filesystem::path& file, bool strict) {
    file_validation validation{file.filename().string(), {}};
    const auto text = read_file_content(file).value_or("");
    const auto document = nlohmann::json::parse(text, nullptr, false);
    const auto read = read_pact(text, file.string());
    if (!read) {
        const auto& error = read.error();
        validation.results.push_back({error.json_path.empty() ? "/" : error.json_path, "ERROR", error.message});
        return validation;
    }
    const std::string level = strict ? "ERROR" : "WARNING";
    check_attributes(document, document_attributes, "", level, validation.results);
    if (read->version != specification_version::v4) {
        check_each(document, "interactions", http_interaction_attributes, level, validation.results);
        check_each(document, "messages", message_attributes, level, validation.results);
    }
    std::ranges::sort(validation.results, {}, &validation_result::path);
    return validation;
}

nlohmann::ordered_json to_json(const std::vector<file_validation>& validations) {
    auto list = nlohmann::ordered_json::array();
    for (const auto& validation : validations) {
        auto results = nlohmann::ordered_json::array();
        for (const auto& result : validation.results) {
            results.push_back({{"path", result.path}, {"level", result.level}, {"message", result.message}});
        }
        list.push_back({{"source", validation.source}, {"results", results}});
    }
    return list;
}

}  // namespace pact::cli
