// Content negotiation over the broker's one route table: browsers get pages and the HAL browser, API clients get the
// API's answer untouched.

#include "broker_fixture.hpp"
#include "browse_test_data.hpp"
#include "broker/html/hal_browser.hpp"
#include "broker/html/html_site.hpp"
#include "broker/api/broker_application.hpp"
#include "http/server.hpp"

#include <doctest/doctest.h>

using namespace pact::broker;
using namespace pact::broker::testing;
namespace beast_http = boost::beast::http;

namespace {

pact::http::request get(std::string target, std::string accept) {
    pact::http::request request{beast_http::verb::get, target, 11};
    request.set(beast_http::field::host, "broker.test:9292");
    if (!accept.empty()) request.set(beast_http::field::accept, accept);
    return request;
}

// The broker as pact-broker serves it: the routes with their pages, the HAL browser for browsers.
struct browsable_broker : broker_fixture {
    explicit browsable_broker(std::vector<std::string> base_urls = {})
        : application(html::site_routes(services), {.base_urls = std::move(base_urls), .browser_view = html::render_hal_browser_page}) {
        publish(services, "payment-service", "1.0.0", "order-service", read_test_pact("order-pact-1.0.0.json"), "main");
    }
    api::broker_application application;
};

}  // namespace

TEST_CASE("a browser opening an API URL sees its JSON in the HAL browser") {
    browsable_broker broker;
    auto response = broker.application.handle(get("/pacticipants/order-service", browser_accept));
    CHECK(response.result_int() == 200);
    CHECK(response[beast_http::field::content_type] == "text/html;charset=utf-8");
    CHECK(response[pact::http::route_field] == "/pacticipants/{pacticipant}");  // the API's other header lines are kept
    CHECK(response.body().find("<a href=\"http://broker.test:9292/pacticipants/order-service\">") != std::string::npos);
    CHECK(response.body().find("&quot;order-service&quot;") != std::string::npos);
}

TEST_CASE("an API client gets the API's answer unchanged") {
    browsable_broker broker;
    for (const auto* accept : {"application/hal+json", "application/json", ""}) {
        auto response = broker.application.handle(get("/", accept));
        CHECK(response[beast_http::field::content_type] == "application/hal+json;charset=utf-8");
        CHECK(nlohmann::json::parse(response.body())["_links"].contains("pb:latest-pact-versions"));
    }
}

TEST_CASE("several Accept lines count as one list, in order") {
    browsable_broker broker;
    auto request = get("/", "application/hal+json");
    request.insert(beast_http::field::accept, "text/html");
    CHECK(broker.application.handle(request)[beast_http::field::content_type] == "application/hal+json;charset=utf-8");
    auto browser = get("/", "text/html");
    browser.insert(beast_http::field::accept, "application/json");
    CHECK(broker.application.handle(browser)[beast_http::field::content_type] == "text/html;charset=utf-8");
}

TEST_CASE("a browser opening the root sees the index page with links under the configured base URL") {
    browsable_broker broker({"https://pacts.example/broker"});
    auto response = broker.application.handle(get("/", browser_accept));
    CHECK(response[beast_http::field::content_type] == "text/html;charset=utf-8");
    CHECK(response.body().find("<h1>Integrations</h1>") != std::string::npos);
    CHECK(response.body().find("href=\"https://pacts.example/broker/integrations/graph\"") != std::string::npos);
}

TEST_CASE("badges are served to any client, and writes always reach the API") {
    browsable_broker broker;
    auto badge = broker.application.handle(get("/pacts/provider/order-service/consumer/payment-service/latest/badge", ""));
    CHECK(badge[beast_http::field::content_type] == "image/svg+xml;charset=utf-8");
    pact::http::request post{beast_http::verb::post, "/", 11};
    post.set(beast_http::field::accept, browser_accept);
    const auto answer = broker.application.handle(post);
    CHECK(answer.result_int() == 405);
    CHECK(answer[beast_http::field::content_type] == "application/hal+json;charset=utf-8");
}

TEST_CASE("a page-only path is no resource for an API client") {
    browsable_broker broker;
    CHECK(broker.application.handle(get("/integrations/graph", browser_accept)).result_int() == 200);
    const auto api = broker.application.handle(get("/integrations/graph", "application/hal+json"));
    CHECK(api.result_int() == 404);
    CHECK(nlohmann::json::parse(api.body()).contains("errors"));
}
