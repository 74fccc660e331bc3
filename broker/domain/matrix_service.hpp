#pragma once
// The matrix (consumer version × pact × provider version × verification) and can-i-deploy.

#include "broker/domain/domain_error.hpp"
#include "broker/domain/matrix_wording.hpp"
#include "broker/domain/types.hpp"
#include "broker/store/store.hpp"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pact::broker::domain {

// One q[] entry: versions of a named pacticipant.
struct matrix_selector {
    std::string pacticipant;
    std::optional<std::string> version;
    bool latest = false;               // newest version (with `tag` when given)
    std::optional<std::string> tag;
    std::optional<std::string> branch;
    bool main_branch = false;
};

struct matrix_ignore {
    std::string pacticipant;
    std::optional<std::string> version;
};

enum class latest_by { none, consumer_version_and_provider, consumer_version_and_provider_version };  // -, cvp, cvpv

struct matrix_query {
    std::vector<matrix_selector> selectors;
    std::vector<matrix_ignore> ignore;
    domain::latest_by latest_by = domain::latest_by::none;
    // The target for the inferred integrations (can-i-deploy): an environment, the latest with a tag, the
    // latest, or the latest on the main branch.
    bool latest = false;
    std::optional<std::string> tag;
    std::optional<std::string> environment;
    bool main_branch = false;
    std::optional<int> limit;
    std::vector<bool> success;  // success[]=true/false: keep only rows with a verification of that outcome
};

struct matrix_version {
    std::string number;
    std::vector<std::string> branches;
    std::vector<std::string> tags;
    std::vector<std::string> environments;  // where it is currently deployed or released (names)
    std::string created_at;
};

// How a pair was verified: by a verifier replaying the pact (consumer-driven, "CDCT"), or by comparing the pact with
// the provider's OpenAPI contract (bi-directional, "BDCT"; no number, the comparison's own page).
enum class verification_kind { pact_verification, contract_comparison };

// "CDCT", "BDCT", as the official CLI reads them.
[[nodiscard]] std::string to_string(verification_kind kind);

struct matrix_verification {
    std::int64_t number = 0;
    bool success = false;
    std::string verified_at;
    std::optional<std::string> build_url;
    verification_kind kind = verification_kind::pact_verification;
};

struct matrix_row {
    std::string consumer_name;
    matrix_version consumer_version;
    std::string provider_name;
    std::optional<matrix_version> provider_version;  // absent: no provider version in the target/verified
    std::string pact_version_sha;
    std::string pact_created_at;
    std::optional<matrix_verification> verification;
    bool ignored = false;
};

struct deployability_summary {
    std::optional<bool> deployable;  // true, false, or unknown
    std::string reason;
    int success = 0;
    int failed = 0;
    int unknown = 0;
    int ignored = 0;
};

struct matrix_result {
    std::vector<matrix_row> rows;
    deployability_summary summary;
    std::vector<notice> notices;
    std::vector<matrix_doubt> doubts;  // why the answer is not a clear yes, one per cause (none when it is)
};

class matrix_service {
public:
    matrix_service(store::store& store, const broker_config& config);

    // invalid (field "q") for unknown environments or an empty query; unknown pacticipants/versions make the
    // answer unknown rather than an error, as in the Pact Broker.
    [[nodiscard]] result<matrix_result> matrix(const matrix_query& query);
    // GET /can-i-deploy?pacticipant=&version=&environment= (or to=TAG): the same as the matrix with one selector.
    [[nodiscard]] result<matrix_result> can_i_deploy(std::string_view pacticipant, std::string_view version,
                                                     std::optional<std::string> environment, std::optional<std::string> to_tag);
    // The Pact Broker's shortcuts: can the latest version with `tag` be deployed beside the latest versions tagged `to_tag`;
    // can the latest version on the branch be deployed to the environment (every version of the others in it counted).
    // not_found when no version has the tag, none is on the branch, or the environment is unknown.
    [[nodiscard]] result<matrix_result> can_i_deploy_latest_with_tag(std::string_view pacticipant, std::string_view tag, std::string_view to_tag);
    [[nodiscard]] result<matrix_result> can_i_deploy_latest_on_branch(std::string_view pacticipant, std::string_view branch, std::string_view environment);

private:
    store::store& store_;
    const broker_config& config_;
};

}  // namespace pact::broker::domain
