#pragma once
// The background delivery of queued webhooks: one coroutine on the broker's io_context that reads the
// queue (triggered_webhooks) from the database, calls each due webhook, records an execution log and
// either marks it done or schedules the next attempt after the retry schedule's delay. Nothing is held
// in memory that the database does not also hold, so deliveries queued before a restart (or a crash)
// are attempted after it; a call in flight at a crash is made again (at least once). Several broker
// instances on one database each run a worker: a delivery is claimed in a write transaction before its
// call, so each attempt is made by one instance only.

#include "broker/domain/types.hpp"
#include "broker/store/store.hpp"
#include "http/client.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

#include <atomic>
#include <chrono>
#include <string>

namespace pact::broker::webhooks {

class webhook_delivery {
public:
    // `settings` must outlive the delivery (the broker's config).
    webhook_delivery(boost::asio::io_context& context, store::store& store, const domain::webhook_settings& settings);
    webhook_delivery(const webhook_delivery&) = delete;
    webhook_delivery& operator=(const webhook_delivery&) = delete;

    // Starts the worker; links in the webhooks' templates start with `base_url`.
    void start(std::string base_url);
    // Thread-safe: look at the queue now (new deliveries were committed).
    void wake();
    // Thread-safe: finish the call in flight (bounded by the request timeout), then end the worker.
    void stop();

private:
    boost::asio::awaitable<void> run();
    // Attempts every due delivery; returns when the next one falls due (max() when none is pending).
    boost::asio::awaitable<std::chrono::system_clock::time_point> deliver_due();
    // Takes the delivery for this instance; false when another instance has it.
    bool claim(const store::triggered_webhook_record& triggered);
    boost::asio::awaitable<void> attempt(const store::triggered_webhook_record& triggered);

    store::store& store_;
    const domain::webhook_settings& settings_;
    boost::asio::strand<boost::asio::io_context::executor_type> strand_;
    boost::asio::steady_timer timer_;
    pact::http::client client_;
    std::string base_url_;
    std::atomic<bool> woken_{false};
    std::atomic<bool> stopping_{false};
};

}  // namespace pact::broker::webhooks
