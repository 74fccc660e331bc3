// The HTTP layer's own parts, without a store: routing, paths, queries, hrefs, bodies, problems.

#include "broker/api/json_body.hpp"
#include "broker/api/problem.hpp"
#include "broker/api/resource_urls.hpp"
#include "broker/api/route_table.hpp"

#include <doctest/doctest.h>

using namespace pact::broker::api;

namespace {

resource_function answering(std::string name) {
    return [name](const resource_request&) { return resource_response{200, {{"route", name}}}; };
}

std::string route_name(const route_match& match) {
    REQUIRE(match.matched != nullptr);
    return match.matched->function(resource_request{}).body.at("route").get<std::string>();
}

route_table example_routes() {
    route_table routes;
    routes.add("GET", "/pacticipants/{pacticipant}/versions/{version+}", answering("version"));
    routes.add("PUT", "/pacticipants/{pacticipant}/versions/{version+}/tags/{tag}", answering("tag"));
    routes.add("GET", "/pacticipants/{pacticipant}/versions/{version+}/tags/{tag}", answering("get tag"));
    routes.add("GET", "/pacticipants/{pacticipant}/latest-version", answering("latest"));
    routes.add("PUT", "/pacticipants/{pacticipant}/branches/{branch+}/versions/{version+}", answering("branch version"));
    routes.add("GET", "/pacticipants/{pacticipant}/branches/{branch+}", answering("branch"));
    routes.add("GET", "/pacticipants/{pacticipant}/branches/{branch+}/versions", answering("branch versions"));
    return routes;
}

}  // namespace

TEST_CASE("path segments are percent-decoded and a plus sign stays a plus sign") {
    CHECK(split_path("/pacticipants/My%20App/versions/1.0.0+build") ==
          std::vector<std::string>{"pacticipants", "My App", "versions", "1.0.0+build"});
    CHECK(split_path("/pacticipants/feat%2Fx/") == std::vector<std::string>{"pacticipants", "feat/x"});
    CHECK(split_path("/pacticipants/Caf%C3%A9").at(1) == "Café");
    CHECK(split_path("/").empty());
}

TEST_CASE("a route's parameters are the decoded segments") {
    auto routes = example_routes();
    auto match = routes.match("GET", split_path("/pacticipants/My%20App/versions/1.0.0%2Bbuild%2F7"));
    CHECK(route_name(match) == "version");
    CHECK(match.parameters.at("pacticipant") == "My App");
    CHECK(match.parameters.at("version") == "1.0.0+build/7");
}

TEST_CASE("a version sent with a raw slash still reaches the version and tag routes") {
    auto routes = example_routes();
    auto version = routes.match("GET", split_path("/pacticipants/My%20App/versions/1.0.0+build/7"));
    CHECK(route_name(version) == "version");
    CHECK(version.parameters.at("version") == "1.0.0+build/7");

    auto tag = routes.match("PUT", split_path("/pacticipants/My%20App/versions/1.0.0+build/7/tags/prod"));
    CHECK(route_name(tag) == "tag");
    CHECK(tag.parameters.at("version") == "1.0.0+build/7");
    CHECK(tag.parameters.at("tag") == "prod");

    auto get_tag = routes.match("GET", split_path("/pacticipants/App/versions/1/tags/prod"));
    CHECK(route_name(get_tag) == "get tag");
}

TEST_CASE("a branch sent with a raw slash ends where the next literal segment starts") {
    auto routes = example_routes();
    auto put = routes.match("PUT", split_path("/pacticipants/Consumer/branches/feat/x/versions/1.0.1"));
    CHECK(route_name(put) == "branch version");
    CHECK(put.parameters.at("branch") == "feat/x");
    CHECK(put.parameters.at("version") == "1.0.1");
    auto versions = routes.match("GET", split_path("/pacticipants/Consumer/branches/feat/x/versions"));
    CHECK(route_name(versions) == "branch versions");
    CHECK(versions.parameters.at("branch") == "feat/x");
    CHECK(route_name(routes.match("GET", split_path("/pacticipants/Consumer/branches/feat/x"))) == "branch");
}

TEST_CASE("a known path with another method lists the allowed methods, an unknown path matches nothing") {
    auto routes = example_routes();
    auto wrong_method = routes.match("DELETE", split_path("/pacticipants/App/versions/1/tags/prod"));
    CHECK(wrong_method.matched == nullptr);
    CHECK(wrong_method.allowed_methods == "PUT, GET");

    auto unknown = routes.match("GET", split_path("/nothing/here"));
    CHECK(unknown.matched == nullptr);
    CHECK(unknown.allowed_methods.empty());
}

TEST_CASE("query values are decoded with plus as space and kept in order") {
    auto query = query_parameters::parse("q[][pacticipant]=My%20App&q[][version]=1.0.0%2Bbuild&environment=pre+prod&q[][pacticipant]=B");
    CHECK(query.all("q[][pacticipant]") == std::vector<std::string>{"My App", "B"});
    CHECK(query.first("q[][version]") == "1.0.0+build");
    CHECK(query.first("environment") == "pre prod");
    CHECK_FALSE(query.first("latest").has_value());
}

TEST_CASE("hrefs are absolute and encode each name as one segment") {
    resource_urls urls("http://127.0.0.1:9292/");
    CHECK(urls.base() == "http://127.0.0.1:9292");
    CHECK(urls.version("My App", "1.0.0+build/7") == "http://127.0.0.1:9292/pacticipants/My%20App/versions/1.0.0%2Bbuild%2F7");
    CHECK(urls.pact("Provider", "Consumer", "1") == "http://127.0.0.1:9292/pacts/provider/Provider/consumer/Consumer/version/1");
    CHECK(urls.templated("/pacticipants/{pacticipant}") == "http://127.0.0.1:9292/pacticipants/{pacticipant}");
}

TEST_CASE("a body that is not a JSON object is a 400 naming the problem") {
    resource_request request;
    request.body = "{\"name\": ";
    try {
        static_cast<void>(json_body::parse(request));
        FAIL("no problem thrown");
    } catch (const request_problem& problem) {
        CHECK(problem.status() == 400);
        CHECK(problem.body().at("errors").contains("body"));
    }
    request.body = "[1, 2]";
    CHECK_THROWS_AS(static_cast<void>(json_body::parse(request)), request_problem);
    request.body = "";
    CHECK(json_body::parse(request).json() == nlohmann::json::object());
}

TEST_CASE("a member of the wrong type or a blank required member names the member") {
    json_body body({{"name", 5}, {"blank", ""}, {"flag", "yes"}});
    auto field_of = [](auto read) {
        try {
            read();
        } catch (const request_problem& problem) {
            CHECK(problem.status() == 400);
            return problem.errors().begin().key();
        }
        return std::string("none");
    };
    CHECK(field_of([&] { static_cast<void>(body.optional_string("name")); }) == "name");
    CHECK(field_of([&] { static_cast<void>(body.required_string("blank")); }) == "blank");
    CHECK(field_of([&] { static_cast<void>(body.required_string("missing")); }) == "missing");
    CHECK(field_of([&] { static_cast<void>(body.optional_boolean("flag")); }) == "flag");
    CHECK_FALSE(body.optional_string("missing").has_value());
}
