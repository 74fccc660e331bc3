// The broker over HTTP, on a database with a long history: publishes per second from 64 concurrent clients,
// can-i-deploy and pacts-for-verification latency (median and p99). bench/broker_http_benchmark.sh seeds the
// databases, starts build/bin/pact-broker on them and runs the load; the two halves are:
//   broker-http-benchmark seed [--large] DATABASE
//       50 pacticipants, 20,000 versions, 5,000 pact versions, 100,000 verification results (--large: 100,000
//       versions and 1,000,000 verification results), written through the store into DATABASE: a SQLite file
//       (replaced) or a URL as --database-url takes it (postgres://... naming an empty database, sqlite:///...)
//   broker-http-benchmark load [--large] [--figures FILE] PORT...
//       the measurements, against brokers on 127.0.0.1:PORT... sharing one database: the probes alternate
//       between them and the publishing clients are dealt out among them. --large: the history was seeded
//       --large (the versions asked about). --figures: also writes the figures to FILE as one line for the script.

#include "broker/domain/publication_service.hpp"
#include "broker/store/store_factory.hpp"
#include "http/client.hpp"
#include "pact/base64.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>

#include <algorithm>
#include <chrono>
#include <cstdarg>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace {

using namespace pact::broker;
using clock_type = std::chrono::steady_clock;
namespace asio = boost::asio;

// The shape of the history: consumer i has pacts with providers i and i + 1 (mod 25).
constexpr int consumers = 25;
constexpr int providers = 25;

// How long the history is; the large one has five times the versions and ten times the verification results
// of the default, and as many pact versions (a pact changes every 25th consumer version instead of every 5th).
struct history_size {
    int versions_per_consumer = 500;        // 12,500 consumer versions
    int versions_per_provider = 300;        //  7,500 provider versions
    int consumer_versions_per_content = 5;  // 100 pact versions per pair, 5,000 in all
    int verifications_per_provider = 4'000; // 100,000 in all
};

constexpr history_size default_history{};
constexpr history_size large_history{.versions_per_consumer = 2'500,  // 62,500
                                     .versions_per_provider = 1'500,  // 37,500
                                     .consumer_versions_per_content = 25,
                                     .verifications_per_provider = 40'000};  // 1,000,000

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

// A URL as the broker's --database-url takes it, otherwise a SQLite file.
store::database_configuration database_of(std::string_view argument) {
    if (argument.find("://") != std::string_view::npos) return store::parse_database_url(argument);
    return {.kind = store::database_kind::sqlite, .sqlite_file = std::filesystem::path(argument)};
}

int seed(const store::database_configuration& database, const history_size& size) {
    if (database.kind == store::database_kind::sqlite) {
        for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(database.sqlite_file.string() + suffix);
    }
    const auto [versions_per_consumer, versions_per_provider, consumer_versions_per_content, verifications_per_provider] = size;
    const auto started = clock_type::now();
    auto store = store::open_store({.database = database});
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
    // 13 each (26 in the large history), the newest version verifying what is left over (113; 1,026 in the large one).
    const int verifications_per_version = verifications_per_provider / versions_per_provider;
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
    std::printf("seeded %d pacticipants, %zu versions, %zu pact versions, %zu verification results into %s in %.1f s\n",
                consumers + providers, version_count, pact_version_count, verification_count, store->description().c_str(),
                std::chrono::duration<double>(clock_type::now() - started).count());
    return 0;
}

struct latencies {
    std::vector<double> milliseconds;

    [[nodiscard]] double at(double fraction) {
        std::ranges::sort(milliseconds);
        return milliseconds[std::min(milliseconds.size() - 1, static_cast<std::size_t>(fraction * static_cast<double>(milliseconds.size())))];
    }
};

// Which broker a request goes to: the probes alternate request by request, and each publishing client keeps to
// one broker, as behind a balancer that spreads connections.
enum class spread { by_request, by_client };

struct load_run {
    asio::io_context context;
    pact::http::client client{context.get_executor(), {.request_timeout = std::chrono::seconds(60)}};
    std::vector<std::uint16_t> ports;
    std::string failure;  // the first unexpected answer, if any

    asio::awaitable<bool> exchange(std::uint16_t port, pact::http::request request) {
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

    // `count` requests made by `make(index)`, `clients` at a time, spread over the brokers; the latency of each.
    template <class Make>
    latencies run(std::size_t count, std::size_t clients, spread how, Make make) {
        latencies measured;
        std::size_t next = 0;
        for (std::size_t worker = 0; worker < clients; ++worker) {
            // The coroutine outlives this iteration: it takes the worker's number by value.
            asio::co_spawn(context, [&, worker]() -> asio::awaitable<void> {
                for (std::size_t index = next++; index < count && failure.empty(); index = next++) {
                    const auto port = ports[(how == spread::by_client ? worker : index) % ports.size()];
                    const auto started = clock_type::now();
                    if (!co_await exchange(port, make(index))) co_return;
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

pact::http::request can_i_deploy_request(const history_size& size, std::size_t index) {
    const int which = static_cast<int>(index % (consumers + providers));
    const auto target = which < consumers
                            ? "/can-i-deploy?pacticipant=" + consumer_name(which) + "&version=" +
                                  consumer_version(size.versions_per_consumer - static_cast<int>(index % 7)) + "&environment=production"
                            : "/can-i-deploy?pacticipant=" + provider_name(which - consumers) + "&version=" +
                                  provider_version(size.versions_per_provider - static_cast<int>(index % 7)) + "&environment=production";
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

// The figures of one run, in the order the script's summary prints them.
struct load_figures {
    double can_i_deploy_median = 0, can_i_deploy_p99 = 0;
    double for_verification_median = 0, for_verification_p99 = 0;
    double publishes_per_second = 0;
};

int load(std::vector<std::uint16_t> ports, const history_size& size, const std::optional<std::filesystem::path>& figures_file) {
    load_run run;
    run.ports = std::move(ports);
    const auto report_failure = [&] {
        std::fprintf(stderr, "the broker answered unexpectedly: %s\n", run.failure.c_str());
        return 1;
    };
    const auto ask_can_i_deploy = [&size](std::size_t index) { return can_i_deploy_request(size, index); };
    const std::string one_at_a_time = run.ports.size() == 1 ? "one at a time" : text("one at a time over %zu brokers", run.ports.size());
    load_figures figures;

    // One request at a time, so that each latency is the broker's alone (after a few to warm up every broker).
    (void)run.run(20, 1, spread::by_request, ask_can_i_deploy);
    auto can_i_deploy = run.run(500, 1, spread::by_request, ask_can_i_deploy);
    if (!run.failure.empty()) return report_failure();
    figures.can_i_deploy_median = can_i_deploy.at(0.5);
    figures.can_i_deploy_p99 = can_i_deploy.at(0.99);
    std::printf("%-44s median %7.2f ms   p99 %7.2f ms   (%zu requests, %s)\n", "can-i-deploy (to production)", figures.can_i_deploy_median,
                figures.can_i_deploy_p99, can_i_deploy.milliseconds.size(), one_at_a_time.c_str());

    (void)run.run(10, 1, spread::by_request, pacts_for_verification_request);
    auto for_verification = run.run(300, 1, spread::by_request, pacts_for_verification_request);
    if (!run.failure.empty()) return report_failure();
    figures.for_verification_median = for_verification.at(0.5);
    figures.for_verification_p99 = for_verification.at(0.99);
    std::printf("%-44s median %7.2f ms   p99 %7.2f ms   (%zu requests, %s)\n", "pacts for verification (3 selectors, WIP)",
                figures.for_verification_median, figures.for_verification_p99, for_verification.milliseconds.size(), one_at_a_time.c_str());

    constexpr std::size_t publishes = 3'000;
    constexpr std::size_t publishing_clients = 64;
    const auto started = clock_type::now();
    auto published = run.run(publishes, publishing_clients, spread::by_client, publish_request);
    const double seconds = std::chrono::duration<double>(clock_type::now() - started).count();
    if (!run.failure.empty()) return report_failure();
    figures.publishes_per_second = static_cast<double>(published.milliseconds.size()) / seconds;
    const std::string clients = run.ports.size() == 1 ? text("%zu clients", publishing_clients)
                                                      : text("%zu clients over %zu brokers", publishing_clients, run.ports.size());
    std::printf("%-44s %7.0f publishes/s   median %7.2f ms   p99 %7.2f ms   (%zu publishes, %s)\n", "publish contracts (POST /contracts/publish)",
                figures.publishes_per_second, published.at(0.5), published.at(0.99), published.milliseconds.size(), clients.c_str());

    if (figures_file) {
        std::FILE* out = std::fopen(figures_file->c_str(), "w");
        if (out == nullptr) throw std::runtime_error("cannot write " + figures_file->string());
        std::fprintf(out, "%.2f %.2f %.2f %.2f %.0f\n", figures.can_i_deploy_median, figures.can_i_deploy_p99, figures.for_verification_median,
                     figures.for_verification_p99, figures.publishes_per_second);
        std::fclose(out);
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    const std::string usage = "usage: broker-http-benchmark seed [--large] DATABASE | load [--large] [--figures FILE] PORT...\n";
    const std::span<char*> arguments(argv + 1, static_cast<std::size_t>(std::max(argc - 1, 0)));
    if (arguments.empty()) {
        std::fputs(usage.c_str(), stderr);
        return 2;
    }
    const std::string_view command = arguments.front();
    history_size size = default_history;
    std::optional<std::filesystem::path> figures_file;
    std::vector<std::string_view> operands;
    for (std::size_t index = 1; index < arguments.size(); ++index) {
        const std::string_view argument = arguments[index];
        if (argument == "--large") size = large_history;
        else if (argument == "--figures" && command == "load" && index + 1 < arguments.size()) figures_file = arguments[++index];
        else operands.push_back(argument);
    }
    try {
        if (command == "seed" && operands.size() == 1) return seed(database_of(operands.front()), size);
        if (command == "load" && !operands.empty()) {
            std::vector<std::uint16_t> ports;
            for (const auto operand : operands) ports.push_back(static_cast<std::uint16_t>(std::stoi(std::string(operand))));
            return load(std::move(ports), size, figures_file);
        }
    } catch (const std::exception& error) {
        std::fprintf(stderr, "broker-http-benchmark: %s\n", error.what());
        return 1;
    }
    std::fputs(usage.c_str(), stderr);
    return 2;
}
