#pragma once
// Java-style date/time patterns ("yyyy-MM-dd'T'HH:mm:ss", "EEE, dd MMM yyyy HH:mm:ss z") compiled once,
// then used to check that a text is such a date (date, time, datetime and timestamp matchers) and to
// print the current time in that form (Date, Time and DateTime generators). Optional sections in square
// brackets are supported as java.time.format.DateTimeFormatter supports them.

#include <chrono>
#include <expected>
#include <string>
#include <string_view>
#include <vector>

namespace pact {

class date_format {
public:
    // Throws nothing; a pattern with an unknown letter or an unterminated quote or section is refused.
    [[nodiscard]] static std::expected<date_format, std::string> compile(std::string_view pattern);

    [[nodiscard]] bool matches(std::string_view text) const;
    // The instant written in this form, in UTC.
    [[nodiscard]] std::string format(std::chrono::system_clock::time_point instant) const;
    [[nodiscard]] const std::string& pattern() const { return pattern_; }

    struct field {
        char letter = 0;  // the pattern letter; 0 for literal text
        int count = 0;    // how many times the letter was repeated
        std::string literal;
    };

private:
    std::string pattern_;
    // One flat field list per way of taking or leaving the optional sections; the first takes them all.
    std::vector<std::vector<field>> alternatives_;
};

}  // namespace pact
