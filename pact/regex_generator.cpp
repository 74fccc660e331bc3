#include "pact/regex_generator.hpp"

#include <algorithm>
#include <cctype>
#include <vector>

namespace pact {
namespace {

constexpr std::size_t unbounded_repetitions = 5;  // how many times '*' and '+' repeat at most

class regex_writer {
public:
    regex_writer(std::string_view expression, std::mt19937_64& random) : text_(expression), random_(random) {}

    std::optional<std::string> run() {
        auto result = alternatives();
        if (!result || position_ != text_.size()) return std::nullopt;
        return result;
    }

private:
    std::size_t pick(std::size_t low, std::size_t high) {
        return std::uniform_int_distribution<std::size_t>(low, std::max(low, high))(random_);
    }

    // Writes one alternative chosen at random; all are checked for syntax.
    std::optional<std::string> alternatives() {
        std::vector<std::string> choices;
        while (true) {
            auto choice = sequence();
            if (!choice) return std::nullopt;
            choices.push_back(std::move(*choice));
            if (position_ < text_.size() && text_[position_] == '|') {
                ++position_;
                continue;
            }
            break;
        }
        return choices[pick(0, choices.size() - 1)];
    }

    std::optional<std::string> sequence() {
        std::string written;
        while (position_ < text_.size() && text_[position_] != '|' && text_[position_] != ')') {
            const auto start = position_;
            auto atom_text = atom();
            if (!atom_text) return std::nullopt;
            const auto atom_end = position_;
            auto [low, high] = quantifier();
            if (low == 0 && high == 0 && position_ == atom_end) {
                written += *atom_text;
                continue;
            }
            const auto count = pick(low, high);
            for (std::size_t repetition = 0; repetition < count; ++repetition) {
                if (repetition == 0) {
                    written += *atom_text;
                    continue;
                }
                // Re-read the atom so that every repetition is drawn afresh ("\d{3}" gives three digits).
                const auto after_quantifier = position_;
                position_ = start;
                auto again = atom();
                position_ = after_quantifier;
                if (!again) return std::nullopt;
                written += *again;
            }
        }
        return written;
    }

    std::pair<std::size_t, std::size_t> quantifier() {
        if (position_ >= text_.size()) return {0, 0};
        const char character = text_[position_];
        std::pair<std::size_t, std::size_t> range{1, 1};
        if (character == '?') range = {0, 1};
        else if (character == '*') range = {0, unbounded_repetitions};
        else if (character == '+') range = {1, unbounded_repetitions};
        else if (character == '{') {
            const auto close = text_.find('}', position_);
            if (close == std::string_view::npos) return {0, 0};
            const auto inside = std::string(text_.substr(position_ + 1, close - position_ - 1));
            const auto comma = inside.find(',');
            try {
                const auto low = static_cast<std::size_t>(std::stoul(inside.substr(0, comma)));
                const auto high = comma == std::string::npos ? low
                                  : comma + 1 == inside.size() ? low + unbounded_repetitions
                                                               : static_cast<std::size_t>(std::stoul(inside.substr(comma + 1)));
                range = {low, high};
            } catch (const std::exception&) {
                return {0, 0};
            }
            position_ = close + 1;
            skip_lazy_marker();
            return range;
        } else {
            return {0, 0};
        }
        ++position_;
        skip_lazy_marker();
        return range;
    }

    void skip_lazy_marker() {
        if (position_ < text_.size() && (text_[position_] == '?' || text_[position_] == '+')) ++position_;
    }

    std::optional<std::string> atom() {
        const char character = text_[position_++];
        switch (character) {
        case '^':
        case '$': return std::string();
        case '.': return std::string(1, static_cast<char>('a' + pick(0, 25)));
        case '(': {
            if (text_.substr(position_).starts_with("?:")) position_ += 2;
            else if (position_ < text_.size() && text_[position_] == '?') return std::nullopt;
            auto inside = alternatives();
            if (!inside || position_ >= text_.size() || text_[position_] != ')') return std::nullopt;
            ++position_;
            return inside;
        }
        case '[': return character_class();
        case '\\': return escape();
        default: return std::string(1, character);
        }
    }

    std::optional<std::string> escape() {
        if (position_ >= text_.size()) return std::nullopt;
        const char character = text_[position_++];
        switch (character) {
        case 'd': return std::string(1, static_cast<char>('0' + pick(0, 9)));
        case 'w': return std::string(1, static_cast<char>('a' + pick(0, 25)));
        case 's': return std::string(" ");
        case 'D': case 'W': return std::string("-");
        case 'S': return std::string("x");
        case 'b': case 'B': return std::string();
        case 'n': return std::string("\n");
        case 't': return std::string("\t");
        default:
            if (std::isdigit(static_cast<unsigned char>(character)) != 0) return std::nullopt;  // back-reference
            return std::string(1, character);
        }
    }

    std::optional<std::string> character_class() {
        bool negated = false;
        if (position_ < text_.size() && text_[position_] == '^') {
            negated = true;
            ++position_;
        }
        std::vector<char> members;
        bool first = true;
        while (position_ < text_.size() && (text_[position_] != ']' || first)) {
            first = false;
            char low = text_[position_++];
            if (low == '\\' && position_ < text_.size()) {
                const char escaped = text_[position_++];
                if (escaped == 'd') { for (char c = '0'; c <= '9'; ++c) members.push_back(c); continue; }
                if (escaped == 'w') { for (char c = 'a'; c <= 'z'; ++c) members.push_back(c); members.push_back('_'); continue; }
                if (escaped == 's') { members.push_back(' '); continue; }
                low = escaped;
            }
            if (position_ + 1 < text_.size() && text_[position_] == '-' && text_[position_ + 1] != ']') {
                const char high = text_[position_ + 1];
                position_ += 2;
                for (int c = low; c <= high; ++c) members.push_back(static_cast<char>(c));
            } else {
                members.push_back(low);
            }
        }
        if (position_ >= text_.size()) return std::nullopt;
        ++position_;  // ']'
        if (negated) {
            std::vector<char> allowed;
            for (char c = '!'; c <= '~'; ++c) {
                if (std::find(members.begin(), members.end(), c) == members.end()) allowed.push_back(c);
            }
            members = std::move(allowed);
        }
        if (members.empty()) return std::nullopt;
        return std::string(1, members[pick(0, members.size() - 1)]);
    }

    std::string_view text_;
    std::size_t position_ = 0;
    std::mt19937_64& random_;
};

}  // namespace

std::optional<std::string> generate_from_regex(std::string_view expression, std::mt19937_64& random) {
    return regex_writer(expression, random).run();
}

}  // namespace pact
