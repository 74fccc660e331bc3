#include "openapi/provider_contract.hpp"

#include "openapi/yaml_reading.hpp"
#include "pact/query_string.hpp"
#include "pact/utf8.hpp"

#include <algorithm>
#include <array>
#include <regex>

namespace pact::openapi {
namespace {

using nlohmann::json;

constexpr std::array parameter_locations{"query", "header", "path", "cookie", "body", "formData"};

std::string pointer_to(const json::json_pointer& pointer) { return pointer.to_string(); }

}  // namespace

const json* resolve_reference(const json& document, std::string_view reference) {
    if (!reference.starts_with("#")) return nullptr;
    // A reference is a URI fragment: percent-decoded first, then read as a JSON pointer.
    const std::string pointer_text = percent_decode(reference.substr(1), false);
    try {
        const json::json_pointer pointer(pointer_text);
        if (!document.contains(pointer)) return nullptr;
        return &document.at(pointer);
    } catch (const json::exception&) {
        return nullptr;
    }
}

namespace {

class contract_checker {
public:
    contract_checker(const json& document, contract_format format) : document_(document), format_(format) {}

    std::expected<void, contract_error> check() {
        if (auto info = check_info(); !info) return info;
        if (auto paths = check_paths(); !paths) return paths;
        return check_references(document_, json::json_pointer());
    }

private:
    std::expected<void, contract_error> check_info() const {
        const auto info = document_.find("info");
        if (info == document_.end() || !info->is_object()) return fail("/info", "info is missing (an object with title and version)");
        for (const char* field : {"title", "version"}) {
            const auto value = info->find(field);
            if (value == info->end() || !value->is_string()) return fail("/info", std::string(field) + " is missing or not a string");
        }
        return {};
    }

    std::expected<void, contract_error> check_paths() const {
        const auto paths = document_.find("paths");
        if (paths == document_.end()) {
            // OpenAPI 3.1 lets a document describe only webhooks or components.
            if (format_ == contract_format::openapi_3_1) return {};
            return fail("/paths", "paths is missing");
        }
        if (!paths->is_object()) return fail("/paths", "paths is not an object");
        for (const auto& [template_path, item] : paths->items()) {
            const json::json_pointer item_pointer = json::json_pointer("/paths") / template_path;
            if (template_path.starts_with("x-")) continue;
            if (!template_path.starts_with("/")) return fail(pointer_to(item_pointer), "the path " + template_path + " does not start with /");
            if (!item.is_object()) return fail(pointer_to(item_pointer), "the path item is not an object");
            if (auto parameters = check_parameters(item, item_pointer); !parameters) return parameters;
            for (const char* method : operation_methods) {
                const auto operation = item.find(method);
                if (operation == item.end()) continue;
                if (auto checked = check_operation(*operation, item_pointer / method); !checked) return checked;
            }
        }
        return {};
    }

    std::expected<void, contract_error> check_operation(const json& operation, const json::json_pointer& pointer) const {
        if (!operation.is_object()) return fail(pointer_to(pointer), "the operation is not an object");
        if (auto parameters = check_parameters(operation, pointer); !parameters) return parameters;
        const auto responses = operation.find("responses");
        if (responses == operation.end()) {
            if (format_ == contract_format::openapi_3_1) return {};
            return fail(pointer_to(pointer), "responses is missing");
        }
        if (!responses->is_object()) return fail(pointer_to(pointer / "responses"), "responses is not an object");
        static const std::regex status_code("[1-5][0-9][0-9]|[1-5]XX|default|x-.*");
        for (const auto& [status, response] : responses->items()) {
            if (!std::regex_match(status, status_code)) return fail(pointer_to(pointer / "responses"), "\"" + status + "\" is not a status code");
            if (!response.is_object()) return fail(pointer_to(pointer / "responses" / status), "the response is not an object");
        }
        return {};
    }

    std::expected<void, contract_error> check_parameters(const json& owner, const json::json_pointer& pointer) const {
        const auto parameters = owner.find("parameters");
        if (parameters == owner.end()) return {};
        if (!parameters->is_array()) return fail(pointer_to(pointer / "parameters"), "parameters is not an array");
        for (std::size_t index = 0; index < parameters->size(); ++index) {
            const json& parameter = (*parameters)[index];
            const json::json_pointer at = pointer / "parameters" / index;
            if (!parameter.is_object()) return fail(pointer_to(at), "the parameter is not an object");
            if (parameter.contains("$ref")) continue;
            const auto name = parameter.find("name");
            const auto location = parameter.find("in");
            if (name == parameter.end() || !name->is_string()) return fail(pointer_to(at), "the parameter has no name");
            if (location == parameter.end() || !location->is_string() ||
                std::ranges::find(parameter_locations, location->get<std::string>()) == parameter_locations.end())
                return fail(pointer_to(at), "the parameter " + name->get<std::string>() + " has no valid \"in\" (query, header, path or cookie)");
        }
        return {};
    }

    // Every $ref must point into this document: the broker stores one document and has no other to fetch.
    std::expected<void, contract_error> check_references(const json& node, const json::json_pointer& pointer) const {
        if (node.is_array()) {
            for (std::size_t index = 0; index < node.size(); ++index)
                if (auto checked = check_references(node[index], pointer / index); !checked) return checked;
            return {};
        }
        if (!node.is_object()) return {};
        for (const auto& [key, value] : node.items()) {
            // Example values and extensions are data, not schema: a "$ref" key there is nobody's reference.
            if (key == "example" || key == "examples" || key == "enum" || key == "default" || key == "const" || key.starts_with("x-")) continue;
            if (key == "$ref" && value.is_string()) {
                const std::string reference = value.get<std::string>();
                if (!reference.starts_with("#"))
                    return fail(pointer_to(pointer / "$ref"), "the reference " + reference +
                                                                " points outside the document; remote references are not supported, so bundle the "
                                                                "contract into one document first (for example with `redocly bundle`)");
                if (resolve_reference(document_, reference) == nullptr)
                    return fail(pointer_to(pointer / "$ref"), "the reference " + reference + " points to nothing in the document");
                continue;
            }
            if (auto checked = check_references(value, pointer / key); !checked) return checked;
        }
        return {};
    }

    static std::expected<void, contract_error> fail(std::string location, std::string message) {
        return std::unexpected(contract_error{std::move(location), std::move(message)});
    }

private:
    const json& document_;
    contract_format format_;
};

// How deeply the JSON text nests its arrays and objects (brackets in strings aside): the checks and the comparison
// walk a document recursively, and no contract nests anywhere near the limit.
constexpr int maximum_json_depth = 256;

int nesting_depth(std::string_view text) {
    int depth = 0;
    int deepest = 0;
    bool in_string = false;
    for (std::size_t index = 0; index < text.size(); ++index) {
        const char character = text[index];
        if (in_string) {
            if (character == '\\') ++index;
            else if (character == '"') in_string = false;
        } else if (character == '"') {
            in_string = true;
        } else if (character == '{' || character == '[') {
            deepest = std::max(deepest, ++depth);
        } else if (character == '}' || character == ']') {
            --depth;
        }
    }
    return deepest;
}

std::expected<json, contract_error> parse_document(std::string_view content, std::string_view content_type) {
    const bool says_json = content_type.find("json") != std::string_view::npos;
    const bool says_yaml = content_type.find("yaml") != std::string_view::npos || content_type.find("yml") != std::string_view::npos;
    const auto first = content.find_first_not_of(" \t\r\n");
    const bool looks_like_json = first != std::string_view::npos && (content[first] == '{' || content[first] == '[');
    if (says_json || (!says_yaml && looks_like_json)) {
        if (nesting_depth(content) > maximum_json_depth) return std::unexpected(contract_error{"", "the contract nests too deeply"});
        json document = json::parse(content, nullptr, false);
        if (document.is_discarded()) return std::unexpected(contract_error{"", "the contract is not valid JSON"});
        return document;
    }
    if (!is_valid_utf8(content)) return std::unexpected(contract_error{"", "the contract is not UTF-8 text"});
    auto document = read_yaml(content);
    if (!document) return std::unexpected(contract_error{"", "the contract is not valid YAML: " + document.error()});
    return std::move(*document);
}

std::expected<contract_format, contract_error> format_of(const json& document) {
    if (!document.is_object()) return std::unexpected(contract_error{"", "the contract is not an object (an OpenAPI or Swagger document)"});
    if (const auto swagger = document.find("swagger"); swagger != document.end()) {
        if (swagger->is_string() && swagger->get<std::string>() == "2.0") return contract_format::swagger_2;
        return std::unexpected(contract_error{"/swagger", "swagger is " + swagger->dump() + "; the only Swagger version is \"2.0\""});
    }
    if (const auto openapi = document.find("openapi"); openapi != document.end()) {
        static const std::regex version_3_0(R"(3\.0\.[0-9]+)");
        static const std::regex version_3_1(R"(3\.1\.[0-9]+)");
        const std::string version = openapi->is_string() ? openapi->get<std::string>() : openapi->dump();
        if (openapi->is_string() && std::regex_match(version, version_3_0)) return contract_format::openapi_3_0;
        if (openapi->is_string() && std::regex_match(version, version_3_1)) return contract_format::openapi_3_1;
        return std::unexpected(contract_error{"/openapi", "OpenAPI " + version + " is not supported: 3.0.x and 3.1.x are (as a string, e.g. \"3.0.3\")"});
    }
    return std::unexpected(contract_error{"", "the document is neither OpenAPI 3 nor Swagger 2.0: it has no openapi or swagger field"});
}

}  // namespace

std::string to_string(contract_format format) {
    switch (format) {
        case contract_format::swagger_2: return "Swagger 2.0";
        case contract_format::openapi_3_0: return "OpenAPI 3.0";
        case contract_format::openapi_3_1: return "OpenAPI 3.1";
    }
    return "OpenAPI";
}

std::string contract_error::to_string() const { return location.empty() ? message : location + ": " + message; }

provider_contract::provider_contract(nlohmann::json document, contract_format format) : document_(std::move(document)), format_(format) {}

const nlohmann::json* provider_contract::resolve(std::string_view reference) const {
    return resolve_reference(document_, reference);
}

std::expected<provider_contract, contract_error> read_provider_contract(std::string_view content, std::string_view content_type) {
    auto document = parse_document(content, content_type);
    if (!document) return std::unexpected(document.error());
    const auto format = format_of(*document);
    if (!format) return std::unexpected(format.error());
    if (auto checked = contract_checker(*document, *format).check(); !checked) return std::unexpected(checked.error());
    return provider_contract(std::move(*document), *format);
}

}  // namespace pact::openapi
