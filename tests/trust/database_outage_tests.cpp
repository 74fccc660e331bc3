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
#include <mutex>
#include <string>
#include <thread>
#include <vector>

using namespace pact::broker::http::testing;
using namespace std::chrono_literals;

TEST_SUITE_BEGIN("component");

TEST_CASE("PostgreSQL stopped and started under load: 503 with a JSON body while it is down, 2xx within 5 s of its return, nothing acknowledged lost") {
    if (!pact::broker::testing::on_postgresql()) {
        MESSAGE("a PostgreSQL test: it runs as postgresql.*");
        return;
    }
    // A server of the test's own, since it is stopped; the broker's database file names its database.
    pact::testing::postgres_server server;
    const auto url = pact::testing::create_test_database(server.admin_url(), "broker_outage");
    pact::testing::temporary_directory directory;
    const auto database_file = directory.path() / "broker.sqlite";
    pact::testing::write_file(database_file, url);
    broker_process broker(database_file, {"--database-connect-timeout", "2"});

    std::mutex mutex;
    std::vector<std::string> acknowledged;  // pact paths answered 2xx
    std::vector<std::string> problems;      // answers that are neither 2xx nor a 503 with a JSON body
    std::atomic<int> unavailable = 0;
    std::atomic<std::chrono::steady_clock::time_point::rep> last_success{0};
    std::atomic<bool> stopping = false;
    std::vector<std::jthread> writers;
    for (int writer = 0; writer < 4; ++writer)
        writers.emplace_back([&, writer] {
            const auto consumer = "Consumer-" + std::to_string(writer);
            for (int version = 1; !stopping; ++version) {
                const auto number = std::to_string(version) + ".0.0";
                const auto answer = broker.send("POST", "/contracts/publish", publish_body(consumer, number, "Provider", "request " + number, {}, "main").dump());
                const std::lock_guard lock(mutex);
                if (answer.status / 100 == 2) {
                    acknowledged.push_back("/pacts/provider/Provider/consumer/" + consumer + "/version/" + number);
                    last_success = std::chrono::steady_clock::now().time_since_epoch().count();
                } else if (answer.status == 503 && answer.body.contains("errors")) {
                    ++unavailable;
                    std::this_thread::sleep_for(20ms);
                } else {
                    problems.push_back(std::to_string(answer.status) + " " + answer.body.dump());
                }
            }
        });
    const auto wait_for = [&](auto condition, std::chrono::seconds limit) {
        const auto deadline = std::chrono::steady_clock::now() + limit;
        while (!condition() && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(10ms);
        return condition();
    };
    const auto acknowledged_count = [&] {
        const std::lock_guard lock(mutex);
        return acknowledged.size();
    };

    REQUIRE(wait_for([&] { return acknowledged_count() >= 20; }, 30s));
    server.stop();
    CHECK(wait_for([&] { return unavailable >= 10; }, 10s));
    const auto answer_while_down = broker.get("/pacticipants");
    CHECK(answer_while_down.status == 503);
    CHECK(answer_while_down.body.contains("errors"));
    const auto before_return = acknowledged_count();

    const auto restarting = std::chrono::steady_clock::now();
    server.start();  // returns once PostgreSQL accepts connections
    const auto returned = std::chrono::steady_clock::now();
    CHECK(wait_for([&] { return acknowledged_count() > before_return; }, 5s));
    const auto milliseconds = [](auto duration) { return std::chrono::duration_cast<std::chrono::milliseconds>(duration).count(); };
    const auto first_success = std::chrono::steady_clock::time_point(std::chrono::steady_clock::duration(last_success.load()));
    MESSAGE("PostgreSQL took " << milliseconds(returned - restarting) << " ms to start; the broker answered 2xx again "
                               << milliseconds(first_success - restarting) << " ms after the start began; " << unavailable.load()
                               << " answers were 503 while it was down");
    REQUIRE(wait_for([&] { return acknowledged_count() >= before_return + 20; }, 30s));
    stopping = true;
    writers.clear();

    CHECK(problems.empty());
    for (const auto& problem : problems) MESSAGE(problem);
    for (const auto& path : acknowledged) {
        CAPTURE(path);
        CHECK(broker.get(path).status == 200);
    }
    CHECK(broker.stop() == 0);
}

TEST_SUITE_END();
