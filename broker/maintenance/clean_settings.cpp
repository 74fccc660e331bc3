#include "broker/maintenance/clean_settings.hpp"

#include <stdexcept>

namespace pact::broker::maintenance {

void add_clean_options(CLI::App& app, clean_settings& settings) {
    app.add_option("--keep-version-selectors", settings.keep_version_selectors,
                   "Clean: JSON list of the versions to keep, as [{\"branch\": true, \"latest\": true}, {\"max_age\": 90}] (default: the "
                   "latest of each tag and branch, the latest, deployed, released, and those younger than 90 days)")
        ->envname("PACT_BROKER_DATABASE_CLEAN_KEEP_VERSION_SELECTORS");
    app.add_option("--deletion-limit", settings.deletion_limit, "Clean: most rows of each kind deleted per run")
        ->envname("PACT_BROKER_DATABASE_CLEAN_DELETION_LIMIT")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
    app.add_flag("--dry-run", settings.dry_run, "Clean: count what would be deleted, delete nothing")->envname("PACT_BROKER_DATABASE_CLEAN_DRY_RUN");
    app.add_option("--overwritten-data-max-age", settings.overwritten_data_max_age_days,
                   "Clean: days superseded verifications and webhook deliveries are kept")
        ->envname("PACT_BROKER_DATABASE_CLEAN_OVERWRITTEN_DATA_MAX_AGE")
        ->check(CLI::NonNegativeNumber)
        ->capture_default_str();
    app.add_flag("--clean-enabled", settings.enabled, "Run the clean inside the broker on --clean-cron-schedule")
        ->envname("PACT_BROKER_DATABASE_CLEAN_ENABLED");
    app.add_option("--clean-cron-schedule", settings.cron_schedule, "When the scheduled clean runs: minute hour day month weekday, UTC")
        ->envname("PACT_BROKER_DATABASE_CLEAN_CRON_SCHEDULE")
        ->capture_default_str();
}

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
