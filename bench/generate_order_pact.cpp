// Writes a V3 pact of N realistic order interactions and the provider's answers as static files, so that
// a benchmark can serve them from nginx and time a verifier on them.
//
//   generate-order-pact N OUTPUT_DIR
//     OUTPUT_DIR/pact.json           the pact (consumer payment-service, provider order-service)
//     OUTPUT_DIR/www/orders/<id>     the JSON body the provider answers for GET /orders/<id>

#include <nlohmann/json.hpp>

#include <charconv>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

namespace {

using nlohmann::json;

json order_body(int id) {
    json items = json::array();
    for (int item = 0; item < 5; ++item) {
        items.push_back({{"sku", "SKU-" + std::to_string(id * 10 + item)},
                         {"name", "Item " + std::to_string(item)},
                         {"quantity", 1 + item},
                         {"unit_price", 199 + 100 * item}});
    }
    return {{"id", id},
            {"customer_id", "customer-" + std::to_string(id % 97)},
            {"status", id % 2 == 0 ? "paid" : "pending"},
            {"currency", "EUR"},
            {"total_amount", 4995 + id},
            {"created_at", "2026-11-25T10:15:30"},
            {"shipping_address", {{"street", "1 Main Street"}, {"city", "Lyon"}, {"postcode", "69001"}}},
            {"items", items},
            {"gift", false},
            {"notes", "leave at the door"}};
}

json order_body_rules() {
    auto rule = [](json matcher) { return json{{"matchers", json::array({std::move(matcher)})}}; };
    return {{"$.id", rule({{"match", "integer"}})},
            {"$.customer_id", rule({{"match", "type"}})},
            {"$.status", rule({{"match", "regex"}, {"regex", "^(pending|paid|shipped)$"}})},
            {"$.total_amount", rule({{"match", "integer"}})},
            {"$.created_at", rule({{"match", "datetime"}, {"format", "yyyy-MM-dd'T'HH:mm:ss"}})},
            {"$.items", rule({{"match", "type"}, {"min", 5}})},
            {"$.items[*].quantity", rule({{"match", "integer"}})},
            {"$.items[*].unit_price", rule({{"match", "integer"}})},
            {"$.items[*].sku", rule({{"match", "regex"}, {"regex", "^SKU-\\d+$"}})}};
}

json interaction(int id) {
    return {{"description", "a request for order " + std::to_string(id)},
            {"request", {{"method", "GET"}, {"path", "/orders/" + std::to_string(id)},
                         {"headers", {{"Accept", "application/json"}}}}},
            {"response", {{"status", 200},
                          {"headers", {{"Content-Type", "application/json"}}},
                          {"body", order_body(id)},
                          {"matchingRules", {{"body", order_body_rules()}}}}}};
}

}  // namespace

int main(int argc, char** argv) {
    int count = 0;
    if (argc != 3 || std::from_chars(argv[1], argv[1] + std::char_traits<char>::length(argv[1]), count).ec != std::errc{} ||
        count <= 0) {
        std::cerr << "usage: generate-order-pact N OUTPUT_DIR\n";
        return 2;
    }
    const std::filesystem::path output = argv[2];
    std::filesystem::create_directories(output / "www" / "orders");

    json interactions = json::array();
    for (int id = 1; id <= count; ++id) {
        interactions.push_back(interaction(id));
        std::ofstream(output / "www" / "orders" / std::to_string(id)) << order_body(id).dump();
    }
    const json pact = {{"consumer", {{"name", "payment-service"}}},
                       {"provider", {{"name", "order-service"}}},
                       {"interactions", interactions},
                       {"metadata", {{"pactSpecification", {{"version", "3.0.0"}}}}}};
    std::ofstream(output / "pact.json") << pact.dump(2);
    return 0;
}
