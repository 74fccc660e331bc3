// Seeds a broker database with a long history (default 100,000 consumer versions) and prints how long the
// hot questions take on it: latest by tag/branch, pacts for verification, can-i-deploy, and a publish.
//   build/bin/broker-store-benchmark [consumer-versions] [database-file]

#include "broker/api/matrix_query_string.hpp"
#include "bench/broker_history.hpp"
#include "broker/domain/broker_services.hpp"
#include "broker/store/sqlite_store.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace {

using namespace pact::broker;
using pact::bench::pact_content;
using pact::bench::seed;
using clock_type = std::chrono::steady_clock;

// Median of a few runs, in milliseconds.
double measure(const std::function<void()>& run) {
    std::vector<double> times;
    for (int attempt = 0; attempt < 7; ++attempt) {
        const auto start = clock_type::now();
        run();
        times.push_back(std::chrono::duration<double, std::milli>(clock_type::now() - start).count());
    }
    std::ranges::sort(times);
    return times[times.size() / 2];
}

template <typename Result>
void require(const Result& result, const char* what) {
    if (!result) {
        std::fprintf(stderr, "%s failed: %s\n", what, result.error().message.c_str());
        std::exit(1);
    }
}

}  // namespace

int main(int argc, char** argv) {
    const int consumer_versions = argc > 1 ? std::stoi(argv[1]) : 100'000;
    const auto file = argc > 2 ? std::filesystem::path(argv[2]) : std::filesystem::temp_directory_path() / "broker-store-benchmark.sqlite";
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(file.string() + suffix);

    auto store = store::open_sqlite_store({file});
    const auto seed_start = clock_type::now();
    seed(*store, consumer_versions);
    std::printf("seeded %d consumer versions, %d provider versions, %d verifications in %.1f s (%s)\n", consumer_versions, consumer_versions / 2,
                consumer_versions / 2, std::chrono::duration<double>(clock_type::now() - seed_start).count(), file.c_str());

    domain::broker_services services(*store, domain::broker_config{});
    const auto pact_url = [](const domain::pact_for_verification&) { return std::string("http://broker/pact"); };
    auto selectors = domain::parse_pacts_for_verification_request(nlohmann::json::parse(
        R"({"consumerVersionSelectors":[{"mainBranch":true},{"deployedOrReleased":true},{"tag":"prod","latest":true}],
            "includePendingStatus":true,"includeWipPactsSince":"2023-12-01","providerVersionBranch":"main"})"));
    require(selectors, "parsing the selectors");
    auto consumer_query = pact::broker::api::parse_matrix_query({{"q[][pacticipant]", "Consumer"}, {"q[][version]", std::to_string(consumer_versions)},
                                                      {"latestby", "cvpv"}, {"environment", "production"}});
    auto provider_query = pact::broker::api::parse_matrix_query({{"q[][pacticipant]", "Provider"}, {"q[][version]", "p" + std::to_string(consumer_versions)},
                                                      {"latestby", "cvpv"}, {"environment", "production"}});
    require(consumer_query, "parsing the consumer's query");
    require(provider_query, "parsing the provider's query");

    struct figure {
        const char* name;
        std::function<void()> run;
    };
    int next_version = consumer_versions;
    const std::vector<figure> figures = {
        {"latest version with tag prod", [&] { require(services.pacticipants.latest_version_with_tag("Consumer", "prod"), "latest tag"); }},
        {"latest pact for branch main", [&] { require(services.pacts.latest_pact_for_branch("Consumer", "Provider", "main"), "latest branch"); }},
        {"latest pacts of the provider", [&] { require(services.pacts.latest_pacts_for_provider("Provider"), "provider pacts"); }},
        {"pacts for verification (3 selectors, pending, WIP)",
         [&] { require(services.pacts_for_verification.pacts_for_verification("Provider", *selectors, pact_url), "pacts for verification"); }},
        {"can-i-deploy consumer to production", [&] { require(services.matrix.matrix(*consumer_query), "consumer can-i-deploy"); }},
        {"can-i-deploy provider to production", [&] { require(services.matrix.matrix(*provider_query), "provider can-i-deploy"); }},
        {"publish one contract (committed to disk)",
         [&] {
             const auto number = std::to_string(++next_version);
             domain::publish_contracts_request request{"Consumer", number, std::string("main"), {"dev"}, std::nullopt,
                                                       {{"Consumer", "Provider", "pact", "application/json", "", domain::on_conflict::overwrite}}};
             const auto content = pact_content(next_version);
             static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
             std::string& encoded = request.contracts[0].content;
             for (std::size_t i = 0; i < content.size(); i += 3) {
                 const unsigned chunk = (static_cast<unsigned char>(content[i]) << 16) |
                                        (i + 1 < content.size() ? static_cast<unsigned char>(content[i + 1]) << 8 : 0) |
                                        (i + 2 < content.size() ? static_cast<unsigned char>(content[i + 2]) : 0);
                 encoded += alphabet[chunk >> 18 & 63];
                 encoded += alphabet[chunk >> 12 & 63];
                 encoded += i + 1 < content.size() ? alphabet[chunk >> 6 & 63] : '=';
                 encoded += i + 2 < content.size() ? alphabet[chunk & 63] : '=';
             }
             require(services.publications.publish_contracts(request), "publish");
         }},
    };
    for (const auto& [name, run] : figures) std::printf("%-52s %8.3f ms (median of 7)\n", name, measure(run));
    return 0;
}
