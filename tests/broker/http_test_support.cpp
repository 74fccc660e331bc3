#include "http_test_support.hpp"

#include "broker/html/html_site.hpp"

#include <doctest/doctest.h>

#include <boost/beast/http/field.hpp>
#include <boost/beast/http/verb.hpp>

#include <atomic>
#include <random>

namespace pact::broker::api::testing {

bool is_hal_json(const answer& answer) {
    return answer.content_type == "application/hal+json;charset=utf-8" && answer.body.is_object();
}

void check_client_error(const answer& answer, unsigned status) {
    CHECK(answer.status == status);
    CHECK(answer.body.is_object());
    CHECK(answer.body.contains("errors"));
}

std::filesystem::path make_temporary_directory(std::string_view prefix) {
    static std::atomic<unsigned> counter{0};
    std::random_device random;
    auto directory = std::filesystem::temp_directory_path() /
                     (std::string(prefix) + "-" + std::to_string(random()) + "-" + std::to_string(counter++));
    std::filesystem::create_directories(directory);
    return directory;
}

broker_under_test::broker_under_test(application_options options) : directory_(make_temporary_directory("broker-http-test")) {
    database_ = std::make_unique<broker::testing::test_database>(directory_ / "broker.sqlite");
    store_ = database_->open();
    services_ = std::make_unique<domain::broker_services>(*store_, domain::broker_config{});
    application_ = std::make_unique<broker_application>(html::site_routes(*services_), std::move(options));
}

broker_under_test::~broker_under_test() {
    application_.reset();
    services_.reset();
    store_.reset();
    database_.reset();
    std::error_code ignored;
    std::filesystem::remove_all(directory_, ignored);
}

answer broker_under_test::send(std::string method, std::string target, std::string body, std::string content_type) {
    pact::http::request request{boost::beast::http::string_to_verb(method), target, 11};
    request.method_string(method);
    request.set(boost::beast::http::field::host, "broker.test");
    request.insert(boost::beast::http::field::accept, "application/hal+json");
    request.insert(boost::beast::http::field::accept, "application/json");
    if (!body.empty()) request.set(boost::beast::http::field::content_type, content_type);
    request.body() = std::move(body);
    request.prepare_payload();

    auto response = application_->handle(request);
    answer result;
    result.status = response.result_int();
    result.content_type = std::string(response[boost::beast::http::field::content_type]);
    result.allow = std::string(response[boost::beast::http::field::allow]);
    result.body = nlohmann::json::parse(response.body(), nullptr, false);
    if (result.body.is_discarded()) result.body = nullptr;
    return result;
}

answer broker_under_test::publish(const std::string& consumer, const std::string& version, const std::string& provider,
                                  const std::string& description, const std::vector<std::string>& tags, const std::string& branch) {
    return post("/contracts/publish", publish_body(consumer, version, provider, description, tags, branch));
}

std::string base64(std::string_view bytes) {
    static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string encoded;
    std::size_t i = 0;
    for (; i + 2 < bytes.size(); i += 3) {
        unsigned value = (static_cast<unsigned char>(bytes[i]) << 16) | (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                         static_cast<unsigned char>(bytes[i + 2]);
        for (int shift : {18, 12, 6, 0}) encoded += alphabet[(value >> shift) & 63];
    }
    if (i + 1 == bytes.size()) {
        unsigned value = static_cast<unsigned char>(bytes[i]) << 16;
        encoded += alphabet[(value >> 18) & 63];
        encoded += alphabet[(value >> 12) & 63];
        encoded += "==";
    } else if (i + 2 == bytes.size()) {
        unsigned value = (static_cast<unsigned char>(bytes[i]) << 16) | (static_cast<unsigned char>(bytes[i + 1]) << 8);
        encoded += alphabet[(value >> 18) & 63];
        encoded += alphabet[(value >> 12) & 63];
        encoded += alphabet[(value >> 6) & 63];
        encoded += '=';
    }
    return encoded;
}

nlohmann::json example_pact(const std::string& consumer, const std::string& provider, const std::string& description) {
    return {
        {"consumer", {{"name", consumer}}},
        {"provider", {{"name", provider}}},
        {"interactions",
         {{{"description", description},
           {"providerState", "order 1 exists"},
           {"request", {{"method", "GET"}, {"path", "/orders/1"}}},
           {"response", {{"status", 200}, {"headers", {{"Content-Type", "application/json"}}}, {"body", {{"id", 1}}}}}}}},
        {"metadata", {{"pactSpecification", {{"version", "2.0.0"}}}}},
    };
}

nlohmann::json publish_body(const std::string& consumer, const std::string& version, const std::string& provider,
                            const std::string& description, const std::vector<std::string>& tags, const std::string& branch) {
    nlohmann::json body = {
        {"pacticipantName", consumer},
        {"pacticipantVersionNumber", version},
        {"tags", tags},
        {"contracts",
         {{{"consumerName", consumer},
           {"providerName", provider},
           {"specification", "pact"},
           {"contentType", "application/json"},
           {"content", base64(example_pact(consumer, provider, description).dump())},
           {"onConflict", "overwrite"}}}},
    };
    if (!branch.empty()) body["branch"] = branch;
    return body;
}

}  // namespace pact::broker::api::testing
