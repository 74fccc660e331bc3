#include "broker/domain/cron_schedule.hpp"

#include <charconv>
#include <optional>
#include <vector>

namespace pact::broker::domain {
namespace {

struct field_range {
    std::string_view name;
    int lowest;
    int highest;
};

std::vector<std::string_view> split(std::string_view text, char separator) {
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    while (true) {
        const auto end = text.find(separator, start);
        parts.push_back(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
        if (end == std::string_view::npos) return parts;
        start = end + 1;
    }
}

std::optional<int> number(std::string_view text) {
    int value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return value;
}

// The values one field names, as flags from `range.lowest` to `range.highest`; or the sentence saying why not.
std::expected<std::vector<bool>, std::string> parse_field(std::string_view text, const field_range& range) {
    std::vector<bool> values(static_cast<std::size_t>(range.highest + 1), false);
    const auto wrong = [&](std::string_view part, std::string_view why) {
        return std::unexpected("the " + std::string(range.name) + " field's '" + std::string(part) + "' " + std::string(why) + " (" +
                               std::to_string(range.lowest) + "-" + std::to_string(range.highest) + ")");
    };
    for (const auto part : split(text, ',')) {
        const auto slash = part.find('/');
        const auto span = part.substr(0, slash);
        int step = 1;
        if (slash != std::string_view::npos) {
            const auto given = number(part.substr(slash + 1));
            if (!given || *given < 1) return wrong(part, "has no step of 1 or more");
            step = *given;
        }
        int first = range.lowest;
        int last = range.highest;
        if (span != "*") {
            const auto dash = span.find('-');
            const auto from = number(span.substr(0, dash));
            const auto to = dash == std::string_view::npos ? from : number(span.substr(dash + 1));
            if (!from || !to) return wrong(part, "is not *, a number, a range or a step");
            if (*from < range.lowest || *to > range.highest || *from > *to) return wrong(part, "is out of range");
            first = *from;
            last = dash == std::string_view::npos && slash != std::string_view::npos ? range.highest : *to;  // "5/15" is "5-59/15"
        }
        for (int value = first; value <= last; value += step) values[static_cast<std::size_t>(value)] = true;
    }
    return values;
}

template <std::size_t size>
void copy_flags(const std::vector<bool>& values, std::bitset<size>& flags) {
    for (std::size_t value = 0; value < values.size() && value < size; ++value) flags[value] = values[value];
}

}  // namespace

std::expected<cron_schedule, std::string> cron_schedule::parse(std::string_view text) {
    std::vector<std::string_view> fields;
    for (const auto word : split(text, ' '))
        if (!word.empty()) fields.push_back(word);
    if (fields.size() != 5)
        return std::unexpected("a cron schedule has five fields (minute hour day-of-month month day-of-week), as \"15 2 * * *\"; '" +
                               std::string(text) + "' has " + std::to_string(fields.size()));
    const field_range ranges[] = {{"minute", 0, 59}, {"hour", 0, 23}, {"day-of-month", 1, 31}, {"month", 1, 12}, {"day-of-week", 0, 7}};
    std::vector<std::vector<bool>> values;
    for (std::size_t index = 0; index < fields.size(); ++index) {
        auto parsed = parse_field(fields[index], ranges[index]);
        if (!parsed) return std::unexpected("cron schedule '" + std::string(text) + "': " + parsed.error());
        values.push_back(std::move(*parsed));
    }
    cron_schedule schedule;
    copy_flags(values[0], schedule.minutes_);
    copy_flags(values[1], schedule.hours_);
    copy_flags(values[2], schedule.days_of_month_);
    copy_flags(values[3], schedule.months_);
    if (values[4][7]) values[4][0] = true;  // 7 is Sunday too
    copy_flags(values[4], schedule.days_of_week_);
    // A field that starts with * (even stepped, as cron reads it) does not restrict the day.
    schedule.any_day_of_month_ = fields[2].starts_with('*');
    schedule.any_day_of_week_ = fields[4].starts_with('*');
    return schedule;
}

bool cron_schedule::day_matches(std::chrono::year_month_day day) const {
    if (!months_[static_cast<unsigned>(day.month())]) return false;
    const bool month_day = days_of_month_[static_cast<unsigned>(day.day())];
    const bool week_day = days_of_week_[std::chrono::weekday(std::chrono::sys_days(day)).c_encoding()];
    if (any_day_of_month_ && any_day_of_week_) return true;
    if (any_day_of_month_) return week_day;
    if (any_day_of_week_) return month_day;
    return month_day || week_day;
}

std::chrono::system_clock::time_point cron_schedule::next_after(std::chrono::system_clock::time_point time) const {
    using namespace std::chrono;
    const auto start = floor<minutes>(time) + minutes(1);
    auto day = floor<days>(start);
    const auto start_minute = duration_cast<minutes>(start - day).count();
    for (int offset = 0; offset < 366 * 8 + 2; ++offset, day += days(1)) {
        if (!day_matches(year_month_day(day))) continue;
        for (int hour = 0; hour < 24; ++hour) {
            if (!hours_[static_cast<std::size_t>(hour)]) continue;
            for (int minute = 0; minute < 60; ++minute) {
                if (!minutes_[static_cast<std::size_t>(minute)]) continue;
                if (offset == 0 && hour * 60 + minute < start_minute) continue;
                return day + hours(hour) + minutes(minute);
            }
        }
    }
    return system_clock::time_point::max();
}

}  // namespace pact::broker::domain
