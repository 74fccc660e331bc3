#include "openapi/schema_validation.hpp"

#include "openapi/document_fields.hpp"

#define VALIJSON_USE_EXCEPTIONS 1
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include <algorithm>
#include <map>
#include <regex>
#include <set>

namespace pact::openapi {
namespace {

using nlohmann::json;

// The prepared documents are handed to valijson as a "remote" document under this name, so that the contract's
// own "#/components/..." references resolve inside it while each compiled schema starts from its own pointer.
constexpr const char* document_uri = "urn:pact:provider-contract";
constexpr int maximum_inlining_depth = 32;
constexpr int maximum_inlined_references = 1000;  // per schema a response is checked against


bool allows_type(const json& schema, std::string_view type) {
    const auto declared = schema.find("type");
    if (declared == schema.end()) return false;
    if (declared->is_string()) return declared->get<std::string>() == type;
    if (declared->is_array()) return std::ranges::any_of(*declared, [&](const json& item) { return item == type; });
    return false;
}

bool is_object_schema(const json& schema) {
    return allows_type(schema, "object") || (!schema.contains("type") && schema.contains("properties"));
}

// OpenAPI's additions to JSON Schema, in JSON Schema's terms: both directions.
class dialect_translation {
public:
    explicit dialect_translation(contract_format format) : format_(format) {}

    void translate(json& schema) const {
        if (!schema.is_object()) return;
        const bool nullable = flag_field(schema, "nullable") || flag_field(schema, "x-nullable");
        if (schema.contains("$ref")) {
            // OpenAPI 3.0 ignores a reference's siblings; "nullable" beside one is too common to ignore.
            if (nullable) schema = json{{"anyOf", json::array({json{{"$ref", schema["$ref"]}}, json{{"type", "null"}}})}};
            return;
        }
        if (nullable && format_ != contract_format::openapi_3_1) make_nullable(schema);
        translate_format(schema);
        for_each_subschema(schema, [this](json& child) { translate(child); });
    }

    template <typename Visit>
    static void for_each_subschema(json& schema, Visit&& visit) {
        for (const char* key : {"properties", "patternProperties", "$defs", "definitions", "dependentSchemas"}) {
            if (auto found = schema.find(key); found != schema.end() && found->is_object())
                for (auto& [name, child] : found->items()) visit(child);
        }
        for (const char* key : {"additionalProperties", "not", "contains", "propertyNames", "if", "then", "else", "unevaluatedProperties"}) {
            if (auto found = schema.find(key); found != schema.end() && found->is_object()) visit(*found);
        }
        for (const char* key : {"allOf", "anyOf", "oneOf", "prefixItems"}) {
            if (auto found = schema.find(key); found != schema.end() && found->is_array())
                for (json& child : *found) visit(child);
        }
        if (auto items = schema.find("items"); items != schema.end()) {
            if (items->is_object()) visit(*items);
            if (items->is_array())
                for (json& child : *items) visit(child);
        }
    }

private:
    static void make_nullable(json& schema) {
        if (auto type = schema.find("type"); type != schema.end()) {
            if (type->is_string()) *type = json::array({*type, "null"});
            else if (type->is_array() && !allows_type(schema, "null")) type->push_back("null");
        }
        if (auto values = schema.find("enum"); values != schema.end() && values->is_array() &&
                                                 std::ranges::find(*values, json(nullptr)) == values->end())
            values->push_back(nullptr);
    }

    // Formats as the constraints they stand for: those JSON Schema does not know, and the dates and times valijson
    // knows but checks with a regular expression it builds anew for every value (patterns it builds once).
    static void translate_format(json& schema) {
        const auto format = schema.find("format");
        if (format == schema.end() || !format->is_string()) return;
        const std::string name = format->get<std::string>();
        static const std::map<std::string, std::string, std::less<>> date_patterns{
            {"date", "^[0-9]{4}-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01])$"},
            {"time", "^([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\\.[0-9]+)?([Zz]|[+-]([01][0-9]|2[0-3]):[0-5][0-9])$"},
            {"date-time", "^[0-9]{4}-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01])[Tt ]([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\\.[0-9]+)?"
                          "([Zz]|[+-]([01][0-9]|2[0-3]):[0-5][0-9])$"}};
        if (const auto pattern = date_patterns.find(name); pattern != date_patterns.end()) {
            if (!schema.contains("pattern")) schema["pattern"] = pattern->second;
            schema.erase("format");
        } else if (name == "int32" && allows_type(schema, "integer")) {
            tighten(schema, "minimum", -2147483648.0, std::greater<>());
            tighten(schema, "maximum", 2147483647.0, std::less<>());
        } else if (name == "uuid" && allows_type(schema, "string") && !schema.contains("pattern")) {
            schema["pattern"] = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";
        } else if (name == "byte" && allows_type(schema, "string") && !schema.contains("pattern")) {
            schema["pattern"] = "^[A-Za-z0-9+/]*={0,2}$";
        }
    }

    template <typename Tighter>
    static void tighten(json& schema, const char* keyword, double bound, Tighter tighter) {
        const auto existing = schema.find(keyword);
        if (existing == schema.end() || !existing->is_number() || tighter(bound, existing->get<double>())) schema[keyword] = bound;
    }

    contract_format format_;
};

// What a consumer may rely on in a response is what the provider promises to send: objects are closed (a field
// the contract does not list is an error), `required` goes (a consumer may read fewer fields), allOf's parts are
// merged into one closed object (each part alone would refuse the others' fields), oneOf becomes anyOf (a
// consumer's few fields often fit more than one of the alternatives), and writeOnly fields are never sent.
class response_reading {
public:
    explicit response_reading(const json& document) : document_(document) {}

    void apply(json& schema) const {
        int inlining_budget = maximum_inlined_references;
        apply(schema, 0, inlining_budget);
    }

private:
    // `depth` counts the merges enclosing this schema, so that a recursive schema (an Item whose items are allOf
    // [Item, ...]) is inlined a bounded number of levels deep; `inlining_budget` bounds the references inlined in all,
    // as a schema referring to itself several times would otherwise multiply its copies at every level.
    void apply(json& schema, int depth, int& inlining_budget) const {
        if (!schema.is_object() || schema.contains("$ref")) {
            if (schema.is_object()) dialect_translation::for_each_subschema(schema, [&](json& child) { apply(child, depth, inlining_budget); });
            return;
        }
        const bool merges = schema.contains("allOf") && depth < maximum_inlining_depth;
        if (merges) merge_all_of(schema, depth, inlining_budget);
        if (auto alternatives = schema.find("oneOf"); alternatives != schema.end()) {
            json moved = std::move(*alternatives);
            schema.erase("oneOf");
            if (!schema.contains("anyOf")) schema["anyOf"] = std::move(moved);
            else schema["allOf"] = json::array({json{{"anyOf", std::move(moved)}}});
        }
        schema.erase("required");
        if (auto properties = schema.find("properties"); properties != schema.end() && properties->is_object()) {
            for (auto property = properties->begin(); property != properties->end();) {
                if (property->is_object() && flag_field(*property, "writeOnly")) property = properties->erase(property);
                else ++property;
            }
        }
        if (is_object_schema(schema) && !schema.contains("anyOf") && !schema.contains("allOf")) {
            const auto additional = schema.find("additionalProperties");
            if (additional == schema.end() || *additional == true) schema["additionalProperties"] = false;
        }
        dialect_translation::for_each_subschema(schema, [&](json& child) { apply(child, merges ? depth + 1 : depth, inlining_budget); });
    }

    // A part it cannot inline (a reference that does not resolve, or one past the budget) stays an allOf part of
    // its own, checked as the reference says.
    void merge_all_of(json& schema, int depth, int& inlining_budget) const {
        json parts = std::move(schema["allOf"]);
        schema.erase("allOf");
        std::vector<json> resolved_parts;
        json kept_parts = json::array();
        for (const json& part : parts) {
            json resolved = inline_reference(part, depth, inlining_budget);
            if (resolved.is_object() && resolved.contains("$ref")) {
                kept_parts.push_back(std::move(resolved));
                continue;
            }
            if (resolved.contains("allOf")) merge_all_of(resolved, depth + 1, inlining_budget);
            resolved_parts.push_back(std::move(resolved));
        }
        if (!kept_parts.empty()) schema["allOf"] = std::move(kept_parts);
        // A part with alternatives (allOf: [Base, oneOf: [Card, Transfer]]) is distributed: one merged object per
        // alternative, any of which may hold. Merged whole, each alternative would refuse the other parts' fields.
        const auto with_alternatives = std::ranges::find_if(resolved_parts, [](const json& part) {
            return part.is_object() && (part.contains("oneOf") || part.contains("anyOf"));
        });
        if (with_alternatives != resolved_parts.end() && depth < maximum_inlining_depth) {
            json alternatives_part = std::move(*with_alternatives);
            resolved_parts.erase(with_alternatives);
            json alternatives = alternatives_part.contains("oneOf") ? std::move(alternatives_part["oneOf"]) : std::move(alternatives_part["anyOf"]);
            alternatives_part.erase("oneOf");
            alternatives_part.erase("anyOf");
            json distributed = json::array();
            for (const json& alternative : alternatives) {
                json merged = json::object();
                json combined = json::array({alternatives_part, alternative});
                for (const json& part : resolved_parts) combined.push_back(part);
                merged["allOf"] = std::move(combined);
                merge_all_of(merged, depth + 1, inlining_budget);
                distributed.push_back(std::move(merged));
            }
            schema["anyOf"] = std::move(distributed);
            return;
        }
        for (const json& part : resolved_parts) merge_into(schema, part);
    }

    json inline_reference(const json& part, int depth, int& inlining_budget) const {
        json current = part;
        for (int followed = depth; current.is_object() && current.contains("$ref") && followed < maximum_inlining_depth && inlining_budget > 0; ++followed) {
            const json* target = current["$ref"].is_string() ? resolve_reference(document_, current["$ref"].get<std::string>()) : nullptr;
            if (target == nullptr) return current;
            --inlining_budget;
            current = *target;
        }
        return current;
    }

    static void merge_into(json& schema, const json& part) {
        if (!part.is_object()) return;
        for (const auto& [key, value] : part.items()) {
            if (key == "properties" && value.is_object()) {
                json& properties = schema["properties"];
                if (!properties.is_object()) properties = json::object();
                for (const auto& [name, property] : value.items()) {
                    if (!properties.contains(name)) properties[name] = property;
                    else properties[name] = json{{"allOf", json::array({properties[name], property})}};
                }
            } else if (key == "required" && value.is_array()) {
                json& required = schema["required"];
                if (!required.is_array()) required = json::array();
                for (const json& name : value) required.push_back(name);
            } else if (key == "additionalProperties") {
                // The merged object is closed (or not) as a whole, below.
            } else if (!schema.contains(key)) {
                schema[key] = value;
            }
        }
        if (part.contains("properties") && !schema.contains("type")) schema["type"] = "object";
    }

    const json& document_;
};

bool is_parameter_like(const json& node) {
    return node.is_object() && node.contains("type") && !node.contains("schema") && !node.contains("$ref") &&
           text_field(node, "in") != "body";
}

// Swagger 2.0 writes a non-body parameter's or a header's schema inline, beside its name; gathered under "schema"
// so that every parameter and header is validated the same way.
void gather_inline_schemas(json& node) {
    if (node.is_array()) {
        for (json& item : node) gather_inline_schemas(item);
        return;
    }
    if (!node.is_object()) return;
    for (auto& [key, value] : node.items()) {
        if (key == "parameters" && (value.is_array() || value.is_object())) {
            for (json& parameter : value) {
                if (!is_parameter_like(parameter)) continue;
                json schema = json::object();
                for (const auto& [name, keyword] : parameter.items())
                    if (name != "name" && name != "in" && name != "required" && name != "description" && name != "collectionFormat")
                        schema[name] = keyword;
                parameter["schema"] = std::move(schema);
            }
        } else if (key == "headers" && value.is_object()) {
            for (auto& [name, header] : value.items()) {
                if (!is_parameter_like(header)) continue;
                json schema = header;
                schema.erase("description");
                header["schema"] = std::move(schema);
            }
        }
        if (key != "example" && key != "examples" && !key.starts_with("x-")) gather_inline_schemas(value);
    }
}

// Calls `visit` on every schema root of the document: values of "schema", components.schemas, definitions.
template <typename Visit>
void for_each_schema_root(json& node, Visit&& visit, bool at_root = true) {
    if (node.is_array()) {
        for (json& item : node) for_each_schema_root(item, visit, false);
        return;
    }
    if (!node.is_object()) return;
    for (auto& [key, value] : node.items()) {
        if (key == "example" || key == "examples" || key.starts_with("x-")) continue;
        if (key == "schema" && value.is_object()) visit(value);
        else if (at_root && key == "definitions" && value.is_object())
            for (auto& [name, schema] : value.items()) visit(schema);
        else if (at_root && key == "components" && value.is_object()) {
            for (auto& [section, entries] : value.items()) {
                if (section == "schemas" && entries.is_object())
                    for (auto& [name, schema] : entries.items()) visit(schema);
                else for_each_schema_root(entries, visit, false);
            }
        } else for_each_schema_root(value, visit, false);
    }
}

// Where a valijson error context ("<root>", "[items]", "[0]") points in the value: its JSON path, and the value
// there (nullptr once the context leaves the value).
struct value_location {
    std::string path = "$";
    const json* value = nullptr;
};

value_location locate(const std::vector<std::string>& context, const json& value) {
    value_location location{"$", &value};
    for (const std::string& token : context) {
        if (token == "<root>" || token.size() < 2 || token.front() != '[') continue;
        const std::string name = token.substr(1, token.size() - 2);
        const json* current = location.value;
        if (current != nullptr && current->is_array()) {
            location.path += "[" + name + "]";
            const std::size_t index = std::stoul(name);
            location.value = index < current->size() ? &(*current)[index] : nullptr;
            continue;
        }
        static const std::regex identifier("[A-Za-z_][A-Za-z0-9_-]*");
        location.path += std::regex_match(name, identifier) ? "." + name : "['" + name + "']";
        location.value = current != nullptr && current->is_object() && current->contains(name) ? &(*current)[name] : nullptr;
    }
    return location;
}

std::string json_type_of(const json& value) {
    if (value.is_number_integer()) return "integer";
    if (value.is_number()) return "number";
    return value.type_name();  // "string", "boolean", "object", "array", "null"
}

}  // namespace

struct schema_validator::compiled_schemas {
    explicit compiled_schemas(const provider_contract& contract)
        : request_document(contract.document()), response_document(contract.document()),
          version(contract.format() == contract_format::openapi_3_1 ? valijson::SchemaParser::kDraft7 : valijson::SchemaParser::kDraft4) {
        const dialect_translation dialect(contract.format());
        for (json* document : {&request_document, &response_document}) {
            gather_inline_schemas(*document);
            for_each_schema_root(*document, [&](json& schema) { dialect.translate(schema); });
        }
        const response_reading reading(response_document);
        for_each_schema_root(response_document, [&](json& schema) { reading.apply(schema); });
    }

    const json& document_for(schema_direction direction) const {
        return direction == schema_direction::request ? request_document : response_document;
    }

    // A schema compiled, or why it is none: no schema at that pointer (the contract allows anything there), or
    // one valijson cannot use.
    struct compiled_schema {
        std::unique_ptr<valijson::Schema> schema;
        std::string error;
    };

    // Compiled once per schema and direction, whatever the outcome: a contract's schemas are shared by many
    // interactions.
    const compiled_schema& compile(std::string_view pointer, schema_direction direction) {
        const auto key = std::make_pair(std::string(pointer), direction);
        if (const auto found = cache.find(key); found != cache.end()) return found->second;
        compiled_schema& compiled = cache[key];
        const json& document = document_for(direction);
        if (resolve_reference(document, "#" + std::string(pointer)) == nullptr) return compiled;
        const json root{{"$ref", std::string(document_uri) + "#" + std::string(pointer)}};
        valijson::SchemaParser parser(version);
        const valijson::adapters::NlohmannJsonAdapter root_adapter(root);
        auto fetch = [&document](const std::string& uri) -> const json* { return uri == document_uri ? &document : nullptr; };
        auto release = [](const json*) {};  // the documents belong to this object
        auto schema = std::make_unique<valijson::Schema>();
        try {
            parser.populateSchema(root_adapter, *schema, fetch, release);
            compiled.schema = std::move(schema);
        } catch (const std::exception& error) {
            compiled.error = error.what();
        }
        return compiled;
    }

    // The schema a value at `context` meets, for the rename hint: references followed, the alternatives' and parts'
    // properties pooled.
    std::map<std::string, const json*> properties_at(std::string_view pointer, const std::vector<std::string>& context,
                                                     const json& value, schema_direction direction) const {
        const json& document = document_for(direction);
        std::vector<const json*> schemas;
        if (const json* start = resolve_reference(document, "#" + std::string(pointer))) schemas.push_back(start);
        const json* current_value = &value;
        for (const std::string& token : context) {
            if (token == "<root>" || token.size() < 2) continue;
            const std::string name = token.substr(1, token.size() - 2);
            std::vector<const json*> next;
            for (const json* schema : expand(document, schemas)) {
                if (current_value->is_array()) {
                    if (auto items = schema->find("items"); items != schema->end() && items->is_object()) next.push_back(&*items);
                } else if (auto properties = schema->find("properties"); properties != schema->end() && properties->contains(name)) {
                    next.push_back(&(*properties)[name]);
                }
            }
            schemas = std::move(next);
            current_value = locate({token}, *current_value).value;
            if (current_value == nullptr) break;
        }
        std::map<std::string, const json*> properties;
        for (const json* schema : expand(document, schemas))
            if (auto found = schema->find("properties"); found != schema->end() && found->is_object())
                for (const auto& [name, property] : found->items()) properties.emplace(name, &property);
        return properties;
    }

    // The schemas and, recursively, their references' targets and alternatives.
    static std::vector<const json*> expand(const json& document, const std::vector<const json*>& schemas) {
        std::vector<const json*> expanded;
        std::vector<const json*> pending = schemas;
        while (!pending.empty() && expanded.size() < 256) {
            const json* schema = pending.back();
            pending.pop_back();
            if (!schema->is_object()) continue;
            if (auto reference = schema->find("$ref"); reference != schema->end() && reference->is_string()) {
                if (const json* target = resolve_reference(document, reference->get<std::string>())) pending.push_back(target);
                continue;
            }
            expanded.push_back(schema);
            for (const char* key : {"allOf", "anyOf", "oneOf"})
                if (auto found = schema->find(key); found != schema->end() && found->is_array())
                    for (const json& part : *found) pending.push_back(&part);
        }
        return expanded;
    }

    std::string resolved_type(const json& schema, schema_direction direction) const {
        for (const json* candidate : expand(document_for(direction), {&schema}))
            if (auto type = candidate->find("type"); type != candidate->end() && type->is_string()) return type->get<std::string>();
        return "";
    }

    json request_document;
    json response_document;
    valijson::SchemaParser::Version version;
    std::map<std::pair<std::string, schema_direction>, compiled_schema> cache;
    valijson::Validator validator{valijson::Validator::kStrongTypes};  // keeps the patterns' compiled expressions
};

schema_validator::schema_validator(const provider_contract& contract) : schemas_(std::make_unique<compiled_schemas>(contract)) {}
schema_validator::~schema_validator() = default;

std::vector<schema_violation> schema_validator::validate(std::string_view schema_pointer, const json& value, schema_direction direction) {
    const compiled_schemas::compiled_schema& compiled = schemas_->compile(schema_pointer, direction);
    if (!compiled.error.empty()) return {{"$", "the contract's schema cannot be used: " + compiled.error}};
    // No schema (an OpenAPI 3 parameter described by "content", a header without one): the contract allows anything.
    if (!compiled.schema) return {};
    valijson::ValidationResults results;
    const valijson::adapters::NlohmannJsonAdapter target(value);
    if (schemas_->validator.validate(*compiled.schema, target, &results)) return {};

    // valijson reports each failure and then, at every level above it, that the level failed; the sentences worth
    // reading are the failures themselves.
    static const std::regex summary(
        "Failed to validate (against schema associated with|item #|against child schema|against additional properties|against any "
        "schemas allowed by anyOf|against any child schemas allowed by oneOf).*|Cannot validate item.*");
    static const std::regex unknown_property(R"(Object contains a property that could not be validated using .*: '(.*)'\.)");
    static const std::regex missing_property(R"(Missing required property '(.*)'\.)");
    std::vector<schema_violation> violations;
    std::vector<schema_violation> summaries;
    std::set<std::pair<std::string, std::string>> seen;
    valijson::ValidationResults::Error error;
    while (results.popError(error)) {
        const std::string path = locate(error.context, value).path;
        std::smatch match;
        schema_violation violation{path, ""};
        if (std::regex_match(error.description, match, unknown_property)) {
            const std::string name = match[1];
            std::vector<std::string> property_context = error.context;
            property_context.push_back("[" + name + "]");
            violation.path = locate(property_context, value).path;
            violation.message = violation.path + " is not in the contract";
            const json* object = locate(error.context, value).value;
            if (object != nullptr && object->is_object() && object->contains(name)) {
                // The rename hint, as the verifier gives it: a field the contract has, the value does not, and whose
                // type fits; the one sharing the longest prefix with the missing name wins.
                const std::string wanted_type = json_type_of((*object)[name]);
                std::string best;
                std::size_t best_prefix = 0;
                for (const auto& [candidate, property] : schemas_->properties_at(schema_pointer, error.context, value, direction)) {
                    if (object->contains(candidate)) continue;
                    const std::string type = schemas_->resolved_type(*property, direction);
                    if (!type.empty() && type != wanted_type && !(type == "number" && wanted_type == "integer")) continue;
                    const auto prefix = static_cast<std::size_t>(std::ranges::mismatch(candidate, name).in1 - candidate.begin());
                    if (best.empty() || prefix > best_prefix) {
                        best = candidate;
                        best_prefix = prefix;
                    }
                }
                if (!best.empty()) violation.message += " (it has " + best + ": renamed?)";
            }
        } else if (std::regex_match(error.description, match, missing_property)) {
            std::vector<std::string> property_context = error.context;
            property_context.push_back("[" + std::string(match[1]) + "]");
            violation.path = locate(property_context, value).path;
            violation.message = violation.path + " is required by the contract and missing";
        } else if (error.description == "Value type not permitted by 'type' constraint.") {
            const json* actual = locate(error.context, value).value;
            const std::string type = actual != nullptr ? json_type_of(*actual) : "";
            const bool vowel = !type.empty() && std::string_view("aeiou").find(type.front()) != std::string_view::npos;
            violation.message = path + " is " + (type.empty() ? std::string("of a type") : (vowel ? "an " : "a ") + type) +
                                ", which the contract does not allow there";
        } else if (error.description == "Failed to match regex specified by 'pattern' constraint.") {
            violation.message = path + " does not have the form the contract gives (its pattern or format)";
        } else if (error.description == "Failed to match against any enum values.") {
            violation.message = path + " is not one of the values the contract lists";
        } else {
            violation.message = path + ": " + error.description;
        }
        if (!seen.insert({violation.path, violation.message}).second) continue;
        (std::regex_match(error.description, summary) ? summaries : violations).push_back(std::move(violation));
    }
    return violations.empty() ? summaries : violations;
}

std::vector<std::string> schema_validator::types_of(std::string_view schema_pointer) const {
    std::vector<std::string> types;
    const json& document = schemas_->request_document;
    const json* start = resolve_reference(document, "#" + std::string(schema_pointer));
    if (start == nullptr) return types;
    for (const json* schema : compiled_schemas::expand(document, {start})) {
        const auto type = schema->find("type");
        if (type == schema->end()) continue;
        if (type->is_string()) types.push_back(type->get<std::string>());
        if (type->is_array())
            for (const json& item : *type)
                if (item.is_string()) types.push_back(item.get<std::string>());
    }
    return types;
}

}  // namespace pact::openapi
