#include "broker/maintenance/scheduled_clean.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>

namespace pact::broker::maintenance {

namespace asio = boost::asio;
using std::chrono::system_clock;

scheduled_clean::scheduled_clean(asio::io_context& context, store::store& store, const domain::broker_config& config, domain::clean_options options,
                                 domain::cron_schedule schedule, std::function<void(const std::string&)> report)
    : service_(store, config),
      options_(std::move(options)),
      schedule_(schedule),
      report_(std::move(report)),
      strand_(asio::make_strand(context)),
      timer_(strand_) {}

void scheduled_clean::start() {
    asio::co_spawn(strand_, run(), [report = report_](const std::exception_ptr& failure) {
        if (!failure) return;
        try {
            std::rethrow_exception(failure);
        } catch (const std::exception& error) {
            report(std::string("scheduled clean stopped: ") + error.what());
        }
    });
}

void scheduled_clean::stop() {
    stopping_ = true;
    asio::post(strand_, [this] { timer_.cancel(); });
}

asio::awaitable<void> scheduled_clean::run() {
    while (!stopping_) {
        const auto due = schedule_.next_after(system_clock::now());
        // In steps of at most an hour, so that a change of the system clock is noticed.
        while (!stopping_ && system_clock::now() < due) {
            timer_.expires_at(std::min(due, system_clock::now() + std::chrono::hours(1)));
            co_await timer_.async_wait(asio::as_tuple(asio::use_awaitable));
        }
        if (stopping_) break;
        try {
            report_(domain::format_clean_report(service_.clean(options_)));
        } catch (const std::exception& error) {
            // A store failure (database away, disk full) must not end the schedule.
            report_(std::string("scheduled clean failed: ") + error.what());
        }
    }
}

}  // namespace pact::broker::maintenance
