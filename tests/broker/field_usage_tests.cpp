// Who relies on a provider's fields: the places read from pacts (with their rules and generalised paths), the
// index written at publish and for pacts stored before it, the domain's scopes, the HTTP resource and page, and
// `pact broker field-usage` against the real pact-broker.

#include "broker_fixture.hpp"
#include "broker_process.hpp"
#include "http_test_support.hpp"

#include "broker/domain/field_places.hpp"
#include "broker/domain/field_usage_service.hpp"
#include "pact/pact_reader.hpp"
#include "support/files.hpp"
#include "support/process.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

using namespace pact::broker;
using nlohmann::json;

namespace {

// payment-service relies on $.total_amount (an integer) of GET /orders/{id} (its path from a provider state),
// on the items (an array of at least one, each like the first) and on the Content-Type (a regex).
json payment_pact(bool with_total_amount = true) {
    json body = {{"id", 1}, {"items", {{{"sku", "A-1"}, {"quantity", 2}}}}};
    body[with_total_amount ? "total_amount" : "total_cents"] = 1250;
    return json::parse(R"({
      "consumer": {"name": "payment-service"}, "provider": {"name": "order-service"},
      "interactions": [{
        "description": "a request for an order",
        "providerStates": [{"name": "an order exists", "params": {"id": 1}}],
        "request": {"method": "GET", "path": "/orders/1",
                    "generators": {"path": {"type": "ProviderState", "expression": "/orders/${id}"}}},
        "response": {"status": 200, "headers": {"Content-Type": "application/json"},
          "matchingRules": {
            "header": {"Content-Type": {"matchers": [{"match": "regex", "regex": "application/json.*"}]}},
            "body": {"$.total_amount": {"matchers": [{"match": "integer"}]}, "$.total_cents": {"matchers": [{"match": "integer"}]},
                     "$.items": {"matchers": [{"match": "type", "min": 1}]}}}}
      }],
      "metadata": {"pactSpecification": {"version": "3.0.0"}}
    })")
        .patch(json::array({{{"op", "add"}, {"path", "/interactions/0/response/body"}, {"value", body}}}));
}

// shipping-service relies on other fields of the same request: a v2 pact matching the path by a regex.
json shipping_pact() {
    return json::parse(R"({
      "consumer": {"name": "shipping-service"}, "provider": {"name": "order-service"},
      "interactions": [{
        "description": "a request for order 2",
        "request": {"method": "get", "path": "/orders/2", "matchingRules": {"$.path": {"match": "regex", "regex": "^/orders/\\d+$"}}},
        "response": {"status": 200, "body": {"id": 2, "state": "shipped"},
                     "matchingRules": {"$.body.state": {"match": "regex", "regex": "shipped|pending"}}}
      }],
      "metadata": {"pactSpecification": {"version": "2.0.0"}}
    })");
}

std::vector<std::string> places_text(const std::vector<store::field_usage_record>& places) {
    std::vector<std::string> texts;
    for (const auto& place : places) texts.push_back(place.method.value_or("-") + " " + place.target + " " + place.field + " = " + place.rule);
    return texts;
}

using texts = std::vector<std::string>;

// "payment-service 1.0.0 (main; production)" for each consumer version relying on a field.
texts relying_text(const domain::field_usage_report& report, const domain::field_usage& usage) {
    texts lines;
    for (const auto position : usage.versions) {
        const auto& version = report.versions.at(position);
        std::string line = version.consumer + " " + version.number + " (" + version.branch.value_or("");
        for (const auto& environment : version.environments) line += "; " + environment;
        lines.push_back(line + ")");
    }
    return lines;
}

// The fields of the answer as "METHOD path field = rule".
texts fields_text(const domain::field_usage_report& report) {
    texts lines;
    for (const auto& usage : report.fields) lines.push_back(usage.method.value_or("-") + " " + usage.target + " " + usage.field + " = " + usage.rule);
    return lines;
}

// payment-service 1.0.0 and 1.1.0 on main, 2.0.0 on feat/x (renamed total_amount), shipping-service 3.0.0 on main;
// payment-service 1.0.0 is deployed to production.
void publish_story(testing::broker_fixture& broker) {
    testing::publish(broker.services, "payment-service", "1.0.0", "order-service", payment_pact(), "main");
    testing::publish(broker.services, "payment-service", "1.1.0", "order-service", payment_pact(), "main");
    testing::publish(broker.services, "payment-service", "2.0.0", "order-service", payment_pact(false), "feat/x");
    testing::publish(broker.services, "shipping-service", "3.0.0", "order-service", shipping_pact(), "main");
    auto production = broker.services.environments.create_environment({"production"});
    REQUIRE(production.has_value());
    REQUIRE(broker.services.environments.record_deployment("payment-service", "1.0.0", production->uuid, std::nullopt).has_value());
}

// A pact stored as a broker before the field-usage index stored them: content and publication, no index entry.
store::row_id store_without_index(store::store& store, const std::string& consumer_name, const json& pact) {
    auto writer = store.write();
    const std::string now = "2024-01-01T00:00:00+00:00";
    auto& pacticipants = writer->pacticipants();
    auto provider = pacticipants.find_pacticipant("order-service");
    const auto provider_id = provider ? provider->id : pacticipants.insert_pacticipant({0, "order-service", std::nullopt, std::nullopt, std::nullopt, now, now});
    const auto consumer_id = pacticipants.insert_pacticipant({0, consumer_name, std::nullopt, "main", std::nullopt, now, now});
    const auto version_id = pacticipants.insert_version({0, consumer_id, "0.9.0", std::nullopt, now});
    (void)pacticipants.add_version_to_branch(consumer_id, "main", version_id, now);
    const auto pact_version_id = writer->pacts().insert_pact_version({0, consumer_id, provider_id, "old-" + consumer_name, pact.dump(), now});
    writer->pacts().add_integration(consumer_id, provider_id, now);
    (void)writer->pacts().insert_pact_publication({0, consumer_id, provider_id, version_id, pact_version_id, now});
    writer->commit();
    return pact_version_id;
}

json billing_pact() {
    auto pact = shipping_pact();
    pact["consumer"]["name"] = "billing-service";
    pact["interactions"][0]["response"]["body"] = {{"invoice_number", "F-1"}};
    pact["interactions"][0]["response"].erase("matchingRules");
    return pact;
}

}  // namespace

TEST_CASE("the places a pact relies on: status, headers and every body node, with their rules and the path generalised") {
    auto payment = pact::read_pact(payment_pact(), "payment");
    REQUIRE(payment.has_value());
    CHECK(places_text(domain::field_places(*payment)) == texts{
                                                             "GET /orders/{id} status = equality",
                                                             "GET /orders/{id} header Content-Type = regex application/json.*",
                                                             "GET /orders/{id} $.id = equality",
                                                             "GET /orders/{id} $.items = type (min 1)",
                                                             "GET /orders/{id} $.items[*].quantity = type",
                                                             "GET /orders/{id} $.items[*].sku = type",
                                                             "GET /orders/{id} $.total_amount = integer",
                                                         });
    auto shipping = pact::read_pact(shipping_pact(), "shipping");
    REQUIRE(shipping.has_value());
    CHECK(places_text(domain::field_places(*shipping)) == texts{
                                                              "GET /orders/{id} status = equality",
                                                              "GET /orders/{id} $.id = equality",
                                                              "GET /orders/{id} $.state = regex shipped|pending",
                                                          });
    auto message = pact::read_pact(json::parse(R"({"consumer": {"name": "c"}, "provider": {"name": "order-service"},
        "messages": [{"description": "an order was created", "contents": {"order": {"id": 1}, "lines": [1, 2]},
                      "metadata": {"contentType": "application/json"},
                      "matchingRules": {"body": {"$.order.id": {"matchers": [{"match": "integer"}]}}}}],
        "metadata": {"pactSpecification": {"version": "3.0.0"}}})"),
                                   "message");
    REQUIRE(message.has_value());
    CHECK(places_text(domain::field_places(*message)) == texts{
                                                             "- an order was created metadata contentType = equality",
                                                             "- an order was created $.lines[*] = equality",
                                                             "- an order was created $.order.id = integer",
                                                         });
    CHECK(domain::field_is_within("$.items[*].quantity", "$.items"));
    CHECK(domain::field_is_within("$.items", "$.items"));
    CHECK_FALSE(domain::field_is_within("$.itemsCount", "$.items"));
}

TEST_CASE("field usage names the consumer versions deployed in an environment that rely on a field") {
    testing::broker_fixture broker;
    publish_story(broker);
    auto usages = broker.services.field_usages.field_usages("order-service", {"$.total_amount", "production", std::nullopt});
    REQUIRE(usages.has_value());
    REQUIRE(usages->fields.size() == 1);
    CHECK(fields_text(*usages) == texts{"GET /orders/{id} $.total_amount = integer"});
    CHECK(relying_text(*usages, usages->fields.front()) == texts{"payment-service 1.0.0 (; production)"});
}

TEST_CASE("field usage counts by default the head of each consumer's main branch and every version deployed or released") {
    testing::broker_fixture broker;
    publish_story(broker);
    auto total = broker.services.field_usages.field_usages("order-service", {"$.total_amount", std::nullopt, std::nullopt});
    REQUIRE(total.has_value());
    REQUIRE(total->fields.size() == 1);
    CHECK(relying_text(*total, total->fields.front()) == texts{"payment-service 1.0.0 (; production)", "payment-service 1.1.0 (main)"});

    // Both consumers rely on the status of the same generalised request; each on its own body fields.
    auto everything = broker.services.field_usages.field_usages("order-service", {});
    REQUIRE(everything.has_value());
    CHECK(fields_text(*everything) == texts{
                                          "GET /orders/{id} $.id = equality",
                                          "GET /orders/{id} $.items = type (min 1)",
                                          "GET /orders/{id} $.items[*].quantity = type",
                                          "GET /orders/{id} $.items[*].sku = type",
                                          "GET /orders/{id} $.state = regex shipped|pending",
                                          "GET /orders/{id} $.total_amount = integer",
                                          "GET /orders/{id} header Content-Type = regex application/json.*",
                                          "GET /orders/{id} status = equality",
                                      });
    CHECK(relying_text(*everything, everything->fields.back()) ==
          texts{"payment-service 1.0.0 (; production)", "payment-service 1.1.0 (main)", "shipping-service 3.0.0 (main)"});
}

TEST_CASE("field usage filters by a path prefix and narrows to the head of a branch") {
    testing::broker_fixture broker;
    publish_story(broker);
    auto items = broker.services.field_usages.field_usages("order-service", {"$.items", std::nullopt, std::nullopt});
    REQUIRE(items.has_value());
    CHECK(fields_text(*items) == texts{"GET /orders/{id} $.items = type (min 1)", "GET /orders/{id} $.items[*].quantity = type",
                                       "GET /orders/{id} $.items[*].sku = type"});
    auto partial_name = broker.services.field_usages.field_usages("order-service", {"$.item", std::nullopt, std::nullopt});
    REQUIRE(partial_name.has_value());
    CHECK(partial_name->fields.empty());

    auto feature = broker.services.field_usages.field_usages("order-service", {"$.total", std::nullopt, "feat/x"});
    REQUIRE(feature.has_value());
    CHECK(feature->fields.empty());  // a prefix stops at a name's end: $.total is neither $.total_amount nor $.total_cents
    auto renamed = broker.services.field_usages.field_usages("order-service", {"$.total_cents", std::nullopt, "feat/x"});
    REQUIRE(renamed.has_value());
    REQUIRE(renamed->fields.size() == 1);
    CHECK(relying_text(*renamed, renamed->fields.front()) == texts{"payment-service 2.0.0 (feat/x)"});
    auto amount_on_feature = broker.services.field_usages.field_usages("order-service", {"$.total_amount", std::nullopt, "feat/x"});
    REQUIRE(amount_on_feature.has_value());
    CHECK(amount_on_feature->fields.empty());
}

TEST_CASE("field usage refuses an unknown provider or environment, an empty field, and an environment with a branch") {
    testing::broker_fixture broker;
    publish_story(broker);
    auto& service = broker.services.field_usages;
    CHECK(service.field_usages("nobody", {}).error().what == domain::domain_error::kind::not_found);
    auto unknown_environment = service.field_usages("order-service", {std::nullopt, "nowhere", std::nullopt});
    CHECK(unknown_environment.error().what == domain::domain_error::kind::not_found);
    CHECK(unknown_environment.error().message.find("nowhere") != std::string::npos);
    CHECK(service.field_usages("order-service", {"", std::nullopt, std::nullopt}).error().fields.contains("field"));
    CHECK(service.field_usages("order-service", {std::nullopt, "production", "main"}).error().fields.contains("branch"));
}

TEST_CASE("content is indexed once at publish, and pacts stored before the index are indexed later") {
    testing::broker_fixture broker;
    publish_story(broker);
    CHECK(broker.services.field_usages.index_unindexed_pact_versions() == 0);  // every publish indexed its content

    const auto old_pact_version = store_without_index(*broker.store, "billing-service", billing_pact());
    CHECK_FALSE(broker.store->read()->field_usages().field_usages_of(old_pact_version).has_value());
    // Not indexed yet, it is read from its content.
    auto before = broker.services.field_usages.field_usages("order-service", {"$.invoice_number", std::nullopt, std::nullopt});
    REQUIRE(before.has_value());
    REQUIRE(before->fields.size() == 1);
    CHECK(relying_text(*before, before->fields.front()) == texts{"billing-service 0.9.0 (main)"});

    CHECK(broker.services.field_usages.index_unindexed_pact_versions() == 1);
    const auto indexed = broker.store->read()->field_usages().field_usages_of(old_pact_version);
    REQUIRE(indexed.has_value());
    CHECK(places_text(*indexed) == texts{"GET /orders/{id} status = equality", "GET /orders/{id} $.invoice_number = equality"});
    CHECK(broker.services.field_usages.index_unindexed_pact_versions() == 0);
    auto after = broker.services.field_usages.field_usages("order-service", {"$.invoice_number", std::nullopt, std::nullopt});
    REQUIRE(after.has_value());
    CHECK(relying_text(*after, after->fields.front()) == texts{"billing-service 0.9.0 (main)"});
}

TEST_CASE("a pact version's index goes with its content") {
    testing::broker_fixture broker;
    publish_story(broker);
    REQUIRE(broker.services.pacts.delete_integration("shipping-service", "order-service").has_value());
    auto state = broker.services.field_usages.field_usages("order-service", {"$.state", std::nullopt, std::nullopt});
    REQUIRE(state.has_value());
    CHECK(state->fields.empty());
    CHECK(broker.services.field_usages.index_unindexed_pact_versions() == 0);
}

TEST_CASE("GET /pacticipants/{provider}/field-usage answers HAL+JSON, linked from the index and the pacticipant") {
    api::testing::broker_under_test broker;
    const auto publish = [&](const std::string& consumer, const std::string& version, const std::string& branch, const json& pact) {
        const json body = {{"pacticipantName", consumer},
                           {"pacticipantVersionNumber", version},
                           {"branch", branch},
                           {"contracts",
                            {{{"consumerName", consumer}, {"providerName", "order-service"}, {"specification", "pact"},
                              {"contentType", "application/json"}, {"content", api::testing::base64(pact.dump())}}}}};
        REQUIRE(broker.post("/contracts/publish", body).status == 200);
    };
    publish("payment-service", "1.0.0", "main", payment_pact());
    publish("shipping-service", "3.0.0", "main", shipping_pact());
    const auto environment = broker.post("/environments", {{"name", "production"}, {"production", true}});
    REQUIRE(environment.status == 201);
    const auto uuid = environment.body.at("uuid").get<std::string>();
    REQUIRE(broker.post("/pacticipants/payment-service/versions/1.0.0/deployed-versions/environment/" + uuid, json::object()).status == 201);

    const auto index = broker.get("/");
    CHECK(index.body.at("_links").at("pb:field-usage").at("href") == api::testing::test_base_url + "/pacticipants/{provider}/field-usage");
    CHECK(index.body.at("_links").at("pb:field-usage").at("templated") == true);
    CHECK(broker.get("/pacticipants/order-service").body.at("_links").at("pb:field-usage").at("href") ==
          api::testing::test_base_url + "/pacticipants/order-service/field-usage");

    const auto answer = broker.get("/pacticipants/order-service/field-usage?field=%24.total_amount&environment=production");
    REQUIRE(answer.status == 200);
    CHECK(api::testing::is_hal_json(answer));
    CHECK(answer.body.at("provider") == "order-service");
    CHECK(answer.body.at("scope") == json{{"field", "$.total_amount"}, {"environment", "production"}});
    CHECK(answer.body.at("_links").at("self").at("href") ==
          api::testing::test_base_url + "/pacticipants/order-service/field-usage?field=%24.total_amount&environment=production");
    const auto fields = answer.body.at("fields");
    REQUIRE(fields.size() == 1);
    CHECK(fields[0].at("request") == json{{"method", "GET"}, {"path", "/orders/{id}"}});
    CHECK(fields[0].at("field") == "$.total_amount");
    CHECK(fields[0].at("rule") == "integer");
    CHECK(fields[0].at("consumers") == json::parse(R"([{"name": "payment-service", "versions": ["1.0.0"]}])"));
    // Each counted version is described once, beside the fields.
    const auto consumers = answer.body.at("consumers");
    REQUIRE(consumers.size() == 1);
    CHECK(consumers[0].at("name") == "payment-service");
    CHECK(consumers[0].at("versions").at(0).at("number") == "1.0.0");
    CHECK(consumers[0].at("versions").at(0).at("environments") == json{"production"});
    CHECK(consumers[0].at("versions").at(0).at("_links").at("self").at("href") ==
          api::testing::test_base_url + "/pacticipants/payment-service/versions/1.0.0");

    const auto by_branch = broker.get("/pacticipants/order-service/field-usage?branch=main&field=status");
    REQUIRE(by_branch.status == 200);
    CHECK(by_branch.body.at("fields").at(0).at("consumers").size() == 2);

    const auto options = broker.send("OPTIONS", "/pacticipants/order-service/field-usage");
    CHECK(options.status == 200);
    CHECK(options.allow.find("GET") != std::string::npos);

    api::testing::check_client_error(broker.get("/pacticipants/nobody/field-usage"), 404);
    api::testing::check_client_error(broker.get("/pacticipants/order-service/field-usage?environment=nowhere"), 404);
    const auto both = broker.get("/pacticipants/order-service/field-usage?environment=production&branch=main");
    api::testing::check_client_error(both, 400);
    CHECK(both.body.at("errors").contains("branch"));
    const auto unknown_parameter = broker.get("/pacticipants/order-service/field-usage?fields=x");
    api::testing::check_client_error(unknown_parameter, 400);
    CHECK(unknown_parameter.body.at("errors").contains("fields"));
}

TEST_CASE("the field-usage page shows each field with the consumers relying on it, linked from the pact and matrix pages") {
    testing::broker_fixture broker;
    publish_story(broker);
    const auto page = testing::show_page(broker.services, {"pacticipants", "order-service", "field-usage"}, {{"environment", "production"}});
    REQUIRE(page.has_value());
    CHECK(page->status == 200);
    CHECK(page->body.find("<code>$.total_amount</code></td><td>integer</td>") != std::string::npos);
    CHECK(page->body.find(">payment-service</a> <a href=\"http://broker.test/pacticipants/payment-service/versions/1.0.0\">1.0.0</a>"
                          "<span class=\"env\">production</span>") != std::string::npos);
    CHECK(page->body.find("shipping-service") == std::string::npos);  // not in production

    const auto unknown = testing::show_page(broker.services, {"pacticipants", "nobody", "field-usage"});
    REQUIRE(unknown.has_value());
    CHECK(unknown->status == 404);
    CHECK_FALSE(testing::show_page(broker.services, {"pacticipants", "order-service", "field-usage"}, {}, false).has_value());

    const auto pact_page = testing::show_page(broker.services, {"pacts", "provider", "order-service", "consumer", "payment-service", "latest"});
    REQUIRE(pact_page.has_value());
    CHECK(pact_page->body.find("href=\"http://broker.test/pacticipants/order-service/field-usage\"") != std::string::npos);
    const auto provider_page = testing::show_page(broker.services, {"matrix"}, {{"pacticipant", "order-service"}});
    REQUIRE(provider_page.has_value());
    CHECK(provider_page->body.find("href=\"http://broker.test/pacticipants/order-service/field-usage\"") != std::string::npos);
}

TEST_SUITE("component") {

TEST_CASE("pact broker field-usage names the consumer versions relying on a field, against the real pact-broker") {
    pact::testing::temporary_directory directory;
    const auto database = directory.path() / "broker.sqlite";
    testing::test_database test_database(database);
    // A pact the broker stored before it had the index: indexed when the broker starts.
    const auto old_pact_version = store_without_index(*test_database.open(), "billing-service", billing_pact());
    api::testing::broker_process broker(database);

    const auto pact = [&](std::vector<std::string> arguments) {
        arguments.insert(arguments.begin(), PACT_CLI_BINARY);
        arguments.insert(arguments.end(), {"-b", broker.base_url()});
        return pact::testing::run_command(arguments);
    };
    const auto publish = [&](const std::string& folder, const json& pact_json, const std::string& version, const std::string& branch) {
        directory.write(folder + "/pact.json", pact_json.dump());
        const auto published = pact({"publish", (directory.path() / folder).string(), "-a", version, "--branch", branch});
        INFO(published.all());
        REQUIRE(published.exit_code == 0);
    };
    publish("payment-1.0.0", payment_pact(), "1.0.0", "main");
    publish("payment-1.1.0", payment_pact(), "1.1.0", "main");
    publish("payment-2.0.0", payment_pact(false), "2.0.0", "feat/x");
    publish("shipping-3.0.0", shipping_pact(), "3.0.0", "main");
    REQUIRE(pact({"create-environment", "--name", "production"}).exit_code == 0);
    REQUIRE(pact({"record-deployment", "--pacticipant", "payment-service", "--version", "1.0.0", "--environment", "production"}).exit_code == 0);

    const auto deployed = pact({"broker", "field-usage", "--provider", "order-service", "--field", "$.total_amount", "--environment", "production"});
    INFO(deployed.all());
    CHECK(deployed.exit_code == 0);
    CHECK(deployed.out == "Fields of order-service its consumers rely on, in production\n"
                          "\nGET /orders/{id}\n"
                          "  $.total_amount (integer)\n"
                          "    payment-service 1.0.0 (production)\n");

    const auto json_answer = pact({"field-usage", "--provider", "order-service", "--field", "$.items", "-o", "json"});
    INFO(json_answer.all());
    REQUIRE(json_answer.exit_code == 0);
    const auto answer = json::parse(json_answer.out);
    CHECK(answer.at("provider") == "order-service");
    CHECK_FALSE(answer.contains("_links"));
    std::vector<std::string> item_fields;
    for (const auto& field : answer.at("fields")) item_fields.push_back(field.at("field").get<std::string>() + " " + field.at("rule").get<std::string>());
    CHECK(item_fields == texts{"$.items type (min 1)", "$.items[*].quantity type", "$.items[*].sku type"});
    CHECK(answer.at("fields").at(0).at("consumers") == json::parse(R"([{"name": "payment-service", "versions": ["1.0.0", "1.1.0"]}])"));
    CHECK(answer.at("consumers").at(1).at("name") == "payment-service");  // after billing-service
    const auto versions = answer.at("consumers").at(1).at("versions");
    REQUIRE(versions.size() == 2);
    CHECK(versions[0].at("number") == "1.0.0");
    CHECK(versions[0].at("environments") == json{"production"});
    CHECK(versions[1].at("number") == "1.1.0");
    CHECK(versions[1].at("branch") == "main");

    const auto branch = pact({"field-usage", "--provider", "order-service", "--branch", "feat/x", "--field", "$.total_cents", "-o", "table"});
    INFO(branch.all());
    CHECK(branch.exit_code == 0);
    CHECK(branch.out.find("GET /orders/{id} ┆ $.total_cents ┆ integer ┆ payment-service 2.0.0 (feat/x)") != std::string::npos);

    const auto shipping = pact({"field-usage", "--provider", "order-service", "--field", "$.state"});
    CHECK(shipping.out.find("  $.state (regex shipped|pending)\n    shipping-service 3.0.0 (main)\n") != std::string::npos);

    // The pact stored before the index is answered for, and indexed by the broker's start.
    const auto old = pact({"field-usage", "--provider", "order-service", "--field", "$.invoice_number"});
    CHECK(old.out.find("    billing-service 0.9.0 (main)\n") != std::string::npos);
    bool indexed = false;
    for (int attempt = 0; attempt < 100 && !indexed; ++attempt) {
        indexed = test_database.open()->read()->field_usages().field_usages_of(old_pact_version).has_value();
        if (!indexed) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    CHECK(indexed);

    const auto unknown = pact({"field-usage", "--provider", "nobody"});
    CHECK(unknown.exit_code == 1);
    CHECK(unknown.errors.find("nobody") != std::string::npos);
    const auto nowhere = pact({"field-usage", "--provider", "order-service", "--environment", "nowhere"});
    CHECK(nowhere.exit_code == 1);
    CHECK(nowhere.errors.find("nowhere") != std::string::npos);
    CHECK(pact({"field-usage", "--provider", "order-service", "--environment", "production", "--branch", "main"}).exit_code == 2);
}

}
