#include "broker/domain/pacticipant_service.hpp"

#include "broker/domain/store_views.hpp"

#include <algorithm>

namespace pact::broker::domain {
namespace {

template <typename T>
void apply(const field_update<T>& change, std::optional<T>& field) {
    if (change) field = *change;
}

domain_error label_not_found(std::string_view pacticipant_name, std::string_view label_name) {
    return domain_error::not_found("No label '" + std::string(label_name) + "' found for " + std::string(pacticipant_name));
}

std::optional<store::label_record> find_label_record(store::store_reader& reader, store::row_id pacticipant_id, std::string_view label_name) {
    for (auto& record : reader.pacticipants().labels_of(pacticipant_id))
        if (record.name == label_name) return std::move(record);
    return std::nullopt;
}

// A branch with the number of its newest version.
branch branch_of(store::store_reader& reader, const store::pacticipant_record& owner, const store::branch_record& record) {
    auto latest = reader.pacticipants().latest_version_on_branch(owner.id, record.name);
    return {owner.name, record.name, record.created_at, latest ? std::optional(latest->number) : std::nullopt};
}

}  // namespace

pacticipant_service::pacticipant_service(store::store& store, const broker_config& config) : store_(store), config_(config) {}

result<pacticipant> pacticipant_service::create_pacticipant(const pacticipant_input& input) {
    if (auto invalid = views::invalid_name("name", input.name)) return failure(*invalid);
    auto writer = store_.write();
    if (writer->pacticipants().find_pacticipant(input.name))
        return failure(domain_error::conflict("A pacticipant with name '" + input.name + "' already exists", {{"name", {"is already taken"}}}));
    const auto now = views::timestamp(config_);
    store::pacticipant_record record{0, input.name, input.display_name, input.main_branch, input.repository_url, now, now};
    record.id = writer->pacticipants().insert_pacticipant(record);
    auto created = views::to_pacticipant(*writer, record);
    writer->commit();
    return created;
}

result<pacticipant> pacticipant_service::update_pacticipant(std::string_view name, const pacticipant_changes& changes) {
    auto writer = store_.write();
    auto record = views::require_pacticipant(*writer, name);
    if (!record) return failure(record.error());
    apply(changes.display_name, record->display_name);
    apply(changes.main_branch, record->main_branch);
    apply(changes.repository_url, record->repository_url);
    record->updated_at = views::timestamp(config_);
    writer->pacticipants().update_pacticipant(*record);
    auto updated = views::to_pacticipant(*writer, *record);
    writer->commit();
    return updated;
}

result<created_or_found<pacticipant>> pacticipant_service::create_or_update_pacticipant(std::string_view name, const pacticipant_changes& changes) {
    if (auto invalid = views::invalid_name("name", name)) return failure(*invalid);
    auto writer = store_.write();
    const auto now = views::timestamp(config_);
    auto existing = writer->pacticipants().find_pacticipant(name);
    store::pacticipant_record record = existing ? *existing : store::pacticipant_record{0, std::string(name), {}, {}, {}, now, now};
    apply(changes.display_name, record.display_name);
    apply(changes.main_branch, record.main_branch);
    apply(changes.repository_url, record.repository_url);
    record.updated_at = now;
    if (existing) writer->pacticipants().update_pacticipant(record);
    else record.id = writer->pacticipants().insert_pacticipant(record);
    created_or_found<pacticipant> answer{views::to_pacticipant(*writer, record), !existing};
    writer->commit();
    return answer;
}

result<pacticipant> pacticipant_service::find_pacticipant(std::string_view name) {
    auto reader = store_.read();
    auto record = views::require_pacticipant(*reader, name);
    if (!record) return failure(record.error());
    return views::to_pacticipant(*reader, *record);
}

std::vector<pacticipant> pacticipant_service::list_pacticipants() {
    auto reader = store_.read();
    std::vector<pacticipant> all;
    for (const auto& record : reader->pacticipants().list_pacticipants()) all.push_back(views::to_pacticipant(*reader, record));
    return all;
}

page<pacticipant> pacticipant_service::list_pacticipants(page_request request) {
    auto reader = store_.read();
    auto records = reader->pacticipants().list_pacticipants(request.window());
    return views::to_page(records, request, [&](const store::pacticipant_record& record) { return views::to_pacticipant(*reader, record); });
}

result<created_or_found<label>> pacticipant_service::add_label(std::string_view pacticipant_name, std::string_view label_name) {
    if (auto invalid = views::invalid_name("pacticipant", pacticipant_name)) return failure(*invalid);
    if (auto invalid = views::invalid_name("label", label_name)) return failure(*invalid);
    auto writer = store_.write();
    const auto now = views::timestamp(config_);
    auto owner = views::find_or_create_pacticipant(*writer, pacticipant_name, now);
    const bool added = writer->pacticipants().add_label(owner.id, label_name, now);
    auto stored = find_label_record(*writer, owner.id, label_name);
    if (!stored) throw store::store_failure("a label just added is missing");
    writer->commit();
    return created_or_found<label>{label{owner.name, stored->name, stored->created_at}, added};
}

result<label> pacticipant_service::find_label(std::string_view pacticipant_name, std::string_view label_name) {
    auto reader = store_.read();
    auto owner = views::require_pacticipant(*reader, pacticipant_name);
    if (!owner) return failure(owner.error());
    auto stored = find_label_record(*reader, owner->id, label_name);
    if (!stored) return failure(label_not_found(owner->name, label_name));
    return label{owner->name, stored->name, stored->created_at};
}

result<void> pacticipant_service::delete_label(std::string_view pacticipant_name, std::string_view label_name) {
    auto writer = store_.write();
    auto owner = views::require_pacticipant(*writer, pacticipant_name);
    if (!owner) return failure(owner.error());
    if (!writer->pacticipants().delete_label(owner->id, label_name)) return failure(label_not_found(owner->name, label_name));
    writer->commit();
    return {};
}

page<pacticipant> pacticipant_service::pacticipants_with_label(std::string_view label_name, page_request request) {
    auto reader = store_.read();
    auto records = reader->pacticipants().pacticipants_with_label(label_name, request.window());
    return views::to_page(records, request, [&](const store::pacticipant_record& record) { return views::to_pacticipant(*reader, record); });
}

result<version> pacticipant_service::find_version(std::string_view pacticipant_name, std::string_view number) {
    auto reader = store_.read();
    auto owner = views::require_pacticipant(*reader, pacticipant_name);
    if (!owner) return failure(owner.error());
    auto record = views::require_version(*reader, *owner, number);
    if (!record) return failure(record.error());
    return views::load_version(*reader, *record, owner->name);
}

result<version> pacticipant_service::latest_version(std::string_view pacticipant_name) {
    auto reader = store_.read();
    auto owner = views::require_pacticipant(*reader, pacticipant_name);
    if (!owner) return failure(owner.error());
    auto record = reader->pacticipants().latest_version(owner->id);
    if (!record) return failure(domain_error::not_found("No versions found for " + owner->name));
    return views::load_version(*reader, *record, owner->name);
}

result<version> pacticipant_service::latest_version_with_tag(std::string_view pacticipant_name, std::string_view tag) {
    auto reader = store_.read();
    auto owner = views::require_pacticipant(*reader, pacticipant_name);
    if (!owner) return failure(owner.error());
    auto record = reader->pacticipants().latest_version_with_tag(owner->id, tag);
    if (!record) return failure(domain_error::not_found("No version of " + owner->name + " with tag '" + std::string(tag) + "' found"));
    return views::load_version(*reader, *record, owner->name);
}

result<page<version>> pacticipant_service::versions_with_tag(std::string_view pacticipant_name, std::string_view tag, page_request request) {
    auto reader = store_.read();
    auto owner = views::require_pacticipant(*reader, pacticipant_name);
    if (!owner) return failure(owner.error());
    auto records = reader->pacticipants().versions_with_tag(owner->id, tag, request.window());
    if (records.total == 0) return failure(domain_error::not_found("No version of " + owner->name + " with tag '" + std::string(tag) + "' found"));
    return views::to_page(records, request, [&](const store::version_record& record) { return views::load_version(*reader, record, owner->name); });
}

result<version> pacticipant_service::latest_version_on_branch(std::string_view pacticipant_name, std::string_view branch_name) {
    auto reader = store_.read();
    auto owner = views::require_pacticipant(*reader, pacticipant_name);
    if (!owner) return failure(owner.error());
    auto record = reader->pacticipants().latest_version_on_branch(owner->id, branch_name);
    if (!record) return failure(domain_error::not_found("No version of " + owner->name + " on branch '" + std::string(branch_name) + "' found"));
    return views::load_version(*reader, *record, owner->name);
}

std::vector<std::string> pacticipant_service::label_names() { return store_.read()->pacticipants().label_names(); }

result<std::vector<version>> pacticipant_service::list_versions(std::string_view pacticipant_name) {
    auto reader = store_.read();
    auto owner = views::require_pacticipant(*reader, pacticipant_name);
    if (!owner) return failure(owner.error());
    std::vector<version> versions;
    for (const auto& record : reader->pacticipants().list_versions(owner->id)) versions.push_back(views::load_version(*reader, record, owner->name));
    return versions;
}

result<page<version>> pacticipant_service::list_versions(std::string_view pacticipant_name, page_request request) {
    auto reader = store_.read();
    auto owner = views::require_pacticipant(*reader, pacticipant_name);
    if (!owner) return failure(owner.error());
    auto records = reader->pacticipants().list_versions(owner->id, request.window());
    return views::to_page(records, request, [&](const store::version_record& record) { return views::load_version(*reader, record, owner->name); });
}

result<created_or_found<version>> pacticipant_service::create_or_update_version(std::string_view pacticipant_name, std::string_view number,
                                                                                const version_input& input) {
    if (auto invalid = views::invalid_name("pacticipant", pacticipant_name)) return failure(*invalid);
    if (auto invalid = views::invalid_name("number", number)) return failure(*invalid);
    if (input.branch)
        if (auto invalid = views::invalid_name("branch", *input.branch)) return failure(*invalid);
    for (const auto& tag : input.tags)
        if (auto invalid = views::invalid_name("tags", tag)) return failure(*invalid);
    auto writer = store_.write();
    const auto now = views::timestamp(config_);
    auto owner = views::find_or_create_pacticipant(*writer, pacticipant_name, now);
    bool created = false;
    auto record = views::record_publishing_version(*writer, owner, number, {input.branch, input.tags, input.build_url}, now, config_, &created);
    auto loaded = views::load_version(*writer, record, owner.name);
    writer->commit();
    return created_or_found<version>{std::move(loaded), created};
}

result<created_or_found<version>> pacticipant_service::patch_version(std::string_view pacticipant_name, std::string_view number,
                                                                     const version_changes& changes) {
    if (auto invalid = views::invalid_name("pacticipant", pacticipant_name)) return failure(*invalid);
    if (auto invalid = views::invalid_name("number", number)) return failure(*invalid);
    if (changes.tags)
        for (const auto& tag : *changes.tags)
            if (auto invalid = views::invalid_name("tags", tag)) return failure(*invalid);
    auto writer = store_.write();
    const auto now = views::timestamp(config_);
    auto owner = views::find_or_create_pacticipant(*writer, pacticipant_name, now);
    bool created = false;
    auto record = views::find_or_create_version(*writer, owner, number, now, &created);
    if (changes.build_url) views::set_build_url(*writer, record, *changes.build_url);
    if (changes.tags) {
        for (const auto& existing : writer->pacticipants().tags_of_version(record.id))
            if (std::ranges::find(*changes.tags, existing.name) == changes.tags->end()) writer->pacticipants().delete_tag(record.id, existing.name);
        for (const auto& tag : *changes.tags) views::add_tag(*writer, owner, tag, record.id, now, config_);
    }
    auto loaded = views::load_version(*writer, record, owner.name);
    writer->commit();
    return created_or_found<version>{std::move(loaded), created};
}

result<std::vector<branch>> pacticipant_service::list_branches(std::string_view pacticipant_name) {
    auto reader = store_.read();
    auto owner = views::require_pacticipant(*reader, pacticipant_name);
    if (!owner) return failure(owner.error());
    std::vector<branch> branches;
    for (const auto& record : reader->pacticipants().list_branches(owner->id)) branches.push_back(branch_of(*reader, *owner, record));
    return branches;
}

result<page<branch>> pacticipant_service::list_branches(std::string_view pacticipant_name, page_request request) {
    auto reader = store_.read();
    auto owner = views::require_pacticipant(*reader, pacticipant_name);
    if (!owner) return failure(owner.error());
    auto records = reader->pacticipants().list_branches(owner->id, request.window());
    return views::to_page(records, request, [&](const store::branch_record& record) { return branch_of(*reader, *owner, record); });
}

result<branch> pacticipant_service::find_branch(std::string_view pacticipant_name, std::string_view branch_name) {
    auto reader = store_.read();
    auto owner = views::require_pacticipant(*reader, pacticipant_name);
    if (!owner) return failure(owner.error());
    auto record = reader->pacticipants().find_branch(owner->id, branch_name);
    if (!record) return failure(domain_error::not_found("No branch '" + std::string(branch_name) + "' found for " + owner->name));
    return branch_of(*reader, *owner, *record);
}

result<std::vector<version>> pacticipant_service::branch_versions(std::string_view pacticipant_name, std::string_view branch_name) {
    auto reader = store_.read();
    auto owner = views::require_pacticipant(*reader, pacticipant_name);
    if (!owner) return failure(owner.error());
    if (!reader->pacticipants().find_branch(owner->id, branch_name))
        return failure(domain_error::not_found("No branch '" + std::string(branch_name) + "' found for " + owner->name));
    std::vector<version> versions;
    for (const auto& record : reader->pacticipants().versions_on_branch(owner->id, branch_name)) versions.push_back(views::load_version(*reader, record, owner->name));
    return versions;
}

result<page<version>> pacticipant_service::branch_versions(std::string_view pacticipant_name, std::string_view branch_name, page_request request) {
    auto reader = store_.read();
    auto owner = views::require_pacticipant(*reader, pacticipant_name);
    if (!owner) return failure(owner.error());
    if (!reader->pacticipants().find_branch(owner->id, branch_name))
        return failure(domain_error::not_found("No branch '" + std::string(branch_name) + "' found for " + owner->name));
    auto records = reader->pacticipants().versions_on_branch(owner->id, branch_name, request.window());
    return views::to_page(records, request, [&](const store::version_record& record) { return views::load_version(*reader, record, owner->name); });
}

result<version> pacticipant_service::find_branch_version(std::string_view pacticipant_name, std::string_view branch_name, std::string_view number) {
    auto reader = store_.read();
    auto owner = views::require_pacticipant(*reader, pacticipant_name);
    if (!owner) return failure(owner.error());
    auto record = views::require_version(*reader, *owner, number);
    if (!record) return failure(record.error());
    for (const auto& membership : reader->pacticipants().branches_of_version(record->id))
        if (membership.branch_name == branch_name) return views::load_version(*reader, *record, owner->name);
    return failure(domain_error::not_found("Version " + std::string(number) + " of " + owner->name + " is not on branch '" + std::string(branch_name) + "'"));
}

result<created_or_found<version>> pacticipant_service::add_version_to_branch(std::string_view pacticipant_name, std::string_view branch_name,
                                                                             std::string_view number) {
    if (auto invalid = views::invalid_name("pacticipant", pacticipant_name)) return failure(*invalid);
    if (auto invalid = views::invalid_name("branch", branch_name)) return failure(*invalid);
    if (auto invalid = views::invalid_name("version", number)) return failure(*invalid);
    auto writer = store_.write();
    const auto now = views::timestamp(config_);
    auto owner = views::find_or_create_pacticipant(*writer, pacticipant_name, now);
    auto record = views::find_or_create_version(*writer, owner, number, now);
    const bool added = views::add_version_to_branch(*writer, owner, branch_name, record.id, now, config_);
    auto loaded = views::load_version(*writer, record, owner.name);
    writer->commit();
    return created_or_found<version>{std::move(loaded), added};
}

result<void> pacticipant_service::delete_pacticipant(std::string_view name) {
    auto writer = store_.write();
    auto record = views::require_pacticipant(*writer, name);
    if (!record) return failure(record.error());
    // Webhooks name their pacticipants rather than refer to their rows, so the schema cannot cascade to them.
    writer->webhooks().delete_webhooks_naming(record->name);
    writer->pacticipants().delete_pacticipant(record->id);
    writer->commit();
    return {};
}

result<void> pacticipant_service::delete_version(std::string_view pacticipant_name, std::string_view number) {
    auto writer = store_.write();
    auto owner = views::require_pacticipant(*writer, pacticipant_name);
    if (!owner) return failure(owner.error());
    auto record = views::require_version(*writer, *owner, number);
    if (!record) return failure(record.error());
    writer->pacticipants().delete_version(record->id);
    writer->pacts().delete_integrations_without_publications();  // an integration goes with its last publication
    writer->commit();
    return {};
}

result<void> pacticipant_service::delete_branch(std::string_view pacticipant_name, std::string_view branch_name) {
    auto writer = store_.write();
    auto owner = views::require_pacticipant(*writer, pacticipant_name);
    if (!owner) return failure(owner.error());
    auto record = writer->pacticipants().find_branch(owner->id, branch_name);
    if (!record) return failure(domain_error::not_found("No branch '" + std::string(branch_name) + "' found for " + owner->name));
    writer->pacticipants().delete_branch(record->id);
    writer->commit();
    return {};
}

result<void> pacticipant_service::remove_version_from_branch(std::string_view pacticipant_name, std::string_view branch_name,
                                                             std::string_view number) {
    auto writer = store_.write();
    auto owner = views::require_pacticipant(*writer, pacticipant_name);
    if (!owner) return failure(owner.error());
    auto branch = writer->pacticipants().find_branch(owner->id, branch_name);
    auto record = writer->pacticipants().find_version(owner->id, number);
    if (!branch || !record || !writer->pacticipants().remove_version_from_branch(branch->id, record->id))
        return failure(domain_error::not_found("Version " + std::string(number) + " of " + owner->name + " is not on branch '" + std::string(branch_name) + "'"));
    writer->commit();
    return {};
}

result<created_or_found<tag>> pacticipant_service::add_tag(std::string_view pacticipant_name, std::string_view number, std::string_view tag_name) {
    if (auto invalid = views::invalid_name("pacticipant", pacticipant_name)) return failure(*invalid);
    if (auto invalid = views::invalid_name("version", number)) return failure(*invalid);
    if (auto invalid = views::invalid_name("name", tag_name)) return failure(*invalid);
    auto writer = store_.write();
    const auto now = views::timestamp(config_);
    auto owner = views::find_or_create_pacticipant(*writer, pacticipant_name, now);
    auto record = views::find_or_create_version(*writer, owner, number, now);
    const bool added = views::add_tag(*writer, owner, tag_name, record.id, now, config_);
    tag stored{std::string(tag_name), now};
    for (const auto& existing : writer->pacticipants().tags_of_version(record.id))
        if (existing.name == tag_name) stored.created_at = existing.created_at;
    writer->commit();
    return created_or_found<tag>{stored, added};
}

result<tag> pacticipant_service::find_tag(std::string_view pacticipant_name, std::string_view number, std::string_view tag_name) {
    auto reader = store_.read();
    auto owner = views::require_pacticipant(*reader, pacticipant_name);
    if (!owner) return failure(owner.error());
    auto record = views::require_version(*reader, *owner, number);
    if (!record) return failure(record.error());
    for (const auto& existing : reader->pacticipants().tags_of_version(record->id))
        if (existing.name == tag_name) return tag{existing.name, existing.created_at};
    return failure(domain_error::not_found("No tag '" + std::string(tag_name) + "' on version " + record->number + " of " + owner->name));
}

result<void> pacticipant_service::delete_tag(std::string_view pacticipant_name, std::string_view number, std::string_view tag_name) {
    auto writer = store_.write();
    auto owner = views::require_pacticipant(*writer, pacticipant_name);
    if (!owner) return failure(owner.error());
    auto record = views::require_version(*writer, *owner, number);
    if (!record) return failure(record.error());
    if (!writer->pacticipants().delete_tag(record->id, tag_name))
        return failure(domain_error::not_found("No tag '" + std::string(tag_name) + "' on version " + record->number + " of " + owner->name));
    writer->commit();
    return {};
}

}  // namespace pact::broker::domain
