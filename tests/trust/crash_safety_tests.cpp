// Crash safety of the real pact-broker: concurrent publishes and verification results, the broker
// killed (SIGKILL) or stopped (SIGTERM) in the middle, restarted on the same database; every write that
// was answered 2xx must still be there, and the database must pass PRAGMA integrity_check.

#include "broker_process.hpp"
#include "test_database.hpp"
#include "http_test_support.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <doctest/doctest.h>

#include <atomic>
#include <condition_variable>
#include <csignal>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

using namespace pact::broker::api::testing;
using nlohmann::json;

namespace {

constexpr int writer_count = 8;

// A write the broker acknowledged with 2xx, and where to read it back.
struct acknowledged_write {
    std::string read_path;
    std::string expected_description;  // for a pact; "" for a verification result
};

// Everything the writers saw, shared between them and the test.
struct write_log {
    std::mutex mutex;
    std::condition_variable changed;
    std::vector<acknowledged_write> acknowledged;
    std::vector<std::string> server_errors;  // 5xx answers before the broker was stopped: never allowed
    int finished_writers = 0;

    void acknowledge(acknowledged_write write) {
        const std::lock_guard lock(mutex);
        acknowledged.push_back(std::move(write));
        changed.notify_all();
    }
    void server_error(std::string what) {
        const std::lock_guard lock(mutex);
        server_errors.push_back(std::move(what));
        changed.notify_all();
    }
    void writer_finished() {
        const std::lock_guard lock(mutex);
        ++finished_writers;
        changed.notify_all();
    }
};

std::string path_of(const json& href, const std::string& base) { return href.get<std::string>().substr(base.size()); }

// One client: publishes versions of its consumer and a verification result for each, until the broker
// stops answering (or `limit` rounds are done). Writes that reach the store but whose answer is lost in
// the crash are not acknowledged, and that is fine: only acknowledged writes are promised.
void write_until_stopped(broker_process& broker, write_log& log, const std::string& consumer, const std::atomic<bool>& stopping) {
    const auto base = broker.base_url();
    try {
        for (int version = 1; version <= 1000; ++version) {
            const auto description = consumer + " request " + std::to_string(version);
            const auto version_number = std::to_string(version) + ".0.0";
            const auto published = broker.send("POST", "/contracts/publish",
                                               publish_body(consumer, version_number, "Provider", description, {"dev"}, "main").dump());
            if (published.status >= 500) {
                if (!stopping) log.server_error("publish " + std::to_string(published.status) + ": " + published.body.dump());
                break;
            }
            if (published.status / 100 != 2) break;
            const auto pact_path = "/pacts/provider/Provider/consumer/" + consumer + "/version/" + version_number;
            log.acknowledge({pact_path, description});

            const auto pact = broker.get(pact_path);
            if (pact.status != 200) break;
            const auto result = broker.send(
                "POST", path_of(pact.body.at("_links").at("pb:publish-verification-results").at("href"), base),
                json{{"providerApplicationVersion", consumer + "-provider-" + version_number}, {"success", version % 2 == 0}}.dump());
            if (result.status >= 500) {
                if (!stopping) log.server_error("verification " + std::to_string(result.status) + ": " + result.body.dump());
                break;
            }
            if (result.status / 100 != 2) break;
            log.acknowledge({path_of(result.body.at("_links").at("self").at("href"), base), ""});
        }
    } catch (const std::exception&) {
        // The connection was refused or cut: the broker is gone.
    }
    log.writer_finished();
}

// Runs the writers against `broker` until `writes_before_stop` writes were acknowledged, then sends
// `signal`; returns the broker's exit status and leaves every acknowledged write in `log`.
int write_then_stop(broker_process& broker, write_log& log, const std::string& round, std::size_t writes_before_stop, int signal) {
    const auto already = log.acknowledged.size();
    std::atomic<bool> stopping = false;
    std::vector<std::jthread> writers;
    for (int writer = 0; writer < writer_count; ++writer)
        writers.emplace_back([&, writer] { write_until_stopped(broker, log, "Consumer-" + round + "-" + std::to_string(writer), stopping); });
    {
        std::unique_lock lock(log.mutex);
        log.changed.wait(lock, [&] {
            return log.acknowledged.size() >= already + writes_before_stop || log.finished_writers == writer_count ||
                   !log.server_errors.empty();
        });
    }
    stopping = true;
    const int status = broker.stop(signal);
    writers.clear();
    std::lock_guard lock(log.mutex);
    log.finished_writers = 0;
    return status;
}

void check_everything_acknowledged_is_stored(broker_process& broker, const write_log& log) {
    for (const auto& write : log.acknowledged) {
        CAPTURE(write.read_path);
        const auto stored = broker.get(write.read_path);
        REQUIRE(stored.status == 200);
        if (!write.expected_description.empty())
            CHECK(stored.body.at("interactions").at(0).at("description") == write.expected_description);
    }
}

// SQLite's own check of the file after a crash; PostgreSQL recovers from its log by itself, so on it only the
// acknowledged writes are checked.
std::string integrity_of(const std::filesystem::path& database) {
    if (pact::broker::testing::on_postgresql()) return "ok";
    SQLite::Database connection(database.string(), SQLite::OPEN_READWRITE);
    return connection.execAndGet("PRAGMA integrity_check").getString();
}

}  // namespace

TEST_CASE("every write answered 2xx survives SIGKILL in the middle of concurrent publishing, round after round") {
    const auto directory = make_temporary_directory("trust-crash");
    const auto database = directory / "broker.sqlite";
    write_log log;
    for (int round = 1; round <= 3; ++round) {
        CAPTURE(round);
        {
            broker_process broker(database);
            if (round > 1) check_everything_acknowledged_is_stored(broker, log);
            write_then_stop(broker, log, std::to_string(round), 60, SIGKILL);
        }
        CHECK(log.server_errors.empty());
        CHECK(integrity_of(database) == "ok");
    }
    broker_process restarted(database);
    check_everything_acknowledged_is_stored(restarted, log);
    MESSAGE(log.acknowledged.size() << " acknowledged writes checked after 3 kills");
    CHECK(restarted.stop() == 0);
    CHECK(integrity_of(database) == "ok");
    std::filesystem::remove_all(directory);
}

TEST_CASE("SIGTERM during concurrent writes drains them and exits 0, losing nothing acknowledged") {
    const auto directory = make_temporary_directory("trust-drain");
    const auto database = directory / "broker.sqlite";
    write_log log;
    {
        broker_process broker(database);
        CHECK(write_then_stop(broker, log, "term", 40, SIGTERM) == 0);
    }
    CHECK(log.server_errors.empty());
    broker_process restarted(database);
    check_everything_acknowledged_is_stored(restarted, log);
    CHECK(restarted.stop() == 0);
    CHECK(integrity_of(database) == "ok");
    std::filesystem::remove_all(directory);
}

TEST_CASE("32 concurrent writers never see a locked database") {
    const auto directory = make_temporary_directory("trust-writers");
    broker_process broker(directory / "broker.sqlite");
    std::atomic<int> acknowledged = 0;
    std::mutex failures_mutex;
    std::vector<std::string> failures;
    {
        std::vector<std::jthread> writers;
        for (int writer = 0; writer < 32; ++writer) {
            writers.emplace_back([&, writer] {
                const auto consumer = "Writer-" + std::to_string(writer);
                for (int version = 1; version <= 5; ++version) {
                    const auto answer = broker.send(
                        "POST", "/contracts/publish",
                        publish_body(consumer, std::to_string(version), "Provider", consumer + " " + std::to_string(version), {}, "main").dump());
                    if (answer.status / 100 == 2) {
                        ++acknowledged;
                    } else {
                        const std::lock_guard lock(failures_mutex);
                        failures.push_back(std::to_string(answer.status) + " " + answer.body.dump());
                    }
                }
            });
        }
    }
    CHECK(failures.empty());
    for (const auto& failure : failures) CHECK_MESSAGE(failure.find("locked") == std::string::npos, failure);
    CHECK(acknowledged == 32 * 5);
    CHECK(broker.stop() == 0);
    std::filesystem::remove_all(directory);
}
