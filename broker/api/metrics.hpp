#pragma once
// The broker's metrics in the Prometheus text format (prometheus-cpp's registry and TextSerializer; our own
// server serves them at GET /metrics): requests by route pattern, method and status, their durations as a
// histogram per route, and, read at each scrape, the record counts, the webhook queue and deliveries, and the
// database session pool. Labels come from bounded sets only: patterns, never paths. Thread-safe.

#include "broker/domain/diagnostic_service.hpp"
#include "broker/api/request_observer.hpp"

#include <memory>
#include <string>

namespace pact::broker::api {

class broker_metrics {
public:
    broker_metrics();
    ~broker_metrics();
    broker_metrics(const broker_metrics&) = delete;
    broker_metrics& operator=(const broker_metrics&) = delete;

    // Counts the request and its duration.
    void observe(const request_summary& summary);
    // Every metric as Prometheus text: the requests observed so far and the statistics given.
    [[nodiscard]] std::string exposition(const domain::broker_statistics& statistics) const;

private:
    struct state;
    std::unique_ptr<state> state_;
};

inline constexpr std::string_view prometheus_text_content_type = "text/plain; version=0.0.4; charset=utf-8";

}  // namespace pact::broker::api
