#include "openapi/yaml_reading.hpp"

#include <yaml-cpp/yaml.h>

#include <charconv>
#include <cmath>
#include <limits>
#include <regex>

namespace pact::openapi {
namespace {

// Anchors and aliases can make a small text expand exponentially ("billion laughs"); a contract never needs
// this many nodes.
constexpr std::size_t maximum_nodes = 5'000'000;
constexpr int maximum_depth = 256;

nlohmann::json plain_scalar(const std::string& text) {
    static const std::regex null_form("~|null|Null|NULL");
    static const std::regex true_form("true|True|TRUE");
    static const std::regex false_form("false|False|FALSE");
    static const std::regex integer_form("[-+]?[0-9]+");
    static const std::regex float_form(R"([-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?)");
    if (text.empty() || std::regex_match(text, null_form)) return nullptr;
    if (std::regex_match(text, true_form)) return true;
    if (std::regex_match(text, false_form)) return false;
    if (std::regex_match(text, integer_form)) {
        const char* begin = text.data() + (text.front() == '+' ? 1 : 0);
        std::int64_t value = 0;
        if (std::from_chars(begin, text.data() + text.size(), value).ec == std::errc{}) return value;
        return text;  // too large for an integer: kept as written rather than rounded
    }
    if (std::regex_match(text, float_form)) return std::stod(text);
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
