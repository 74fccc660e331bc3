// The browsable front: browsers get pages and the HAL browser, API clients get the API's answer untouched.

#include "broker_fixture.hpp"
#include "browse_test_data.hpp"
#include "broker/html/browsable_front.hpp"
#include "http/server.hpp"

#include <doctest/doctest.h>

using namespace pact::broker;
using namespace pact::broker::html;
using namespace pact::broker::testing;
namespace beast_http = boost::beast::http;

namespace {

pact::http::request get(std::string target, std::string accept) {
    pact::http::request request{beast_http::verb::get, target, 11};
    request.set(beast_http::field::host, "broker.test:9292");
    if (!accept.empty()) request.set(beast_http::field::accept, accept);
    return request;
}

// Stands in for the JSON API: every resource is a pacticipant with a self link.
pact::http::response fake_api(const pact::http::request& request) {
    nlohmann::json body = {{"name", "<order-service>"}, {"_links", {{"self", {{"href", "http://broker.test:9292" + std::string(request.target())}}}}}};
    auto response = pact::http::make_response(request, 200, "application/hal+json;charset=utf-8", body.dump());
    response.set("X-Api", "yes");
    return response;
}

}  // namespace

TEST_CASE("a browser opening an API URL sees its JSON in the HAL browser") {
    broker_fixture broker;
    browsable_front front(broker.services, fake_api, {});
    auto response = front.handle(get("/pacticipants/order-service", browser_accept));
    CHECK(response.result_int() == 200);
    CHECK(response[beast_http::field::content_type] == "text/html;charset=utf-8");
    CHECK(response["X-Api"] == "yes");
    CHECK(response.body().find("<a href=\"http://broker.test:9292/pacticipants/order-service\">") != std::string::npos);
    CHECK(response.body().find("&lt;order-service&gt;") != std::string::npos);
}

TEST_CASE("an API client gets the API's answer unchanged") {
    broker_fixture broker;
    browsable_front front(broker.services, fake_api, {});
    for (const auto* accept : {"application/hal+json", "application/json", ""}) {
        auto response = front.handle(get("/", accept));
        CHECK(response[beast_http::field::content_type] == "application/hal+json;charset=utf-8");
        CHECK(nlohmann::json::parse(response.body())["name"] == "<order-service>");
    }
}

TEST_CASE("several Accept lines count as one list, in order") {
    broker_fixture broker;
    browsable_front front(broker.services, fake_api, {});
    auto request = get("/", "application/hal+json");
    request.insert(beast_http::field::accept, "text/html");
    CHECK(front.handle(request)[beast_http::field::content_type] == "application/hal+json;charset=utf-8");
    auto browser = get("/", "text/html");
    browser.insert(beast_http::field::accept, "application/json");
    CHECK(front.handle(browser)[beast_http::field::content_type] == "text/html;charset=utf-8");
}

TEST_CASE("a browser opening the root sees the index page with links under the configured base URL") {
    broker_fixture broker;
    browsable_front front(broker.services, fake_api, {"https://pacts.example/broker"});
    auto response = front.handle(get("/", browser_accept));
    CHECK(response[beast_http::field::content_type] == "text/html;charset=utf-8");
    CHECK(response.body().find("<h1>Integrations</h1>") != std::string::npos);
    CHECK(response.body().find("href=\"https://pacts.example/broker/integrations/graph\"") != std::string::npos);
}

TEST_CASE("badges are served to any client, and writes always reach the API") {
    broker_fixture broker;
    browsable_front front(broker.services, fake_api, {});
    auto badge = front.handle(get("/pacts/provider/order-service/consumer/payment-service/latest/badge", ""));
    CHECK(badge[beast_http::field::content_type] == "image/svg+xml;charset=utf-8");
    pact::http::request post{beast_http::verb::post, "/", 11};
    post.set(beast_http::field::accept, browser_accept);
    CHECK(front.handle(post)["X-Api"] == "yes");
}
