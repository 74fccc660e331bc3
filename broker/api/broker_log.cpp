#include "broker/api/broker_log.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <map>
#include <string>

namespace pact::broker::api {
namespace {

// "2024-01-01T00:00:00.000Z"
std::string now_utc() {
    const auto now = std::chrono::system_clock::now();
    const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
    const auto milliseconds = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    std::array<char, 32> text{};
    const auto length = std::strftime(text.data(), text.size(), "%Y-%m-%dT%H:%M:%S", &utc);
    std::snprintf(text.data() + length, text.size() - length, ".%03dZ", static_cast<int>(milliseconds));
    return text.data();
}

double milliseconds_of(std::chrono::duration<double> duration) { return std::chrono::duration<double, std::milli>(duration).count(); }

// JSON text for a line, with bytes that are not UTF-8 replaced rather than thrown on.
std::string json_line(const nlohmann::json& object) { return object.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); }

}  // namespace

broker_log::broker_log(std::ostream& out, logging_options options) : out_(out), options_(options) {}

void broker_log::announce(std::string_view text) {
    if (options_.format == log_format::json) write(json_line({{"time", now_utc()}, {"level", "info"}, {"message", text}}));
    else write(std::string(text));
}

void broker_log::request(const request_summary& summary) {
    if (!enabled(log_level::info)) return;
    const double duration_ms = milliseconds_of(summary.duration);
    if (options_.format == log_format::json) {
        write(json_line({{"time", now_utc()},
                         {"level", "info"},
                         {"message", "request"},
                         {"request_id", summary.id},
                         {"method", summary.method},
                         {"route", summary.route},
                         {"path", summary.path},
                         {"status", summary.status},
                         {"duration_ms", duration_ms}}));
    } else {
        std::array<char, 32> duration{};
        std::snprintf(duration.data(), duration.size(), "%.3f", duration_ms);
        write(now_utc() + " info request id=" + summary.id + " method=" + summary.method + " route=" + summary.route + " path=" + summary.path +
              " status=" + std::to_string(summary.status) + " duration_ms=" + duration.data());
    }
}

void broker_log::write(const std::string& line) {
    const std::lock_guard lock(mutex_);
    out_ << line << '\n' << std::flush;
}

}  // namespace pact::broker::api
