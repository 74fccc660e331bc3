#include "broker/webhooks/webhook_delivery.hpp"

#include "broker/domain/webhook_service.hpp"
#include "broker/webhooks/webhook_execution.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>
#include <ctime>
#include <iostream>

namespace pact::broker::webhooks {
namespace {

namespace asio = boost::asio;
using std::chrono::system_clock;

constexpr std::chrono::seconds queue_poll_interval{5};

pact::http::client_options client_options_for(const domain::webhook_settings& settings) {
    auto options = webhook_client_options(settings);
    options.max_idle_connections_per_host = 4;
    return options;
}

std::int64_t epoch_milliseconds(system_clock::time_point time) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(time.time_since_epoch()).count();
}

// When a pending delivery falls due: at once for a first attempt, else the schedule's delay after the
// last attempt. The delay is read from this process's settings, so a restart with another schedule
// applies it to deliveries already queued.
system_clock::time_point due_time(const store::triggered_webhook_record& triggered, const domain::webhook_settings& settings) {
    if (triggered.attempts_made == 0 || !triggered.last_attempt_at_ms) return system_clock::time_point{};
    const auto& schedule = settings.retry_schedule;
    const auto index = std::min<std::size_t>(static_cast<std::size_t>(triggered.attempts_made - 1), schedule.empty() ? 0 : schedule.size() - 1);
    const auto delay = schedule.empty() ? std::chrono::milliseconds(0) : schedule[index];
    return system_clock::time_point(std::chrono::milliseconds(*triggered.last_attempt_at_ms)) + delay;
}

std::string timestamp_now() {
    const std::time_t seconds = system_clock::to_time_t(system_clock::now());
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S+00:00", &utc);
    return text;
}

}  // namespace

webhook_delivery::webhook_delivery(asio::io_context& context, store::store& store, const domain::webhook_settings& settings)
    : store_(store), settings_(settings), strand_(asio::make_strand(context)), timer_(strand_), client_(strand_, client_options_for(settings)) {}

void webhook_delivery::start(std::string base_url) {
    base_url_ = std::move(base_url);
    asio::co_spawn(strand_, run(), [](const std::exception_ptr& failure) {
        if (!failure) return;
        try {
            std::rethrow_exception(failure);
        } catch (const std::exception& error) {
            std::cerr << "pact-broker: webhook delivery stopped: " << error.what() << std::endl;
        }
    });
}

void webhook_delivery::wake() {
    woken_ = true;
    asio::post(strand_, [this] { timer_.cancel(); });
}

void webhook_delivery::stop() {
    stopping_ = true;
    asio::post(strand_, [this] { timer_.cancel(); });
}

asio::awaitable<void> webhook_delivery::run() {
    while (!stopping_) {
        woken_ = false;
        auto next = system_clock::time_point::max();
        try {
            next = co_await deliver_due();
        } catch (const std::exception& error) {
            // A store failure (disk full, locked too long) must not end deliveries for good.
            std::cerr << "pact-broker: webhook delivery: " << error.what() << std::endl;
            next = system_clock::now() + std::chrono::seconds(1);
        }
        if (stopping_) break;
        const auto now = system_clock::now();
        if (woken_ || next <= now) continue;
        // Sleep until the next delivery falls due or wake() or stop() cancels the timer.
        timer_.expires_after(std::min<std::chrono::nanoseconds>(next - now, std::chrono::hours(1)));
        co_await timer_.async_wait(asio::as_tuple(asio::use_awaitable));
    }
}

asio::awaitable<system_clock::time_point> webhook_delivery::deliver_due() {
    auto pending = store_.read()->webhooks().pending_triggered_webhooks();
    auto next = system_clock::time_point::max();
    bool attempted = false;
    for (const auto& triggered : pending) {
        if (stopping_) break;
        const auto due = due_time(triggered, settings_);
        if (due <= system_clock::now()) {
            if (!claim(triggered)) continue;  // another broker instance is delivering it
            co_await attempt(triggered);
            attempted = true;
        } else {
            next = std::min(next, due);
        }
    }
    // Deliveries just attempted may be due again (an empty schedule), and more may have been queued. Other
    // instances queue deliveries without waking this one, and one of them may die holding a claim: look
    // again after a while even when nothing is due.
    co_return attempted ? system_clock::now() : std::min(next, system_clock::now() + queue_poll_interval);
}

bool webhook_delivery::claim(const store::triggered_webhook_record& triggered) {
    const auto now = system_clock::now();
    // Long enough for the call (its timeout) and recording it; a claim outlives only an instance that died.
    const auto claimed_until = now + settings_.request_timeout + std::chrono::seconds(30);
    auto writer = store_.write();
    const bool claimed = writer->webhooks().claim_triggered_webhook(triggered.id, epoch_milliseconds(now), epoch_milliseconds(claimed_until));
    writer->commit();
    return claimed;
}

asio::awaitable<void> webhook_delivery::attempt(const store::triggered_webhook_record& triggered) {
    auto record = store_.read()->webhooks().find_webhook(triggered.webhook_uuid);
    if (!record) co_return;  // deleted meanwhile (its deliveries go with it)
    const auto webhook = domain::webhook_from_record(*record);
    const auto context = nlohmann::json::parse(triggered.context);

    execution_result result;
    auto call = co_await prepare_call(webhook.definition.request, context, base_url_, settings_);
    if (call) {
        auto outcome = co_await client_.send_to_address(call->destination, call->address, call->message);
        result = describe_call(*call, context, outcome, settings_);
    } else {
        result = describe_refusal(webhook.definition.request, context, call.error());
    }

    auto updated = triggered;
    updated.attempts_made += 1;
    updated.last_attempt_at_ms = epoch_milliseconds(system_clock::now());
    updated.updated_at = timestamp_now();
    const bool out_of_attempts = result.refused || updated.attempts_made >= domain::webhook_attempts(settings_);
    updated.status = result.success ? "success" : out_of_attempts ? "failure" : "retrying";
    auto writer = store_.write();
    writer->webhooks().update_triggered_webhook(updated);
    static_cast<void>(writer->webhooks().insert_webhook_execution({0, triggered.id, result.success, result.logs, updated.updated_at}));
    writer->commit();
}

}  // namespace pact::broker::webhooks
