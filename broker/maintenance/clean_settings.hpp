#pragma once
// The clean-up's settings as the Pact Broker names them (PACT_BROKER_DATABASE_CLEAN_*), shared by
// `pact-broker clean` and the scheduled clean inside a running broker.

#include "broker/domain/clean_service.hpp"
#include "broker/domain/cron_schedule.hpp"

#include <cstdint>
#include <string>

namespace pact::broker::maintenance {

struct clean_settings {
    std::string keep_version_selectors;  // JSON; empty for the Pact Broker's defaults
    std::int64_t deletion_limit = 500;
    bool dry_run = false;
    int overwritten_data_max_age_days = 7;
    bool enabled = false;  // the scheduled clean
    std::string cron_schedule = "15 2 * * *";
};

// Throws std::invalid_argument with one sentence when the selectors are not valid.
[[nodiscard]] domain::clean_options clean_options_of(const clean_settings& settings);
// Throws std::invalid_argument with one sentence when the schedule is not valid.
[[nodiscard]] domain::cron_schedule clean_schedule_of(const clean_settings& settings);

}  // namespace pact::broker::maintenance
