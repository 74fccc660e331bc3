#include "pact/json_path.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <optional>

namespace pact {
namespace {

bool is_identifier_character(char character) {
    const auto c = static_cast<unsigned char>(character);
    return std::isalnum(c) != 0 || character == '_' || character == '-' || character == '@' || character == '#' ||
           character == ':' || c >= 0x80;
}

std::optional<std::size_t> parse_index(std::string_view text) {
    std::size_t value = 0;
    const auto* end = text.data() + text.size();
    const auto [pointer, error] = std::from_chars(text.data(), end, value);
    if (error != std::errc{} || pointer != end || text.empty()) return std::nullopt;
    return value;
}

class path_parser {
public:
    explicit path_parser(std::string_view text) : text_(text) {}

    std::expected<json_path, std::string> parse() {
        json_path path;
        if (text_.empty()) return std::unexpected("the path is empty");
        if (text_[0] != '$') {
            // Header, query and metadata rules are keyed by a bare name; treat it as one field.
            path.push_back({path_token::kind::root});
            path.push_back({path_token::kind::field, std::string(text_)});
            return path;
        }
        path.push_back({path_token::kind::root});
        position_ = 1;
        while (position_ < text_.size()) {
            const char character = text_[position_];
            if (character == '.') {
                ++position_;
                auto token = parse_dotted();
                if (!token) return std::unexpected(token.error());
                path.push_back(std::move(*token));
            } else if (character == '[') {
                ++position_;
                auto token = parse_bracketed();
                if (!token) return std::unexpected(token.error());
                path.push_back(std::move(*token));
            } else {
                return std::unexpected(error_at("expected '.' or '['"));
            }
        }
        return path;
    }

private:
    std::string error_at(std::string_view what) const {
        return std::string(what) + " at character " + std::to_string(position_ + 1) + " of \"" + std::string(text_) + "\"";
    }

    std::expected<path_token, std::string> parse_dotted() {
        if (position_ < text_.size() && text_[position_] == '*') {
            ++position_;
            return path_token{path_token::kind::star};
        }
        const auto start = position_;
        while (position_ < text_.size() && is_identifier_character(text_[position_])) ++position_;
        if (position_ == start) return std::unexpected(error_at("expected a name after '.'"));
        // "$.animals.0" is a field named "0"; it applies to index 0 as well, compared as text.
        return path_token{path_token::kind::field, std::string(text_.substr(start, position_ - start))};
    }

    std::expected<path_token, std::string> parse_bracketed() {
        if (position_ >= text_.size()) return std::unexpected(error_at("unterminated '['"));
        const char opening = text_[position_];
        if (opening == '\'' || opening == '"') {
            ++position_;
            std::string name;
            while (position_ < text_.size() && text_[position_] != opening) {
                if (text_[position_] == '\\' && position_ + 1 < text_.size()) ++position_;
                name += text_[position_++];
            }
            if (position_ + 1 >= text_.size() || text_[position_ + 1] != ']') return std::unexpected(error_at("unterminated quoted name"));
            position_ += 2;
            return path_token{path_token::kind::field, std::move(name)};
        }
        const auto close = text_.find(']', position_);
        if (close == std::string_view::npos) return std::unexpected(error_at("unterminated '['"));
        const auto inside = text_.substr(position_, close - position_);
        position_ = close + 1;
        if (inside == "*") return path_token{path_token::kind::star_index};
        if (const auto index = parse_index(inside)) return path_token{path_token::kind::index, {}, *index};
        return std::unexpected(error_at("expected an index, '*' or a quoted name inside '[]'"));
    }

    std::string_view text_;
    std::size_t position_ = 0;
};

}  // namespace

std::size_t token_weight(const path_token& token, const path_step& step) {
    switch (token.type) {
    case path_token::kind::root: return 0;
    case path_token::kind::field: return token.name == step.name ? 2 : 0;
    case path_token::kind::index: {
        if (step.name.empty() || step.name[0] < '0' || step.name[0] > '9') return 0;
        const auto index = parse_index(step.name);
        return index && *index == token.index ? 2 : 0;
    }
    case path_token::kind::star_index: return step.is_index || parse_index(step.name) ? 1 : 0;
    case path_token::kind::star: return 1;
    }
    return 0;
}

std::expected<json_path, std::string> parse_json_path(std::string_view expression) {
    return path_parser(expression).parse();
}

namespace {

// The weight of rule tokens from `token` on against the location from `step` on (0: does not apply).
// With exact, the rule must also name the whole location, not a place above it.
std::size_t weigh(const json_path& rule_path, std::size_t token, std::span<const path_step> location, std::size_t step, bool exact) {
    if (token == rule_path.size()) return !exact || step == location.size() ? 1 : 0;
    if (step == location.size()) return 0;
    const auto& current = location[step];
    std::size_t best = 0;
    if (const auto weight = token_weight(rule_path[token], current)) best = weight * weigh(rule_path, token + 1, location, step + 1, exact);
    if (current.position && token + 1 < rule_path.size()) {
        const path_step index_step{std::to_string(*current.position), true};
        const auto index_weight = token_weight(rule_path[token], index_step);
        const auto name_weight = index_weight == 0 ? 0 : token_weight(rule_path[token + 1], current);
        if (name_weight != 0) best = std::max(best, index_weight * name_weight * weigh(rule_path, token + 2, location, step + 1, exact));
    }
    return best;
}

}  // namespace

// JSON locations have one reading only: a plain product over the tokens.
std::size_t weigh_linear(const json_path& rule_path, std::span<const path_step> location) {
    if (rule_path.size() - 1 > location.size()) return 0;
    std::size_t weight = 1;
    for (std::size_t token = 1; token < rule_path.size() && weight != 0; ++token) weight *= token_weight(rule_path[token], location[token - 1]);
    return weight;
}

bool has_positions(std::span<const path_step> location) {
    return std::ranges::any_of(location, [](const path_step& step) { return step.position.has_value(); });
}

std::size_t path_weight(const json_path& rule_path, std::span<const path_step> location) {
    if (rule_path.empty() || rule_path.front().type != path_token::kind::root) return 0;
    return 2 * (has_positions(location) ? weigh(rule_path, 1, location, 0, false) : weigh_linear(rule_path, location));
}

bool path_matches_exactly(const json_path& rule_path, std::span<const path_step> location) {
    if (rule_path.empty() || rule_path.front().type != path_token::kind::root) return false;
    if (!has_positions(location)) return rule_path.size() - 1 == location.size() && weigh_linear(rule_path, location) > 0;
    return weigh(rule_path, 1, location, 0, true) > 0;
}

namespace {

bool is_plain_name(const std::string& name) {
    return !name.empty() && std::ranges::all_of(name, is_identifier_character) && name.find_first_of("@#:") == std::string::npos;
}

}  // namespace

std::string to_string(const json_path& path) {
    std::string text = "$";
    for (const auto& token : path) {
        switch (token.type) {
        case path_token::kind::root: break;
        case path_token::kind::field: text += is_plain_name(token.name) ? "." + token.name : "['" + token.name + "']"; break;
        case path_token::kind::index: text += "[" + std::to_string(token.index) + "]"; break;
        case path_token::kind::star: text += ".*"; break;
        case path_token::kind::star_index: text += "[*]"; break;
        }
    }
    return text;
}

std::string to_string(std::span<const path_step> location) {
    std::string text = "$";
    for (const auto& step : location) {
        if (step.is_index) {
            text += "[" + step.name + "]";
        } else if (is_plain_name(step.name)) {
            text += "." + step.name;
        } else {
            text += "['" + step.name + "']";
        }
    }
    return text;
}

}  // namespace pact
