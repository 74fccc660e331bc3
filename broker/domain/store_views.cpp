#include "broker/domain/store_views.hpp"

#include "broker/domain/json_checks.hpp"

#include <boost/uuid/random_generator.hpp>
#include <boost/uuid/uuid_io.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <ctime>

namespace pact::broker::domain::views {

void commit(std::unique_ptr<store::store_writer> writer) { writer->commit(); }

std::string timestamp(const broker_config& config) { return timestamp(config.clock()); }

std::string timestamp(std::chrono::system_clock::time_point time) {
    const std::time_t seconds = std::chrono::system_clock::to_time_t(time);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S+00:00", &utc);
    return text;
}

std::string new_uuid() {
    // One generator per thread: random_generator is not thread-safe and costly to seed.
    thread_local boost::uuids::random_generator generator;
    return boost::uuids::to_string(generator());
}

std::string display_name_from(std::string_view name) {
    std::string result;
    bool start_of_word = true;
    for (char c : name) {
        if (c == '-' || c == '_' || c == ' ') {
            if (!result.empty() && result.back() != ' ') result += ' ';
            start_of_word = true;
            continue;
        }
        result += start_of_word ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
        start_of_word = false;
    }
    while (!result.empty() && result.back() == ' ') result.pop_back();
    return result.empty() ? std::string(name) : result;
}

pacticipant to_pacticipant(store::store_reader& reader, const store::pacticipant_record& record) {
    auto latest = reader.pacticipants().latest_version(record.id);
    return {record.name,         record.display_name.value_or(display_name_from(record.name)),
            record.main_branch,  record.repository_url,
            record.created_at,   record.updated_at,
            latest ? std::optional(latest->number) : std::nullopt,
            label_names(reader, record.id)};
}

environment to_environment(const store::environment_record& record) {
    auto contacts = nlohmann::json::parse(record.contacts, nullptr, false);
    return {record.uuid, record.name, record.display_name, record.production,
            contacts.is_discarded() ? nlohmann::json::array() : contacts, record.created_at, record.updated_at};
}

std::vector<std::string> tag_names(store::store_reader& reader, store::row_id version_id) {
    std::vector<std::string> names;
    for (const auto& tag : reader.pacticipants().tags_of_version(version_id)) names.push_back(tag.name);
    return names;
}

std::vector<std::string> label_names(store::store_reader& reader, store::row_id pacticipant_id) {
    std::vector<std::string> names;
    for (const auto& label : reader.pacticipants().labels_of(pacticipant_id)) names.push_back(label.name);
    return names;
}

std::vector<std::string> branch_names(store::store_reader& reader, store::row_id version_id) {
    std::vector<std::string> names;
    for (const auto& membership : reader.pacticipants().branches_of_version(version_id)) names.push_back(membership.branch_name);
    return names;
}

version load_version(store::store_reader& reader, const store::version_record& record, const std::string& pacticipant_name) {
    version loaded{pacticipant_name, record.number, record.build_url, record.created_at, {}, {}};
    for (const auto& membership : reader.pacticipants().branches_of_version(record.id)) {
        auto latest = reader.pacticipants().latest_version_on_branch(record.pacticipant_id, membership.branch_name);
        loaded.branches.push_back({membership.branch_name, latest && latest->id == record.id, membership.created_at});
    }
    for (const auto& tag : reader.pacticipants().tags_of_version(record.id)) loaded.tags.push_back({tag.name, tag.created_at});
    return loaded;
}

pact_publication load_publication(store::store_reader& reader, const store::pact_publication_record& record) {
    auto consumer = reader.pacticipants().find_pacticipant(record.consumer_id);
    auto provider = reader.pacticipants().find_pacticipant(record.provider_id);
    auto consumer_version = reader.pacticipants().find_version(record.consumer_version_id);
    auto pact_version = reader.pacts().find_pact_version(record.pact_version_id);
    if (!consumer || !provider || !consumer_version || !pact_version) throw store::store_failure("a pact publication refers to missing rows");
    return {consumer->name,
            provider->name,
            consumer_version->number,
            tag_names(reader, consumer_version->id),
            branch_names(reader, consumer_version->id),
            pact_version->sha,
            nlohmann::json::parse(pact_version->content),
            record.created_at};
}

verification load_verification(store::store_reader& reader, const store::verification_record& record) {
    auto pact_version = reader.pacts().find_pact_version(record.pact_version_id);
    auto provider_version = reader.pacticipants().find_version(record.provider_version_id);
    if (!pact_version || !provider_version) throw store::store_failure("a verification refers to missing rows");
    auto consumer = reader.pacticipants().find_pacticipant(pact_version->consumer_id);
    auto provider = reader.pacticipants().find_pacticipant(pact_version->provider_id);
    auto publications = reader.pacts().publications_of_pact_version(pact_version->id);
    std::string consumer_version_number;
    if (!publications.empty()) {
        if (auto consumer_version = reader.pacticipants().find_version(publications.front().consumer_version_id)) consumer_version_number = consumer_version->number;
    }
    auto parse_or = [](const std::string& text, nlohmann::json fallback) {
        auto parsed = nlohmann::json::parse(text, nullptr, false);
        return parsed.is_discarded() ? fallback : parsed;
    };
    return {consumer ? consumer->name : std::string(),
            provider ? provider->name : std::string(),
            pact_version->sha,
            consumer_version_number,
            provider_version->number,
            branch_names(reader, provider_version->id),
            tag_names(reader, provider_version->id),
            record.number,
            record.success,
            record.build_url,
            parse_or(record.test_results, nlohmann::json::array()),
            parse_or(record.verified_by, nlohmann::json::object()),
            record.created_at};
}

result<store::pacticipant_record> require_pacticipant(store::store_reader& reader, std::string_view name) {
    if (auto found = reader.pacticipants().find_pacticipant(name)) return *found;
    return std::unexpected(domain_error::not_found("No pacticipant with name '" + std::string(name) + "' found"));
}

result<store::version_record> require_version(store::store_reader& reader, const store::pacticipant_record& pacticipant, std::string_view number) {
    if (auto found = reader.pacticipants().find_version(pacticipant.id, number)) return *found;
    return std::unexpected(domain_error::not_found("No version with number '" + std::string(number) + "' found for " + pacticipant.name));
}

result<store::pact_version_record> require_pact_version(store::store_reader& reader, std::string_view consumer, std::string_view provider,
                                                        std::string_view sha) {
    auto consumer_record = require_pacticipant(reader, consumer);
    if (!consumer_record) return std::unexpected(consumer_record.error());
    auto provider_record = require_pacticipant(reader, provider);
    if (!provider_record) return std::unexpected(provider_record.error());
    if (auto found = reader.pacts().find_pact_version(consumer_record->id, provider_record->id, sha)) return *found;
    return std::unexpected(domain_error::not_found("No pact between " + std::string(consumer) + " and " + std::string(provider) +
                                                   " with content version " + std::string(sha) + " found"));
}

namespace {

void detect_main_branch(store::store_writer& writer, store::pacticipant_record& pacticipant, std::string_view name, const broker_config& config) {
    if (pacticipant.main_branch || !config.auto_detect_main_branch) return;
    if (std::ranges::find(config.main_branch_candidates, name) == config.main_branch_candidates.end()) return;
    pacticipant.main_branch = std::string(name);
    writer.pacticipants().update_pacticipant(pacticipant);
}

}  // namespace

bool add_version_to_branch(store::store_writer& writer, store::pacticipant_record& pacticipant, std::string_view branch,
                           store::row_id version_id, const std::string& now, const broker_config& config) {
    const bool added = writer.pacticipants().add_version_to_branch(pacticipant.id, branch, version_id, now);
    detect_main_branch(writer, pacticipant, branch, config);
    return added;
}

bool add_tag(store::store_writer& writer, store::pacticipant_record& pacticipant, std::string_view tag, store::row_id version_id,
             const std::string& now, const broker_config& config) {
    const bool added = writer.pacticipants().add_tag(pacticipant.id, version_id, tag, now);
    detect_main_branch(writer, pacticipant, tag, config);
    return added;
}

store::pacticipant_record find_or_create_pacticipant(store::store_writer& writer, std::string_view name, const std::string& now) {
    if (auto found = writer.pacticipants().find_pacticipant(name)) return *found;
    store::pacticipant_record created{0, std::string(name), std::nullopt, std::nullopt, std::nullopt, now, now};
    created.id = writer.pacticipants().insert_pacticipant(created);
    return created;
}

store::version_record find_or_create_version(store::store_writer& writer, const store::pacticipant_record& pacticipant, std::string_view number,
                                             const std::string& now, bool* created) {
    if (created) *created = false;
    if (auto found = writer.pacticipants().find_version(pacticipant.id, number)) return *found;
    store::version_record inserted{0, pacticipant.id, std::string(number), std::nullopt, now};
    inserted.id = writer.pacticipants().insert_version(inserted);
    if (created) *created = true;
    return inserted;
}

void set_build_url(store::store_writer& writer, store::version_record& version, const std::optional<std::string>& build_url) {
    if (version.build_url == build_url) return;
    version.build_url = build_url;
    writer.pacticipants().update_version(version);
}

store::version_record record_publishing_version(store::store_writer& writer, store::pacticipant_record& pacticipant, std::string_view number,
                                                const version_facts& facts, const std::string& now, const broker_config& config,
                                                bool* created) {
    auto version = find_or_create_version(writer, pacticipant, number, now, created);
    if (facts.build_url) set_build_url(writer, version, facts.build_url);
    if (facts.branch) add_version_to_branch(writer, pacticipant, *facts.branch, version.id, now, config);
    for (const auto& tag : facts.tags) add_tag(writer, pacticipant, tag, version.id, now, config);
    return version;
}

std::optional<domain_error> invalid_name(const std::string& field, std::string_view value) {
    bool blank = true;
    for (unsigned char c : value) {
        if (c < 0x20 || c == 0x7f) return domain_error::invalid_field(field, "must not contain control characters");
        if (!std::isspace(c)) blank = false;
    }
    if (blank) return domain_error::invalid_field(field, "can't be blank");
    // A name is a URL path segment in every link the broker hands out: "." or ".." there would be
    // resolved away by clients and proxies, pointing the link somewhere else.
    for (std::size_t start = 0; start <= value.size();) {
        const auto end = std::min(value.find('/', start), value.size());
        const auto segment = value.substr(start, end - start);
        if (segment == "." || segment == "..") return domain_error::invalid_field(field, "must not contain '.' or '..' path segments");
        start = end + 1;
    }
    if (!is_well_formed_utf8(value)) return domain_error::invalid_field(field, "must be valid UTF-8");
    return std::nullopt;
}

}  // namespace pact::broker::domain::views
