#include "verifier/verification.hpp"

#include "http/client.hpp"
#include "http/url.hpp"
#include "verifier/batch_plan.hpp"
#include "verifier/replay.hpp"
#include "verifier/state_change.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/deferred.hpp>
#include <boost/asio/experimental/parallel_group.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>
#include <atomic>
#include <map>
#include <mutex>
#include <random>
#include <regex>
#include <set>
#include <thread>

namespace pact::verifier {

namespace asio = boost::asio;
using clock = std::chrono::steady_clock;

std::string endpoint::to_string() const {
    return scheme + "://" + (host.find(':') != std::string::npos ? "[" + host + "]" : host) + ":" +
           std::to_string(port) + base_path;
}

bool pact_result::success() const {
    return std::ranges::all_of(interactions, [](const interaction_result& result) { return result.success; });
}

std::size_t verification_report::interaction_count() const {
    std::size_t count = 0;
    for (const auto& pact : pacts) count += pact.interactions.size();
    return count;
}

std::size_t verification_report::failure_count() const {
    std::size_t count = 0;
    for (const auto& pact : pacts) count += std::ranges::count_if(pact.interactions, [](const auto& r) { return !r.success; });
    return count;
}

std::size_t verification_report::pending_failure_count() const {
    std::size_t count = 0;
    for (const auto& pact : pacts) {
        count += std::ranges::count_if(pact.interactions, [](const auto& r) { return !r.success && r.pending; });
    }
    return count;
}

bool verification_report::success() const { return failure_count() == pending_failure_count(); }

namespace {

[[nodiscard]] bool refers_to(const interaction_identity& reference, const std::string& consumer, const interaction& described) {
    if (!reference.consumer.empty() && reference.consumer != consumer) return false;
    if (!reference.key.empty()) return reference.key == described.key;
    return reference.description == described.description;
}

[[nodiscard]] std::vector<std::vector<std::size_t>> select_interactions(const std::vector<pact_to_verify>& pacts,
                                                                       const interaction_filter& filter) {
    const auto compile = [](const std::optional<std::string>& expression) -> std::optional<std::regex> {
        if (!expression) return std::nullopt;
        return std::regex(*expression);
    };
    const auto description = compile(filter.description);
    const auto state = compile(filter.state);
    std::vector<std::vector<std::size_t>> selected(pacts.size());
    for (std::size_t pact_index = 0; pact_index < pacts.size(); ++pact_index) {
        const auto& pact = pacts[pact_index].pact;
        if (!filter.consumers.empty() && std::ranges::find(filter.consumers, pact.consumer) == filter.consumers.end()) {
            continue;
        }
        for (std::size_t index = 0; index < pact.interactions.size(); ++index) {
            const auto& described = pact.interactions[index];
            if (filter.only) {
                if (std::ranges::any_of(*filter.only, [&](const interaction_identity& reference) {
                        return refers_to(reference, pact.consumer, described);
                    })) {
                    selected[pact_index].push_back(index);
                }
                continue;
            }
            if (description && !std::regex_search(described.description, *description)) continue;
            if (filter.no_state && !described.provider_states.empty()) continue;
            if (state && std::ranges::none_of(described.provider_states, [&](const provider_state& given) {
                    return std::regex_search(given.name, *state);
                })) {
                continue;
            }
            selected[pact_index].push_back(index);
        }
    }
    return selected;
}

// The report's results, delivered to the listener in pact order however the batches ran: a result is handed
// on once it and every one before it have completed. Safe to call from the threads the replays run on.
class ordered_results {
public:
    ordered_results(verification_report& report, const result_listener& listener) : report_(report), listener_(listener) {}

    // Each pact of the report, then a slot for each of its selected interactions, in pact order.
    void add_pact() { completed_.emplace_back(); }
    void add(std::size_t pact_index, std::size_t interaction_index) {
        slot_by_reference_[{pact_index, interaction_index}] = report_.pacts[pact_index].interactions.size() - 1;
        completed_[pact_index].push_back(false);
    }

    [[nodiscard]] interaction_result& slot(const interaction_reference& reference) {
        return report_.pacts[reference.pact_index].interactions[position(reference)];
    }

    void complete(const interaction_reference& reference) {
        const std::lock_guard lock(mutex_);
        completed_[reference.pact_index][position(reference)] = true;
        while (next_pact_ < report_.pacts.size()) {
            auto& pact = report_.pacts[next_pact_];
            if (next_interaction_ >= pact.interactions.size()) {
                ++next_pact_;
                next_interaction_ = 0;
                continue;
            }
            if (!completed_[next_pact_][next_interaction_]) break;
            if (listener_) listener_(pact, pact.interactions[next_interaction_]);
            ++next_interaction_;
        }
    }

    // After a stop: what completed reaches the listener (some may wait behind one never run), and what never
    // ran leaves the report (counted in not_run).
    void leave_out_incomplete() {
        const std::lock_guard lock(mutex_);
        for (std::size_t pact_index = 0; pact_index < report_.pacts.size(); ++pact_index) {
            auto& results = report_.pacts[pact_index].interactions;
            std::size_t first_unreported = 0;
            if (pact_index < next_pact_) first_unreported = results.size();
            if (pact_index == next_pact_) first_unreported = next_interaction_;
            std::vector<interaction_result> kept;
            for (std::size_t position = 0; position < results.size(); ++position) {
                if (!completed_[pact_index][position]) {
                    ++report_.not_run;
                    continue;
                }
                if (position >= first_unreported && listener_) listener_(report_.pacts[pact_index], results[position]);
                kept.push_back(std::move(results[position]));
            }
            results = std::move(kept);
        }
        next_pact_ = report_.pacts.size();
    }

private:
    [[nodiscard]] std::size_t position(const interaction_reference& reference) const {
        return slot_by_reference_.at({reference.pact_index, reference.interaction_index});
    }

    verification_report& report_;
    const result_listener& listener_;
    std::map<std::pair<std::size_t, std::size_t>, std::size_t> slot_by_reference_;  // filled before the replays start
    std::vector<std::vector<bool>> completed_;
    std::mutex mutex_;
    std::size_t next_pact_ = 0;
    std::size_t next_interaction_ = 0;
};

// One run: a coroutine that awaits the batches one after another, each batch's replays spread over every core.
class verification_run {
public:
    verification_run(const std::vector<pact_to_verify>& pacts, const verification_options& options,
                     const result_listener& listener)
        : pacts_(pacts),
          options_(options),
          results_(report_, listener),
          client_(context_.get_executor(),
                  http::client_options{
                      .request_timeout = options.request_timeout, .observer = options.observer, .tls = options.tls}) {
        if (options.state_change_url) {
            auto parsed = http::parse_url(*options.state_change_url);
            if (!parsed) throw std::invalid_argument("--state-change-url: " + parsed.error());
            state_change_url_ = std::move(*parsed);
        }
    }

    verification_report run() {
        const auto started = clock::now();
        const auto selected = select_interactions(pacts_, options_.filter);
        std::vector<const pact_document*> documents;
        for (std::size_t pact_index = 0; pact_index < pacts_.size(); ++pact_index) {
            const auto& input = pacts_[pact_index];
            documents.push_back(&input.pact);
            pact_result& pact = report_.pacts.emplace_back();
            pact.source = input.source;
            pact.consumer = input.pact.consumer;
            pact.provider = input.pact.provider;
            pact.pending = input.pending;
            results_.add_pact();
            for (const std::size_t index : selected[pact_index]) {
                const interaction& described = input.pact.interactions[index];
                interaction_result& result = pact.interactions.emplace_back();
                result.index = index;
                result.description = described.description;
                result.key = described.key;
                for (const auto& state : described.provider_states) result.provider_states.push_back(state.name);
                result.pending = input.pending || described.pending;
                results_.add(pact_index, index);
            }
        }

        std::exception_ptr failure;
        asio::co_spawn(context_, run_batches(plan_batches(documents, selected, concurrency())),
                       [&failure](const std::exception_ptr& thrown) { failure = thrown; });
        // This thread and thread_count_ - 1 more run the context until the batches are done.
        {
            std::vector<std::jthread> helpers;
            for (std::size_t index = 1; index < thread_count_; ++index) helpers.emplace_back([this] { context_.run(); });
            context_.run();
        }
        if (failure) std::rethrow_exception(failure);
        if (stopped_) results_.leave_out_incomplete();
        report_.duration = std::chrono::duration_cast<std::chrono::microseconds>(clock::now() - started);
        return std::move(report_);
    }

private:
    [[nodiscard]] unsigned concurrency() const { return std::max(options_.concurrency, 1U); }

    [[nodiscard]] state_change_form state_form() const {
        return options_.state_change_as_query ? state_change_form::query : state_change_form::json_body;
    }

    void note_failure() {
        if (options_.exit_on_first_error) stopped_ = true;
    }

    asio::awaitable<void> run_batches(std::vector<batch> plan) {
        for (const batch& planned : plan) {
            if (stopped_) break;
            co_await run_batch(planned);
        }
    }

    asio::awaitable<void> run_batch(const batch& planned) {
        nlohmann::json state_values = nlohmann::json::object();
        // A batch without states is set up too: the official verifier calls the state "" so the
        // provider can return to its baseline.
        if (state_change_url_) {
            auto setup = co_await change_states(client_, *state_change_url_, planned.states, state_action::setup, state_form());
            if (!setup) {
                for (const auto& reference : planned.interactions) fail(reference, setup.error());
                note_failure();
                co_return;
            }
            state_values = std::move(*setup);
        }

        // The workers take the batch's interactions one by one; this frame outlives them, as it awaits them all.
        std::atomic<std::size_t> next = 0;
        const std::size_t workers = std::min<std::size_t>(concurrency(), planned.interactions.size());
        using worker_operation = decltype(asio::co_spawn(context_, replay_worker(planned, next, state_values), asio::deferred));
        std::vector<worker_operation> operations;
        for (std::size_t worker = 0; worker < workers; ++worker)
            operations.push_back(asio::co_spawn(context_, replay_worker(planned, next, state_values), asio::deferred));
        auto [order, failures] =
            co_await asio::experimental::make_parallel_group(std::move(operations)).async_wait(asio::experimental::wait_for_all(), asio::use_awaitable);
        for (const auto& thrown : failures)
            if (thrown) std::rethrow_exception(thrown);

        if (state_change_url_ && options_.state_change_teardown) {
            auto teardown = co_await change_states(client_, *state_change_url_, planned.states, state_action::teardown, state_form());
            if (!teardown) {
                note_failure();
                for (const auto& reference : planned.interactions) {
                    auto& result = results_.slot(reference);
                    if (!was_run(reference)) continue;
                    result.success = false;
                    result.error = result.error ? *result.error + "; " + teardown.error() : teardown.error();
                }
            }
        }
        for (const auto& reference : planned.interactions) {
            if (was_run(reference)) results_.complete(reference);
        }
    }

    // Whether a worker took the interaction (all of them unless the run was stopped). Read after the
    // batch's workers ended.
    [[nodiscard]] bool was_run(const interaction_reference& reference) const {
        return !options_.exit_on_first_error || ran_.contains({reference.pact_index, reference.interaction_index});
    }

    asio::awaitable<void> replay_worker(const batch& planned, std::atomic<std::size_t>& next, const nlohmann::json& state_values) {
        std::mt19937_64 random{std::random_device{}()};
        for (std::size_t position = next++; position < planned.interactions.size() && !stopped_; position = next++) {
            const interaction_reference reference = planned.interactions[position];
            if (options_.exit_on_first_error) {
                const std::lock_guard lock(ran_mutex_);
                ran_.insert({reference.pact_index, reference.interaction_index});
            }
            const interaction& described = pacts_[reference.pact_index].pact.interactions[reference.interaction_index];
            interaction_result& result = results_.slot(reference);
            const auto started = clock::now();
            try {
                replay_outcome outcome = co_await replay(described, replay_context{client_, options_, state_values, random});
                result.mismatches = std::move(outcome.mismatches);
                result.error = std::move(outcome.error);
            } catch (const std::exception& failure) {
                result.error = std::string("could not verify: ") + failure.what();
            }
            result.duration = std::chrono::duration_cast<std::chrono::microseconds>(clock::now() - started);
            result.success = !result.error && result.mismatches.empty();
            if (!result.success) note_failure();
        }
    }

    void fail(const interaction_reference& reference, const std::string& why) {
        auto& result = results_.slot(reference);
        result.success = false;
        result.error = why;
        results_.complete(reference);
    }

    const std::vector<pact_to_verify>& pacts_;
    const verification_options& options_;
    verification_report report_;
    ordered_results results_;
    std::size_t thread_count_ = std::max(1U, std::thread::hardware_concurrency());
    asio::io_context context_{static_cast<int>(thread_count_)};
    http::client client_;
    std::optional<http::url> state_change_url_;
    // exit_on_first_error met a failure: no interaction starts after it, those in flight finish (the CLI's promise).
    // An atomic rather than an Asio cancellation signal: the replays run on several threads, and a signal is not
    // safe to emit from one while another's handler runs.
    std::atomic<bool> stopped_ = false;
    // (pact, interaction) taken by a worker, kept with exit_on_first_error only.
    std::mutex ran_mutex_;
    std::set<std::pair<std::size_t, std::size_t>> ran_;
};

}  // namespace

verification_report verify(const std::vector<pact_to_verify>& pacts, const verification_options& options,
                           const result_listener& listener) {
    return verification_run(pacts, options, listener).run();
}

}  // namespace pact::verifier
