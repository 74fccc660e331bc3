#include "pact/date_format.hpp"

#include <array>
#include <cctype>
#include <optional>

namespace pact {
namespace {

using field = date_format::field;

constexpr std::array<std::string_view, 12> month_names = {"January", "February", "March",     "April",   "May",      "June",
                                                          "July",    "August",   "September", "October", "November", "December"};
constexpr std::array<std::string_view, 7> day_names = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
constexpr std::string_view known_letters = "GuyYMLdDEeaHkKhmsSnAzZXxVOwWQq";
constexpr std::size_t maximum_optional_sections = 6;

bool is_numeric_letter(char letter) {
    return std::string_view("uyYdDHkKhmsSnAwWeQq").find(letter) != std::string_view::npos ||
           (letter == 'M' || letter == 'L');
}

// A pattern is a sequence of items; an optional section is an item holding its own sequence.
struct item {
    field value;
    std::vector<item> section;
    bool is_section = false;
};

struct pattern_parser {
    std::string_view text;
    std::size_t position = 0;
    std::size_t sections = 0;

    std::expected<std::vector<item>, std::string> parse_sequence(bool inside_section) {
        std::vector<item> items;
        while (position < text.size()) {
            const char character = text[position];
            if (character == ']') {
                if (!inside_section) return std::unexpected("unmatched ']' at character " + std::to_string(position + 1));
                ++position;
                return items;
            }
            if (character == '[') {
                ++position;
                if (++sections > maximum_optional_sections) return std::unexpected("too many optional sections");
                auto section = parse_sequence(true);
                if (!section) return section;
                items.push_back({{}, std::move(*section), true});
            } else if (character == '\'') {
                auto literal = parse_quoted();
                if (!literal) return std::unexpected(literal.error());
                items.push_back({{0, 0, std::move(*literal)}});
            } else if (std::isalpha(static_cast<unsigned char>(character)) != 0) {
                if (known_letters.find(character) == std::string_view::npos) {
                    return std::unexpected(std::string("unknown pattern letter '") + character + "'");
                }
                int count = 0;
                while (position < text.size() && text[position] == character) {
                    ++position;
                    ++count;
                }
                items.push_back({{character, count, {}}});
            } else {
                items.push_back({{0, 0, std::string(1, character)}});
                ++position;
            }
        }
        if (inside_section) return std::unexpected("unterminated optional section '['");
        return items;
    }

    std::expected<std::string, std::string> parse_quoted() {
        ++position;  // opening quote
        if (position < text.size() && text[position] == '\'') {
            ++position;
            return std::string("'");
        }
        std::string literal;
        while (position < text.size()) {
            if (text[position] == '\'') {
                if (position + 1 < text.size() && text[position + 1] == '\'') {
                    literal += '\'';
                    position += 2;
                    continue;
                }
                ++position;
                return literal;
            }
            literal += text[position++];
        }
        return std::unexpected("unterminated quoted text");
    }
};

void expand(const std::vector<item>& items, std::size_t index, std::vector<field> prefix, std::vector<std::vector<field>>& out) {
    if (index == items.size()) {
        out.push_back(std::move(prefix));
        return;
    }
    const auto& current = items[index];
    if (!current.is_section) {
        prefix.push_back(current.value);
        expand(items, index + 1, std::move(prefix), out);
        return;
    }
    std::vector<std::vector<field>> with_section;
    expand(current.section, 0, prefix, with_section);
    for (auto& variant : with_section) expand(items, index + 1, std::move(variant), out);
    expand(items, index + 1, std::move(prefix), out);
}

struct parsed_date {
    std::optional<int> year, month, day, hour, minute, second;
};

bool starts_with_ignoring_case(std::string_view text, std::string_view prefix) {
    if (text.size() < prefix.size()) return false;
    for (std::size_t position = 0; position < prefix.size(); ++position) {
        if (std::tolower(static_cast<unsigned char>(text[position])) != std::tolower(static_cast<unsigned char>(prefix[position]))) return false;
    }
    return true;
}

// Matches one of the names (full or three-letter) at the start; returns its index and length.
template <std::size_t size>
std::optional<std::pair<int, std::size_t>> match_name(std::string_view text, const std::array<std::string_view, size>& names, int count) {
    for (std::size_t index = 0; index < size; ++index) {
        const auto name = count >= 4 ? names[index] : names[index].substr(0, 3);
        if (starts_with_ignoring_case(text, name)) return std::pair{static_cast<int>(index), name.size()};
    }
    return std::nullopt;
}

std::size_t count_digits(std::string_view text, std::size_t maximum) {
    std::size_t count = 0;
    while (count < text.size() && count < maximum && std::isdigit(static_cast<unsigned char>(text[count])) != 0) ++count;
    return count;
}

// The length of a zone offset at the start of text ("Z", "+01", "+0100", "+01:00"), 0 if none.
std::size_t match_offset(std::string_view text, bool allow_z) {
    if (allow_z && !text.empty() && text[0] == 'Z') return 1;
    if (text.empty() || (text[0] != '+' && text[0] != '-')) return 0;
    const auto hours = count_digits(text.substr(1), 2);
    if (hours != 2) return 0;
    std::size_t length = 3;
    const auto rest = text.substr(length);
    if (!rest.empty() && rest[0] == ':' && count_digits(rest.substr(1), 2) == 2) return length + 3;
    if (count_digits(rest, 2) == 2) return length + 2;
    return length;
}

std::size_t match_zone_name(std::string_view text) {
    std::size_t length = 0;
    while (length < text.size() && (std::isalpha(static_cast<unsigned char>(text[length])) != 0 || text[length] == '/' || text[length] == '_')) ++length;
    return length;
}

int days_in_month(int year, int month) {
    static constexpr std::array<int, 12> days = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : days[static_cast<std::size_t>(month - 1)];
}

bool in_range(const std::optional<int>& value, int low, int high) { return !value || (*value >= low && *value <= high); }

bool valid(const parsed_date& date) {
    if (!in_range(date.month, 1, 12) || !in_range(date.day, 1, 31) || !in_range(date.hour, 0, 24) ||
        !in_range(date.minute, 0, 59) || !in_range(date.second, 0, 60)) {
        return false;
    }
    if (date.month && date.day) return *date.day <= days_in_month(date.year.value_or(2000), *date.month);
    return true;
}

bool numeric_follows(const std::vector<field>& fields, std::size_t index) {
    return index + 1 < fields.size() && fields[index + 1].letter != 0 && is_numeric_letter(fields[index + 1].letter);
}

bool match_fields(const std::vector<field>& fields, std::string_view text) {
    parsed_date date;
    std::size_t position = 0;
    for (std::size_t index = 0; index < fields.size(); ++index) {
        const auto& current = fields[index];
        const auto rest = text.substr(position);
        if (current.letter == 0) {
            if (!rest.starts_with(current.literal)) return false;
            position += current.literal.size();
            continue;
        }
        const auto count = static_cast<std::size_t>(current.count);
        if ((current.letter == 'M' || current.letter == 'L') && count >= 3) {
            const auto name = match_name(rest, month_names, current.count);
            if (!name) return false;
            date.month = name->first + 1;
            position += name->second;
            continue;
        }
        if (is_numeric_letter(current.letter)) {
            std::size_t maximum = current.letter == 'S' || current.letter == 'n' ? 9 : (count > 2 ? 10 : 2);
            if ((current.letter == 'y' || current.letter == 'u' || current.letter == 'Y') && count != 2) maximum = 10;
            if (current.letter == 'D') maximum = 3;
            if (numeric_follows(fields, index)) maximum = count;
            const auto digits = count_digits(rest, maximum);
            const auto minimum = (current.letter == 'y' || current.letter == 'u') && count == 2 ? 2 : std::min<std::size_t>(count, 2);
            if (digits < std::max<std::size_t>(minimum, 1) ) return false;
            const int value = digits > 9 ? 0 : std::stoi(std::string(rest.substr(0, digits)));
            switch (current.letter) {
            case 'y': case 'u': case 'Y': date.year = count == 2 ? 2000 + value : value; break;
            case 'M': case 'L': date.month = value; break;
            case 'd': date.day = value; break;
            case 'H': date.hour = value; break;
            case 'k': if (value < 1 || value > 24) return false; break;
            case 'h': if (value < 1 || value > 12) return false; break;
            case 'K': if (value > 11) return false; break;
            case 'm': date.minute = value; break;
            case 's': date.second = value; break;
            default: break;
            }
            position += digits;
            continue;
        }
        std::size_t length = 0;
        switch (current.letter) {
        case 'E': {
            const auto name = match_name(rest, day_names, current.count);
            length = name ? name->second : 0;
            break;
        }
        case 'a': length = starts_with_ignoring_case(rest, "AM") || starts_with_ignoring_case(rest, "PM") ? 2 : 0; break;
        case 'G': length = starts_with_ignoring_case(rest, "AD") || starts_with_ignoring_case(rest, "BC") ? 2 : 0; break;
        case 'Z': length = match_offset(rest, count >= 4) ; if (length == 0 && count >= 4 && rest.starts_with("GMT")) length = 3 + match_offset(rest.substr(3), false); break;
        case 'X': length = match_offset(rest, true); break;
        case 'x': length = match_offset(rest, false); break;
        case 'O': length = rest.starts_with("GMT") ? 3 + match_offset(rest.substr(3), false) : 0; break;
        case 'z': case 'V': length = match_zone_name(rest); break;
        default: break;
        }
        if (length == 0) return false;
        position += length;
    }
    return position == text.size() && valid(date);
}

std::string pad(long long value, int width) {
    auto digits = std::to_string(value < 0 ? -value : value);
    if (static_cast<int>(digits.size()) < width) digits.insert(0, static_cast<std::size_t>(width) - digits.size(), '0');
    return value < 0 ? "-" + digits : digits;
}

}  // namespace

std::expected<date_format, std::string> date_format::compile(std::string_view pattern) {
    pattern_parser parser{pattern};
    auto items = parser.parse_sequence(false);
    if (!items) return std::unexpected("invalid date pattern \"" + std::string(pattern) + "\": " + items.error());
    date_format format;
    format.pattern_ = std::string(pattern);
    expand(*items, 0, {}, format.alternatives_);
    return format;
}

bool date_format::matches(std::string_view text) const {
    for (const auto& fields : alternatives_) {
        if (match_fields(fields, text)) return true;
    }
    return false;
}

std::string date_format::format(std::chrono::system_clock::time_point instant) const {
    using namespace std::chrono;
    const auto day_point = floor<days>(instant);
    const year_month_day date{day_point};
    const hh_mm_ss time{floor<nanoseconds>(instant - day_point)};
    const auto weekday_index = (weekday{day_point}.iso_encoding() - 1);
    const auto hour = static_cast<int>(time.hours().count());
    std::string text;
    for (const auto& current : alternatives_.front()) {
        const int count = current.count;
        switch (current.letter) {
        case 0: text += current.literal; break;
        case 'y': case 'u': case 'Y':
            text += count == 2 ? pad(static_cast<int>(date.year()) % 100, 2) : pad(static_cast<int>(date.year()), std::max(count, 4));
            break;
        case 'M': case 'L': {
            const auto month = static_cast<unsigned>(date.month());
            if (count >= 4) text += month_names[month - 1];
            else if (count == 3) text += month_names[month - 1].substr(0, 3);
            else text += pad(month, count);
            break;
        }
        case 'd': text += pad(static_cast<unsigned>(date.day()), count); break;
        case 'D': text += pad((day_point - floor<days>(sys_days{date.year() / January / 1})).count() + 1, count); break;
        case 'E': text += count >= 4 ? day_names[weekday_index] : day_names[weekday_index].substr(0, 3); break;
        case 'a': text += hour < 12 ? "AM" : "PM"; break;
        case 'G': text += "AD"; break;
        case 'H': text += pad(hour, count); break;
        case 'k': text += pad(hour == 0 ? 24 : hour, count); break;
        case 'K': text += pad(hour % 12, count); break;
        case 'h': text += pad(hour % 12 == 0 ? 12 : hour % 12, count); break;
        case 'm': text += pad(time.minutes().count(), count); break;
        case 's': text += pad(time.seconds().count(), count); break;
        case 'S': text += pad(time.subseconds().count() / 1'000'000, 3).substr(0, static_cast<std::size_t>(count)) + std::string(count > 3 ? static_cast<std::size_t>(count - 3) : 0, '0'); break;
        case 'n': text += std::to_string(time.subseconds().count()); break;
        case 'Z': text += count >= 4 ? "GMT" : "+0000"; break;
        case 'X': text += "Z"; break;
        case 'x': text += count == 1 ? "+00" : (count == 2 || count == 4 ? "+0000" : "+00:00"); break;
        case 'O': text += "GMT"; break;
        case 'z': case 'V': text += "UTC"; break;
        default: text += pad(1, count); break;  // week-based fields: a plausible value
        }
    }
    return text;
}

}  // namespace pact
