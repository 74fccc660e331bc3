#include "broker/api/resources.hpp"

#include "broker/domain/webhook_templates.hpp"
#include "broker/api/domain_problem.hpp"
#include "broker/api/hal_links.hpp"
#include "broker/api/json_body.hpp"
#include "broker/api/list_paging.hpp"
#include "broker/webhooks/webhook_execution.hpp"

namespace pact::broker::api {
namespace {

// Webhook bodies as the Pact Broker and its clients write them (schemas/broker-webhook.json).

std::optional<domain::webhook_pacticipant> pacticipant_from(const json_body& body, std::string_view role) {
    const auto* object = body.optional_object(role);
    if (!object) return std::nullopt;
    const json_body member(*object);
    return domain::webhook_pacticipant{member.optional_string("name"), member.optional_string("label")};
}

domain::webhook_input webhook_from(const resource_request& request) {
    const auto body = json_body::parse(request, "broker-webhook");
    domain::webhook_input input;
    input.description = body.optional_string("description");
    input.consumer = pacticipant_from(body, "consumer");
    input.provider = pacticipant_from(body, "provider");
    input.enabled = body.optional_boolean("enabled").value_or(true);
    if (const auto* events = body.optional_array("events"))
        for (const auto& event : *events) input.events.push_back(event.at("name").get<std::string>());
    const json_body webhook_request(*body.optional_object("request"));
    input.request.method = webhook_request.required_string("method");
    input.request.url = webhook_request.required_string("url");
    if (const auto* headers = webhook_request.optional_object("headers")) input.request.headers = *headers;
    if (webhook_request.has("body")) input.request.body = webhook_request.json().at("body");
    input.request.username = webhook_request.optional_string("username");
    input.request.password = webhook_request.optional_string("password");
    return input;
}

// Webhook representations, with secrets hidden (the Pact Broker's shapes).

std::string scope_description(const domain::webhook_input& webhook) {
    const auto name = [](const std::optional<domain::webhook_pacticipant>& pacticipant) {
        return pacticipant ? pacticipant->name ? *pacticipant->name : "pacticipants labelled " + pacticipant->label.value_or("") : std::string();
    };
    if (webhook.consumer && webhook.provider) return "A webhook for the pact between " + name(webhook.consumer) + " and " + name(webhook.provider);
    if (webhook.consumer) return "A webhook for all pacts with consumer " + name(webhook.consumer);
    if (webhook.provider) return "A webhook for all pacts with provider " + name(webhook.provider);
    return "A webhook for all pacts";
}

std::string display_description(const domain::webhook_input& webhook) {
    return webhook.description && !webhook.description->empty() ? *webhook.description : scope_description(webhook);
}

std::string webhook_url(const resource_request& request, std::string_view uuid) { return request.urls.of({"webhooks", uuid}); }

nlohmann::json pacticipant_json(const domain::webhook_pacticipant& pacticipant) {
    nlohmann::json shown = nlohmann::json::object();
    if (pacticipant.name) shown["name"] = *pacticipant.name;
    if (pacticipant.label) shown["label"] = *pacticipant.label;
    return shown;
}

nlohmann::json webhook_resource(const resource_request& request, const domain::webhook& webhook) {
    const auto& definition = webhook.definition;
    nlohmann::json shown_request{{"method", definition.request.method}, {"url", definition.request.url}};
    if (!definition.request.headers.empty()) shown_request["headers"] = domain::redacted_headers(definition.request.headers);
    if (!definition.request.body.is_null()) shown_request["body"] = definition.request.body;
    if (definition.request.username) shown_request["username"] = *definition.request.username;
    if (auto password = domain::displayed_password(definition.request.password)) shown_request["password"] = *password;
    auto events = nlohmann::json::array();
    for (const auto& event : definition.events) events.push_back({{"name", event}});

    const auto self = webhook_url(request, webhook.uuid);
    nlohmann::json links{
        {"self", link(self, display_description(definition))},
        {"pb:execute", link(self + "/execute", "Test the execution of the webhook with the latest matching pact or verification by sending a POST request to this URL")},
        {"pb:webhooks", link(request.urls.of({"webhooks"}), "All webhooks")},
    };
    for (const auto& [role, pacticipant, title] :
         {std::tuple{"consumer", &definition.consumer, "Consumer"}, std::tuple{"provider", &definition.provider, "Provider"}}) {
        if (*pacticipant && (*pacticipant)->name)
            links[std::string("pb:") + role] = link(request.urls.pacticipant(*(*pacticipant)->name), title, *(*pacticipant)->name);
    }
    const auto& consumer = definition.consumer;
    const auto& provider = definition.provider;
    if (consumer && consumer->name && provider && provider->name)
        links["pb:pact-webhooks"] = link(request.urls.of({"webhooks", "provider", *provider->name, "consumer", *consumer->name}),
                                         "All webhooks for consumer " + *consumer->name + " and provider " + *provider->name);

    nlohmann::json shown{{"uuid", webhook.uuid},     {"description", display_description(definition)}, {"enabled", definition.enabled},
                         {"request", shown_request}, {"events", events},                                {"createdAt", webhook.created_at},
                         {"updatedAt", webhook.updated_at}, {"_links", links}};
    if (consumer) shown["consumer"] = pacticipant_json(*consumer);
    if (provider) shown["provider"] = pacticipant_json(*provider);
    return shown;
}

// Webhooks are few (they are configuration, not history): the list is read whole and served a page at a time,
// the largest page when the client asks for none.
resource_response webhook_list(const resource_request& request, std::vector<domain::webhook> webhooks, const std::string& self, std::string title) {
    const auto listed = domain::page<domain::webhook>::of(std::move(webhooks), requested_page(request, maximum_page_size));
    auto links = nlohmann::json::array();
    for (const auto& webhook : listed.items) links.push_back(link(webhook_url(request, webhook.uuid), scope_description(webhook.definition), display_description(webhook.definition)));
    nlohmann::json body{{"_links",
                         {{"self", link(self, std::move(title))},
                          {"pb:create", link(self, "POST to create a webhook")},
                          {"pb:webhooks", std::move(links)},
                          {"curies", nlohmann::json::array({{{"name", "pb"}, {"href", request.urls.base() + "/doc/webhooks-{rel}"}, {"templated", true}}})}}}};
    add_page_links(body, request, self, listed.request, listed.total);
    return {200, std::move(body)};
}

// Collections

resource_response list_webhooks(const resource_request& request, domain::broker_services& services) {
    return webhook_list(request, services.webhooks.list_webhooks(), request.urls.of({"webhooks"}), "Webhooks");
}

resource_response create_webhook(const resource_request& request, domain::broker_services& services) {
    return {201, webhook_resource(request, value_or_throw(services.webhooks.create_webhook(webhook_from(request))))};
}

resource_response list_pair_webhooks(const resource_request& request, domain::broker_services& services) {
    const auto& provider = request.parameter("provider");
    const auto& consumer = request.parameter("consumer");
    static_cast<void>(value_or_throw(services.pacticipants.find_pacticipant(provider)));
    static_cast<void>(value_or_throw(services.pacticipants.find_pacticipant(consumer)));
    return webhook_list(request, services.webhooks.list_webhooks(consumer, provider),
                        request.urls.of({"webhooks", "provider", provider, "consumer", consumer}),
                        "Webhooks for the pact between " + consumer + " and " + provider);
}

resource_response create_pair_webhook(const resource_request& request, domain::broker_services& services) {
    auto created = services.webhooks.create_webhook_for_pair(request.parameter("provider"), request.parameter("consumer"), webhook_from(request));
    return {201, webhook_resource(request, value_or_throw(std::move(created)))};
}

resource_response list_provider_webhooks(const resource_request& request, domain::broker_services& services) {
    const auto& provider = request.parameter("provider");
    static_cast<void>(value_or_throw(services.pacticipants.find_pacticipant(provider)));
    return webhook_list(request, services.webhooks.list_webhooks(std::nullopt, provider), request.urls.of({"webhooks", "provider", provider}),
                        "Webhooks for provider " + provider);
}

resource_response list_consumer_webhooks(const resource_request& request, domain::broker_services& services) {
    const auto& consumer = request.parameter("consumer");
    static_cast<void>(value_or_throw(services.pacticipants.find_pacticipant(consumer)));
    return webhook_list(request, services.webhooks.list_webhooks(consumer, std::nullopt), request.urls.of({"webhooks", "consumer", consumer}),
                        "Webhooks for consumer " + consumer);
}

// One webhook

resource_response get_webhook(const resource_request& request, domain::broker_services& services) {
    return {200, webhook_resource(request, value_or_throw(services.webhooks.find_webhook(request.parameter("uuid"))))};
}

resource_response put_webhook(const resource_request& request, domain::broker_services& services) {
    auto [webhook, created] = value_or_throw(services.webhooks.create_or_update_webhook(request.parameter("uuid"), webhook_from(request)));
    return {created ? 201u : 200u, webhook_resource(request, webhook)};
}

resource_response delete_webhook(const resource_request& request, domain::broker_services& services) {
    value_or_throw(services.webhooks.delete_webhook(request.parameter("uuid")));
    return {204, nlohmann::json::object()};  // as the Pact Broker: no body
}

// Runs the webhook now with the latest matching pact; the answer shows request, response and logs, and
// `success` tells the outcome (200 either way, as the Pact Broker answers).
resource_response execution_result_resource(const domain::webhook_test& test, const domain::broker_services& services,
                                            const resource_request& request, nlohmann::json links) {
    auto result = webhooks::execute_now(test.webhook.definition.request, test.context, request.urls.base(), services.config.webhooks);
    nlohmann::json body{{"request", result.request}, {"logs", result.logs}, {"success", result.success}, {"_links", std::move(links)}};
    if (!result.response.is_null()) body["response"] = result.response;
    if (result.error) body["error"] = {{"message", *result.error}};
    return {200, std::move(body)};
}

resource_response execute_webhook(const resource_request& request, domain::broker_services& services) {
    const auto test = value_or_throw(services.webhooks.test_execution(request.parameter("uuid")));
    const auto self = webhook_url(request, test.webhook.uuid);
    return execution_result_resource(test, services, request,
                                     {{"webhook", link(self)}, {"try-again", link(self + "/execute", "Execute the webhook again")}});
}

// A webhook given in the body, checked as POST /webhooks checks it, run without being saved.
resource_response execute_unsaved_webhook(const resource_request& request, domain::broker_services& services) {
    const auto test = value_or_throw(services.webhooks.test_unsaved_execution(webhook_from(request)));
    return execution_result_resource(test, services, request,
                                     {{"try-again", link(request.urls.of({"webhooks", "execute"}), "Execute the webhook again")}});
}

// Deliveries and their logs

nlohmann::json triggered_webhook_resource(const resource_request& request, const domain::triggered_webhook& triggered) {
    const auto logs = request.urls.of({"triggered-webhooks", triggered.uuid, "logs"});
    return {{"name", triggered.request_description},
            {"status", triggered.status},
            {"attemptsMade", triggered.attempts_made},
            {"attemptsRemaining", triggered.attempts_remaining},
            {"triggerType", triggered.trigger_type},
            {"eventName", triggered.event_name},
            {"triggeredAt", triggered.created_at},
            {"_links",
             {{"pb:logs", link(logs, "Webhook execution logs", triggered.request_description)},
              {"logs", link(logs, "DEPRECATED - Use pb:logs", triggered.request_description)},
              {"pb:webhook", link(webhook_url(request, triggered.webhook_uuid), "Webhook", triggered.request_description)}}}};
}

resource_response pair_webhooks_status(const resource_request& request, domain::broker_services& services) {
    const auto& provider = request.parameter("provider");
    const auto& consumer = request.parameter("consumer");
    auto triggered = value_or_throw(services.webhooks.triggered_webhooks_of_pair(provider, consumer));
    nlohmann::json summary{{"successful", 0}, {"failed", 0}, {"retrying", 0}, {"notRun", 0}};
    auto entries = nlohmann::json::array();
    for (const auto& delivery : triggered) {
        const char* key = delivery.status == "success" ? "successful" : delivery.status == "failure" ? "failed" : delivery.status == "retrying" ? "retrying" : "notRun";
        summary[key] = summary[key].get<int>() + 1;
        entries.push_back(triggered_webhook_resource(request, delivery));
    }
    const auto pact_webhooks = request.urls.of({"pacts", "provider", provider, "consumer", consumer, "webhooks"});
    return {200,
            {{"summary", summary},
             {"_embedded", {{"triggeredWebhooks", std::move(entries)}}},
             {"_links",
              {{"self", link(pact_webhooks + "/status", "Webhooks status")},
               {"pb:pact-webhooks", link(pact_webhooks, "Webhooks for the pact between " + consumer + " and " + provider)},
               {"pb:latest-pact", link(request.urls.latest_pact(provider, consumer), "Latest pact")},
               {"pb:consumer", link(request.urls.pacticipant(consumer), "Consumer", consumer)},
               {"pb:provider", link(request.urls.pacticipant(provider), "Provider", provider)}}}}};
}

resource_response triggered_webhook_logs(const resource_request& request, domain::broker_services& services) {
    auto triggered = value_or_throw(services.webhooks.find_triggered_webhook(request.parameter("uuid")));
    auto executions = nlohmann::json::array();
    for (const auto& execution : triggered.executions)
        executions.push_back({{"success", execution.success}, {"logs", execution.logs}, {"createdAt", execution.created_at}});
    return {200,
            {{"eventName", triggered.event_name},
             {"consumerName", triggered.consumer_name},
             {"providerName", triggered.provider_name},
             {"status", triggered.status},
             {"attemptsMade", triggered.attempts_made},
             {"attemptsRemaining", triggered.attempts_remaining},
             {"_embedded", {{"triggeredWebhook", {{"uuid", triggered.uuid}}}}},
             {"executions", std::move(executions)},
             {"_links",
              {{"self", link(request.urls.of({"triggered-webhooks", triggered.uuid, "logs"}), "Triggered webhook logs")},
               {"pb:webhook", link(webhook_url(request, triggered.webhook_uuid), "Webhook")}}}}};
}

}  // namespace

void add_webhook_routes(route_table& routes, domain::broker_services& services) {
    routes.add("GET", "/webhooks", with_services(services, list_webhooks));
    routes.add("POST", "/webhooks", with_services(services, create_webhook));
    routes.add("GET", "/webhooks/{uuid}", with_services(services, get_webhook));
    routes.add("PUT", "/webhooks/{uuid}", with_services(services, put_webhook));
    routes.add("DELETE", "/webhooks/{uuid}", with_services(services, delete_webhook));
    routes.add("POST", "/webhooks/execute", with_services(services, execute_unsaved_webhook));
    routes.add("POST", "/webhooks/{uuid}/execute", with_services(services, execute_webhook));
    routes.add("GET", "/webhooks/provider/{provider}/consumer/{consumer}", with_services(services, list_pair_webhooks));
    routes.add("POST", "/webhooks/provider/{provider}/consumer/{consumer}", with_services(services, create_pair_webhook));
    routes.add("GET", "/webhooks/provider/{provider}", with_services(services, list_provider_webhooks));
    routes.add("GET", "/webhooks/consumer/{consumer}", with_services(services, list_consumer_webhooks));
    const std::string pact_webhooks = "/pacts/provider/{provider}/consumer/{consumer}/webhooks";
    routes.add("GET", pact_webhooks, with_services(services, list_pair_webhooks));
    routes.add("POST", pact_webhooks, with_services(services, create_pair_webhook));
    routes.add("GET", pact_webhooks + "/status", with_services(services, pair_webhooks_status));
    routes.add("GET", "/triggered-webhooks/{uuid}/logs", with_services(services, triggered_webhook_logs));
}

}  // namespace pact::broker::api
