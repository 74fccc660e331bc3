#include "broker/domain/environment_service.hpp"

#include "broker/domain/store_views.hpp"

namespace pact::broker::domain {
namespace {

result<store::environment_record> require_environment(store::store_reader& reader, std::string_view uuid) {
    if (auto found = reader.environments().find_environment_by_uuid(uuid)) return *found;
    return failure(domain_error::not_found("No environment with uuid '" + std::string(uuid) + "' found"));
}

std::optional<domain_error> invalid_environment(const environment_input& input) {
    if (auto invalid = views::invalid_name("name", input.name)) return invalid;
    for (unsigned char c : input.name)
        if (c == ' ') return domain_error::invalid_field("name", "cannot contain spaces");
    if (!input.contacts.is_array() && !input.contacts.is_null()) return domain_error::invalid_field("contacts", "must be an array");
    return std::nullopt;
}

domain_error name_taken(const std::string& name) {
    return domain_error::invalid_field("name", "Another environment with name '" + name + "' already exists.");
}

deployed_version to_deployed(store::store_reader& reader, const store::deployed_version_record& record) {
    auto pacticipant = reader.pacticipants().find_pacticipant(record.pacticipant_id);
    auto version = reader.pacticipants().find_version(record.version_id);
    auto environment = reader.environments().find_environment(record.environment_id);
    if (!pacticipant || !version || !environment) throw store::store_failure("a deployed version refers to missing rows");
    return {record.uuid, pacticipant->name, version->number, views::to_environment(*environment), record.application_instance, record.target,
            !record.undeployed_at.has_value(), record.created_at, record.undeployed_at};
}

released_version to_released(store::store_reader& reader, const store::released_version_record& record) {
    auto pacticipant = reader.pacticipants().find_pacticipant(record.pacticipant_id);
    auto version = reader.pacticipants().find_version(record.version_id);
    auto environment = reader.environments().find_environment(record.environment_id);
    if (!pacticipant || !version || !environment) throw store::store_failure("a released version refers to missing rows");
    return {record.uuid, pacticipant->name, version->number, views::to_environment(*environment), !record.support_ended_at.has_value(),
            record.created_at, record.support_ended_at};
}

struct version_in_environment {
    store::pacticipant_record pacticipant;
    store::version_record version;
    store::environment_record environment;
};

result<version_in_environment> require_version_and_environment(store::store_reader& reader, std::string_view pacticipant, std::string_view number,
                                                               std::string_view environment_uuid) {
    auto owner = views::require_pacticipant(reader, pacticipant);
    if (!owner) return failure(owner.error());
    auto version = views::require_version(reader, *owner, number);
    if (!version) return failure(version.error());
    auto environment = require_environment(reader, environment_uuid);
    if (!environment) return failure(environment.error());
    return version_in_environment{*owner, *version, *environment};
}

// The optional pacticipant filter of the "currently …" queries: an unknown name matches nothing.
std::optional<std::optional<store::row_id>> pacticipant_filter(store::store_reader& reader, std::optional<std::string_view> pacticipant) {
    if (!pacticipant) return std::optional<store::row_id>();
    auto found = reader.pacticipants().find_pacticipant(*pacticipant);
    if (!found) return std::nullopt;
    return std::optional(found->id);
}

}  // namespace

environment_service::environment_service(store::store& store, const broker_config& config) : store_(store), config_(config) {}

result<environment> environment_service::create_environment(const environment_input& input) {
    if (auto invalid = invalid_environment(input)) return failure(*invalid);
    auto writer = store_.write();
    if (writer->environments().find_environment_by_name(input.name)) return failure(name_taken(input.name));
    const auto now = views::timestamp(config_);
    store::environment_record record{0, input.uuid.value_or(views::new_uuid()), input.name, input.display_name.value_or(views::display_name_from(input.name)),
                                     input.production, (input.contacts.is_null() ? nlohmann::json::array() : input.contacts).dump(), now, now};
    record.id = writer->environments().insert_environment(record);
    writer->commit();
    return views::to_environment(record);
}

result<environment> environment_service::update_environment(std::string_view uuid, const environment_input& input) {
    if (auto invalid = invalid_environment(input)) return failure(*invalid);
    auto writer = store_.write();
    auto record = require_environment(*writer, uuid);
    if (!record) return failure(record.error());
    if (auto other = writer->environments().find_environment_by_name(input.name); other && other->id != record->id) return failure(name_taken(input.name));
    record->name = input.name;
    record->display_name = input.display_name.value_or(views::display_name_from(input.name));
    record->production = input.production;
    record->contacts = (input.contacts.is_null() ? nlohmann::json::array() : input.contacts).dump();
    record->updated_at = views::timestamp(config_);
    writer->environments().update_environment(*record);
    writer->commit();
    return views::to_environment(*record);
}

result<void> environment_service::delete_environment(std::string_view uuid) {
    auto writer = store_.write();
    auto record = require_environment(*writer, uuid);
    if (!record) return failure(record.error());
    writer->environments().delete_environment(record->id);
    writer->commit();
    return {};
}

result<environment> environment_service::find_environment(std::string_view uuid) {
    auto reader = store_.read();
    auto record = require_environment(*reader, uuid);
    if (!record) return failure(record.error());
    return views::to_environment(*record);
}

result<environment> environment_service::find_environment_by_name(std::string_view name) {
    auto reader = store_.read();
    if (auto found = reader->environments().find_environment_by_name(name)) return views::to_environment(*found);
    return failure(domain_error::not_found("Environment with name '" + std::string(name) + "' does not exist"));
}

std::vector<environment> environment_service::list_environments() {
    auto reader = store_.read();
    std::vector<environment> all;
    for (const auto& record : reader->environments().list_environments()) all.push_back(views::to_environment(record));
    return all;
}

result<deployed_version> environment_service::record_deployment(std::string_view pacticipant, std::string_view version_number,
                                                                std::string_view environment_uuid, std::optional<std::string> application_instance,
                                                                std::optional<std::string> uuid) {
    auto writer = store_.write();
    auto target = require_version_and_environment(*writer, pacticipant, version_number, environment_uuid);
    if (!target) return failure(target.error());
    const auto now = views::timestamp(config_);
    // The new deployment replaces whatever runs in the same slot (pacticipant, environment, instance).
    for (const auto& current : writer->environments().currently_deployed(target->environment.id, target->pacticipant.id))
        if (current.application_instance == application_instance) writer->environments().mark_undeployed(current.id, now);
    store::deployed_version_record record{0, uuid.value_or(views::new_uuid()), target->version.id, target->pacticipant.id, target->environment.id,
                                          application_instance, application_instance, now, std::nullopt};
    record.id = writer->environments().insert_deployed_version(record);
    auto answer = to_deployed(*writer, record);
    writer->commit();
    return answer;
}

result<deployed_version> environment_service::record_undeployment(std::string_view deployed_version_uuid) {
    auto writer = store_.write();
    auto record = writer->environments().find_deployed_version(deployed_version_uuid);
    if (!record) return failure(domain_error::not_found("No deployed version with uuid '" + std::string(deployed_version_uuid) + "' found"));
    if (!record->undeployed_at) {
        record->undeployed_at = views::timestamp(config_);
        writer->environments().mark_undeployed(record->id, *record->undeployed_at);
    }
    auto answer = to_deployed(*writer, *record);
    writer->commit();
    return answer;
}

result<deployed_version> environment_service::find_deployed_version(std::string_view uuid) {
    auto reader = store_.read();
    auto record = reader->environments().find_deployed_version(uuid);
    if (!record) return failure(domain_error::not_found("No deployed version with uuid '" + std::string(uuid) + "' found"));
    return to_deployed(*reader, *record);
}

result<std::vector<deployed_version>> environment_service::currently_deployed(std::string_view environment_uuid, std::optional<std::string_view> pacticipant) {
    auto reader = store_.read();
    auto environment = require_environment(*reader, environment_uuid);
    if (!environment) return failure(environment.error());
    std::vector<deployed_version> all;
    auto filter = pacticipant_filter(*reader, pacticipant);
    if (!filter) return all;
    for (const auto& record : reader->environments().currently_deployed(environment->id, *filter)) all.push_back(to_deployed(*reader, record));
    return all;
}

result<std::vector<deployed_version>> environment_service::deployments_of_version(std::string_view pacticipant, std::string_view version_number) {
    auto reader = store_.read();
    auto owner = views::require_pacticipant(*reader, pacticipant);
    if (!owner) return failure(owner.error());
    auto version = views::require_version(*reader, *owner, version_number);
    if (!version) return failure(version.error());
    std::vector<deployed_version> all;
    for (const auto& record : reader->environments().deployments_of_version(version->id)) all.push_back(to_deployed(*reader, record));
    return all;
}

result<released_version> environment_service::record_release(std::string_view pacticipant, std::string_view version_number,
                                                             std::string_view environment_uuid) {
    auto writer = store_.write();
    auto target = require_version_and_environment(*writer, pacticipant, version_number, environment_uuid);
    if (!target) return failure(target.error());
    const auto now = views::timestamp(config_);
    auto record = writer->environments().find_release(target->version.id, target->environment.id);
    if (record) {
        if (record->support_ended_at) {
            writer->environments().mark_supported_again(record->id);
            record->support_ended_at.reset();
        }
    } else {
        record = store::released_version_record{0, views::new_uuid(), target->version.id, target->pacticipant.id, target->environment.id, now, std::nullopt};
        record->id = writer->environments().insert_released_version(*record);
    }
    auto answer = to_released(*writer, *record);
    writer->commit();
    return answer;
}

result<released_version> environment_service::record_support_ended(std::string_view released_version_uuid) {
    auto writer = store_.write();
    auto record = writer->environments().find_released_version(released_version_uuid);
    if (!record) return failure(domain_error::not_found("No released version with uuid '" + std::string(released_version_uuid) + "' found"));
    if (!record->support_ended_at) {
        record->support_ended_at = views::timestamp(config_);
        writer->environments().mark_support_ended(record->id, *record->support_ended_at);
    }
    auto answer = to_released(*writer, *record);
    writer->commit();
    return answer;
}

result<released_version> environment_service::find_released_version(std::string_view uuid) {
    auto reader = store_.read();
    auto record = reader->environments().find_released_version(uuid);
    if (!record) return failure(domain_error::not_found("No released version with uuid '" + std::string(uuid) + "' found"));
    return to_released(*reader, *record);
}

result<std::vector<released_version>> environment_service::currently_supported(std::string_view environment_uuid, std::optional<std::string_view> pacticipant) {
    auto reader = store_.read();
    auto environment = require_environment(*reader, environment_uuid);
    if (!environment) return failure(environment.error());
    std::vector<released_version> all;
    auto filter = pacticipant_filter(*reader, pacticipant);
    if (!filter) return all;
    for (const auto& record : reader->environments().currently_supported(environment->id, *filter)) all.push_back(to_released(*reader, record));
    return all;
}

result<std::vector<released_version>> environment_service::releases_of_version(std::string_view pacticipant, std::string_view version_number) {
    auto reader = store_.read();
    auto owner = views::require_pacticipant(*reader, pacticipant);
    if (!owner) return failure(owner.error());
    auto version = views::require_version(*reader, *owner, version_number);
    if (!version) return failure(version.error());
    std::vector<released_version> all;
    for (const auto& record : reader->environments().releases_of_version(version->id)) all.push_back(to_released(*reader, record));
    return all;
}

}  // namespace pact::broker::domain
