#include "pact/generators.hpp"

#include "pact/date_format.hpp"
#include "pact/json_text.hpp"
#include "pact/json_path.hpp"
#include "pact/query_string.hpp"
#include "pact/regex_generator.hpp"

#include <array>
#include <chrono>

namespace pact {
namespace {

// The random source of a call: the caller's, or one of this call's own.
class random_source {
public:
    explicit random_source(std::mt19937_64* shared) : engine_(shared) {
        if (engine_ == nullptr) {
            own_.seed(std::random_device{}());
            engine_ = &own_;
        }
    }

    std::int64_t between(std::int64_t low, std::int64_t high) {
        return std::uniform_int_distribution<std::int64_t>(low, std::max(low, high))(*engine_);
    }

    std::string characters(std::size_t count, std::string_view alphabet) {
        std::string text;
        for (std::size_t index = 0; index < count; ++index) text += alphabet[static_cast<std::size_t>(between(0, static_cast<std::int64_t>(alphabet.size()) - 1))];
        return text;
    }

    std::mt19937_64& engine() { return *engine_; }

private:
    std::mt19937_64 own_;
    std::mt19937_64* engine_;
};

constexpr std::string_view digits = "0123456789";
constexpr std::string_view hexadecimal_digits = "0123456789abcdef";
constexpr std::string_view alphanumerics = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

std::string make_uuid(random_source& random, std::string_view format) {
    auto hex = random.characters(32, hexadecimal_digits);
    hex[12] = '4';
    hex[16] = "89ab"[random.between(0, 3)];
    if (format == "simple") return hex;
    std::string text = hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" + hex.substr(16, 4) + "-" + hex.substr(20);
    if (format == "upper-case-hyphenated") {
        for (auto& character : text) character = static_cast<char>(std::toupper(static_cast<unsigned char>(character)));
    }
    if (format == "URN") return "urn:uuid:" + text;
    return text;
}

std::string make_decimal(random_source& random, std::size_t digit_count) {
    digit_count = std::max<std::size_t>(digit_count, 2);
    auto text = random.characters(digit_count, digits);
    if (text[0] == '0') text[0] = static_cast<char>('1' + random.between(0, 8));
    const auto point = static_cast<std::size_t>(random.between(1, static_cast<std::int64_t>(digit_count) - 1));
    return text.substr(0, point) + "." + text.substr(point);
}

std::string make_date(const nlohmann::json& definition, const char* default_pattern) {
    const auto pattern = definition.value("format", std::string(default_pattern));
    auto format = date_format::compile(pattern);
    if (!format) format = date_format::compile(default_pattern);
    return format->format(std::chrono::system_clock::now());
}

std::string expression_text(const nlohmann::json& value) { return value.is_string() ? value.get<std::string>() : to_json_text(value); }

// "${name}" expressions filled from the provider state's values; a lone expression keeps the value's JSON type.
std::optional<nlohmann::json> fill_expression(const std::string& expression, const nlohmann::json& values) {
    if (expression.starts_with("${") && expression.ends_with("}") && expression.find("${", 2) == std::string::npos) {
        const auto name = expression.substr(2, expression.size() - 3);
        if (!values.is_object() || !values.contains(name)) return std::nullopt;
        return values.at(name);
    }
    std::string filled;
    std::size_t position = 0;
    while (position < expression.size()) {
        const auto start = expression.find("${", position);
        if (start == std::string::npos) break;
        const auto end = expression.find('}', start);
        if (end == std::string::npos) break;
        const auto name = expression.substr(start + 2, end - start - 2);
        if (!values.is_object() || !values.contains(name)) return std::nullopt;
        filled += expression.substr(position, start - position) + expression_text(values.at(name));
        position = end + 1;
    }
    return filled + expression.substr(std::min(position, expression.size()));
}

// The value a generator produces; nullopt when it cannot (unknown type, missing provider state value),
// in which case the value from the pact stays.
std::optional<nlohmann::json> generate(const nlohmann::json& definition, const nlohmann::json& current, const generator_context& context, random_source& random) {
    if (!definition.is_object()) return std::nullopt;
    const auto type = definition.value("type", std::string());
    if (type == "Uuid") return make_uuid(random, definition.value("format", std::string("lower-case-hyphenated")));
    if (type == "RandomInt") return random.between(definition.value("min", std::int64_t{0}), definition.value("max", std::int64_t{2147483647}));
    if (type == "RandomDecimal") {
        const auto text = make_decimal(random, definition.value("digits", std::size_t{10}));
        return current.is_string() ? nlohmann::json(text) : nlohmann::json::parse(text);
    }
    if (type == "RandomHexadecimal") return random.characters(definition.value("digits", std::size_t{10}), hexadecimal_digits);
    if (type == "RandomString") return random.characters(definition.value("size", std::size_t{10}), alphanumerics);
    if (type == "RandomBoolean") return random.between(0, 1) == 1;
    if (type == "Regex") {
        auto text = generate_from_regex(definition.value("regex", std::string()), random.engine());
        if (!text) return std::nullopt;
        return *text;
    }
    if (type == "Date") return make_date(definition, "yyyy-MM-dd");
    if (type == "Time") return make_date(definition, "HH:mm:ss");
    if (type == "DateTime" || type == "Timestamp") return make_date(definition, "yyyy-MM-dd'T'HH:mm:ss");
    if (type == "ProviderState") {
        auto filled = fill_expression(definition.value("expression", std::string()), context.provider_state_values);
        if (!filled) return std::nullopt;
        // A value that stood as a string in the pact stays a string; numbers stay numbers.
        if (current.is_string() && !filled->is_string()) return expression_text(*filled);
        return filled;
    }
    return std::nullopt;  // MockServerURL and unknown generators leave the value as the pact wrote it
}

std::string generate_text(const nlohmann::json& definition, const std::string& current, const generator_context& context, random_source& random) {
    const auto value = generate(definition, current, context, random);
    return value ? expression_text(*value) : current;
}

void apply_to_json(nlohmann::json& node, std::vector<path_step>& location, const json_path& path, const nlohmann::json& definition,
                   const generator_context& context, random_source& random) {
    if (path_matches_exactly(path, location)) {
        if (auto value = generate(definition, node, context, random)) node = std::move(*value);
        return;
    }
    if (node.is_object()) {
        for (auto& [key, child] : node.items()) {
            location.push_back({key});
            apply_to_json(child, location, path, definition, context, random);
            location.pop_back();
        }
    } else if (node.is_array()) {
        for (std::size_t index = 0; index < node.size(); ++index) {
            location.push_back({std::to_string(index), true});
            apply_to_json(node[index], location, path, definition, context, random);
            location.pop_back();
        }
    }
}

void apply_body_generators(body& content, const nlohmann::json& generators, const generator_context& context, random_source& random) {
    if (!generators.is_object() || content.state != body::presence::present) return;
    if (!content.parsed) return;  // only JSON bodies have paths to generate into
    for (const auto& [expression, definition] : generators.items()) {
        const auto path = parse_json_path(expression);
        if (!path) continue;
        std::vector<path_step> location;
        apply_to_json(*content.parsed, location, *path, definition, context, random);
    }
    content.content = to_json_text(*content.parsed);
}

void apply_header_generators(header_map& headers, const nlohmann::json& generators, const generator_context& context, random_source& random) {
    if (!generators.is_object()) return;
    for (const auto& [name, definition] : generators.items()) {
        auto found = std::ranges::find_if(headers, [&](const auto& entry) { return equals_ignoring_case(entry.first, name); });
        if (found == headers.end()) {
            headers[name] = {generate_text(definition, "", context, random)};
            continue;
        }
        for (auto& value : found->second) value = generate_text(definition, value, context, random);
    }
}

nlohmann::json category(const nlohmann::json& generators, const char* name) {
    if (!generators.is_object() || !generators.contains(name)) return nlohmann::json::object();
    return generators.at(name);
}

// Path and status generators stand alone ({"type": ...}) or, from some writers, under one key.
std::optional<nlohmann::json> single_generator(const nlohmann::json& generators, const char* name) {
    const auto found = category(generators, name);
    if (found.contains("type")) return found;
    if (found.size() == 1 && found.begin()->is_object() && found.begin()->contains("type")) return *found.begin();
    return std::nullopt;
}

}  // namespace

http_request apply_generators(const http_request& request, const generator_context& context) {
    http_request result = request;
    if (!request.generators.is_object() || request.generators.empty()) return result;
    random_source random(context.random);
    if (const auto path = single_generator(request.generators, "path")) {
        result.path = generate_text(*path, result.path, context, random);
    }
    const auto query = category(request.generators, "query");
    for (const auto& [name, definition] : query.items()) {
        auto& values = result.query[name];
        if (values.empty()) values.emplace_back();
        for (auto& value : values) value = generate_text(definition, value, context, random);
    }
    if (!query.empty()) result.raw_query.reset();  // the parameters changed; the string no longer says them
    apply_header_generators(result.headers, category(request.generators, "header"), context, random);
    apply_body_generators(result.body, category(request.generators, "body"), context, random);
    return result;
}

http_response apply_generators(const http_response& response, const generator_context& context) {
    http_response result = response;
    if (!response.generators.is_object() || response.generators.empty()) return result;
    random_source random(context.random);
    if (const auto status = single_generator(response.generators, "status")) {
        if (auto value = generate(*status, result.status, context, random); value && value->is_number_integer()) result.status = value->get<int>();
    }
    apply_header_generators(result.headers, category(response.generators, "header"), context, random);
    apply_body_generators(result.body, category(response.generators, "body"), context, random);
    return result;
}

message apply_generators(const message& content, const generator_context& context) {
    message result = content;
    if (!content.generators.is_object() || content.generators.empty()) return result;
    random_source random(context.random);
    auto body_generators = category(content.generators, "body");
    if (body_generators.empty()) body_generators = category(content.generators, "content");
    apply_body_generators(result.contents, body_generators, context, random);
    const auto metadata_generators = category(content.generators, "metadata");
    for (const auto& [key, definition] : metadata_generators.items()) {
        const auto current = result.metadata.value(key, nlohmann::json(""));
        if (auto value = generate(definition, current, context, random)) result.metadata[key] = std::move(*value);
    }
    return result;
}

}  // namespace pact
