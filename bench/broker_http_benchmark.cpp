// The broker over HTTP, on a database with a long history: publishes per second from 64 concurrent clients,
// can-i-deploy and pacts-for-verification latency (median and p99). bench/broker_http_benchmark.sh seeds the
// database, starts build/bin/pact-broker on it and runs the load; the two halves are:
//   broker-http-benchmark seed DATABASE   50 pacticipants, 20,000 versions, 5,000 pact versions,
//                                         100,000 verification results, written through the store
//   broker-http-benchmark load PORT       the measurements, against a broker on 127.0.0.1:PORT

#include "broker/domain/publication_service.hpp"
#include "broker/store/sqlite_store.hpp"
#include "http/client.hpp"
#include "pact/base64.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <cstdarg>
#include <ctime>
#include <string>
#include <vector>

namespace {

using namespace pact::broker;
using clock_type = std::chrono::steady_clock;
namespace asio = boost::asio;

// The shape of the history: consumer i has pacts with providers i and i + 1 (mod 25).
constexpr int consumers = 25;
constexpr int providers = 25;
constexpr int versions_per_consumer = 500;        // 12,500 consumer versions
constexpr int versions_per_provider = 300;        //  7,500 provider versions
constexpr int consumer_versions_per_content = 5;  // 100 pact versions per pair, 5,000 in all
constexpr int verifications_per_provider = 4'000; // 100,000 in all

// printf into a string (g++ 12 has no <format>).
[[gnu::format(printf, 1, 2)]] std::string text(const char* pattern, ...) {
    char buffer[512];
    va_list arguments;
    va_start(arguments, pattern);
    const int length = std::vsnprintf(buffer, sizeof buffer, pattern, arguments);
    va_end(arguments);
    return std::string(buffer, static_cast<std::size_t>(std::clamp(length, 0, static_cast<int>(sizeof buffer) - 1)));
}

std::string consumer_name(int index) { return text("consumer-%02d", index); }
std::string provider_name(int index) { return text("provider-%02d", index); }
std::string consumer_version(int number) { return text("1.%d.0", number); }
std::string provider_version(int number) { return text("2.%d.0", number); }

// Seconds after 2024-01-01T00:00:00Z, written as the store writes timestamps.
std::string timestamp(int seconds) {
    const std::time_t at = 1'704'067'200 + seconds;
    std::tm parts{};
    gmtime_r(&at, &parts);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%S+00:00", &parts);
    return buffer;
}

// A pact of a few order interactions; `revision` changes its content.
nlohmann::json pact_document(const std::string& consumer, const std::string& provider, int revision) {
    nlohmann::json interactions = nlohmann::json::array();
    for (int index = 0; index < 4; ++index) {
        interactions.push_back(
            {{"description", text("a request for order %d (revision %d)", index, revision)},
             {"providerStates", {{{"name", "an order exists"}, {"params", {{"id", index}}}}}},
             {"request", {{"method", "GET"}, {"path", text("/orders/%d", index)}, {"headers", {{"Accept", "application/json"}}}}},
             {"response",
              {{"status", 200},
               {"headers", {{"Content-Type", "application/json"}}},
               {"body", {{"id", index}, {"status", "pending"}, {"total", 100 * index + revision}, {"items", {{{"sku", "SKU-1"}, {"quantity", 2}}}}}},
               {"matchingRules", {{"body", {{"$.id", {{"matchers", {{{"match", "integer"}}}}}}, {"$.status", {{"matchers", {{{"match", "type"}}}}}}}}}}}}});
    }
    return {{"consumer", {{"name", consumer}}},
            {"provider", {{"name", provider}}},
            {"interactions", interactions},
            {"metadata", {{"pactSpecification", {{"version", "3.0.0"}}}}}};
}

int seed(const std::filesystem::path& file) {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(file.string() + suffix);
    const auto started = clock_type::now();
    auto store = store::open_sqlite_store({file});
    auto writer = store->write();
    int clock = 0;  // seconds since the start of the history: every row a little later than the last
    const auto production = writer->environments().insert_environment({0, "uuid-production", "production", "Production", true, "[]", timestamp(0), timestamp(0)});
    std::vector<store::row_id> consumer_ids, provider_ids;
    for (int index = 0; index < consumers; ++index) {
        consumer_ids.push_back(writer->pacticipants().insert_pacticipant({0, consumer_name(index), std::nullopt, std::string("main"), std::nullopt, timestamp(0), timestamp(0)}));
    }
    for (int index = 0; index < providers; ++index) {
        provider_ids.push_back(writer->pacticipants().insert_pacticipant({0, provider_name(index), std::nullopt, std::string("main"), std::nullopt, timestamp(0), timestamp(0)}));
    }

    // Consumer versions: every 4th on main, the others on feature branches; "prod" every 50th.
    // pact_versions[consumer][pair][revision]
    std::vector<std::vector<std::vector<store::row_id>>> pact_versions(consumers, std::vector<std::vector<store::row_id>>(2));
    std::size_t version_count = 0, pact_version_count = 0, verification_count = 0;
    for (int number = 1; number <= versions_per_consumer; ++number) {
        for (int consumer = 0; consumer < consumers; ++consumer) {
            const auto at = timestamp(++clock);
            const auto version = writer->pacticipants().insert_version({0, consumer_ids[consumer], consumer_version(number), std::nullopt, at});
            ++version_count;
            writer->pacticipants().add_version_to_branch(consumer_ids[consumer], number % 4 == 0 ? "main" : text("feature-%d", number / 4 % 40), version, at);
            if (number % 50 == 0) writer->pacticipants().add_tag(consumer_ids[consumer], version, "prod", at);
            for (int pair = 0; pair < 2; ++pair) {
                const int provider = (consumer + pair) % providers;
                auto& revisions = pact_versions[consumer][pair];
                if ((number - 1) % consumer_versions_per_content == 0) {
                    const auto document = pact_document(consumer_name(consumer), provider_name(provider), number);
                    revisions.push_back(writer->pacts().insert_pact_version(
                        {0, consumer_ids[consumer], provider_ids[provider], domain::pact_content_sha(document), document.dump(), at}));
                    ++pact_version_count;
                }
                writer->pacts().add_integration(consumer_ids[consumer], provider_ids[provider], at);
                (void)writer->pacts().insert_pact_publication({0, consumer_ids[consumer], provider_ids[provider], version, revisions.back(), at});
            }
            if (number == versions_per_consumer - 20) {
                (void)writer->environments().insert_deployed_version({0, "deployed-" + consumer_name(consumer), version, consumer_ids[consumer],
                                                       production, std::nullopt, std::nullopt, at, std::nullopt});
            }
        }
    }
    writer->commit();
    writer.reset();  // one writer at a time
    writer = store->write();

    // Provider versions on main, each verifying the pact versions of its two consumers, newest first.
    const int verifications_per_version = verifications_per_provider / versions_per_provider;  // 13 (and some left over)
    for (int provider = 0; provider < providers; ++provider) {
        int remaining = verifications_per_provider;
        for (int number = 1; number <= versions_per_provider; ++number) {
            const auto at = timestamp(++clock);
            const auto version = writer->pacticipants().insert_version({0, provider_ids[provider], provider_version(number), std::nullopt, at});
            ++version_count;
            writer->pacticipants().add_version_to_branch(provider_ids[provider], "main", version, at);
            const int count = number == versions_per_provider ? remaining : verifications_per_version;
            for (int index = 0; index < count; ++index) {
                // The consumers whose pair includes this provider: consumer `provider` (pair 0), consumer `provider - 1` (pair 1).
                const int pair = index % 2;
                const int consumer = (provider - pair + consumers) % consumers;
                const auto& revisions = pact_versions[consumer][pair];
                const auto revision = revisions[(static_cast<std::size_t>(number) * revisions.size() / versions_per_provider + index / 2) % revisions.size()];
                (void)writer->verifications().insert_verification({0, revision, version, 0, (number + index) % 9 != 0, std::nullopt, "[]", "{}", at});
                ++verification_count;
            }
            remaining -= count;
            if (number == versions_per_provider - 10) {
                (void)writer->environments().insert_deployed_version({0, "deployed-" + provider_name(provider), version, provider_ids[provider],
                                                       production, std::nullopt, std::nullopt, at, std::nullopt});
            }
        }
    }
    writer->commit();
    std::printf("seeded %d pacticipants, %zu versions, %zu pact versions, %zu verification results in %.1f s\n", consumers + providers,
                version_count, pact_version_count, verification_count, std::chrono::duration<double>(clock_type::now() - started).count());
    return 0;
}

struct latencies {
    std::vector<double> milliseconds;

    [[nodiscard]] double at(double fraction) {
        std::ranges::sort(milliseconds);
        return milliseconds[std::min(milliseconds.size() - 1, static_cast<std::size_t>(fraction * static_cast<double>(milliseconds.size())))];
    }
};

struct load_run {
    asio::io_context context;
    pact::http::client client{context.get_executor(), {.request_timeout = std::chrono::seconds(60)}};
    std::uint16_t port = 0;
    std::string failure;  // the first unexpected answer, if any

    asio::awaitable<bool> exchange(pact::http::request request) {
        auto answer = co_await client.send("127.0.0.1", port, std::move(request));
        if (!answer) {
            if (failure.empty()) failure = answer.error().message;
            co_return false;
        }
        if (answer->result_int() >= 300) {
            if (failure.empty()) failure = "HTTP " + std::to_string(answer->result_int()) + ": " + answer->body().substr(0, 300);
            co_return false;
        }
        co_return true;
    }

    // `count` requests made by `make(index)`, `clients` at a time; the latency of each.
    template <class Make>
    latencies run(std::size_t count, std::size_t clients, Make make) {
        latencies measured;
        std::size_t next = 0;
        for (std::size_t worker = 0; worker < clients; ++worker) {
            asio::co_spawn(context, [&]() -> asio::awaitable<void> {
                for (std::size_t index = next++; index < count && failure.empty(); index = next++) {
                    const auto started = clock_type::now();
                    if (!co_await exchange(make(index))) co_return;
                    measured.milliseconds.push_back(std::chrono::duration<double, std::milli>(clock_type::now() - started).count());
                }
            }, asio::detached);
        }
        context.restart();
        context.run();
        return measured;
    }
};

pact::http::request publish_request(std::size_t index) {
    const int consumer = static_cast<int>(index % consumers);
    const int pair = static_cast<int>(index / consumers % 2);
    const auto document = pact_document(consumer_name(consumer), provider_name((consumer + pair) % providers), static_cast<int>(10'000 + index));
    const nlohmann::json body = {
        {"pacticipantName", consumer_name(consumer)},
        {"pacticipantVersionNumber", text("9.%zu.0", index)},
        {"branch", "main"},
        {"tags", {"bench"}},
        {"contracts",
         {{{"consumerName", consumer_name(consumer)},
           {"providerName", provider_name((consumer + pair) % providers)},
           {"specification", "pact"},
           {"contentType", "application/json"},
           {"content", pact::base64_encode(document.dump())}}}}};
    auto request = pact::http::make_request("POST", "/contracts/publish", body.dump(), "application/json");
    request.set("Accept", "application/hal+json");
    return request;
}

pact::http::request can_i_deploy_request(std::size_t index) {
    const int which = static_cast<int>(index % (consumers + providers));
    const auto target = which < consumers
                            ? "/can-i-deploy?pacticipant=" + consumer_name(which) + "&version=" +
                                  consumer_version(versions_per_consumer - static_cast<int>(index % 7)) + "&environment=production"
                            : "/can-i-deploy?pacticipant=" + provider_name(which - consumers) + "&version=" +
                                  provider_version(versions_per_provider - static_cast<int>(index % 7)) + "&environment=production";
    auto request = pact::http::make_request("GET", target);
    request.set("Accept", "application/hal+json");
    return request;
}

pact::http::request pacts_for_verification_request(std::size_t index) {
    const nlohmann::json body = {
        {"consumerVersionSelectors", {{{"mainBranch", true}}, {{"deployedOrReleased", true}}, {{"tag", "prod"}, {"latest", true}}}},
        {"includePendingStatus", true},
        {"includeWipPactsSince", "2024-01-01"},
        {"providerVersionBranch", "main"}};
    auto request = pact::http::make_request("POST", "/pacts/provider/" + provider_name(static_cast<int>(index % providers)) + "/for-verification",
                                            body.dump(), "application/json");
    request.set("Accept", "application/hal+json");
    return request;
}

int load(std::uint16_t port) {
    load_run run;
    run.port = port;
    const auto report_failure = [&] {
        std::fprintf(stderr, "the broker answered unexpectedly: %s\n", run.failure.c_str());
        return 1;
    };

    // One request at a time, so that each latency is the broker's alone (after a few to warm up).
    (void)run.run(20, 1, can_i_deploy_request);
    auto can_i_deploy = run.run(500, 1, can_i_deploy_request);
    if (!run.failure.empty()) return report_failure();
    std::printf("%-44s median %7.2f ms   p99 %7.2f ms   (%zu requests, one at a time)\n", "can-i-deploy (to production)",
                can_i_deploy.at(0.5), can_i_deploy.at(0.99), can_i_deploy.milliseconds.size());

    (void)run.run(10, 1, pacts_for_verification_request);
    auto for_verification = run.run(300, 1, pacts_for_verification_request);
    if (!run.failure.empty()) return report_failure();
    std::printf("%-44s median %7.2f ms   p99 %7.2f ms   (%zu requests, one at a time)\n", "pacts for verification (3 selectors, WIP)",
                for_verification.at(0.5), for_verification.at(0.99), for_verification.milliseconds.size());

    constexpr std::size_t publishes = 3'000;
    constexpr std::size_t publishing_clients = 64;
    const auto started = clock_type::now();
    auto published = run.run(publishes, publishing_clients, publish_request);
    const double seconds = std::chrono::duration<double>(clock_type::now() - started).count();
    if (!run.failure.empty()) return report_failure();
    std::printf("%-44s %7.0f publishes/s   median %7.2f ms   p99 %7.2f ms   (%zu publishes, %zu clients)\n", "publish contracts (POST /contracts/publish)",
                static_cast<double>(published.milliseconds.size()) / seconds, published.at(0.5), published.at(0.99), published.milliseconds.size(),
                publishing_clients);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    const std::string usage = "usage: broker-http-benchmark seed DATABASE | load PORT\n";
    if (argc != 3) {
        std::fputs(usage.c_str(), stderr);
        return 2;
    }
    const std::string command = argv[1];
    try {
        if (command == "seed") return seed(argv[2]);
        if (command == "load") return load(static_cast<std::uint16_t>(std::stoi(argv[2])));
    } catch (const std::exception& error) {
        std::fprintf(stderr, "broker-http-benchmark: %s\n", error.what());
        return 1;
    }
    std::fputs(usage.c_str(), stderr);
    return 2;
}
