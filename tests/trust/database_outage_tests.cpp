// The real pact-broker on PostgreSQL while PostgreSQL goes away and comes back: the broker answers 503 with
// a JSON body while it cannot reach the database, recovers by itself (no restart) when it can, and loses
// nothing it acknowledged.

#include "broker_process.hpp"
#include "http_test_support.hpp"
#include "support/files.hpp"
#include "support/postgres_server.hpp"
#include "test_database.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

using namespace pact::broker::api::testing;
using namespace std::chrono_literals;

namespace {

bool wait_for(const std::function<bool()>& condition, std::chrono::seconds limit) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (!condition() && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(10ms);
    return condition();
}

// Four clients publishing to the broker without pause, each a new consumer version every time, until destroyed:
// which publishes were acknowledged, how many were refused as unavailable, and any other answer.
class publishing_load {
public:
    explicit publishing_load(broker_process& broker) {
        for (int writer = 0; writer < 4; ++writer) writers_.emplace_back([this, &broker, writer] { publish(broker, "Consumer-" + std::to_string(writer)); });
    }
    ~publishing_load() { stop(); }

    void stop() {
        stopping_ = true;
        writers_.clear();
    }
    [[nodiscard]] std::vector<std::string> acknowledged() const {  // pact paths answered 2xx
        const std::lock_guard lock(mutex_);
        return acknowledged_;
    }
    [[nodiscard]] std::size_t acknowledged_count() const {
        const std::lock_guard lock(mutex_);
        return acknowledged_.size();
    }
    [[nodiscard]] std::vector<std::string> problems() const {  // answers neither 2xx nor a 503 with a JSON body
        const std::lock_guard lock(mutex_);
        return problems_;
    }
    [[nodiscard]] int unavailable() const { return unavailable_; }
    [[nodiscard]] std::chrono::steady_clock::time_point last_success() const {
        return std::chrono::steady_clock::time_point(std::chrono::steady_clock::duration(last_success_.load()));
    }

private:
    void publish(broker_process& broker, const std::string& consumer) {
        for (int version = 1; !stopping_; ++version) {
            const auto number = std::to_string(version) + ".0.0";
            const auto answer = broker.send("POST", "/contracts/publish", publish_body(consumer, number, "Provider", "request " + number, {}, "main").dump());
            const std::lock_guard lock(mutex_);
            if (answer.status / 100 == 2) {
                acknowledged_.push_back("/pacts/provider/Provider/consumer/" + consumer + "/version/" + number);
                last_success_ = std::chrono::steady_clock::now().time_since_epoch().count();
            } else if (answer.status == 503 && answer.body.contains("errors")) {
                ++unavailable_;
                std::this_thread::sleep_for(20ms);
            } else {
                problems_.push_back(std::to_string(answer.status) + " " + answer.body.dump());
            }
        }
    }

    mutable std::mutex mutex_;
    std::vector<std::string> acknowledged_;
    std::vector<std::string> problems_;
    std::atomic<int> unavailable_ = 0;
    std::atomic<std::chrono::steady_clock::time_point::rep> last_success_{0};
    std::atomic<bool> stopping_ = false;
    std::vector<std::jthread> writers_;
};

// A broker on a database of its own on `server`, through the database file that names it.
struct broker_on_own_server {
    broker_on_own_server(pact::testing::postgres_server& server, const std::string& database)
        : database_file(directory.path() / "broker.sqlite") {
        pact::testing::write_file(database_file, pact::testing::create_test_database(server.admin_url(), database));
    }
    pact::testing::temporary_directory directory;
    std::filesystem::path database_file;
};

void check_every_acknowledged_publish_is_there(broker_process& broker, const publishing_load& load) {
    const auto problems = load.problems();
    CHECK(problems.empty());
    for (const auto& problem : problems) MESSAGE(problem);
    for (const auto& path : load.acknowledged()) {
        CAPTURE(path);
        CHECK(broker.get(path).status == 200);
    }
}

}  // namespace

TEST_SUITE_BEGIN("component");

TEST_CASE("PostgreSQL stopped and started under load: 503 with a JSON body while it is down, 2xx within 5 s of its return, nothing acknowledged lost") {
    if (!pact::broker::testing::on_postgresql()) {
        MESSAGE("a PostgreSQL test: it runs as postgresql.*");
        return;
    }
    // A server of the test's own, since it is stopped; the broker's database file names its database.
    pact::testing::postgres_server server;
    const broker_on_own_server database(server, "broker_outage");
    broker_process broker(database.database_file, {"--database-connect-timeout", "2"});
    publishing_load load(broker);

    REQUIRE(wait_for([&] { return load.acknowledged_count() >= 20; }, 30s));
    server.stop();
    CHECK(wait_for([&] { return load.unavailable() >= 10; }, 10s));
    const auto answer_while_down = broker.get("/pacticipants");
    CHECK(answer_while_down.status == 503);
    CHECK(answer_while_down.body.contains("errors"));
    const auto before_return = load.acknowledged_count();

    const auto restarting = std::chrono::steady_clock::now();
    server.start();  // returns once PostgreSQL accepts connections
    const auto returned = std::chrono::steady_clock::now();
    CHECK(wait_for([&] { return load.acknowledged_count() > before_return; }, 5s));
    const auto milliseconds = [](auto duration) { return std::chrono::duration_cast<std::chrono::milliseconds>(duration).count(); };
    MESSAGE("PostgreSQL took " << milliseconds(returned - restarting) << " ms to start; the broker answered 2xx again "
                               << milliseconds(load.last_success() - restarting) << " ms after the start began; " << load.unavailable()
                               << " answers were 503 while it was down");
    REQUIRE(wait_for([&] { return load.acknowledged_count() >= before_return + 20; }, 30s));
    load.stop();

    check_every_acknowledged_publish_is_there(broker, load);
    CHECK(broker.stop() == 0);
}

// The broker's writers commit without waiting for the disk, so as not to hold the writer lock through a flush,
// and wait for the flush before they answer: a crash of PostgreSQL may lose a commit, never one acknowledged.
TEST_CASE("PostgreSQL crashing under load loses no publish the broker acknowledged") {
    if (!pact::broker::testing::on_postgresql()) {
        MESSAGE("a PostgreSQL test: it runs as postgresql.*");
        return;
    }
    pact::testing::postgres_server server(pact::testing::postgres_server::durability::on_disk);
    const broker_on_own_server database(server, "broker_crash");
    broker_process broker(database.database_file, {"--database-connect-timeout", "2"});
    publishing_load load(broker);

    REQUIRE(wait_for([&] { return load.acknowledged_count() >= 100; }, 60s));
    server.crash();
    CHECK(wait_for([&] { return load.unavailable() >= 4; }, 10s));
    load.stop();
    server.start();  // recovers from the write-ahead log

    MESSAGE(load.acknowledged_count() << " publishes were acknowledged before the crash");
    check_every_acknowledged_publish_is_there(broker, load);
    CHECK(broker.stop() == 0);
}

TEST_SUITE_END();
