#pragma once
// A five-field cron schedule ("minute hour day-of-month month day-of-week", in UTC), as the Pact Broker's
// PACT_BROKER_DATABASE_CLEAN_CRON_SCHEDULE: each field `*`, a number, a range `a-b`, a step `*/n` or `a-b/n`, or
// a comma-separated list of those. Days of the week are 0-7 (0 and 7 are Sunday). As in cron, when both day
// fields are restricted a day matching either one is due.

#include <bitset>
#include <chrono>
#include <expected>
#include <string>
#include <string_view>

namespace pact::broker::domain {

class cron_schedule {
public:
    // The schedule, or one sentence naming what is wrong with it.
    [[nodiscard]] static std::expected<cron_schedule, std::string> parse(std::string_view text);

    // The first whole minute strictly after `time` that the schedule names (UTC); max() when none comes within
    // eight years (a 31st of February).
    [[nodiscard]] std::chrono::system_clock::time_point next_after(std::chrono::system_clock::time_point time) const;

private:
    cron_schedule() = default;
    [[nodiscard]] bool day_matches(std::chrono::year_month_day day) const;

    std::bitset<60> minutes_;
    std::bitset<24> hours_;
    std::bitset<32> days_of_month_;  // 1-31
    std::bitset<13> months_;         // 1-12
    std::bitset<7> days_of_week_;    // 0-6, Sunday 0
    bool any_day_of_month_ = false;
    bool any_day_of_week_ = false;
};

}  // namespace pact::broker::domain
