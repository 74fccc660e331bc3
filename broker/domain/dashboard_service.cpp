#include "broker/domain/dashboard_service.hpp"

#include "broker/domain/store_views.hpp"
#include "broker/domain/webhook_service.hpp"

#include <algorithm>
#include <set>
#include <utility>

namespace pact::broker::domain {
namespace {

// The latest verification of the content, else of the newest older content of the pair that has one (then stale).
std::pair<std::optional<store::verification_record>, std::string> latest_verification_of(store::store_reader& reader,
                                                                                         const store::pact_publication_record& latest) {
    if (auto own = reader.verifications().latest_verification(latest.pact_version_id)) return {own, own->success ? "success" : "failed"};
    std::set<store::row_id> seen{latest.pact_version_id};
    for (const auto& publication : reader.pacts().publications_of_pair(latest.consumer_id, latest.provider_id)) {
        if (!seen.insert(publication.pact_version_id).second) continue;
        if (auto older = reader.verifications().latest_verification(publication.pact_version_id)) return {older, "stale"};
    }
    return {std::nullopt, "never"};
}

// The status rank: a failure outweighs a retry, which outweighs a delivery not run yet, which outweighs a success.
int severity(std::string_view status) {
    if (status == "failure") return 3;
    if (status == "retrying") return 2;
    if (status == "not_run") return 1;
    return 0;
}

}  // namespace

dashboard_item dashboard_service::item_of(store::store_reader& reader, pact_publication latest_pact) {
    dashboard_item item;
    const auto consumer = reader.pacticipants().find_pacticipant(latest_pact.consumer_name);
    const auto provider = reader.pacticipants().find_pacticipant(latest_pact.provider_name);
    const auto consumer_version = consumer ? reader.pacticipants().find_version(consumer->id, latest_pact.consumer_version_number) : std::nullopt;
    const auto publication =
        consumer_version && provider ? reader.pacts().find_pact_publication(consumer_version->id, provider->id) : std::nullopt;
    item.verification_status = "never";
    if (publication) {
        for (const auto& tag : latest_pact.consumer_version_tags) {
            const auto latest_with_tag = reader.pacts().latest_publication_with_tag(consumer->id, provider->id, tag);
            if (latest_with_tag && latest_with_tag->id == publication->id) item.latest_pact_tags.push_back(tag);
        }
        std::ranges::sort(item.latest_pact_tags);
        auto [verification, status] = latest_verification_of(reader, *publication);
        if (verification) {
            item.latest_verification = views::load_verification(reader, *verification);
            for (const auto& tag : reader.pacticipants().tags_of_version(verification->provider_version_id)) {
                const auto latest_with_tag = reader.pacticipants().latest_version_with_tag(provider->id, tag.name);
                item.latest_verification_tags.push_back({tag.name, latest_with_tag && latest_with_tag->id == verification->provider_version_id});
            }
            std::ranges::sort(item.latest_verification_tags, {}, &dashboard_tag::name);
        }
        item.verification_status = std::move(status);
    }

    // Every event a webhook can name is one a pair's publications and verifications raise.
    const bool applies = !reader.webhooks().webhooks_to_trigger(latest_pact.consumer_name, latest_pact.provider_name).empty();
    const auto deliveries = reader.webhooks().triggered_webhooks_of_pair(latest_pact.consumer_name, latest_pact.provider_name);  // newest first
    item.webhook_status = applies || !deliveries.empty() ? "not_run" : "none";
    std::set<std::pair<std::string, std::string>> counted;  // (webhook, event): only the latest delivery of each
    int worst = -1;
    for (const auto& delivery : deliveries) {
        if (!counted.insert({delivery.webhook_uuid, delivery.event_name}).second) continue;
        if (severity(delivery.status) > worst) {
            worst = severity(delivery.status);
            item.webhook_status = delivery.status;
        }
    }
    for (const auto& delivery : deliveries) {
        const auto executions = reader.webhooks().executions_of(delivery.id);
        if (executions.empty()) continue;
        item.last_webhook_execution = executions.back().created_at;
        break;
    }

    item.last_activity = latest_pact.created_at;
    if (item.latest_verification && item.latest_verification->created_at > item.last_activity) item.last_activity = item.latest_verification->created_at;
    item.latest_pact = std::move(latest_pact);
    return item;
}

page<dashboard_item> dashboard_service::dashboard(page_request request) {
    auto latest = pacts_.latest_pacts(request);
    auto reader = store_.read();
    page<dashboard_item> items{{}, latest.request, latest.total};
    for (auto& pact : latest.items) items.items.push_back(item_of(*reader, std::move(pact)));
    std::ranges::stable_sort(items.items, std::ranges::greater{}, &dashboard_item::last_activity);
    return items;
}

result<std::vector<dashboard_item>> dashboard_service::dashboard_of_pair(std::string_view provider, std::string_view consumer) {
    auto reader = store_.read();
    for (const auto name : {consumer, provider})
        if (auto known = views::require_pacticipant(*reader, name); !known) return failure(known.error());
    auto latest = pacts_.latest_pact(consumer, provider);
    if (!latest) return std::vector<dashboard_item>{};  // both known: the pair has no pact
    return std::vector<dashboard_item>{item_of(*reader, std::move(*latest))};
}

}  // namespace pact::broker::domain
