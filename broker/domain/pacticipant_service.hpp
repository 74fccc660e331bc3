#pragma once
// Pacticipants, their versions, branches and tags. Thread-safe (stateless over a thread-safe store).

#include "broker/domain/domain_error.hpp"
#include "broker/domain/types.hpp"
#include "broker/store/store.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pact::broker::domain {

struct pacticipant_input {
    std::string name;
    std::optional<std::string> display_name;
    std::optional<std::string> main_branch;
    std::optional<std::string> repository_url;
};

// Merge-patch changes (PATCH /pacticipants/{name}); a PUT replaces with every field given or cleared.
struct pacticipant_changes {
    field_update<std::string> display_name;
    field_update<std::string> main_branch;
    field_update<std::string> repository_url;
};

template <typename T>
struct created_or_found {
    T value;
    bool created = false;  // HTTP answers 201 when true, 200 otherwise
};

struct version_input {
    std::optional<std::string> branch;
    std::optional<std::string> build_url;
    std::vector<std::string> tags;
};

// Merge-patch changes of a version (PATCH /pacticipants/{p}/versions/{v}), what the Pact Broker lets one change:
// the build URL, and the tags as a whole (given: they replace the version's tags; absent: they stay).
struct version_changes {
    field_update<std::string> build_url;
    std::optional<std::vector<std::string>> tags;
};

class pacticipant_service {
public:
    pacticipant_service(store::store& store, const broker_config& config);

    // Pacticipants. Names are compared exactly (case-sensitive).
    [[nodiscard]] result<pacticipant> create_pacticipant(const pacticipant_input& input);  // conflict if it exists
    [[nodiscard]] result<pacticipant> update_pacticipant(std::string_view name, const pacticipant_changes& changes);  // not_found if unknown
    // PUT/PATCH that creates when missing.
    [[nodiscard]] result<created_or_found<pacticipant>> create_or_update_pacticipant(std::string_view name, const pacticipant_changes& changes);
    [[nodiscard]] result<pacticipant> find_pacticipant(std::string_view name);
    [[nodiscard]] std::vector<pacticipant> list_pacticipants();
    [[nodiscard]] page<pacticipant> list_pacticipants(page_request request);  // by name
    // With its labels, versions, branches, tags, pacts and verifications on either side, deployments and releases.
    [[nodiscard]] result<void> delete_pacticipant(std::string_view name);

    // Labels (as the Pact Broker: a PUT creates the pacticipant when missing).
    [[nodiscard]] result<created_or_found<label>> add_label(std::string_view pacticipant_name, std::string_view label_name);
    [[nodiscard]] result<label> find_label(std::string_view pacticipant_name, std::string_view label_name);
    [[nodiscard]] result<void> delete_label(std::string_view pacticipant_name, std::string_view label_name);
    // Every label some pacticipant has, each once, by name.
    [[nodiscard]] std::vector<std::string> label_names();
    [[nodiscard]] page<pacticipant> pacticipants_with_label(std::string_view label_name, page_request request);  // by name

    // Versions.
    [[nodiscard]] result<version> find_version(std::string_view pacticipant_name, std::string_view number);
    [[nodiscard]] result<version> latest_version(std::string_view pacticipant_name);
    [[nodiscard]] result<version> latest_version_with_tag(std::string_view pacticipant_name, std::string_view tag);
    [[nodiscard]] result<std::vector<version>> list_versions(std::string_view pacticipant_name);  // newest first
    [[nodiscard]] result<page<version>> list_versions(std::string_view pacticipant_name, page_request request);  // newest first
    // Newest first; not_found when no version has the tag.
    [[nodiscard]] result<page<version>> versions_with_tag(std::string_view pacticipant_name, std::string_view tag, page_request request);
    [[nodiscard]] result<version> latest_version_on_branch(std::string_view pacticipant_name, std::string_view branch_name);
    // PUT /pacticipants/{p}/versions/{v}: creates pacticipant and version when missing; adds branch and tags.
    [[nodiscard]] result<created_or_found<version>> create_or_update_version(std::string_view pacticipant_name, std::string_view number, const version_input& input);
    // PATCH /pacticipants/{p}/versions/{v}: creates pacticipant and version when missing, then applies the changes.
    [[nodiscard]] result<created_or_found<version>> patch_version(std::string_view pacticipant_name, std::string_view number, const version_changes& changes);
    // With its tags, branch memberships, the pacts it published, the verifications it made, deployments and releases.
    [[nodiscard]] result<void> delete_version(std::string_view pacticipant_name, std::string_view number);

    // Branches.
    [[nodiscard]] result<std::vector<branch>> list_branches(std::string_view pacticipant_name);  // newest first
    [[nodiscard]] result<page<branch>> list_branches(std::string_view pacticipant_name, page_request request);  // newest first
    [[nodiscard]] result<branch> find_branch(std::string_view pacticipant_name, std::string_view branch_name);
    [[nodiscard]] result<std::vector<version>> branch_versions(std::string_view pacticipant_name, std::string_view branch_name);  // newest first
    [[nodiscard]] result<page<version>> branch_versions(std::string_view pacticipant_name, std::string_view branch_name, page_request request);
    [[nodiscard]] result<version> find_branch_version(std::string_view pacticipant_name, std::string_view branch_name, std::string_view number);
    // PUT /pacticipants/{p}/branches/{b}/versions/{v}: creates pacticipant, version and branch when missing.
    [[nodiscard]] result<created_or_found<version>> add_version_to_branch(std::string_view pacticipant_name, std::string_view branch_name, std::string_view number);
    [[nodiscard]] result<void> delete_branch(std::string_view pacticipant_name, std::string_view branch_name);
    // Takes the version off the branch (the version stays); the branch's head becomes its newest version left.
    [[nodiscard]] result<void> remove_version_from_branch(std::string_view pacticipant_name, std::string_view branch_name, std::string_view number);

    // Tags.
    // PUT /pacticipants/{p}/versions/{v}/tags/{t}: creates pacticipant and version when missing.
    [[nodiscard]] result<created_or_found<tag>> add_tag(std::string_view pacticipant_name, std::string_view number, std::string_view tag_name);
    [[nodiscard]] result<tag> find_tag(std::string_view pacticipant_name, std::string_view number, std::string_view tag_name);
    [[nodiscard]] result<void> delete_tag(std::string_view pacticipant_name, std::string_view number, std::string_view tag_name);

private:
    store::store& store_;
    const broker_config& config_;
};

}  // namespace pact::broker::domain
