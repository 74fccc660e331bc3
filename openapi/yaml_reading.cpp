#include "openapi/yaml_reading.hpp"

#include <yaml-cpp/yaml.h>

#include <charconv>
#include <cmath>
#include <limits>
#include <algorithm>
#include <initializer_list>

namespace pact::openapi {
namespace {

// Anchors and aliases can make a small text expand exponentially ("billion laughs"); a contract never needs
// this many nodes.
constexpr std::size_t maximum_nodes = 5'000'000;
constexpr int maximum_depth = 256;

bool is_one_of(const std::string& text, std::initializer_list<std::string_view> forms) {
    return std::ranges::find(forms, std::string_view(text)) != forms.end();
}

// YAML 1.2's core schema, by hand: a contract has thousands of scalars, and regular expressions were most of
// the time spent reading one.
bool is_integer_form(std::string_view text) {
    if (!text.empty() && (text.front() == '-' || text.front() == '+')) text.remove_prefix(1);
    return !text.empty() && std::ranges::all_of(text, [](char c) { return c >= '0' && c <= '9'; });
}

bool is_float_form(std::string_view text) {
    if (!text.empty() && (text.front() == '-' || text.front() == '+')) text.remove_prefix(1);
    std::size_t at = 0;
    std::size_t digits = 0;
    while (at < text.size() && text[at] >= '0' && text[at] <= '9') ++at, ++digits;
    if (at < text.size() && text[at] == '.') {
        ++at;
        while (at < text.size() && text[at] >= '0' && text[at] <= '9') ++at, ++digits;
    }
    if (digits == 0) return false;
    if (at < text.size() && (text[at] == 'e' || text[at] == 'E')) {
        ++at;
        if (at < text.size() && (text[at] == '-' || text[at] == '+')) ++at;
        const std::size_t exponent_start = at;
        while (at < text.size() && text[at] >= '0' && text[at] <= '9') ++at;
        if (at == exponent_start) return false;
    }
    return at == text.size();
}

nlohmann::json plain_scalar(const std::string& text) {
    if (text.empty() || is_one_of(text, {"~", "null", "Null", "NULL"})) return nullptr;
    if (is_one_of(text, {"true", "True", "TRUE"})) return true;
    if (is_one_of(text, {"false", "False", "FALSE"})) return false;
    if (is_integer_form(text)) {
        const char* begin = text.data() + (text.front() == '+' ? 1 : 0);
        std::int64_t value = 0;
        if (std::from_chars(begin, text.data() + text.size(), value).ec == std::errc{}) return value;
        return text;  // too large for an integer: kept as written rather than rounded
    }
    if (is_float_form(text)) {
        const char* begin = text.data() + (text.front() == '+' ? 1 : 0);
        double value = 0;
        // Out of a double's range (1e999): kept as written, JSON having no infinity.
        if (std::from_chars(begin, text.data() + text.size(), value).ec == std::errc{}) return value;
        return text;
    }
    return text;
}

class converter {
public:
    std::expected<nlohmann::json, std::string> convert(const YAML::Node& node, int depth) {
        if (++nodes_ > maximum_nodes) return std::unexpected(std::string("the document has too many nodes (aliases expand it too far)"));
        if (depth > maximum_depth) return std::unexpected(std::string("the document nests too deeply"));
        switch (node.Type()) {
            case YAML::NodeType::Undefined:
            case YAML::NodeType::Null:
                return nullptr;
            case YAML::NodeType::Scalar:
                // yaml-cpp tags a quoted or block scalar "!", a plain one "?".
                if (node.Tag() == "!" || node.Tag() == "tag:yaml.org,2002:str") return node.Scalar();
                return plain_scalar(node.Scalar());
            case YAML::NodeType::Sequence: {
                nlohmann::json array = nlohmann::json::array();
                for (const YAML::Node& item : node) {
                    auto value = convert(item, depth + 1);
                    if (!value) return value;
                    array.push_back(std::move(*value));
                }
                return array;
            }
            case YAML::NodeType::Map: {
                nlohmann::json object = nlohmann::json::object();
                for (const auto& entry : node) {
                    if (!entry.first.IsScalar()) return std::unexpected(location(entry.first) + "a key is not a scalar");
                    auto value = convert(entry.second, depth + 1);
                    if (!value) return value;
                    object[entry.first.Scalar()] = std::move(*value);
                }
                return object;
            }
        }
        return nullptr;
    }

    static std::string location(const YAML::Node& node) {
        const YAML::Mark mark = node.Mark();
        if (mark.is_null()) return "";
        return "line " + std::to_string(mark.line + 1) + ", column " + std::to_string(mark.column + 1) + ": ";
    }

private:
    std::size_t nodes_ = 0;
};

}  // namespace

std::expected<nlohmann::json, std::string> read_yaml(std::string_view text) {
    YAML::Node root;
    try {
        root = YAML::Load(std::string(text));
    } catch (const YAML::Exception& error) {
        return std::unexpected("line " + std::to_string(error.mark.line + 1) + ", column " + std::to_string(error.mark.column + 1) + ": " +
                               error.msg);
    }
    try {
        return converter{}.convert(root, 0);
    } catch (const YAML::Exception& error) {
        return std::unexpected(std::string(error.what()));
    }
}

}  // namespace pact::openapi
