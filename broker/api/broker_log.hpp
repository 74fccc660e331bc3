#pragma once
// The broker's log on one stream (stdout): one line per request (request_summary, at info) and the broker's start
// and stop, as text ("2024-01-01T00:00:00.000Z info request id=… method=GET route=… …") or as one JSON object a
// line for log shippers; lines below the configured level are left out. A line holds only what it is given: the
// request lines never carry headers, credentials or query strings. Thread-safe: each line is written whole.

#include "broker/api/request_observer.hpp"

#include <mutex>
#include <ostream>
#include <string_view>

namespace pact::broker::api {

enum class log_format { text, json };
enum class log_level { debug, info, warn, error };

struct logging_options {
    log_format format = log_format::text;
    log_level level = log_level::info;
};

class broker_log {
public:
    broker_log(std::ostream& out, logging_options options);

    [[nodiscard]] bool enabled(log_level level) const { return level >= options_.level; }
    // The broker's start and stop, written at every level; as text without time or level, as they always were:
    // tools wait for a line that starts "Pact broker listening on".
    void announce(std::string_view text);
    void request(const request_summary& summary);

private:
    void write(const std::string& line);
    std::ostream& out_;
    logging_options options_;
    std::mutex mutex_;
};

}  // namespace pact::broker::api
