#pragma once
// A broker's domain over a fresh store (SQLite or PostgreSQL: test_database.hpp), with a clock the test moves.

#include "broker/domain/broker_services.hpp"
#include "broker/api/route_table.hpp"
#include "test_database.hpp"

#include <nlohmann/json.hpp>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <optional>
#include <random>
#include <string>
#include <utility>
#include <vector>

namespace pact::broker::testing {

class temporary_directory {
public:
    temporary_directory() {
        std::random_device random;
        path_ = std::filesystem::temp_directory_path() / ("broker-test-" + std::to_string(random()) + std::to_string(random()));
        std::filesystem::create_directories(path_);
    }
    ~temporary_directory() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    temporary_directory(const temporary_directory&) = delete;
    temporary_directory& operator=(const temporary_directory&) = delete;
    [[nodiscard]] const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

// The clock starts at 2024-01-01T00:00:00Z and moves one second per call, so every write has its own time.
class test_clock {
public:
    std::chrono::system_clock::time_point now() { return start_ + std::chrono::seconds(ticks_++); }
    void advance(std::chrono::seconds by) { ticks_ += by.count(); }

private:
    std::chrono::system_clock::time_point start_ = std::chrono::sys_days{std::chrono::year{2024} / 1 / 1};
    std::atomic<long long> ticks_{0};
};

struct broker_fixture {
    explicit broker_fixture(bool allow_dangerous_contract_modification = false)
        : database(directory.path() / "broker.sqlite"),
          store(database.open()),
          services(*store, domain::broker_config{.allow_dangerous_contract_modification = allow_dangerous_contract_modification, .clock = [this] { return clock.now(); }}) {}

    temporary_directory directory;
    test_database database;
    test_clock clock;
    std::unique_ptr<store::store> store;
    domain::broker_services services;
};

// A minimal V2 pact between the two with the given interaction descriptions.
nlohmann::json make_pact(const std::string& consumer, const std::string& provider, const std::vector<std::string>& descriptions = {"a request"});

std::string base64(const std::string& bytes);

// Publishes through POST /contracts/publish semantics; fails the test when the broker refuses.
domain::publish_contracts_result publish(domain::broker_services& services, const std::string& consumer, const std::string& version,
                                         const std::string& provider, const nlohmann::json& pact, std::optional<std::string> branch = std::nullopt,
                                         std::vector<std::string> tags = {});

// Publishes the provider version's verification result of the pact; fails the test when the broker refuses.
void verify(broker_fixture& broker, const domain::pact_publication& pact, const std::string& provider_version, bool success,
            std::optional<std::string> branch = std::nullopt, std::vector<std::string> tags = {});

// The broker's answer to a GET of the path (segments, percent-encoded here) and query, through all its routes with the
// pages (html::site_routes), as status, content type and body. `as_browser` sends the Accept header of a browser;
// otherwise an API client's.
api::page site_answer(domain::broker_services& services, const std::vector<std::string>& segments,
                       const std::vector<std::pair<std::string, std::string>>& query = {}, bool as_browser = true);
// The same when the answer is a page (HTML or an image); nullopt when it is the JSON API's.
std::optional<api::page> show_page(domain::broker_services& services, const std::vector<std::string>& segments,
                                    const std::vector<std::pair<std::string, std::string>>& query = {}, bool as_browser = true);

}  // namespace pact::broker::testing
