#include "broker/api/metrics.hpp"

#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>
#include <prometheus/text_serializer.h>

#include <string_view>
#include <utility>
#include <vector>

namespace pact::broker::api {
namespace {

// From 5 ms (an index read) to 10 s (a large publish waiting for the writer lock).
const prometheus::Histogram::BucketBoundaries duration_buckets{0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

// A gauge family of one value, for a scrape's registry.
void add_gauge(prometheus::Registry& registry, const std::string& name, const std::string& help, double value) {
    prometheus::BuildGauge().Name(name).Help(help).Register(registry).Add({}).Set(value);
}

// The metrics read from the store at a scrape, from a registry of their own so scrapes share no state.
std::vector<prometheus::MetricFamily> scraped_families(const domain::broker_statistics& statistics) {
    prometheus::Registry registry;
    add_gauge(registry, "pact_broker_database_up", "1 when the database answered this scrape's count queries, else 0",
              statistics.counts ? 1 : 0);
    if (const auto& counts = statistics.counts) {
        const std::vector<std::pair<std::string, std::pair<std::string, std::int64_t>>> kinds{
            {"pact_broker_pacticipants", {"Pacticipants (applications)", counts->pacticipants}},
            {"pact_broker_versions", {"Pacticipant versions", counts->versions}},
            {"pact_broker_pact_versions", {"Distinct pact contents", counts->pact_versions}},
            {"pact_broker_pact_publications", {"Pact publications", counts->pact_publications}},
            {"pact_broker_verification_results", {"Verification results", counts->verification_results}},
            {"pact_broker_environments", {"Environments", counts->environments}},
            {"pact_broker_webhooks", {"Webhooks", counts->webhooks}},
            {"pact_broker_webhook_queue_depth", {"Webhook deliveries waiting to be attempted (not run yet or retrying)",
                                                 counts->deliveries_not_run + counts->deliveries_retrying}},
        };
        for (const auto& [name, described] : kinds) add_gauge(registry, name, described.first, static_cast<double>(described.second));
        auto& deliveries = prometheus::BuildGauge()
                               .Name("pact_broker_webhook_deliveries")
                               .Help("Webhook deliveries in the database by status (not_run, retrying, success, failure)")
                               .Register(registry);
        deliveries.Add({{"status", "not_run"}}).Set(static_cast<double>(counts->deliveries_not_run));
        deliveries.Add({{"status", "retrying"}}).Set(static_cast<double>(counts->deliveries_retrying));
        deliveries.Add({{"status", "success"}}).Set(static_cast<double>(counts->deliveries_succeeded));
        deliveries.Add({{"status", "failure"}}).Set(static_cast<double>(counts->deliveries_failed));
    }
    if (const auto& pool = statistics.session_pool) {
        add_gauge(registry, "pact_broker_database_pool_sessions_in_use", "Database sessions of this instance's pool in use",
                  static_cast<double>(pool->in_use));
        add_gauge(registry, "pact_broker_database_pool_sessions_open", "Database sessions this instance has open, idle or in use",
                  static_cast<double>(pool->open));
        add_gauge(registry, "pact_broker_database_pool_sessions_max", "Database sessions this instance opens at most",
                  static_cast<double>(pool->capacity));
    }
    return registry.Collect();
}

}  // namespace

struct broker_metrics::state {
    prometheus::Registry registry;
    prometheus::Family<prometheus::Counter>& requests = prometheus::BuildCounter()
                                                            .Name("pact_broker_http_requests_total")
                                                            .Help("HTTP requests answered, by route pattern, method and status")
                                                            .Register(registry);
    prometheus::Family<prometheus::Histogram>& durations = prometheus::BuildHistogram()
                                                               .Name("pact_broker_http_request_duration_seconds")
                                                               .Help("Time from reading a request to its response, by route pattern")
                                                               .Register(registry);
};

broker_metrics::broker_metrics() : state_(std::make_unique<state>()) {}
broker_metrics::~broker_metrics() = default;

void broker_metrics::observe(const request_summary& summary) {
    state_->requests.Add({{"route", summary.route}, {"method", summary.method}, {"status", std::to_string(summary.status)}}).Increment();
    state_->durations.Add({{"route", summary.route}}, duration_buckets).Observe(summary.duration.count());
}

std::string broker_metrics::exposition(const domain::broker_statistics& statistics) const {
    auto families = state_->registry.Collect();
    auto scraped = scraped_families(statistics);
    families.insert(families.end(), std::make_move_iterator(scraped.begin()), std::make_move_iterator(scraped.end()));
    return prometheus::TextSerializer().Serialize(families);
}

}  // namespace pact::broker::api
