#include "openapi/contract_comparison.hpp"

#include "openapi/contract_operations.hpp"
#include "openapi/schema_validation.hpp"
#include "pact/content_type.hpp"
#include "pact/query_string.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cctype>
#include <regex>
#include <sstream>

namespace pact::openapi {
namespace {

using nlohmann::json;

// Request headers every client sends or that the comparison reads elsewhere: not worth a warning.
constexpr std::array ordinary_request_headers{"accept", "accept-encoding", "accept-language", "connection", "content-length",
                                              "content-type", "host", "user-agent", "cache-control", "origin", "referer"};
// Response headers a contract rarely lists; relying on one the contract does not list is a warning, not an error.
constexpr std::array standard_response_headers{
    "access-control-allow-origin", "accept-patch", "accept-ranges", "age", "allow", "alt-svc", "cache-control", "connection",
    "content-disposition", "content-encoding", "content-language", "content-length", "content-location", "content-md5",
    "content-range", "date", "etag", "expires", "last-modified", "link", "location", "p3p", "pragma", "proxy-authenticate",
    "public-key-pins", "refresh", "retry-after", "server", "set-cookie", "status", "strict-transport-security", "trailer",
    "transfer-encoding", "tsv", "upgrade", "vary", "via", "warning", "www-authenticate", "x-frame-options"};

template <std::size_t size>
bool listed(const std::array<const char*, size>& names, const std::string& name) {
    return std::ranges::any_of(names, [&](const char* listed_name) { return name == listed_name; });
}

// Does a media type the request or response has fit one the contract names? Parameters (charset) are ignored,
// and the contract's wildcards ("*/*", "application/*") match.
bool media_type_fits(std::string_view actual, std::string_view declared) {
    const media_type have = parse_media_type(actual);
    const media_type want = parse_media_type(declared);
    if (want.type == "*" || (want.type == have.type && (want.subtype == "*" || want.subtype == have.subtype))) return true;
    return have.type == "*" && (have.subtype == "*" || have.subtype == want.subtype);
}

const media_content* content_for(const std::vector<media_content>& content, std::string_view media_type) {
    for (const media_content& entry : content)
        if (media_type_fits(media_type, entry.media_type)) return &entry;
    return nullptr;
}

// A query parameter's or header's text as the value its schema reads: "12" is 12 for an integer, "a,b" a list
// for an array that is not exploded.
json typed_value(const std::vector<std::string>& texts, const std::vector<std::string>& types, const std::vector<std::string>& item_types, bool exploded) {
    auto scalar = [](const std::string& text, const std::vector<std::string>& allowed) -> json {
        auto allows = [&](const char* type) { return std::ranges::find(allowed, type) != allowed.end(); };
        if (allows("integer")) {
            std::int64_t number = 0;
            const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
            if (error == std::errc{} && end == text.data() + text.size()) return number;
        }
        if (allows("number")) {
            char* end = nullptr;
            const double number = std::strtod(text.c_str(), &end);
            if (!text.empty() && end == text.c_str() + text.size()) return number;
        }
        if (allows("boolean") && (text == "true" || text == "false")) return text == "true";
        return text;
    };
    if (std::ranges::find(types, "array") != types.end()) {
        json items = json::array();
        for (const std::string& text : texts) {
            if (exploded) {
                items.push_back(scalar(text, item_types));
                continue;
            }
            std::stringstream parts(text);
            for (std::string part; std::getline(parts, part, ',');) items.push_back(scalar(std::string(trim(part)), item_types));
        }
        return items;
    }
    return texts.empty() ? json("") : scalar(texts.front(), types);
}

std::string location_of(std::string_view prefix, const std::string& value_path) {
    return std::string(prefix) + (value_path == "$" ? "" : value_path.substr(1));
}

class interaction_comparison {
public:
    interaction_comparison(const contract_operations& operations, schema_validator& validator, const interaction& compared, std::size_t index,
                           std::vector<comparison_finding>& findings)
        : operations_(operations), validator_(validator), interaction_(compared), index_(index), findings_(findings) {}

    void run() {
        const contract_operation* operation = find_operation();
        if (operation == nullptr) return;
        operation_name_ = operation->name();
        const http_response& response = interaction_.response;
        // A consumer testing the provider's refusal of a bad request sends a bad request on purpose.
        const bool deliberate_bad_request = response.status >= 400;
        if (!deliberate_bad_request) {
            check_security(*operation);
            check_query(*operation);
            check_request_headers(*operation);
            check_request_body(*operation);
        }
        check_accept(*operation);
        check_response(*operation);
    }

private:
    void add(std::string code, finding_severity severity, std::string pact_location, std::string contract_location, std::string message) {
        findings_.push_back({std::move(code), severity, index_, interaction_.description, std::move(pact_location), std::move(contract_location),
                             std::move(message)});
    }

    // The operation of the request's method and path: literal segments before templated ones, path parameters
    // valid by their schemas, with the contract's base path or servers' paths in front or not.
    const contract_operation* find_operation() {
        const std::string method = interaction_.request.method;
        std::vector<std::vector<std::string>> candidates{path_segments(interaction_.request.path)};
        for (const std::string& prefix : operations_.path_prefixes) {
            const std::string& path = interaction_.request.path;
            if (path == prefix || path.starts_with(prefix + "/")) candidates.push_back(path_segments(path.substr(prefix.size())));
        }
        const contract_operation* best = nullptr;
        int best_literals = -1;
        const contract_operation* invalid_parameters = nullptr;
        std::string invalid_reason;
        bool path_known = false;
        for (const std::vector<std::string>& segments : candidates) {
            for (const contract_operation& operation : operations_.operations) {
                std::vector<std::pair<std::string, std::string>> captured;
                const int literals = match_template(operation.template_segments, segments, captured);
                if (literals < 0) continue;
                path_known = true;
                if (!equals_ignoring_case(operation.method, method)) continue;
                if (literals <= best_literals) continue;
                if (std::string reason = invalid_path_parameter(operation, captured); !reason.empty()) {
                    invalid_parameters = &operation;
                    invalid_reason = std::move(reason);
                    continue;
                }
                best = &operation;
                best_literals = literals;
            }
        }
        if (best != nullptr) return best;
        const std::string request_line = method + " " + interaction_.request.path;
        if (invalid_parameters != nullptr)
            add("request.path-or-method.unknown", finding_severity::error, "$.request.path", invalid_parameters->pointer,
                request_line + " fits " + invalid_parameters->name() + " only by its path, and " + invalid_reason);
        else if (path_known)
            add("request.path-or-method.unknown", finding_severity::error, "$.request.method", "/paths",
                "the contract has the path of " + request_line + " but no " + method + " operation on it");
        else
            add("request.path-or-method.unknown", finding_severity::error, "$.request.path", "/paths", "the contract has no operation for " + request_line);
        return nullptr;
    }

    // How many literal segments of the template the path matches exactly; -1 when it does not fit.
    static int match_template(const std::vector<std::string>& template_segments, const std::vector<std::string>& segments,
                              std::vector<std::pair<std::string, std::string>>& captured) {
        if (template_segments.size() != segments.size()) return -1;
        static const std::regex placeholder(R"(\{([^}/]+)\})");
        int literals = 0;
        for (std::size_t index = 0; index < segments.size(); ++index) {
            const std::string& written = template_segments[index];
            if (written.find('{') == std::string::npos) {
                if (written != segments[index]) return -1;
                ++literals;
                continue;
            }
            if (written.front() == '{' && written.back() == '}' && written.find('{', 1) == std::string::npos) {
                captured.emplace_back(written.substr(1, written.size() - 2), percent_decode(segments[index], false));
                continue;
            }
            // A segment such as "{id}.json" or "v{major}": placeholders become captures, the rest stays literal.
            std::string pattern;
            std::vector<std::string> names;
            std::size_t last = 0;
            for (auto match = std::sregex_iterator(written.begin(), written.end(), placeholder); match != std::sregex_iterator(); ++match) {
                pattern += std::regex_replace(written.substr(last, match->position() - last), std::regex(R"([.^$|()\[\]{}*+?\\])"), R"(\$&)");
                pattern += "([^/]+)";
                names.push_back((*match)[1]);
                last = match->position() + match->length();
            }
            pattern += std::regex_replace(written.substr(last), std::regex(R"([.^$|()\[\]{}*+?\\])"), R"(\$&)");
            std::smatch values;
            if (!std::regex_match(segments[index], values, std::regex(pattern))) return -1;
            for (std::size_t name = 0; name < names.size(); ++name) captured.emplace_back(names[name], percent_decode(values[name + 1].str(), false));
        }
        return literals;
    }

    std::string invalid_path_parameter(const contract_operation& operation, const std::vector<std::pair<std::string, std::string>>& captured) {
        for (const auto& [name, text] : captured) {
            const auto parameter = std::ranges::find_if(operation.parameters, [&](const contract_parameter& candidate) {
                return candidate.location == "path" && candidate.name == name;
            });
            if (parameter == operation.parameters.end()) continue;
            const json value = typed_value({text}, validator_.types_of(parameter->schema_pointer), {}, true);
            if (const auto violations = validator_.validate(parameter->schema_pointer, value, schema_direction::request); !violations.empty())
                return "its path parameter " + name + " (\"" + text + "\") is not valid: " + violations.front().message;
        }
        return "";
    }

    void check_security(const contract_operation& operation) {
        if (operation.security.empty()) return;
        const std::vector<security_credential>* first_unmet = nullptr;
        const security_credential* first_missing = nullptr;
        for (const std::vector<security_credential>& alternative : operation.security) {
            const auto missing = std::ranges::find_if(alternative, [&](const security_credential& credential) { return !carries(credential); });
            if (missing == alternative.end()) return;
            if (first_unmet == nullptr) {
                first_unmet = &alternative;
                first_missing = &*missing;
            }
        }
        add("request.authorization.missing", finding_severity::error,
            first_missing->location == "query" ? "$.request.query" : "$.request.headers", operation.pointer,
            "the contract requires the " + first_missing->location + (first_missing->location == "query" ? " parameter " : " ") +
                first_missing->name + " for " + operation_name_ + ", which the request lacks");
    }

    bool carries(const security_credential& credential) const {
        if (credential.location == "query") return interaction_.request.query.contains(credential.name);
        return find_header(interaction_.request.headers, credential.name) != nullptr;
    }

    bool used_for_security(const contract_operation& operation, std::string_view location, const std::string& name) const {
        return std::ranges::any_of(operation.security, [&](const std::vector<security_credential>& alternative) {
            return std::ranges::any_of(alternative, [&](const security_credential& credential) {
                return credential.location == location && equals_ignoring_case(credential.name, name);
            });
        });
    }

    void check_parameter_value(const contract_parameter& parameter, const std::vector<std::string>& texts, const std::string& code,
                               const std::string& pact_location) {
        const json value = typed_value(texts, validator_.types_of(parameter.schema_pointer), validator_.types_of(parameter.schema_pointer + "/items"),
                                       parameter.exploded);
        for (const schema_violation& violation : validator_.validate(parameter.schema_pointer, value, schema_direction::request))
            add(code, finding_severity::error, pact_location, parameter.schema_pointer,
                "the " + parameter.location + " parameter " + parameter.name + " of " + operation_name_ + " is not what the contract allows: " +
                    violation.message);
    }

    void check_query(const contract_operation& operation) {
        const query_map& query = interaction_.request.query;
        for (const contract_parameter& parameter : operation.parameters) {
            if (parameter.location != "query") continue;
            const auto present = query.find(parameter.name);
            if (present == query.end()) {
                if (parameter.required)
                    add("request.query.incompatible", finding_severity::error, "$.request.query", parameter.schema_pointer,
                        "the contract requires the query parameter " + parameter.name + " for " + operation_name_ + ", which the request lacks");
                continue;
            }
            check_parameter_value(parameter, present->second, "request.query.incompatible", "$.request.query." + parameter.name);
        }
        for (const auto& [name, values] : query) {
            const bool declared = std::ranges::any_of(operation.parameters, [&](const contract_parameter& parameter) {
                return parameter.location == "query" && parameter.name == name;
            });
            if (!declared && !used_for_security(operation, "query", name))
                add("request.query.unknown", finding_severity::warning, "$.request.query." + name, operation.pointer,
                    "the query parameter " + name + " is not in the contract's " + operation_name_);
        }
    }

    void check_request_headers(const contract_operation& operation) {
        const header_map& headers = interaction_.request.headers;
        for (const contract_parameter& parameter : operation.parameters) {
            if (parameter.location != "header") continue;
            const auto* values = find_header(headers, parameter.name);
            if (values == nullptr) {
                if (parameter.required)
                    add("request.header.incompatible", finding_severity::error, "$.request.headers", parameter.schema_pointer,
                        "the contract requires the header " + parameter.name + " for " + operation_name_ + ", which the request lacks");
                continue;
            }
            check_parameter_value(parameter, *values, "request.header.incompatible", "$.request.headers." + parameter.name);
        }
        for (const auto& [name, values] : headers) {
            const std::string folded = lower_case(name);
            const bool declared = std::ranges::any_of(operation.parameters, [&](const contract_parameter& parameter) {
                return parameter.location == "header" && lower_case(parameter.name) == folded;
            });
            if (declared || listed(ordinary_request_headers, folded) || used_for_security(operation, "header", name)) continue;
            add("request.header.unknown", finding_severity::warning, "$.request.headers." + name, operation.pointer,
                "the request header " + name + " is not in the contract's " + operation_name_);
        }
    }

    void check_request_body(const contract_operation& operation) {
        const body& sent = interaction_.request.body;
        const bool has_body = sent.state == body::presence::present && !sent.is_null();
        const std::optional<std::string> content_type = header_value(interaction_.request.headers, "Content-Type");
        if (!has_body) {
            if (operation.request_body_required)
                add("request.body.incompatible", finding_severity::error, "$.request.body", operation.pointer,
                    "the contract requires a request body for " + operation_name_ + ", and the request has none");
            return;
        }
        if (operation.request_content.empty()) {
            add("request.body.unknown", finding_severity::warning, "$.request.body", operation.pointer,
                "the request has a body, but the contract's " + operation_name_ + " takes none");
            return;
        }
        const std::string media_type = content_type.value_or(sent.content_type);
        if (!content_type) {
            add("request.content-type.missing", finding_severity::warning, "$.request.headers", operation.pointer,
                "the request has a body but no Content-Type, and the contract's " + operation_name_ + " says which it takes");
        }
        const media_content* content = content_for(operation.request_content, media_type.empty() ? "application/json" : media_type);
        if (content == nullptr) {
            add("request.content-type.incompatible", finding_severity::error, "$.request.headers.Content-Type", operation.pointer,
                "the request's Content-Type " + media_type + " is not one the contract's " + operation_name_ + " takes (" + joined_types(operation.request_content) + ")");
            return;
        }
        if (content->schema_pointer.empty() || !sent.parsed || format_of(content->media_type == "*/*" ? media_type : content->media_type) != body_format::json) return;
        for (const schema_violation& violation : validator_.validate(content->schema_pointer, *sent.parsed, schema_direction::request))
            add("request.body.incompatible", finding_severity::error, location_of("$.request.body", violation.path), content->schema_pointer,
                "the request body of " + operation_name_ + " is not what the contract takes: " + violation.message);
    }

    void check_accept(const contract_operation& operation) {
        const std::optional<std::string> accept = header_value(interaction_.request.headers, "Accept");
        if (!accept) return;
        if (operation.produces.empty()) {
            add("request.accept.unknown", finding_severity::warning, "$.request.headers.Accept", operation.pointer,
                "the request has an Accept header, but the contract's " + operation_name_ + " says no media type it answers with");
            return;
        }
        std::stringstream accepted(*accept);
        for (std::string media_type; std::getline(accepted, media_type, ',');)
            for (const std::string& produced : operation.produces)
                if (media_type_fits(trim(media_type), produced) || media_type_fits(produced, trim(media_type))) return;
        add("request.accept.incompatible", finding_severity::error, "$.request.headers.Accept", operation.pointer,
            "the request accepts " + *accept + ", and the contract's " + operation_name_ + " answers only with " + joined(operation.produces));
    }

    void check_response(const contract_operation& operation) {
        const http_response& expected = interaction_.response;
        const response_selection selection = select_response(operation, expected.status);
        if (selection.response == nullptr) {
            std::vector<std::string> statuses;
            for (const contract_response& response : operation.responses) statuses.push_back(response.status);
            add("response.status.unknown", finding_severity::error, "$.response.status", operation.pointer + "/responses",
                "the contract's " + operation_name_ + " has no " + std::to_string(expected.status) + " response (it has " + joined(statuses) + ")");
            return;
        }
        const contract_response& response = *selection.response;
        const std::string response_name = operation_name_ + " (" + std::to_string(expected.status) + ")";
        if (selection.by_default)
            add("response.status.default", finding_severity::warning, "$.response.status", response.pointer,
                "the contract's " + operation_name_ + " has no " + std::to_string(expected.status) + " response of its own; its default response is used");
        check_response_headers(response, response_name);
        check_response_body(operation, response, response_name);
    }

    void check_response_headers(const contract_response& response, const std::string& response_name) {
        for (const auto& [name, values] : interaction_.response.headers) {
            const std::string folded = lower_case(name);
            if (folded == "content-type") continue;  // compared with the response's media types
            const auto declared = std::ranges::find_if(response.headers, [&](const contract_parameter& header) { return lower_case(header.name) == folded; });
            if (declared != response.headers.end()) {
                const json value = typed_value(values, validator_.types_of(declared->schema_pointer), validator_.types_of(declared->schema_pointer + "/items"), false);
                for (const schema_violation& violation : validator_.validate(declared->schema_pointer, value, schema_direction::response))
                    add("response.header.incompatible", finding_severity::error, "$.response.headers." + name, declared->schema_pointer,
                        "the header " + name + " of " + response_name + " is not what the contract promises: " + violation.message);
                continue;
            }
            if (listed(standard_response_headers, folded))
                add("response.header.undefined", finding_severity::warning, "$.response.headers." + name, response.pointer,
                    "the consumer relies on the standard header " + name + ", which the contract's " + response_name + " does not list");
            else
                add("response.header.unknown", finding_severity::error, "$.response.headers." + name, response.pointer,
                    "the consumer relies on the header " + name + ", which the contract's " + response_name + " does not promise");
        }
    }

    void check_response_body(const contract_operation& operation, const contract_response& response, const std::string& response_name) {
        const http_response& expected = interaction_.response;
        const std::optional<std::string> content_type = header_value(expected.headers, "Content-Type");
        const std::string media_type = content_type.value_or(expected.body.content_type);
        if (content_type && !response.content.empty() && content_for(response.content, *content_type) == nullptr)
            add("response.content-type.incompatible", finding_severity::error, "$.response.headers.Content-Type", response.pointer,
                "the consumer expects a " + *content_type + " response, and the contract's " + response_name + " has only " + joined_types(response.content));
        else if (content_type && response.content.empty() && operation.method != "HEAD")
            add("response.content-type.unknown", finding_severity::warning, "$.response.headers.Content-Type", response.pointer,
                "the consumer expects a " + *content_type + " response, and the contract's " + response_name + " gives no media type");

        const body& relied_on = expected.body;
        if (relied_on.state != body::presence::present || relied_on.is_null()) return;
        const std::optional<std::string> accept = header_value(interaction_.request.headers, "Accept");
        const media_content* content = nullptr;
        for (const std::string& wanted : {media_type, accept.value_or(""), std::string("application/json")}) {
            if (!wanted.empty() && (content = content_for(response.content, wanted)) != nullptr) break;
        }
        if (content == nullptr && response.content.size() == 1) content = &response.content.front();
        if (content == nullptr || content->schema_pointer.empty()) {
            if (response.content.empty() || content == nullptr)
                add("response.body.unknown", finding_severity::error, "$.response.body", response.pointer,
                    "the consumer relies on a body, and the contract's " + response_name + " promises none");
            return;
        }
        const std::string read_as = content->media_type.find('*') != std::string::npos ? media_type : content->media_type;
        if (!relied_on.parsed || (!read_as.empty() && format_of(read_as) != body_format::json)) return;  // only JSON bodies have schemas to meet
        for (const schema_violation& violation : validator_.validate(content->schema_pointer, *relied_on.parsed, schema_direction::response))
            add("response.body.incompatible", finding_severity::error, location_of("$.response.body", violation.path), content->schema_pointer,
                "in the body of " + response_name + ", " + violation.message);
    }

    static std::string joined(const std::vector<std::string>& items) {
        std::string text;
        for (const std::string& item : items) text += (text.empty() ? "" : ", ") + item;
        return text.empty() ? "none" : text;
    }

    static std::string joined_types(const std::vector<media_content>& content) {
        std::vector<std::string> types;
        for (const media_content& entry : content) types.push_back(entry.media_type);
        return joined(types);
    }

    const contract_operations& operations_;
    schema_validator& validator_;
    const interaction& interaction_;
    std::size_t index_;
    std::vector<comparison_finding>& findings_;
    std::string operation_name_;
};

}  // namespace

std::string to_string(finding_severity severity) { return severity == finding_severity::error ? "error" : "warning"; }

bool contract_comparison::compatible() const { return error_count() == 0; }

std::size_t contract_comparison::error_count() const {
    return static_cast<std::size_t>(std::ranges::count(findings, finding_severity::error, &comparison_finding::severity));
}

std::size_t contract_comparison::warning_count() const { return findings.size() - error_count(); }

contract_comparison compare(const pact_document& pact, const provider_contract& contract) {
    const contract_operations operations = operations_of(contract);
    schema_validator validator(contract);
    contract_comparison comparison;
    for (std::size_t index = 0; index < pact.interactions.size(); ++index) {
        const interaction& compared = pact.interactions[index];
        if (compared.kind != interaction_kind::synchronous_http) continue;  // messages have no place in an OpenAPI document
        interaction_comparison(operations, validator, compared, index, comparison.findings).run();
    }
    std::ranges::stable_sort(comparison.findings, {}, [](const comparison_finding& finding) { return finding.severity != finding_severity::error; });
    return comparison;
}

json to_json(const contract_comparison& comparison) {
    json findings = json::array();
    for (const comparison_finding& finding : comparison.findings)
        findings.push_back({{"code", finding.code},
                            {"severity", to_string(finding.severity)},
                            {"interaction", finding.interaction},
                            {"interactionIndex", finding.interaction_index},
                            {"pactLocation", finding.pact_location},
                            {"contractLocation", finding.contract_location},
                            {"message", finding.message}});
    return {{"compatible", comparison.compatible()},
            {"errors", comparison.error_count()},
            {"warnings", comparison.warning_count()},
            {"findings", std::move(findings)}};
}

std::string to_text(const contract_comparison& comparison) {
    // Interactions in the order of their first finding, so those with errors come first.
    std::vector<std::size_t> order;
    for (const comparison_finding& finding : comparison.findings)
        if (std::ranges::find(order, finding.interaction_index) == order.end()) order.push_back(finding.interaction_index);
    std::string text;
    for (const std::size_t index : order) {
        bool heading = false;
        for (const comparison_finding& finding : comparison.findings) {
            if (finding.interaction_index != index) continue;
            if (!heading) {
                text += "interaction " + std::to_string(index + 1) + ": " + finding.interaction + "\n";
                heading = true;
            }
            text += "  " + to_string(finding.severity) + " " + finding.code + " at " + finding.pact_location + "\n    " + finding.message + "\n";
        }
    }
    const std::size_t errors = comparison.error_count();
    const std::size_t warnings = comparison.warning_count();
    text += (comparison.compatible() ? "compatible" : "not compatible") + std::string(": ") + std::to_string(errors) + (errors == 1 ? " error, " : " errors, ") +
            std::to_string(warnings) + (warnings == 1 ? " warning\n" : " warnings\n");
    return text;
}

}  // namespace pact::openapi
