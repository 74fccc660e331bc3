#include "broker/maintenance/clean_settings.hpp"

#include <stdexcept>

namespace pact::broker::maintenance {

domain::clean_options clean_options_of(const clean_settings& settings) {
    domain::clean_options options;
    if (!settings.keep_version_selectors.empty()) {
        auto keep = domain::parse_keep_selectors(settings.keep_version_selectors);
        if (!keep) throw std::invalid_argument("--keep-version-selectors: " + keep.error());
        options.keep = std::move(*keep);
    }
    options.deletion_limit = settings.deletion_limit;
    options.dry_run = settings.dry_run;
    options.overwritten_data_max_age_days = settings.overwritten_data_max_age_days;
    return options;
}

domain::cron_schedule clean_schedule_of(const clean_settings& settings) {
    auto schedule = domain::cron_schedule::parse(settings.cron_schedule);
    if (!schedule) throw std::invalid_argument("--clean-cron-schedule: " + schedule.error());
    return *schedule;
}

}  // namespace pact::broker::maintenance
