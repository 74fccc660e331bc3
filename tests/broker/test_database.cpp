#include "test_database.hpp"

#include "broker/store/store_factory.hpp"
#include "support/files.hpp"
#include "support/postgres_server.hpp"

#include <unistd.h>

#include <atomic>
#include <optional>
#include <random>

namespace pact::broker::testing {
namespace {

// Unique across the test processes ctest runs side by side and across runs that left databases behind.
std::string fresh_database_name() {
    static std::atomic<int> counter{0};
    std::random_device random;
    return "broker_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++) + "_" + std::to_string(random() % 1'000'000);
}

// The URL the file holds, making the database (and writing the file) the first time.
std::optional<std::string> postgres_url_for(const std::filesystem::path& database_file) {
    const auto admin_url = pact::testing::fixture_admin_url();
    if (!admin_url) return std::nullopt;
    if (std::filesystem::exists(database_file)) return pact::testing::read_file(database_file);
    const auto url = pact::testing::create_test_database(*admin_url, fresh_database_name());
    pact::testing::write_file(database_file, url);
    return url;
}

std::string database_name_of(const std::string& url) { return url.substr(url.rfind('/') + 1); }

}  // namespace

bool on_postgresql() { return pact::testing::fixture_admin_url().has_value(); }

std::unique_ptr<store::store> open_test_store(const std::filesystem::path& database_file, std::size_t pool_size) {
    store::store_options options;
    if (const auto url = postgres_url_for(database_file)) options.database = store::parse_database_url(*url);
    else options.database = {.kind = store::database_kind::sqlite, .sqlite_file = database_file};
    options.pool_size = pool_size;
    return store::open_store(options);
}

std::vector<std::string> broker_database_arguments(const std::filesystem::path& database_file) {
    if (const auto url = postgres_url_for(database_file)) return {"--database-url", *url};
    return {"--database", database_file.string()};
}

test_database::test_database(std::filesystem::path database_file) : file_(std::move(database_file)) {}

test_database::~test_database() {
    const auto admin_url = pact::testing::fixture_admin_url();
    if (!admin_url || !std::filesystem::exists(file_)) return;
    try {
        pact::testing::drop_test_database(*admin_url, database_name_of(pact::testing::read_file(file_)));
    } catch (const std::exception&) {
        // The server may be gone already; the fixture's cleanup removes every database with it.
    }
}

}  // namespace pact::broker::testing
