#pragma once
// can-i-deploy and can-i-merge: the /matrix query exactly as the official client sends it, and the
// broker's answer read into plain data.

#include "broker_client/broker_error.hpp"

#include <nlohmann/json.hpp>

#include <expected>
#include <optional>
#include <string>
#include <vector>

namespace pact::broker_client {

// One --pacticipant and the options that followed it.
struct version_selector {
    std::string pacticipant;
    std::optional<std::string> version;
    bool latest = false;
    std::optional<std::string> latest_tag;  // --latest TAG
    std::optional<std::string> branch;
    std::vector<std::string> tags;
    bool main_branch = false;
};

struct ignore_selector {
    std::string pacticipant;
    std::optional<std::string> version;
};

struct matrix_query {
    std::vector<version_selector> selectors;
    std::vector<ignore_selector> ignores;
    std::optional<std::string> to_tag;          // --to TAG
    std::optional<std::string> to_environment;  // --to-environment ENV
    bool against_main_branches = false;         // can-i-merge
};

// "q[][pacticipant]=A&q[][version]=1&latestby=cvpv&environment=production": brackets raw, values
// percent-encoded, in the official client's order.
[[nodiscard]] std::string matrix_query_string(const matrix_query& query);

struct matrix_row {
    std::string consumer;
    std::string consumer_version;
    std::string provider;
    std::string provider_version;          // "" when no provider version is known
    std::optional<bool> verification_success;  // nullopt when never verified
    std::string verification_href;
    bool ignored = false;
};

// Why the answer is not a clear yes (our broker's `explanations`; other brokers send none).
struct matrix_explanation {
    std::string code;
    std::string text;
    std::string command;
};

struct matrix_answer {
    std::optional<bool> deployable;  // null: unknown
    std::string reason;
    std::vector<broker_notice> notices;
    std::vector<matrix_row> rows;
    std::vector<matrix_explanation> explanations;
};

// Fails with a sentence when the answer lacks `matrix` or a row lacks its pacticipant names.
[[nodiscard]] std::expected<matrix_answer, std::string> read_matrix_answer(const nlohmann::json& answer);

}  // namespace pact::broker_client
