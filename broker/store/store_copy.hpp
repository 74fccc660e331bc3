#pragma once
// Copying a whole broker from one store to another ("moving from SQLite" to PostgreSQL, or back): every row
// with its timestamps and uuids, its references mapped to the target's ids. Rows are matched by their
// natural keys (a pacticipant's name, a version's number, a pact version's sha, a webhook's uuid, ...), so
// copying again copies only what is new and never duplicates anything. Afterwards both stores are counted
// and the latest pact of every integration is compared.

#include "broker/store/store.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace pact::broker::store {

// The kinds of rows, in the order they are copied and reported.
enum class row_kind : std::size_t {
    pacticipants,
    labels,
    versions,
    branches,
    branch_versions,  // a version's membership of a branch
    tags,
    pact_versions,
    pact_publications,
    integrations,
    verifications,
    provider_contracts,
    contract_comparisons,
    environments,
    deployed_versions,
    released_versions,
    webhooks,
    triggered_webhooks,
    webhook_executions,
};
inline constexpr std::size_t row_kind_count = 18;

[[nodiscard]] std::string_view row_kind_name(row_kind kind);  // "pacticipants", "branch memberships", ...

// How many rows of each kind, indexed by row_kind.
using row_counts = std::array<std::int64_t, row_kind_count>;

[[nodiscard]] constexpr std::int64_t& count_of(row_counts& counts, row_kind kind) { return counts[static_cast<std::size_t>(kind)]; }
[[nodiscard]] constexpr std::int64_t count_of(const row_counts& counts, row_kind kind) { return counts[static_cast<std::size_t>(kind)]; }

struct copy_report {
    row_counts copied{};         // inserted into the target
    row_counts already_there{};  // found in the target by their natural keys
    // The check, from fresh snapshots of both stores after the copy was committed.
    row_counts source_counts{};
    row_counts target_counts{};
    std::vector<std::string> disagreements;  // one sentence each; empty when both stores agree

    [[nodiscard]] bool agrees() const { return disagreements.empty(); }
};

// The target holds a row that the source's cannot be copied beside (an environment of the same name but
// another uuid, a release of the same version to the same environment under another uuid).
class copy_conflict : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Copies every row of `from` missing from `to`, reading one snapshot of `from` and writing in one transaction
// on `to` (all or nothing), then checks the copy. Rows already in the target are kept, except that the end of
// a deployment or a release and the state of a webhook delivery follow the source's when it is newer.
// Throws store_failure when a database fails and copy_conflict on a conflicting row; while copying, either
// leaves the target as it was (a failure during the check comes after the commit). A check that finds
// disagreements is part of the report, not an exception.
[[nodiscard]] copy_report copy_store(store& from, store& to);

// Every row of each kind in the snapshot.
[[nodiscard]] row_counts count_rows(store_reader& reader);

// For a person: a line per kind ("pact versions         12 (copied 10, already there 2)"), a line of totals
// and the check ("checked: counts agree, latest pacts agree", or what disagrees).
[[nodiscard]] std::string format_report(const copy_report& report);

}  // namespace pact::broker::store
