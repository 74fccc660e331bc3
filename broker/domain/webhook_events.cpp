#include "broker/domain/webhook_events.hpp"

#include "broker/domain/provider_contract_service.hpp"
#include "broker/domain/store_views.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace pact::broker::domain {
namespace {

std::string last_or_empty(const std::vector<std::string>& names) { return names.empty() ? std::string() : names.back(); }

// The facts about a consumer version's pact that every event carries.
nlohmann::json pact_facts(store::store_reader& reader, const store::pacticipant_record& consumer, const store::version_record& consumer_version,
                          const store::pacticipant_record& provider, const store::pact_version_record& pact_version) {
    return {{"consumerName", consumer.name},
            {"providerName", provider.name},
            {"consumerVersionNumber", consumer_version.number},
            {"consumerVersionBranch", last_or_empty(views::branch_names(reader, consumer_version.id))},
            {"consumerVersionTags", views::tag_names(reader, consumer_version.id)},
            {"pactVersionSha", pact_version.sha},
            {"consumerLabels", views::label_names(reader, consumer.id)},
            {"providerLabels", views::label_names(reader, provider.id)}};
}

// What a verifier's result and a comparison with a provider contract both tell: a provider version's verdict on pact content.
struct verification_outcome {
    store::row_id pact_version_id = 0;
    store::row_id provider_version_id = 0;
    std::optional<std::int64_t> number;  // a verifier's results are numbered; comparisons are not
    bool success = false;
    std::optional<std::string> build_url;
};

verification_outcome outcome_of(const store::verification_record& verification) {
    return {verification.pact_version_id, verification.provider_version_id, verification.number, verification.success, verification.build_url};
}

// Adds the outcome's facts (provider version, its branch and tags, result) to a context.
void add_verification_facts(store::store_reader& reader, nlohmann::json& context, const verification_outcome& outcome) {
    auto provider_version = reader.pacticipants().find_version(outcome.provider_version_id);
    if (!provider_version) throw store::store_failure("a verification refers to a missing provider version");
    context["providerVersionNumber"] = provider_version->number;
    context["providerVersionBranch"] = last_or_empty(views::branch_names(reader, provider_version->id));
    context["providerVersionTags"] = views::tag_names(reader, provider_version->id);
    if (outcome.number) context["verificationNumber"] = *outcome.number;
    context["verificationSuccess"] = outcome.success;
}

using webhook_list = std::vector<store::webhook_record>;

// Those of the pair's webhooks (webhook_reader::webhooks_to_trigger) that the event triggers.
webhook_list triggered_by(const webhook_list& webhooks, std::string_view event_name) {
    webhook_list triggered;
    for (const auto& webhook : webhooks)
        if (std::ranges::find(webhook.events, event_name) != webhook.events.end()) triggered.push_back(webhook);
    return triggered;
}

std::size_t queue(store::store_writer& writer, const webhook_list& webhooks, std::string_view event_name, const nlohmann::json& facts,
                  const std::string& now) {
    const auto consumer = facts.at("consumerName").get<std::string>();
    const auto provider = facts.at("providerName").get<std::string>();
    auto context = facts;
    context["eventName"] = event_name;
    for (const auto& webhook : webhooks) {
        store::triggered_webhook_record triggered;
        triggered.uuid = views::new_uuid();
        triggered.webhook_id = webhook.id;
        triggered.webhook_uuid = webhook.uuid;
        triggered.event_name = event_name;
        triggered.consumer_name = consumer;
        triggered.provider_name = provider;
        triggered.context = context.dump();
        triggered.created_at = now;
        triggered.updated_at = now;
        static_cast<void>(writer.webhooks().insert_triggered_webhook(triggered));
    }
    return webhooks.size();
}

struct required_verification {
    store::version_record provider_version;
    std::string branch;
};

// Provider versions that should verify this content and have not: the head of the main branch and every
// deployed or released version, as the Pact Broker's contract_requiring_verification_published does.
std::vector<required_verification> required_verifications(store::store_reader& reader, const store::pacticipant_record& provider,
                                                          store::row_id pact_version_id) {
    std::vector<required_verification> required;
    auto add = [&](const store::version_record& version, std::string branch) {
        if (reader.verifications().latest_verification_by(pact_version_id, version.id)) return;
        if (std::ranges::any_of(required, [&](const auto& present) { return present.provider_version.id == version.id; })) return;
        if (branch.empty()) branch = last_or_empty(views::branch_names(reader, version.id));
        required.push_back({version, std::move(branch)});
    };
    if (provider.main_branch)
        if (auto head = reader.pacticipants().latest_version_on_branch(provider.id, *provider.main_branch)) add(*head, *provider.main_branch);
    for (const auto& environment : reader.environments().list_environments()) {
        for (const auto& deployed : reader.environments().currently_deployed(environment.id, provider.id))
            if (auto version = reader.pacticipants().find_version(deployed.version_id)) add(*version, {});
        for (const auto& released : reader.environments().currently_supported(environment.id, provider.id))
            if (auto version = reader.pacticipants().find_version(released.version_id)) add(*version, {});
    }
    return required;
}

std::size_t queue_outcome_events(store::store_writer& writer, const verification_outcome& outcome, const std::string& now) {
    auto pact_version = writer.pacts().find_pact_version(outcome.pact_version_id);
    if (!pact_version) throw store::store_failure("a verification refers to missing pact content");
    auto consumer = writer.pacticipants().find_pacticipant(pact_version->consumer_id);
    auto provider = writer.pacticipants().find_pacticipant(pact_version->provider_id);
    if (!consumer || !provider) throw store::store_failure("a pact version refers to missing pacticipants");
    const auto outcome_event = outcome.success ? "provider_verification_succeeded" : "provider_verification_failed";
    const auto webhooks = writer.webhooks().webhooks_to_trigger(consumer->name, provider->name);
    const auto published = triggered_by(webhooks, "provider_verification_published");
    const auto decided = triggered_by(webhooks, outcome_event);
    if (published.empty() && decided.empty()) return 0;

    auto publications = writer.pacts().publications_of_pact_version(pact_version->id);
    if (publications.empty()) throw store::store_failure("a pact version has no publication");
    // The newest consumer version that published the verified content, as the Pact Broker reports it.
    auto consumer_version = writer.pacticipants().find_version(publications.front().consumer_version_id);
    if (!consumer_version) throw store::store_failure("a publication refers to a missing consumer version");
    auto facts = pact_facts(writer, *consumer, *consumer_version, *provider, *pact_version);
    if (outcome.build_url) facts["buildUrl"] = *outcome.build_url;
    add_verification_facts(writer, facts, outcome);
    return queue(writer, published, "provider_verification_published", facts, now) + queue(writer, decided, outcome_event, facts, now);
}

}  // namespace

std::size_t queue_contract_events(store::store_writer& writer, const contract_publication_event& event, const std::string& now) {
    // Most publishes trigger nothing: find that out with one look-up before gathering facts.
    const auto webhooks = writer.webhooks().webhooks_to_trigger(event.consumer.name, event.provider.name);
    if (webhooks.empty()) return 0;
    const auto published = triggered_by(webhooks, "contract_published");
    const auto changed = event.content_changed ? triggered_by(webhooks, "contract_content_changed") : webhook_list{};
    const auto requiring = triggered_by(webhooks, "contract_requiring_verification_published");
    if (published.empty() && changed.empty() && requiring.empty()) return 0;

    auto pact_version = writer.pacts().find_pact_version(event.pact_version_id);
    if (!pact_version) throw store::store_failure("a publication refers to missing pact content");
    auto facts = pact_facts(writer, event.consumer, event.consumer_version, event.provider, *pact_version);
    if (event.consumer_version.build_url) facts["buildUrl"] = *event.consumer_version.build_url;
    // The verification status templates of contract events describe the content's latest verification.
    if (auto verification = writer.verifications().latest_verification(event.pact_version_id))
        add_verification_facts(writer, facts, outcome_of(*verification));

    std::size_t queued = queue(writer, published, "contract_published", facts, now) + queue(writer, changed, "contract_content_changed", facts, now);
    if (requiring.empty()) return queued;
    for (const auto& required : required_verifications(writer, event.provider, event.pact_version_id)) {
        auto context = facts;
        context.erase("verificationNumber");
        context.erase("verificationSuccess");
        context["providerVersionNumber"] = required.provider_version.number;
        context["providerVersionBranch"] = required.branch;
        context["providerVersionTags"] = views::tag_names(writer, required.provider_version.id);
        queued += queue(writer, requiring, "contract_requiring_verification_published", context, now);
    }
    return queued;
}

std::size_t queue_verification_events(store::store_writer& writer, const store::verification_record& verification, const std::string& now) {
    return queue_outcome_events(writer, outcome_of(verification), now);
}

std::size_t queue_comparison_events(store::store_writer& writer, const store::contract_comparison_record& comparison,
                                    const store::provider_contract_record& contract, const std::string& now) {
    return queue_outcome_events(
        writer, {comparison.pact_version_id, contract.provider_version_id, std::nullopt, comparison_succeeded(comparison, contract), contract.build_url}, now);
}

nlohmann::json test_event_context(store::store_reader& reader, const std::optional<std::string>& consumer_name,
                                  const std::optional<std::string>& provider_name) {
    std::optional<store::pact_publication_record> latest;
    std::optional<store::pacticipant_record> consumer, provider;
    for (const auto& publication : reader.pacts().latest_publications()) {
        if (latest && latest->id > publication.id) continue;
        auto candidate_consumer = reader.pacticipants().find_pacticipant(publication.consumer_id);
        auto candidate_provider = reader.pacticipants().find_pacticipant(publication.provider_id);
        if (!candidate_consumer || !candidate_provider) continue;
        if (consumer_name && candidate_consumer->name != *consumer_name) continue;
        if (provider_name && candidate_provider->name != *provider_name) continue;
        latest = publication;
        consumer = std::move(candidate_consumer);
        provider = std::move(candidate_provider);
    }
    nlohmann::json context = nlohmann::json::object();
    if (latest) {
        auto consumer_version = reader.pacticipants().find_version(latest->consumer_version_id);
        auto pact_version = reader.pacts().find_pact_version(latest->pact_version_id);
        if (!consumer_version || !pact_version) throw store::store_failure("a publication refers to missing rows");
        context = pact_facts(reader, *consumer, *consumer_version, *provider, *pact_version);
        if (consumer_version->build_url) context["buildUrl"] = *consumer_version->build_url;
        if (auto verification = reader.verifications().latest_verification(pact_version->id)) add_verification_facts(reader, context, outcome_of(*verification));
    }
    context["eventName"] = "test";
    return context;
}

}  // namespace pact::broker::domain
