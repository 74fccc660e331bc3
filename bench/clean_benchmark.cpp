// Seeds a broker database with a long history (default 100,000 consumer versions, 50,000 provider versions) and
// prints how long a clean of it takes with the default keep selectors and no deletion limit to speak of, and what
// requests cost meanwhile: a reader (the latest pact of main) and a writer (tagging a version) run in a loop
// before and during the clean, and their median and 99th percentile are printed for both.
//   build/bin/clean-benchmark [consumer-versions] [sqlite-file or postgres:// URL]

#include "bench/broker_history.hpp"
#include "broker/domain/broker_services.hpp"
#include "broker/domain/clean_service.hpp"
#include "broker/store/store_factory.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

namespace {

using namespace pact::broker;
using clock_type = std::chrono::steady_clock;

struct latencies {
    std::vector<double> reads;
    std::vector<double> writes;
};

double milliseconds_since(clock_type::time_point start) { return std::chrono::duration<double, std::milli>(clock_type::now() - start).count(); }

// Alternates a read and a write until `running` turns false (or, without a flag, for `duration`).
latencies load(domain::broker_services& services, const std::atomic<bool>& running, int& tag_number) {
    latencies measured;
    while (running) {
        auto start = clock_type::now();
        if (!services.pacts.latest_pact_for_branch("Consumer", "Provider", "main")) std::fprintf(stderr, "latest pact of main failed\n");
        measured.reads.push_back(milliseconds_since(start));
        start = clock_type::now();
        if (!services.pacticipants.add_tag("Provider", "p2", "load-" + std::to_string(++tag_number))) std::fprintf(stderr, "tagging failed\n");
        measured.writes.push_back(milliseconds_since(start));
    }
    return measured;
}

double percentile(std::vector<double> values, double fraction) {
    if (values.empty()) return 0;
    std::ranges::sort(values);
    return values[std::min(values.size() - 1, static_cast<std::size_t>(fraction * static_cast<double>(values.size())))];
}

void print(const char* when, const latencies& measured) {
    std::printf("%-14s reads  p50 %7.3f ms  p99 %7.3f ms  (%zu)\n", when, percentile(measured.reads, 0.5), percentile(measured.reads, 0.99),
                measured.reads.size());
    std::printf("%-14s writes p50 %7.3f ms  p99 %7.3f ms  (%zu)\n", when, percentile(measured.writes, 0.5), percentile(measured.writes, 0.99),
                measured.writes.size());
}

}  // namespace

int main(int argc, char** argv) {
    const int consumer_versions = argc > 1 ? std::stoi(argv[1]) : 100'000;
    const std::string location = argc > 2 ? argv[2] : (std::filesystem::temp_directory_path() / "clean-benchmark.sqlite").string();
    store::store_options options;
    if (location.find("://") != std::string::npos) {
        options.database = store::parse_database_url(location);
        options.statement_timeout = std::chrono::milliseconds::zero();
    } else {
        for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(location + suffix);
        options.database = {.kind = store::database_kind::sqlite, .sqlite_file = location};
    }
    auto store = store::open_store(options);
    const auto seed_start = clock_type::now();
    pact::bench::seed(*store, consumer_versions);
    std::printf("seeded %d consumer versions, %d provider versions in %.1f s (%s)\n", consumer_versions, consumer_versions / 2,
                milliseconds_since(seed_start) / 1000, store->description().c_str());

    domain::broker_services services(*store, domain::broker_config{});
    int tag_number = 0;
    std::atomic<bool> running{true};
    {
        std::jthread stopper([&running] {
            std::this_thread::sleep_for(std::chrono::seconds(3));
            running = false;
        });
        print("before clean", load(services, running, tag_number));
    }

    running = true;
    latencies during;
    std::jthread loader([&] { during = load(services, running, tag_number); });
    const domain::clean_options clean_options{.deletion_limit = 10 * static_cast<std::int64_t>(consumer_versions)};
    const auto clean_start = clock_type::now();
    const auto report = domain::clean_service(*store, services.config).clean(clean_options);
    const double clean_seconds = milliseconds_since(clean_start) / 1000;
    running = false;
    loader.join();
    std::printf("%s", domain::format_clean_report(report).c_str());
    std::printf("clean of %lld versions (batches of %lld) took %.1f s\n", static_cast<long long>(report.versions),
                static_cast<long long>(clean_options.batch_size), clean_seconds);
    print("during clean", during);
    return 0;
}
