#include "broker_fixture.hpp"

#include "broker/html/html_site.hpp"
#include "broker/api/broker_application.hpp"
#include "http/url.hpp"

#include <doctest/doctest.h>

namespace pact::broker::testing {

nlohmann::json make_pact(const std::string& consumer, const std::string& provider, const std::vector<std::string>& descriptions) {
    nlohmann::json interactions = nlohmann::json::array();
    for (const auto& description : descriptions)
        interactions.push_back({{"description", description},
                                {"request", {{"method", "GET"}, {"path", "/" + description}}},
                                {"response", {{"status", 200}}}});
    return {{"consumer", {{"name", consumer}}},
            {"provider", {{"name", provider}}},
            {"interactions", interactions},
            {"metadata", {{"pactSpecification", {{"version", "2.0.0"}}}}}};
}

std::string base64(const std::string& bytes) {
    static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string encoded;
    unsigned buffer = 0;
    int bits = 0;
    for (unsigned char c : bytes) {
        buffer = (buffer << 8) | c;
        bits += 8;
        while (bits >= 6) {
            bits -= 6;
            encoded += alphabet[(buffer >> bits) & 0x3F];
        }
    }
    if (bits > 0) encoded += alphabet[(buffer << (6 - bits)) & 0x3F];
    while (encoded.size() % 4) encoded += '=';
    return encoded;
}

domain::publish_contracts_result publish(domain::broker_services& services, const std::string& consumer, const std::string& version,
                                         const std::string& provider, const nlohmann::json& pact, std::optional<std::string> branch,
                                         std::vector<std::string> tags) {
    domain::publish_contracts_request request{consumer, version, std::move(branch), std::move(tags), std::nullopt,
                                              {{consumer, provider, "pact", "application/json", base64(pact.dump()), domain::on_conflict::overwrite}}};
    auto published = services.publications.publish_contracts(request);
    REQUIRE_MESSAGE(published.has_value(), (published ? std::string() : published.error().message));
    return *published;
}

void verify(broker_fixture& broker, const domain::pact_publication& pact, const std::string& provider_version, bool success,
            std::optional<std::string> branch, std::vector<std::string> tags) {
    domain::verification_to_publish result{provider_version, success, std::nullopt, nlohmann::json::array(), nlohmann::json::object(),
                                           std::move(branch), std::move(tags)};
    REQUIRE(broker.services.verifications.publish_verification(pact.provider_name, pact.consumer_name, pact.pact_version_sha, result).has_value());
}

api::page site_answer(domain::broker_services& services, const std::vector<std::string>& segments,
                       const std::vector<std::pair<std::string, std::string>>& query, bool as_browser) {
    std::string target;
    for (const auto& segment : segments) target += "/" + pact::http::percent_encode_component(segment);
    if (target.empty()) target = "/";
    char separator = '?';
    for (const auto& [name, value] : query) {
        target += separator + pact::http::percent_encode_component(name) + "=" + pact::http::percent_encode_component(value);
        separator = '&';
    }
    const api::broker_application application(html::site_routes(services), {.base_urls = {"http://broker.test"}});
    pact::http::request request{boost::beast::http::verb::get, target, 11};
    request.set(boost::beast::http::field::host, "broker.test");
    request.set(boost::beast::http::field::accept, as_browser ? "text/html,application/xhtml+xml,*/*;q=0.8" : "application/hal+json");
    auto response = application.handle(request);
    return api::page{response.result_int(), std::string(response[boost::beast::http::field::content_type]), std::move(response.body())};
}

std::optional<api::page> show_page(domain::broker_services& services, const std::vector<std::string>& segments,
                                    const std::vector<std::pair<std::string, std::string>>& query, bool as_browser) {
    auto answer = site_answer(services, segments, query, as_browser);
    if (answer.content_type.find("json") != std::string::npos) return std::nullopt;
    return answer;
}

}  // namespace pact::broker::testing
