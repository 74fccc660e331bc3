#include "broker/domain/webhook_service.hpp"

#include "broker/domain/store_views.hpp"
#include "broker/domain/webhook_events.hpp"
#include "broker/domain/webhook_templates.hpp"
#include "http/url.hpp"

#include <algorithm>
#include <cctype>
#include <regex>

namespace pact::broker::domain {
namespace {

bool equals_ignoring_case(std::string_view left, std::string_view right) {
    return std::ranges::equal(left, right, [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b)); });
}

std::string listed(const std::vector<std::string>& items) {
    std::string text;
    for (const auto& item : items) text += (text.empty() ? "" : ", ") + item;
    return text;
}

// Every template parameter replaced by the same word, to read the URL's shape.
template_values placeholders(std::string_view word) {
    auto values = webhook_template_values(nlohmann::json::object(), "");
    for (auto& [name, value] : values) value = word;
    return values;
}

bool is_address(std::string_view text) {
    return !text.empty() && std::ranges::all_of(text, [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) || c == '.' || c == ':' || c == '/'; });
}

void check_url(const std::string& url, const webhook_settings& settings, field_errors& errors) {
    auto& messages = errors["request.url"];
    auto parsed = pact::http::parse_url(render_template(url, placeholders("placeholder"), value_escaping::url_component));
    if (url.empty() || !parsed || parsed->host.empty()) {
        messages.push_back("is not a valid URL eg. http://example.org");
        return;
    }
    auto other = pact::http::parse_url(render_template(url, placeholders("differentplaceholder"), value_escaping::url_component));
    if (!other || other->host != parsed->host) {
        messages.push_back("cannot have a template parameter in the host");
        return;
    }
    if (std::ranges::none_of(settings.scheme_whitelist, [&](const auto& scheme) { return equals_ignoring_case(scheme, parsed->scheme); }))
        messages.push_back("scheme must be " + listed(settings.scheme_whitelist) + ". See /doc/webhooks#whitelist for more information.");
    // A host name against address entries is only decidable once resolved; the delivery checks that.
    const bool decidable = is_address(parsed->host) || std::ranges::none_of(settings.host_whitelist, [](const auto& entry) { return is_address(entry); });
    if (!settings.host_whitelist.empty() && decidable &&
        std::ranges::none_of(settings.host_whitelist, [&](const auto& entry) { return host_matches_whitelist_entry(parsed->host, entry); }))
        messages.push_back("host must be in the whitelist " + listed(settings.host_whitelist) + ". See /doc/webhooks#whitelist for more information.");
}

void check_method(const std::string& method, const webhook_settings& settings, field_errors& errors) {
    if (method.empty() || !std::ranges::all_of(method, [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; })) {
        errors["request.method"].push_back("is not a recognised HTTP method");
        return;
    }
    if (std::ranges::none_of(settings.http_method_whitelist, [&](const auto& allowed) { return equals_ignoring_case(allowed, method); }))
        errors["request.method"].push_back("must be one of " + listed(settings.http_method_whitelist) +
                                           ". See /doc/webhooks#whitelist for more information.");
}

void check_pacticipant(store::store_reader& reader, const std::string& role, const std::optional<webhook_pacticipant>& pacticipant,
                       field_errors& errors) {
    if (!pacticipant) return;
    if (pacticipant->name && pacticipant->label) errors[role].push_back("cannot specify both name and label");
    else if (!pacticipant->name && !pacticipant->label) errors[role].push_back("must specify a name or a label");
    else if (pacticipant->name && !reader.pacticipants().find_pacticipant(*pacticipant->name))
        errors[role + ".name"].push_back("No pacticipant with name '" + *pacticipant->name + "' found");
}

}  // namespace

webhook webhook_from_record(const store::webhook_record& record) {
    auto pacticipant = [](const std::optional<std::string>& name, const std::optional<std::string>& label) {
        return name || label ? std::optional(webhook_pacticipant{name, label}) : std::nullopt;
    };
    webhook_request request{record.request_method, record.request_url, nlohmann::json::parse(record.request_headers),
                            record.request_body ? nlohmann::json::parse(*record.request_body) : nlohmann::json(), record.request_username,
                            record.request_password};
    webhook_input definition{record.description,
                             pacticipant(record.consumer_name, record.consumer_label),
                             pacticipant(record.provider_name, record.provider_label),
                             record.events,
                             std::move(request),
                             record.enabled};
    return {record.uuid, std::move(definition), record.created_at, record.updated_at};
}

namespace {

triggered_webhook to_triggered(store::store_reader& reader, const store::triggered_webhook_record& record, const webhook_settings& settings) {
    triggered_webhook triggered{record.uuid,          record.webhook_uuid,  "",           record.event_name, record.trigger_type,
                                record.consumer_name, record.provider_name, record.status, record.attempts_made, 0,
                                record.created_at,    {}};
    if (auto webhook = reader.webhooks().find_webhook(record.webhook_uuid)) triggered.request_description = webhook_request_description(webhook_from_record(*webhook).definition.request);
    if (record.status == "not_run" || record.status == "retrying")
        triggered.attempts_remaining = std::max<std::int64_t>(0, webhook_attempts(settings) - record.attempts_made);
    for (const auto& execution : reader.webhooks().executions_of(record.id)) triggered.executions.push_back({execution.success, execution.logs, execution.created_at});
    return triggered;
}

webhook_test test_of(store::store_reader& reader, const store::webhook_record& record) {
    return {webhook_from_record(record), test_event_context(reader, record.consumer_name, record.provider_name)};
}

result<store::webhook_record> require_webhook(store::store_reader& reader, std::string_view uuid) {
    if (auto found = reader.webhooks().find_webhook(uuid)) return *found;
    return failure(domain_error::not_found("No webhook with uuid '" + std::string(uuid) + "' found"));
}

}  // namespace

std::int64_t webhook_attempts(const webhook_settings& settings) { return static_cast<std::int64_t>(settings.retry_schedule.size()) + 1; }

webhook_service::webhook_service(store::store& store, const broker_config& config) : store_(store), config_(config) {}

result<store::webhook_record> webhook_service::checked_record(const webhook_input& input, store::store_reader& reader) {
    field_errors errors;
    check_method(input.request.method, config_.webhooks, errors);
    check_url(input.request.url, config_.webhooks, errors);
    std::vector<std::string> events = input.events.empty() ? std::vector<std::string>{"contract_content_changed"} : input.events;
    for (std::size_t index = 0; index < events.size(); ++index)
        if (std::ranges::find(webhook_event_names, events[index]) == webhook_event_names.end())
            errors["events." + std::to_string(index) + ".name"].push_back("must be one of " + [] {
                std::string names;
                for (auto name : webhook_event_names) names += (names.empty() ? "" : ", ") + std::string(name);
                return names;
            }());
    if (!input.request.headers.is_object()) errors["request.headers"].push_back("must be an object");
    check_pacticipant(reader, "consumer", input.consumer, errors);
    check_pacticipant(reader, "provider", input.provider, errors);
    std::erase_if(errors, [](const auto& entry) { return entry.second.empty(); });
    if (!errors.empty()) return failure(domain_error::invalid(errors.begin()->first + " " + errors.begin()->second.front(), errors));

    store::webhook_record record;
    record.description = input.description;
    if (input.consumer) {
        record.consumer_name = input.consumer->name;
        record.consumer_label = input.consumer->label;
    }
    if (input.provider) {
        record.provider_name = input.provider->name;
        record.provider_label = input.provider->label;
    }
    record.events = std::move(events);
    record.request_method = input.request.method;
    record.request_url = input.request.url;
    record.request_headers = input.request.headers.dump();
    if (!input.request.body.is_null()) record.request_body = input.request.body.dump();
    record.request_username = input.request.username;
    record.request_password = input.request.password;
    record.enabled = input.enabled;
    return record;
}

result<webhook> webhook_service::create_webhook(const webhook_input& input) {
    auto writer = store_.write();
    auto record = checked_record(input, *writer);
    if (!record) return failure(record.error());
    record->uuid = views::new_uuid();
    record->created_at = record->updated_at = views::timestamp(config_);
    record->id = writer->webhooks().insert_webhook(*record);
    writer->commit();
    return webhook_from_record(*record);
}

result<webhook> webhook_service::create_webhook_for_pair(std::string_view provider, std::string_view consumer, webhook_input input) {
    {
        auto reader = store_.read();
        for (auto name : {provider, consumer})
            if (auto missing = views::require_pacticipant(*reader, name); !missing) return failure(missing.error());
    }
    input.consumer = webhook_pacticipant{std::string(consumer), std::nullopt};
    input.provider = webhook_pacticipant{std::string(provider), std::nullopt};
    return create_webhook(input);
}

result<std::pair<webhook, bool>> webhook_service::create_or_update_webhook(std::string_view uuid, const webhook_input& input) {
    static const std::regex uuid_shape("[A-Za-z0-9_-]{16,}");
    if (!std::regex_match(uuid.begin(), uuid.end(), uuid_shape))
        return failure(domain_error::invalid_field("uuid", "must consist of 16 or more letters, digits, '_' or '-'"));
    auto writer = store_.write();
    auto record = checked_record(input, *writer);
    if (!record) return failure(record.error());
    const auto now = views::timestamp(config_);
    record->uuid = std::string(uuid);
    record->updated_at = now;
    auto existing = writer->webhooks().find_webhook(uuid);
    if (existing) {
        record->id = existing->id;
        record->created_at = existing->created_at;
        writer->webhooks().update_webhook(*record);
    } else {
        record->created_at = now;
        record->id = writer->webhooks().insert_webhook(*record);
    }
    writer->commit();
    return std::pair{webhook_from_record(*record), !existing};
}

result<webhook> webhook_service::find_webhook(std::string_view uuid) {
    auto reader = store_.read();
    auto found = require_webhook(*reader, uuid);
    if (!found) return failure(found.error());
    return webhook_from_record(*found);
}

std::vector<webhook> webhook_service::list_webhooks(std::optional<std::string_view> consumer, std::optional<std::string_view> provider) {
    auto reader = store_.read();
    std::vector<webhook> webhooks;
    for (const auto& record : reader->webhooks().list_webhooks()) {
        if (consumer && record.consumer_name != *consumer) continue;
        if (provider && record.provider_name != *provider) continue;
        webhooks.push_back(webhook_from_record(record));
    }
    return webhooks;
}

result<void> webhook_service::delete_webhook(std::string_view uuid) {
    auto writer = store_.write();
    auto found = require_webhook(*writer, uuid);
    if (!found) return failure(found.error());
    writer->webhooks().delete_webhook(found->id);
    writer->commit();
    return {};
}

result<std::vector<triggered_webhook>> webhook_service::triggered_webhooks_of_pair(std::string_view provider, std::string_view consumer) {
    auto reader = store_.read();
    for (auto name : {provider, consumer})
        if (auto missing = views::require_pacticipant(*reader, name); !missing) return failure(missing.error());
    std::vector<triggered_webhook> triggered;
    for (const auto& record : reader->webhooks().triggered_webhooks_of_pair(consumer, provider)) triggered.push_back(to_triggered(*reader, record, config_.webhooks));
    return triggered;
}

result<triggered_webhook> webhook_service::find_triggered_webhook(std::string_view uuid) {
    auto reader = store_.read();
    auto found = reader->webhooks().find_triggered_webhook(uuid);
    if (!found) return failure(domain_error::not_found("No triggered webhook with uuid '" + std::string(uuid) + "' found"));
    return to_triggered(*reader, *found, config_.webhooks);
}

result<webhook_test> webhook_service::test_execution(std::string_view uuid) {
    auto reader = store_.read();
    auto found = require_webhook(*reader, uuid);
    if (!found) return failure(found.error());
    return test_of(*reader, *found);
}

result<webhook_test> webhook_service::test_unsaved_execution(const webhook_input& input) {
    auto reader = store_.read();
    auto record = checked_record(input, *reader);
    if (!record) return failure(record.error());
    return test_of(*reader, *record);
}

}  // namespace pact::broker::domain
