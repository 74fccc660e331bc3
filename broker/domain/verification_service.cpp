#include "broker/domain/verification_service.hpp"

#include "broker/domain/store_views.hpp"
#include "broker/domain/webhook_events.hpp"

namespace pact::broker::domain {

verification_service::verification_service(store::store& store, const broker_config& config) : store_(store), config_(config) {}

result<verification> verification_service::publish_verification(std::string_view provider, std::string_view consumer, std::string_view sha,
                                                                 const verification_to_publish& input) {
    field_errors errors;
    if (auto invalid = views::invalid_name("providerApplicationVersion", input.provider_version_number)) errors = invalid->fields;
    if (!input.success) errors["success"].push_back("can't be blank");
    if (!input.test_results.is_array() && !input.test_results.is_null() && !input.test_results.is_object())
        errors["testResults"].push_back("must be an array");
    if (!errors.empty()) return failure(domain_error::invalid(errors.begin()->first + ": " + errors.begin()->second.front(), errors));

    auto writer = store_.write();
    auto pact_version = views::require_pact_version(*writer, consumer, provider, sha);
    if (!pact_version) return failure(pact_version.error());
    auto provider_record = writer->pacticipants().find_pacticipant(pact_version->provider_id);
    if (!provider_record) throw store::store_failure("a pact version refers to a missing provider");
    const auto now = views::timestamp(config_);
    auto provider_version = views::find_or_create_version(*writer, *provider_record, input.provider_version_number, now);
    if (input.provider_version_branch)
        views::add_version_to_branch(*writer, *provider_record, *input.provider_version_branch, provider_version.id, now, config_);
    for (const auto& tag : input.provider_version_tags) views::add_tag(*writer, *provider_record, tag, provider_version.id, now, config_);
    auto stored = writer->verifications().insert_verification({0, pact_version->id, provider_version.id, 0, *input.success, input.build_url,
                                               (input.test_results.is_null() ? nlohmann::json::array() : input.test_results).dump(),
                                               input.verified_by.dump(), now, input.wip});
    const auto queued = queue_verification_events(*writer, stored, now);
    views::commit(std::move(writer));
    if (queued > 0) config_.webhooks.deliveries_queued();
    // Read after the commit, outside the writer lock that every write waits for.
    return views::load_verification(*store_.read(), stored);
}

namespace {

// The pact content's verification result of that number, or not_found naming what is missing.
result<store::verification_record> numbered_verification(store::store_reader& reader, std::string_view provider, std::string_view consumer,
                                                         std::string_view sha, std::int64_t number) {
    auto pact_version = views::require_pact_version(reader, consumer, provider, sha);
    if (!pact_version) return failure(pact_version.error());
    auto found = reader.verifications().find_verification(pact_version->id, number);
    if (!found) return failure(domain_error::not_found("No verification result " + std::to_string(number) + " found for that pact"));
    return *found;
}

}  // namespace

result<verification> verification_service::find_verification(std::string_view provider, std::string_view consumer, std::string_view sha,
                                                              std::int64_t number) {
    auto reader = store_.read();
    auto found = numbered_verification(*reader, provider, consumer, sha, number);
    if (!found) return failure(found.error());
    return views::load_verification(*reader, *found);
}

result<void> verification_service::delete_verification(std::string_view provider, std::string_view consumer, std::string_view sha,
                                                       std::int64_t number) {
    auto writer = store_.write();
    auto found = numbered_verification(*writer, provider, consumer, sha, number);
    if (!found) return failure(found.error());
    writer->verifications().delete_verification(found->id);
    writer->commit();
    return {};
}

result<std::vector<verification>> verification_service::verifications_of_pact(std::string_view provider, std::string_view consumer, std::string_view sha) {
    auto reader = store_.read();
    auto pact_version = views::require_pact_version(*reader, consumer, provider, sha);
    if (!pact_version) return failure(pact_version.error());
    std::vector<verification> all;
    for (const auto& record : reader->verifications().verifications_of_pact_version(pact_version->id)) all.push_back(views::load_verification(*reader, record));
    return all;
}

result<std::optional<verification>> verification_service::latest_verification_of_pact(std::string_view provider, std::string_view consumer,
                                                                                       std::string_view sha) {
    auto reader = store_.read();
    auto pact_version = views::require_pact_version(*reader, consumer, provider, sha);
    if (!pact_version) return failure(pact_version.error());
    auto found = reader->verifications().latest_verification(pact_version->id);
    if (!found) return std::optional<verification>();
    return std::optional(views::load_verification(*reader, *found));
}

result<std::vector<verification>> verification_service::verifications_by_provider_version(std::string_view provider, std::string_view number) {
    auto reader = store_.read();
    auto provider_record = views::require_pacticipant(*reader, provider);
    if (!provider_record) return failure(provider_record.error());
    auto version = views::require_version(*reader, *provider_record, number);
    if (!version) return failure(version.error());
    std::vector<verification> all;
    for (const auto& record : reader->verifications().verifications_by_provider_version(version->id)) all.push_back(views::load_verification(*reader, record));
    return all;
}

}  // namespace pact::broker::domain
