#include "broker/domain/publication_service.hpp"

#include "broker/domain/content_encoding.hpp"
#include "broker/domain/field_usage_service.hpp"
#include "broker/domain/provider_contract_service.hpp"
#include "broker/domain/json_checks.hpp"
#include "broker/domain/json_checks.hpp"
#include "broker/domain/pacticipant_names.hpp"
#include "broker/domain/store_views.hpp"
#include "broker/domain/webhook_events.hpp"

namespace pact::broker::domain {
namespace {

// What the broker adds when it serves a pact, and therefore removes before hashing or storing.
nlohmann::json normalised(const nlohmann::json& pact) {
    nlohmann::json copy = pact;
    copy.erase("_links");
    copy.erase("createdAt");
    for (const char* list : {"interactions", "messages"}) {
        auto found = copy.find(list);
        if (found == copy.end() || !found->is_array()) continue;
        for (auto& interaction : *found)
            if (interaction.is_object()) interaction.erase("_id");
    }
    return copy;
}

std::string name_in(const nlohmann::json& pact, const char* role) {
    auto party = pact.find(role);
    if (party == pact.end() || !party->is_object()) return {};
    auto name = party->find("name");
    return name != party->end() && name->is_string() ? name->get<std::string>() : std::string();
}

// Interactions are the same interaction when their description and provider state(s) match.
nlohmann::json interaction_key(const nlohmann::json& interaction) {
    if (!interaction.is_object()) return interaction;
    return nlohmann::json{{"description", interaction.value("description", nlohmann::json())},
                          {"providerState", interaction.value("providerState", nlohmann::json())},
                          {"providerStates", interaction.value("providerStates", nlohmann::json())}};
}

enum class outcome { published, unchanged, overwritten, merged };

struct stored_pact {
    store::pact_publication_record publication;
    outcome what = outcome::published;
};

std::string conflict_message(std::string_view consumer, std::string_view version, std::string_view provider) {
    return "Cannot change the content of the pact for " + std::string(consumer) + " version " + std::string(version) + " and provider " +
           std::string(provider) +
           ", as race conditions will cause unreliable results for can-i-deploy. Each pact must be published with a unique consumer "
           "version number. Some Pact libraries generate random data when a concrete value for a type matcher is not specified, and "
           "this can cause the contract to mutate - ensure you have given example values for all type matchers. For more information "
           "see https://docs.pact.io/go/versioning";
}

// Stores the pact for (consumer version, provider) inside the caller's transaction.
// A pact normalised, hashed and written out before the writer is taken: for a large pact that is most of the
// work, and every other publish waits while a writer is held.
struct prepared_pact {
    nlohmann::json content;
    std::string sha;
    std::string text;
};

prepared_pact prepare_pact(nlohmann::json content) {
    content = normalised(content);
    auto text = content.dump();
    auto sha = encoding::sha1_hex(text);  // pact_content_sha's: normalising again changes nothing
    return {std::move(content), std::move(sha), std::move(text)};
}

// What the publish already knows, which spares look-ups under the writer lock.
struct publication_facts {
    bool version_is_new = false;         // made by this publish: it has published nothing yet
    bool pair_published_before = false;  // the pair has a publication, so its integration exists
};

result<stored_pact> store_pact(store::store_writer& writer, const broker_config& config, const store::pacticipant_record& consumer,
                               const store::version_record& consumer_version, const store::pacticipant_record& provider,
                               prepared_pact pact, on_conflict on_conflict, publication_facts facts, const std::string& now) {
    auto existing = facts.version_is_new ? std::nullopt : writer.pacts().find_pact_publication(consumer_version.id, provider.id);
    outcome what = outcome::published;
    if (existing) {
        auto existing_content = writer.pacts().find_pact_version(existing->pact_version_id);
        if (!existing_content) throw store::store_failure("a pact publication refers to missing content");
        if (on_conflict == on_conflict::merge) {
            auto merged = merge_pacts(nlohmann::json::parse(existing_content->content), pact.content);
            if (!merged) return failure(merged.error());
            pact = prepare_pact(std::move(*merged));
        }
        if (pact.sha == existing_content->sha) return stored_pact{*existing, outcome::unchanged};
        if (on_conflict != on_conflict::merge && !config.allow_dangerous_contract_modification) {
            const auto message = conflict_message(consumer.name, consumer_version.number, provider.name);
            return failure(domain_error::conflict(message, {{"contracts", {message}}}));
        }
        what = on_conflict == on_conflict::merge ? outcome::merged : outcome::overwritten;
    }
    auto pact_version = writer.pacts().find_pact_version(consumer.id, provider.id, pact.sha);
    store::row_id pact_version_id = pact_version ? pact_version->id : 0;
    if (!pact_version) {
        pact_version_id = writer.pacts().insert_pact_version({0, consumer.id, provider.id, pact.sha, std::move(pact.text), now});
        index_field_usages(writer, pact_version_id, pact.content);
    }
    if (existing) {
        writer.pacts().replace_publication_content(existing->id, pact_version_id, now);
        auto updated = *existing;
        updated.pact_version_id = pact_version_id;
        updated.created_at = now;
        return stored_pact{updated, what};
    }
    store::pact_publication_record publication{0, consumer.id, provider.id, consumer_version.id, pact_version_id, now};
    // A pair's integration lives as long as its publications do: only the pair's first needs it made.
    if (!facts.pair_published_before) writer.pacts().add_integration(consumer.id, provider.id, now);
    publication.id = writer.pacts().insert_pact_publication(publication);
    return stored_pact{publication, what};
}

// The webhook event of a stored pact: its content changed when it differs from the pair's latest pact before.
contract_publication_event publication_event(const store::pacticipant_record& consumer, const store::version_record& version,
                                             const store::pacticipant_record& provider,
                                             const std::optional<store::pact_publication_record>& previous,
                                             const store::pact_publication_record& stored) {
    return {consumer, version, provider, stored.pact_version_id, !previous || previous->pact_version_id != stored.pact_version_id};
}

std::string outcome_notice(outcome what, std::string_view consumer, std::string_view version, std::string_view provider) {
    const std::string subject = std::string(consumer) + " version " + std::string(version) + " and provider " + std::string(provider);
    switch (what) {
        case outcome::unchanged: return "Pact successfully republished for " + subject + " with no content changes.";
        case outcome::overwritten:
            return "Pact with changed content published over existing content for " + subject +
                   ". This is not recommended in normal circumstances and may indicate that you have not configured your Pact pipeline "
                   "correctly. For more information see https://docs.pact.io/go/versioning";
        case outcome::merged: return "Pact content merged with existing content for " + subject + ".";
        case outcome::published: break;
    }
    return "Pact successfully published for " + subject + ".";
}

std::string version_notice(bool created, std::string_view pacticipant, std::string_view number, const std::optional<std::string>& branch,
                           const std::vector<std::string>& tags) {
    std::string text = std::string(created ? "Created " : "Updated ") + std::string(pacticipant) + " version " + std::string(number);
    if (branch) text += " with branch " + *branch;
    if (!tags.empty()) {
        text += branch ? " and tags " : " with tags ";
        for (std::size_t i = 0; i < tags.size(); ++i) text += (i ? ", " : "") + tags[i];
    }
    return text;
}

// Decodes and checks every contract; errors are keyed "contracts.N.field".
result<std::vector<nlohmann::json>> decode_contracts(const publish_contracts_request& request) {
    field_errors errors;
    std::vector<nlohmann::json> pacts;
    if (auto invalid = views::invalid_name("pacticipantName", request.pacticipant_name)) errors.insert(invalid->fields.begin(), invalid->fields.end());
    if (auto invalid = views::invalid_name("pacticipantVersionNumber", request.version_number))
        errors.insert(invalid->fields.begin(), invalid->fields.end());
    if (request.branch)
        if (auto invalid = views::invalid_name("branch", *request.branch)) errors.insert(invalid->fields.begin(), invalid->fields.end());
    for (const auto& tag : request.tags)
        if (auto invalid = views::invalid_name("tags", tag)) errors.insert(invalid->fields.begin(), invalid->fields.end());
    if (request.contracts.empty()) errors["contracts"].push_back("can't be blank");
    for (std::size_t index = 0; index < request.contracts.size(); ++index) {
        const auto& contract = request.contracts[index];
        const std::string prefix = "contracts." + std::to_string(index) + ".";
        if (contract.consumer_name != request.pacticipant_name)
            errors[prefix + "consumerName"].push_back("consumerName ('" + contract.consumer_name + "') must match pacticipantName ('" +
                                                      request.pacticipant_name + "')");
        if (auto invalid = views::invalid_name(prefix + "providerName", contract.provider_name)) errors.insert(invalid->fields.begin(), invalid->fields.end());
        if (contract.specification != "pact") errors[prefix + "specification"].push_back("must be 'pact'");
        if (contract.content_type != "application/json" && !contract.content_type.starts_with("application/json;"))
            errors[prefix + "contentType"].push_back("must be 'application/json'");
        auto decoded = encoding::decode_base64(contract.content);
        if (!decoded) {
            errors[prefix + "content"].push_back("is not valid Base64");
            continue;
        }
        if (auto problem = find_json_problem(*decoded)) {
            errors[prefix + "content"].push_back("content is not acceptable JSON: " + *problem);
            continue;
        }
        auto pact = nlohmann::json::parse(*decoded, nullptr, false);
        if (pact.is_discarded() || !pact.is_object()) {
            errors[prefix + "content"].push_back("content could not be parsed as application/json");
            continue;
        }
        const auto consumer_in_content = name_in(pact, "consumer");
        const auto provider_in_content = name_in(pact, "provider");
        if (consumer_in_content != contract.consumer_name)
            errors[prefix + "content"].push_back("consumer name in contract content ('" + consumer_in_content +
                                                 "') must match consumerName in contract params ('" + contract.consumer_name + "')");
        if (provider_in_content != contract.provider_name)
            errors[prefix + "content"].push_back("provider name in contract content ('" + provider_in_content +
                                                 "') must match providerName in contract params ('" + contract.provider_name + "')");
        pacts.push_back(std::move(pact));
    }
    if (!errors.empty()) {
        std::string message;
        for (const auto& [field, messages] : errors)
            for (const auto& text : messages) message += (message.empty() ? "" : "; ") + field + ": " + text;
        return failure(domain_error::invalid(message, errors));
    }
    return pacts;
}

}  // namespace

std::string pact_content_sha(const nlohmann::json& pact) { return encoding::sha1_hex(normalised(pact).dump()); }

std::string interaction_id(const nlohmann::json& interaction) {
    nlohmann::json copy = interaction;
    if (copy.is_object()) copy.erase("_id");
    return encoding::sha1_hex(copy.dump());
}

result<nlohmann::json> merge_pacts(const nlohmann::json& existing, const nlohmann::json& incoming) {
    nlohmann::json merged = existing;
    for (const char* list : {"interactions", "messages"}) {
        auto additions = incoming.find(list);
        if (additions == incoming.end()) continue;
        if (!additions->is_array()) return failure(domain_error::invalid_field(list, "must be an array"));
        auto& target = merged[list];
        if (target.is_null()) target = nlohmann::json::array();
        if (!target.is_array()) return failure(domain_error::conflict(std::string("the existing pact's ") + list + " is not an array"));
        for (const auto& interaction : *additions) {
            const auto key = interaction_key(interaction);
            auto same = std::find_if(target.begin(), target.end(), [&](const nlohmann::json& present) { return interaction_key(present) == key; });
            if (same != target.end()) *same = interaction;
            else target.push_back(interaction);
        }
    }
    // Metadata of the newer pact wins (e.g. a newer specification version).
    if (auto metadata = incoming.find("metadata"); metadata != incoming.end()) merged["metadata"] = *metadata;
    return merged;
}

publication_service::publication_service(store::store& store, const broker_config& config) : store_(store), config_(config) {}

result<publish_contracts_result> publication_service::publish_contracts(const publish_contracts_request& request) {
    auto pacts = decode_contracts(request);
    if (!pacts) return failure(pacts.error());

    std::vector<prepared_pact> prepared;
    for (auto& pact : *pacts) prepared.push_back(prepare_pact(std::move(pact)));

    std::vector<std::string> names{request.pacticipant_name};
    for (const auto& contract : request.contracts) names.insert(names.end(), {contract.consumer_name, contract.provider_name});
    if (auto duplicate = potential_duplicate_pacticipants(store_, names, request.broker_base_url, "contracts", config_)) return failure(*duplicate);
    auto writer = store_.write();
    const auto now = views::timestamp(config_);
    auto consumer = views::find_or_create_pacticipant(*writer, request.pacticipant_name, now);
    bool version_created = false;
    auto version = views::record_publishing_version(*writer, consumer, request.version_number, {request.branch, request.tags, request.build_url}, now, config_, &version_created);

    publish_contracts_result answer;
    std::vector<store::pact_publication_record> publications;
    std::size_t queued = 0;
    answer.notices.push_back({"debug", version_notice(version_created, consumer.name, version.number, request.branch, request.tags)});
    for (std::size_t index = 0; index < request.contracts.size(); ++index) {
        const auto& contract = request.contracts[index];
        auto provider = views::find_or_create_pacticipant(*writer, contract.provider_name, now);
        auto previous = writer->pacts().latest_publication(consumer.id, provider.id);
        auto stored = store_pact(*writer, config_, consumer, version, provider, std::move(prepared[index]), contract.on_conflict,
                                 {.version_is_new = version_created, .pair_published_before = previous.has_value()}, now);
        if (!stored) return failure(stored.error());  // the writer rolls back: nothing is half-written
        queued += queue_contract_events(*writer, publication_event(consumer, version, provider, previous, stored->publication), now);
        queued += compare_with_provider_contracts(*writer, provider, stored->publication.pact_version_id, now);
        answer.notices.push_back({stored->what == outcome::overwritten ? "warning" : "success",
                                  outcome_notice(stored->what, consumer.name, version.number, provider.name)});
        publications.push_back(stored->publication);
    }
    views::commit(std::move(writer));
    if (queued > 0) config_.webhooks.deliveries_queued();
    // The answer is read after the commit, outside the writer lock that every publish waits for.
    auto reader = store_.read();
    for (const auto& publication : publications) answer.pacts.push_back(views::load_publication(*reader, publication));
    answer.consumer = views::to_pacticipant(*reader, consumer);
    answer.consumer_version = views::load_version(*reader, version, consumer.name);
    return answer;
}

result<publish_pact_result> publication_service::publish_pact(std::string_view provider_name, std::string_view consumer_name,
                                                              std::string_view consumer_version_number, const nlohmann::json& pact,
                                                              on_conflict on_conflict, std::string_view broker_base_url) {
    if (auto invalid = views::invalid_name("consumer", consumer_name)) return failure(*invalid);
    if (auto invalid = views::invalid_name("provider", provider_name)) return failure(*invalid);
    if (auto invalid = views::invalid_name("consumerVersionNumber", consumer_version_number)) return failure(*invalid);
    if (!pact.is_object()) return failure(domain_error::invalid_field("pact", "must be a JSON object"));
    field_errors errors;
    for (const auto& [role, expected] : {std::pair{"consumer", consumer_name}, std::pair{"provider", provider_name}}) {
        const auto in_pact = name_in(pact, role);
        if (in_pact.empty()) errors[role].push_back(std::string("name was not found at expected path $.") + role + ".name in the submitted pact file.");
        else if (in_pact != expected)
            errors[role].push_back("name in pact '" + in_pact + "' does not match name in URL path '" + std::string(expected) + "'.");
    }
    if (!errors.empty()) return failure(domain_error::invalid(errors.begin()->second.front(), errors));

    auto prepared = prepare_pact(pact);
    const std::vector<std::string> names{std::string(consumer_name), std::string(provider_name)};
    if (auto duplicate = potential_duplicate_pacticipants(store_, names, broker_base_url, "pacticipant", config_)) return failure(*duplicate);
    auto writer = store_.write();
    const auto now = views::timestamp(config_);
    auto consumer = views::find_or_create_pacticipant(*writer, consumer_name, now);
    auto provider = views::find_or_create_pacticipant(*writer, provider_name, now);
    bool version_created = false;
    auto version = views::find_or_create_version(*writer, consumer, consumer_version_number, now, &version_created);
    auto previous = writer->pacts().latest_publication(consumer.id, provider.id);
    auto stored = store_pact(*writer, config_, consumer, version, provider, std::move(prepared), on_conflict,
                             {.version_is_new = version_created, .pair_published_before = previous.has_value()}, now);
    if (!stored) return failure(stored.error());
    const auto queued = queue_contract_events(*writer, publication_event(consumer, version, provider, previous, stored->publication), now) +
                        compare_with_provider_contracts(*writer, provider, stored->publication.pact_version_id, now);
    views::commit(std::move(writer));
    if (queued > 0) config_.webhooks.deliveries_queued();
    return publish_pact_result{views::load_publication(*store_.read(), stored->publication), stored->what == outcome::published};
}

}  // namespace pact::broker::domain
