// The matching engine alone: matches per second on a ~1 MB JSON response body with rules, and on the
// specification's own cases (read from shared/pact-spec).
//   matching-benchmark [PACT_SPEC_DIR]

#include "pact/matching.hpp"
#include "pact/pact_reader.hpp"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

namespace {

using nlohmann::json;
using clock_type = std::chrono::steady_clock;

// Runs the body until at least `minimum` has passed; returns calls per second.
template <typename Body>
double calls_per_second(Body&& body, std::chrono::milliseconds minimum = std::chrono::milliseconds(2000)) {
    std::size_t calls = 0;
    const auto start = clock_type::now();
    auto elapsed = clock_type::duration{};
    do {
        body();
        ++calls;
        elapsed = clock_type::now() - start;
    } while (elapsed < minimum);
    return static_cast<double>(calls) / std::chrono::duration<double>(elapsed).count();
}

json large_order_list(int orders) {
    json list = json::array();
    for (int id = 0; id < orders; ++id) {
        json items = json::array();
        for (int item = 0; item < 5; ++item) {
            items.push_back({{"sku", "SKU-" + std::to_string(item)}, {"quantity", item + 1}, {"unit_price", 250}});
        }
        list.push_back({{"id", id}, {"status", "paid"}, {"total_amount", 1250}, {"created_at", "2026-11-25T10:15:30"},
                        {"items", items}});
    }
    return json{{"orders", list}};
}

pact::http_response response_with_body(const json& body, const json& rules, pact::specification_version version) {
    json response = {{"status", 200}, {"headers", {{"Content-Type", "application/json"}}}, {"body", body}};
    if (!rules.is_null()) response["matchingRules"] = rules;
    auto parsed = pact::read_response(response, version);
    if (!parsed) throw std::runtime_error(parsed.error().to_string());
    return *parsed;
}

void benchmark_large_body() {
    const json actual_body = large_order_list(3300);
    const json expected_body = large_order_list(1);
    auto rule = [](json matcher) { return json{{"matchers", json::array({std::move(matcher)})}}; };
    const json rules = {{"body",
                         {{"$.orders", rule({{"match", "type"}, {"min", 1}})},
                          {"$.orders[*].id", rule({{"match", "integer"}})},
                          {"$.orders[*].status", rule({{"match", "regex"}, {"regex", "^(pending|paid)$"}})},
                          {"$.orders[*].created_at", rule({{"match", "datetime"}, {"format", "yyyy-MM-dd'T'HH:mm:ss"}})},
                          {"$.orders[*].items[*].quantity", rule({{"match", "integer"}})}}}};
    const auto expected = response_with_body(expected_body, rules, pact::specification_version::v3);
    const auto actual = response_with_body(actual_body, nullptr, pact::specification_version::v3);
    std::cout << "1 MB body: " << actual.body.content.size() / 1024 << " KiB, "
              << actual_body["orders"].size() << " orders\n";
    if (const auto mismatches = pact::match_response(expected, actual); !mismatches.empty()) {
        throw std::runtime_error("the large body should match: " + mismatches.front().message);
    }
    const double rate = calls_per_second([&] { (void)pact::match_response(expected, actual); });
    std::cout << "  matches per second: " << rate << " (" << rate * actual.body.content.size() / 1e6 << " MB/s)\n";
}

void benchmark_specification_cases(const std::filesystem::path& directory) {
    struct loaded_case {
        std::string kind;
        pact::http_request expected_request, actual_request;
        pact::http_response expected_response, actual_response;
    };
    std::vector<loaded_case> cases;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(directory)) {
        const auto path = entry.path().generic_string();
        if (entry.path().extension() != ".json" || path.find("/message/") != std::string::npos) continue;
        std::ifstream stream(entry.path());
        std::string text((std::istreambuf_iterator<char>(stream)), {});
        if (text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);
        const json document = json::parse(text);
        const auto version_name = std::filesystem::relative(entry.path(), directory).begin()->string();
        const auto version = version_name == "v1"     ? pact::specification_version::v1
                             : version_name == "v1.1" ? pact::specification_version::v1_1
                             : version_name == "v2"   ? pact::specification_version::v2
                             : version_name == "v3"   ? pact::specification_version::v3
                                                      : pact::specification_version::v4;
        loaded_case loaded;
        if (path.find("/request/") != std::string::npos) {
            auto expected = pact::read_request(document["expected"], version);
            auto actual = pact::read_request(document["actual"], version);
            if (!expected || !actual) continue;
            loaded = {"request", *expected, *actual, {}, {}};
        } else {
            auto expected = pact::read_response(document["expected"], version);
            auto actual = pact::read_response(document["actual"], version);
            if (!expected || !actual) continue;
            loaded = {"response", {}, {}, *expected, *actual};
        }
        cases.push_back(std::move(loaded));
    }
    const double rate = calls_per_second([&] {
        for (const auto& each : cases) {
            if (each.kind == "request") (void)pact::match_request(each.expected_request, each.actual_request);
            else (void)pact::match_response(each.expected_response, each.actual_response);
        }
    });
    std::cout << "specification cases (" << cases.size() << " HTTP cases): " << rate * cases.size()
              << " matches per second\n";
}

}  // namespace

int main(int argc, char** argv) try {
    benchmark_large_body();
    const std::filesystem::path specification = argc > 1 ? argv[1] : PACT_SPEC_DIR;
    benchmark_specification_cases(specification);
    return 0;
} catch (const std::exception& error) {
    std::cerr << "matching-benchmark: " << error.what() << '\n';
    return 1;
}
