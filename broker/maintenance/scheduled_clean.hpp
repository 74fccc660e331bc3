#pragma once
// The clean-up of old data on a cron schedule, as one coroutine on the broker's io_context: it sleeps until the
// schedule's next minute, cleans (batch by batch, each its own write transaction, so requests keep being served),
// prints the report and sleeps again. Every instance on a database may run one; the clean's lease lets one of
// them clean at a time, and the others print that they did not.

#include "broker/domain/clean_service.hpp"
#include "broker/domain/cron_schedule.hpp"
#include "broker/store/store.hpp"

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/system_timer.hpp>

#include <atomic>
#include <functional>
#include <string>

namespace pact::broker::maintenance {

class scheduled_clean {
public:
    // `config` must outlive this object; `report` receives each run's report (or failure) as text.
    scheduled_clean(boost::asio::io_context& context, store::store& store, const domain::broker_config& config, domain::clean_options options,
                    domain::cron_schedule schedule, std::function<void(const std::string&)> report);
    scheduled_clean(const scheduled_clean&) = delete;
    scheduled_clean& operator=(const scheduled_clean&) = delete;

    void start();
    // Thread-safe: ends the worker after the clean in progress, if any.
    void stop();

private:
    boost::asio::awaitable<void> run();

    domain::clean_service service_;
    domain::clean_options options_;
    domain::cron_schedule schedule_;
    std::function<void(const std::string&)> report_;
    boost::asio::strand<boost::asio::io_context::executor_type> strand_;
    boost::asio::system_timer timer_;
    std::atomic<bool> stopping_{false};
};

}  // namespace pact::broker::maintenance
