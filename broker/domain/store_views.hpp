#pragma once
// Internal to broker/domain: turning store records into domain values, and the look-ups every service
// repeats ("the pacticipant named X or not_found").

#include "broker/domain/domain_error.hpp"
#include "broker/domain/types.hpp"
#include "broker/store/store.hpp"

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <string_view>
#include <vector>

namespace pact::broker::domain::views {

// Commits the writer and ends it, giving its database session back before the caller reads its answer in a
// transaction of its own: a committed writer still holding its session while waiting for a reader's would let a
// busy PostgreSQL pool run dry, every session held by a writer waiting for another.
void commit(std::unique_ptr<store::store_writer> writer);

// Now, as the ISO 8601 UTC text the store keeps ("2024-01-01T00:00:00+00:00").
[[nodiscard]] std::string timestamp(const broker_config& config);
[[nodiscard]] std::string timestamp(std::chrono::system_clock::time_point time);
[[nodiscard]] std::string new_uuid();
// "payment-service" → "Payment Service", "dev" → "Dev".
[[nodiscard]] std::string display_name_from(std::string_view name);

[[nodiscard]] pacticipant to_pacticipant(store::store_reader& reader, const store::pacticipant_record& record);
[[nodiscard]] environment to_environment(const store::environment_record& record);
[[nodiscard]] version load_version(store::store_reader& reader, const store::version_record& record, const std::string& pacticipant_name);
[[nodiscard]] pact_publication load_publication(store::store_reader& reader, const store::pact_publication_record& record);
[[nodiscard]] verification load_verification(store::store_reader& reader, const store::verification_record& record);
[[nodiscard]] std::vector<std::string> tag_names(store::store_reader& reader, store::row_id version_id);
[[nodiscard]] std::vector<std::string> label_names(store::store_reader& reader, store::row_id pacticipant_id);  // by name
[[nodiscard]] std::vector<std::string> branch_names(store::store_reader& reader, store::row_id version_id);

[[nodiscard]] result<store::pacticipant_record> require_pacticipant(store::store_reader& reader, std::string_view name);
[[nodiscard]] result<store::version_record> require_version(store::store_reader& reader, const store::pacticipant_record& pacticipant,
                                                            std::string_view number);
// The pact version of the pair with that sha, or not_found naming what is missing.
[[nodiscard]] result<store::pact_version_record> require_pact_version(store::store_reader& reader, std::string_view consumer,
                                                                      std::string_view provider, std::string_view sha);

// Creates what is missing (with the transaction's timestamp); `created` tells whether it did.
store::pacticipant_record find_or_create_pacticipant(store::store_writer& writer, std::string_view name, const std::string& now);
store::version_record find_or_create_version(store::store_writer& writer, const store::pacticipant_record& pacticipant, std::string_view number,
                                             const std::string& now, bool* created = nullptr);

// What a publisher says about the version it publishes from (POST /contracts/publish, a provider contract).
struct version_facts {
    std::optional<std::string> branch;
    std::vector<std::string> tags;
    std::optional<std::string> build_url;
};

// The version, created when missing, with the build URL, branch and tags given; `created` tells whether it was created.
store::version_record record_publishing_version(store::store_writer& writer, store::pacticipant_record& pacticipant, std::string_view number,
                                                const version_facts& facts, const std::string& now, const broker_config& config,
                                                bool* created = nullptr);

// Sets the version's build URL (nullopt clears it), writing only when it changes.
void set_build_url(store::store_writer& writer, store::version_record& version, const std::optional<std::string>& build_url);

// Puts the version on the branch (tags it); returns whether it was not there yet. A pacticipant without a
// main branch gets the branch's (tag's) name as its main branch when it is one of the configuration's
// candidates (develop, main, master by default), as the Pact Broker does, so that `mainBranch` selectors
// work without a separate update.
bool add_version_to_branch(store::store_writer& writer, store::pacticipant_record& pacticipant, std::string_view branch,
                           store::row_id version_id, const std::string& now, const broker_config& config);
bool add_tag(store::store_writer& writer, store::pacticipant_record& pacticipant, std::string_view tag, store::row_id version_id,
             const std::string& now, const broker_config& config);

// Checks a name from a path or body: not blank, no control characters.
[[nodiscard]] std::optional<domain_error> invalid_name(const std::string& field, std::string_view value);

// The domain's page of one window of store rows, each converted.
template <typename Record, typename Convert>
[[nodiscard]] auto to_page(const store::record_page<Record>& records, page_request request, Convert convert) {
    page<std::invoke_result_t<Convert, const Record&>> converted{{}, request, records.total};
    converted.items.reserve(records.records.size());
    for (const auto& record : records.records) converted.items.push_back(convert(record));
    return converted;
}

}  // namespace pact::broker::domain::views
