#include "openapi/contract_operations.hpp"

#include "openapi/document_fields.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <regex>

namespace pact::openapi {
namespace {

using nlohmann::json;

std::string upper(std::string text) {
    std::ranges::transform(text, text.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return text;
}

std::vector<std::string> strings_of(const json& node) {
    std::vector<std::string> strings;
    if (node.is_array())
        for (const json& item : node)
            if (item.is_string()) strings.push_back(item.get<std::string>());
    return strings;
}

class operation_reader {
public:
    explicit operation_reader(const provider_contract& contract)
        : document_(contract.document()), swagger_(contract.format() == contract_format::swagger_2) {}

    contract_operations read() const {
        contract_operations result;
        result.path_prefixes = path_prefixes();
        const auto paths = document_.find("paths");
        if (paths == document_.end() || !paths->is_object()) return result;
        for (const auto& [path_template, written_item] : paths->items()) {
            if (!path_template.starts_with("/")) continue;
            json::json_pointer item_pointer = json::json_pointer("/paths") / path_template;
            const json& item = follow(written_item, item_pointer);
            if (!item.is_object()) continue;
            const std::vector<contract_parameter> shared = parameters_of(item, item_pointer);
            for (const char* method : operation_methods) {
                const auto operation = item.find(method);
                if (operation == item.end() || !operation->is_object()) continue;
                result.operations.push_back(read_operation(path_template, method, *operation, item_pointer / method, shared));
            }
        }
        return result;
    }

private:
    // A $ref'd object and where it really is; the object itself when it is no reference.
    const json& follow(const json& node, json::json_pointer& pointer) const {
        const json* current = &node;
        for (int hops = 0; hops < 16 && current->is_object(); ++hops) {
            const auto reference = current->find("$ref");
            if (reference == current->end() || !reference->is_string()) break;
            const json* target = resolve_reference(document_, reference->get<std::string>());
            if (target == nullptr) break;
            pointer = json::json_pointer(reference->get<std::string>().substr(1));
            current = target;
        }
        return *current;
    }

    contract_operation read_operation(const std::string& path_template, const std::string& method, const json& operation,
                                      const json::json_pointer& pointer, const std::vector<contract_parameter>& shared) const {
        contract_operation read;
        read.method = upper(method);
        read.path_template = path_template;
        read.template_segments = path_segments(path_template);
        read.pointer = pointer.to_string();
        read.parameters = parameters_of(operation, pointer);
        for (const contract_parameter& parameter : shared) {
            const bool overridden = std::ranges::any_of(read.parameters, [&](const contract_parameter& own) {
                return own.location == parameter.location && (parameter.location == "header" ? lower_case(own.name) == lower_case(parameter.name) : own.name == parameter.name);
            });
            if (!overridden) read.parameters.push_back(parameter);
        }
        const std::vector<std::string> consumes = swagger_ ? media_types(operation, "consumes") : std::vector<std::string>{};
        const std::vector<std::string> produces = swagger_ ? media_types(operation, "produces") : std::vector<std::string>{};
        if (swagger_) read_swagger_body(operation, pointer, consumes, read);
        else read_request_body(operation, pointer, read);
        if (const auto responses = operation.find("responses"); responses != operation.end() && responses->is_object()) {
            for (const auto& [status, written_response] : responses->items()) {
                if (status.starts_with("x-")) continue;
                json::json_pointer response_pointer = pointer / "responses" / status;
                const json& response = follow(written_response, response_pointer);
                read.responses.push_back(read_response(status, response, response_pointer, produces));
            }
        }
        if (swagger_) read.produces = produces;
        else
            for (const contract_response& response : read.responses)
                for (const media_content& content : response.content)
                    if (std::ranges::find(read.produces, content.media_type) == read.produces.end()) read.produces.push_back(content.media_type);
        read.security = security_of(operation);
        return read;
    }

    std::vector<std::string> media_types(const json& operation, const char* key) const {
        if (const auto own = operation.find(key); own != operation.end()) return strings_of(*own);
        if (const auto global = document_.find(key); global != document_.end()) return strings_of(*global);
        return {};
    }

    std::vector<contract_parameter> parameters_of(const json& owner, const json::json_pointer& owner_pointer) const {
        std::vector<contract_parameter> parameters;
        const auto written = owner.find("parameters");
        if (written == owner.end() || !written->is_array()) return parameters;
        for (std::size_t index = 0; index < written->size(); ++index) {
            json::json_pointer pointer = owner_pointer / "parameters" / index;
            const json& parameter = follow((*written)[index], pointer);
            if (!parameter.is_object() || !parameter.contains("name") || !parameter.contains("in")) continue;
            const std::string location = text_field(parameter, "in");
            if (location == "body" || location == "formData") continue;
            contract_parameter read;
            read.name = text_field(parameter, "name");
            read.location = location;
            read.required = location == "path" || flag_field(parameter, "required");
            read.schema_pointer = (pointer / "schema").to_string();
            if (swagger_) read.exploded = text_field(parameter, "collectionFormat", "csv") == "multi";
            else {
                const bool form_style = location == "query" || location == "cookie";
                read.exploded = flag_field(parameter, "explode", text_field(parameter, "style", form_style ? "form" : "simple") == "form");
            }
            parameters.push_back(std::move(read));
        }
        return parameters;
    }

    void read_swagger_body(const json& operation, const json::json_pointer& pointer, const std::vector<std::string>& consumes,
                           contract_operation& read) const {
        const auto written = operation.find("parameters");
        if (written == operation.end() || !written->is_array()) return;
        for (std::size_t index = 0; index < written->size(); ++index) {
            json::json_pointer parameter_pointer = pointer / "parameters" / index;
            const json& parameter = follow((*written)[index], parameter_pointer);
            if (!parameter.is_object() || text_field(parameter, "in") != "body") continue;
            read.request_body_required = flag_field(parameter, "required");
            const std::string schema = parameter.contains("schema") ? (parameter_pointer / "schema").to_string() : "";
            if (consumes.empty()) read.request_content.push_back({"application/json", schema});
            for (const std::string& media_type : consumes) read.request_content.push_back({media_type, schema});
        }
    }

    void read_request_body(const json& operation, const json::json_pointer& pointer, contract_operation& read) const {
        const auto written = operation.find("requestBody");
        if (written == operation.end()) return;
        json::json_pointer body_pointer = pointer / "requestBody";
        const json& body = follow(*written, body_pointer);
        if (!body.is_object()) return;
        read.request_body_required = flag_field(body, "required");
        read.request_content = content_of(body, body_pointer);
    }

    std::vector<media_content> content_of(const json& owner, const json::json_pointer& owner_pointer) const {
        std::vector<media_content> content;
        const auto written = owner.find("content");
        if (written == owner.end() || !written->is_object()) return content;
        for (const auto& [media_type, entry] : written->items()) {
            const bool has_schema = entry.is_object() && entry.contains("schema");
            content.push_back({media_type, has_schema ? (owner_pointer / "content" / media_type / "schema").to_string() : ""});
        }
        return content;
    }

    contract_response read_response(const std::string& status, const json& response, const json::json_pointer& pointer,
                                    const std::vector<std::string>& produces) const {
        contract_response read{status, pointer.to_string(), {}, {}};
        if (swagger_) {
            if (response.contains("schema")) {
                const std::string schema = (pointer / "schema").to_string();
                if (produces.empty()) read.content.push_back({"application/json", schema});
                for (const std::string& media_type : produces) read.content.push_back({media_type, schema});
            }
        } else {
            read.content = content_of(response, pointer);
        }
        if (const auto headers = response.find("headers"); headers != response.end() && headers->is_object()) {
            for (const auto& [name, written_header] : headers->items()) {
                json::json_pointer header_pointer = pointer / "headers" / name;
                const json& header = follow(written_header, header_pointer);
                read.headers.push_back({name, "header", header.is_object() && flag_field(header, "required"), (header_pointer / "schema").to_string(), false});
            }
        }
        return read;
    }

    std::vector<std::vector<security_credential>> security_of(const json& operation) const {
        const json* requirements = nullptr;
        if (const auto own = operation.find("security"); own != operation.end()) requirements = &*own;
        else if (const auto global = document_.find("security"); global != document_.end()) requirements = &*global;
        std::vector<std::vector<security_credential>> alternatives;
        if (requirements == nullptr || !requirements->is_array()) return alternatives;
        const json* schemes = nullptr;
        if (swagger_) {
            if (const auto found = document_.find("securityDefinitions"); found != document_.end()) schemes = &*found;
        } else if (const auto components = document_.find("components"); components != document_.end() && components->is_object()) {
            if (const auto found = components->find("securitySchemes"); found != components->end()) schemes = &*found;
        }
        for (const json& requirement : *requirements) {
            std::vector<security_credential> credentials;
            bool understood = true;
            if (requirement.is_object()) {
                for (const auto& [scheme_name, scopes] : requirement.items()) {
                    json::json_pointer scheme_pointer;
                    const json* scheme = schemes != nullptr && schemes->contains(scheme_name) ? &follow((*schemes)[scheme_name], scheme_pointer) : nullptr;
                    const std::string type = scheme != nullptr && scheme->is_object() ? text_field(*scheme, "type") : "";
                    if (type == "apiKey" && (text_field(*scheme, "in") == "header" || text_field(*scheme, "in") == "query"))
                        credentials.push_back({text_field(*scheme, "in"), text_field(*scheme, "name")});
                    else if (type == "http" || type == "basic")
                        credentials.push_back({"header", "Authorization"});
                    else
                        understood = false;  // OAuth 2, OpenID Connect, cookies: not checked, as swagger-mock-validator does not
                }
            }
            // A requirement that cannot be checked is taken as met: no error the contract does not support.
            if (!understood) return {};
            alternatives.push_back(std::move(credentials));
        }
        return alternatives;
    }

    std::vector<std::string> path_prefixes() const {
        std::vector<std::string> prefixes;
        auto add = [&prefixes](std::string prefix) {
            while (prefix.size() > 1 && prefix.back() == '/') prefix.pop_back();
            if (prefix.size() > 1 && std::ranges::find(prefixes, prefix) == prefixes.end()) prefixes.push_back(std::move(prefix));
        };
        if (swagger_) {
            add(text_field(document_, "basePath"));
            return prefixes;
        }
        const auto servers = document_.find("servers");
        if (servers == document_.end() || !servers->is_array()) return prefixes;
        static const std::regex absolute(R"(^[A-Za-z][A-Za-z0-9+.-]*://[^/]*)");
        for (const json& server : *servers) {
            if (!server.is_object() || !server.contains("url") || !server["url"].is_string()) continue;
            std::string url = server["url"].get<std::string>();
            // Server variables take their defaults: "{basePath}" with default "v2" is "/v2".
            if (const auto variables = server.find("variables"); variables != server.end() && variables->is_object())
                for (const auto& [name, variable] : variables->items()) {
                    const std::string placeholder = "{" + name + "}";
                    const std::string value = variable.is_object() ? text_field(variable, "default") : "";
                    for (auto at = url.find(placeholder); at != std::string::npos; at = url.find(placeholder)) url.replace(at, placeholder.size(), value);
                }
            url = std::regex_replace(url, absolute, "");
            if (url.starts_with("/")) add(url.substr(0, url.find_first_of("?#")));
        }
        return prefixes;
    }

    const json& document_;
    bool swagger_;
};

}  // namespace

response_selection select_response(const contract_operation& operation, int status) {
    const std::string code = std::to_string(status);
    const std::string range = code.substr(0, 1) + "XX";
    const contract_response* by_range = nullptr;
    const contract_response* by_default = nullptr;
    for (const contract_response& response : operation.responses) {
        if (response.status == code) return {&response, false};
        if (upper(response.status) == range) by_range = &response;
        if (response.status == "default") by_default = &response;
    }
    if (by_range != nullptr) return {by_range, false};
    return {by_default, by_default != nullptr};
}

std::string lower_case(std::string text) {
    std::ranges::transform(text, text.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

std::vector<std::string> path_segments(std::string_view path) {
    std::vector<std::string> segments;
    std::size_t start = 0;
    while (start <= path.size()) {
        const std::size_t end = std::min(path.find('/', start), path.size());
        if (end > start) segments.emplace_back(path.substr(start, end - start));
        start = end + 1;
    }
    return segments;
}

contract_operations operations_of(const provider_contract& contract) { return operation_reader(contract).read(); }

}  // namespace pact::openapi
