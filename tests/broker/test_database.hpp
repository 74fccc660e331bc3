#pragma once
// Where a broker test keeps its data. Run on its own, a test's database is a SQLite file in its temporary
// directory. Run under the CTest fixture `postgres` (the postgresql.* copies of the broker's tests), the
// same file instead holds the URL of a database of the test's own on that PostgreSQL server, made the first
// time the file is used: so a broker process restarted on the file, or a store opened in the test and a
// process started on the same file, share their data on either database, and every broker test runs on both.

#include "broker/store/store.hpp"

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace pact::broker::testing {

// Whether the tests run on PostgreSQL (the CTest fixture's server).
[[nodiscard]] bool on_postgresql();

// Opens (and migrates) the store the file stands for.
[[nodiscard]] std::unique_ptr<store::store> open_test_store(const std::filesystem::path& database_file, std::size_t pool_size = 8);

// What tells a pact-broker process to use it: {"--database", file} or {"--database-url", url}.
[[nodiscard]] std::vector<std::string> broker_database_arguments(const std::filesystem::path& database_file);

// A database for the length of a test: on PostgreSQL it is dropped at the end.
class test_database {
public:
    explicit test_database(std::filesystem::path database_file);
    ~test_database();
    test_database(const test_database&) = delete;
    test_database& operator=(const test_database&) = delete;

    [[nodiscard]] const std::filesystem::path& file() const { return file_; }
    [[nodiscard]] std::unique_ptr<store::store> open() const { return open_test_store(file_); }

private:
    std::filesystem::path file_;
};

}  // namespace pact::broker::testing
