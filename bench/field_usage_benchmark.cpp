// How long "who relies on this field" takes for a provider with many consumers: 50 consumers each publish a pact of
// 20 interactions (1,000 in all, each response with 12 fields) from the head of their main branch and another,
// different one from a version deployed to production, all through the publishing path that writes the field-usage
// index. Then GET /pacticipants/Provider/field-usage is answered through the broker's HTTP handler (the index read,
// the answer rendered as HAL+JSON), in the default scope, narrowed to a field, and to the environment.
//   build/bin/field-usage-benchmark [consumers] [interactions-per-pact] [database: a SQLite file or a postgres:// URL]

#include "broker/domain/broker_services.hpp"
#include "broker/api/broker_application.hpp"
#include "broker/api/resources.hpp"
#include "broker/store/store_factory.hpp"
#include "pact/base64.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace {

using namespace pact::broker;
using clock_type = std::chrono::steady_clock;

double milliseconds_since(clock_type::time_point start) { return std::chrono::duration<double, std::milli>(clock_type::now() - start).count(); }

// Median and worst of 15 runs, in milliseconds.
std::pair<double, double> measure(const std::function<void()>& run) {
    std::vector<double> times;
    for (int attempt = 0; attempt < 15; ++attempt) {
        const auto start = clock_type::now();
        run();
        times.push_back(milliseconds_since(start));
    }
    std::ranges::sort(times);
    return {times[times.size() / 2], times.back()};
}

// A pact of the consumer whose interactions each ask for one resource of the provider; `revision` changes a field
// name, so the main branch's pact and the deployed one are different content.
nlohmann::json consumer_pact(const std::string& consumer, int interactions, int revision) {
    auto list = nlohmann::json::array();
    for (int index = 0; index < interactions; ++index) {
        const std::string resource = "/resources-" + std::to_string(index % 40) + "/" + std::to_string(index);
        nlohmann::json body = {{"id", index},
                               {"name", "resource " + std::to_string(index)},
                               {"amount_" + std::to_string(revision), 1250},
                               {"currency", "EUR"},
                               {"customer", {{"id", 7}, {"email", "a@example.com"}, {"address", {{"city", "Lyon"}, {"zip", "69001"}}}}},
                               {"items", {{{"sku", "A-1"}, {"quantity", 2}, {"price", 10.5}}}}};
        list.push_back({{"description", consumer + " asks for resource " + std::to_string(index)},
                        {"providerStates", {{{"name", "resource exists"}, {"params", {{"id", index}}}}}},
                        {"request", {{"method", "GET"}, {"path", resource},
                                     {"generators", {{"path", {{"type", "ProviderState"}, {"expression", "/resources-" + std::to_string(index % 40) + "/${id}"}}}}}}},
                        {"response", {{"status", 200}, {"headers", {{"Content-Type", "application/json"}}}, {"body", body},
                                      {"matchingRules", {{"body", {{"$.id", {{"matchers", {{{"match", "integer"}}}}}},
                                                                   {"$.items", {{"matchers", {{{"match", "type"}, {"min", 1}}}}}},
                                                                   {"$.customer.email", {{"matchers", {{{"match", "regex"}, {"regex", ".+@.+"}}}}}}}}}}}}});
    }
    return {{"consumer", {{"name", consumer}}}, {"provider", {{"name", "Provider"}}}, {"interactions", list},
            {"metadata", {{"pactSpecification", {{"version", "3.0.0"}}}}}};
}

void publish(domain::broker_services& services, const std::string& consumer, const std::string& version, const nlohmann::json& pact) {
    domain::publish_contracts_request request{consumer, version, std::string("main"), {}, std::nullopt, {}};
    const auto text = pact.dump();
    request.contracts.push_back({consumer, "Provider", "pact", "application/json", pact::base64_encode(text)});
    if (auto published = services.publications.publish_contracts(request); !published) {
        std::fprintf(stderr, "publishing failed: %s\n", published.error().message.c_str());
        std::exit(1);
    }
}

}  // namespace

int main(int argc, char** argv) {
    const int consumers = argc > 1 ? std::stoi(argv[1]) : 50;
    const int interactions = argc > 2 ? std::stoi(argv[2]) : 20;
    const std::string location = argc > 3 ? argv[3] : (std::filesystem::temp_directory_path() / "field-usage-benchmark.sqlite").string();
    store::store_options options;
    if (location.find("://") != std::string::npos) {
        options.database = store::parse_database_url(location);
    } else {
        for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(location + suffix);
        options.database = {.kind = store::database_kind::sqlite, .sqlite_file = location};
    }
    auto store = store::open_store(options);
    domain::broker_services services(*store, domain::broker_config{});

    const auto seed_start = clock_type::now();
    auto production = services.environments.create_environment({"production"});
    if (!production) return 1;
    for (int index = 0; index < consumers; ++index) {
        const std::string consumer = "consumer-" + std::to_string(index);
        publish(services, consumer, "1.0.0", consumer_pact(consumer, interactions, 1));
        if (!services.environments.record_deployment(consumer, "1.0.0", production->uuid, std::nullopt)) return 1;
        publish(services, consumer, "1.1.0", consumer_pact(consumer, interactions, 2));
    }
    std::printf("published %d consumers x 2 pacts of %d interactions (%d interactions per scope) in %.1f s (%s)\n", consumers, interactions,
                2 * consumers * interactions, milliseconds_since(seed_start) / 1000, store->description().c_str());

    const api::broker_application application(api::broker_routes(services), {{"http://broker"}, 1024 * 1024});
    const auto ask = [&](const std::string& target) {
        std::size_t bytes = 0;
        const auto times = measure([&] {
            pact::http::request request{boost::beast::http::verb::get, target, 11};
            request.set(boost::beast::http::field::host, "broker");
            const auto response = application.handle(request);
            if (response.result_int() != 200) {
                std::fprintf(stderr, "%s answered %u\n", target.c_str(), response.result_int());
                std::exit(1);
            }
            bytes = response.body().size();
        });
        std::printf("%-75s median %7.2f ms, worst %7.2f ms (%zu bytes)\n", target.c_str(), times.first, times.second, bytes);
    };
    std::size_t fields = 0, relying = 0;
    const auto domain_times = measure([&] {
        const auto report = services.field_usages.field_usages("Provider", {});
        fields = report->fields.size();
        relying = 0;
        for (const auto& field : report->fields) relying += field.versions.size();
    });
    std::printf("%zu fields, relied on %zu times in all\n", fields, relying);
    std::printf("%-75s median %7.2f ms, worst %7.2f ms\n", "the domain's answer alone, default scope", domain_times.first, domain_times.second);
    ask("/pacticipants/Provider/field-usage");
    ask("/pacticipants/Provider/field-usage?field=%24.customer");
    ask("/pacticipants/Provider/field-usage?environment=production");
    ask("/pacticipants/Provider/field-usage?field=%24.amount_2&branch=main");
    return 0;
}
