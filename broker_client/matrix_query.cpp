#include "broker_client/matrix_query.hpp"

#include "broker_client/hal_reading.hpp"
#include "http/url.hpp"

namespace pact::broker_client {

namespace {

void append(std::string& query, std::string_view key, std::string_view value) {
    if (!query.empty()) {
        query += '&';
    }
    query += key;
    query += '=';
    query += http::percent_encode_component(value);
}

}  // namespace

std::string matrix_query_string(const matrix_query& query) {
    std::string text;
    for (const auto& selector : query.selectors) {
        append(text, "q[][pacticipant]", selector.pacticipant);
        if (selector.version) {
            append(text, "q[][version]", *selector.version);
        }
        if (selector.latest) {
            append(text, "q[][latest]", "true");
            if (selector.latest_tag) {
                append(text, "q[][tag]", *selector.latest_tag);
            }
        }
        if (selector.branch) {
            append(text, "q[][branch]", *selector.branch);
        }
        for (const auto& tag : selector.tags) {
            append(text, "q[][tag]", tag);
        }
        if (selector.main_branch) {
            append(text, "q[][mainBranch]", "true");
        }
    }
    for (const auto& ignore : query.ignores) {
        append(text, "ignore[][pacticipant]", ignore.pacticipant);
        if (ignore.version) {
            append(text, "ignore[][version]", *ignore.version);
        }
    }
    if (query.to_tag) {
        append(text, "tag", *query.to_tag);
    }
    const bool by_consumer_and_provider_version = query.to_environment || query.selectors.size() > 1;
    append(text, "latestby", by_consumer_and_provider_version ? "cvpv" : "cvp");
    if (query.to_environment) {
        append(text, "environment", *query.to_environment);
    }
    if (query.selectors.size() == 1 && !query.to_environment) {
        append(text, "latest", "true");
    }
    if (query.against_main_branches) {
        append(text, "mainBranch", "true");
    }
    return text;
}

std::expected<matrix_answer, std::string> read_matrix_answer(const nlohmann::json& answer) {
    if (!answer.is_object() || !answer.contains("matrix") || !answer["matrix"].is_array()) {
        return std::unexpected("the broker's matrix answer has no 'matrix' list");
    }
    matrix_answer read;
    if (answer.contains("summary") && answer["summary"].is_object()) {
        const auto& summary = answer["summary"];
        if (summary.contains("deployable") && summary["deployable"].is_boolean()) {
            read.deployable = summary["deployable"].get<bool>();
        }
        read.reason = string_member(summary, "reason");
    }
    read.notices = read_notices(answer);
    for (const auto& row : answer["matrix"]) {
        const auto consumer = row.value("/consumer"_json_pointer, nlohmann::json());
        const auto provider = row.value("/provider"_json_pointer, nlohmann::json());
        if (!consumer.is_object() || !consumer.contains("name") || !provider.is_object() || !provider.contains("name")) {
            return std::unexpected("a row of the broker's matrix answer lacks the consumer or provider name");
        }
        matrix_row read_row;
        read_row.consumer = string_member(consumer, "name");
        read_row.provider = string_member(provider, "name");
        if (consumer.contains("version") && consumer["version"].is_object()) {
            read_row.consumer_version = string_member(consumer["version"], "number");
        }
        if (provider.contains("version") && provider["version"].is_object()) {
            read_row.provider_version = string_member(provider["version"], "number");
        }
        if (row.contains("verificationResult") && row["verificationResult"].is_object()) {
            const auto& verification = row["verificationResult"];
            if (verification.contains("success") && verification["success"].is_boolean()) {
                read_row.verification_success = verification["success"].get<bool>();
            }
            if (const auto self = find_link(verification, "self")) {
                read_row.verification_href = self->href;
            }
        }
        read_row.ignored = row.value("ignored", false) == true;
        read.rows.push_back(std::move(read_row));
    }
    if (answer.contains("explanations") && answer["explanations"].is_array()) {
        for (const auto& explanation : answer["explanations"]) {
            if (explanation.is_object()) {
                read.explanations.push_back({string_member(explanation, "code"), string_member(explanation, "text"),
                                             string_member(explanation, "command")});
            }
        }
    }
    return read;
}

}  // namespace pact::broker_client
