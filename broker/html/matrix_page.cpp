#include "broker/html/matrix_page.hpp"

#include "broker/html/html_text.hpp"

#include <algorithm>

namespace pact::broker::html {
namespace {

bool contains(const std::vector<std::string>& names, const std::string& name) { return std::ranges::find(names, name) != names.end(); }

std::string labels(const domain::matrix_version& version) {
    std::string html;
    for (const auto& branch : version.branches) html += "<span class=\"branch\">" + escape_html(branch) + "</span>";
    for (const auto& tag : version.tags) html += "<span class=\"tag\">" + escape_html(tag) + "</span>";
    for (const auto& environment : version.environments) html += "<span class=\"env\">" + escape_html(environment) + "</span>";
    return html;
}

std::string row_state(const domain::matrix_row& row) {
    if (!row.verification) return "unknown";
    return row.verification->success ? "success" : "failure";
}

std::string rows_table(const std::vector<domain::matrix_row>& rows, const page_links& links) {
    std::string html = "<table class=\"matrix\"><thead><tr><th>Consumer</th><th>Consumer version</th><th>Pact</th><th>Provider</th>"
                       "<th>Provider version</th><th>Verification</th></tr></thead><tbody>";
    for (const auto& row : rows) {
        const auto state = row_state(row);
        html += "<tr class=\"" + state + "\"><td>" + link_to(links.matrix(row.consumer_name), row.consumer_name) + "</td>";
        html += "<td>" + link_to(links.version(row.consumer_name, row.consumer_version.number), row.consumer_version.number) + labels(row.consumer_version) + "</td>";
        html += "<td>" + link_to(links.pact(row.provider_name, row.consumer_name, row.consumer_version.number), "pact") + "<div class=\"muted\">" +
                escape_html(readable_time(row.pact_created_at)) + "</div></td>";
        html += "<td>" + link_to(links.matrix(row.provider_name), row.provider_name) + "</td><td>";
        if (row.provider_version) html += link_to(links.version(row.provider_name, row.provider_version->number), row.provider_version->number) + labels(*row.provider_version);
        html += "</td><td class=\"state\">";
        if (row.verification) {
            // A comparison with a provider contract (BDCT) has its own page; a verifier's result (CDCT) is the verification's.
            const bool compared = row.verification->kind == domain::verification_kind::contract_comparison && row.provider_version;
            const auto result = compared ? links.contract_comparison(row.consumer_name, row.consumer_version.number, row.provider_name, row.provider_version->number)
                                         : links.verification_result(row.provider_name, row.consumer_name, row.pact_version_sha, row.verification->number);
            html += "<span class=\"status-" + state + "\">" + link_to(result, row.verification->success ? "passed" : "failed") + "</span>" +
                    (compared ? " <span class=\"muted\">contract comparison (BDCT)</span>" : "") + "<div class=\"muted\">" +
                    escape_html(readable_time(row.verification->verified_at)) + "</div>";
        } else {
            html += "<span class=\"status-unknown\">not verified</span>";
        }
        if (row.ignored) html += " <span class=\"muted\">(ignored)</span>";
        html += "</td></tr>";
    }
    if (rows.empty()) html += "<tr><td colspan=\"6\">No rows.</td></tr>";
    return html + "</tbody></table>";
}

std::string text_input(std::string_view name, std::string_view label, std::string_view value) {
    return "<label>" + escape_html(label) + " <input name=\"" + escape_html(name) + "\" value=\"" + escape_html(value) + "\"></label>";
}

std::string select_input(std::string_view name, std::string_view label, const std::vector<std::string>& options, std::string_view chosen, bool allow_any) {
    std::string html = "<label>" + escape_html(label) + " <select name=\"" + escape_html(name) + "\">";
    if (allow_any) html += "<option value=\"\">any</option>";
    for (const auto& option : options) {
        html += "<option" + std::string(option == chosen ? " selected" : "") + " value=\"" + escape_html(option) + "\">" + escape_html(option) + "</option>";
    }
    return html + "</select></label>";
}

}  // namespace

std::vector<domain::matrix_row> filter_matrix_rows(const std::vector<domain::matrix_row>& rows, const matrix_filter& filter) {
    std::vector<domain::matrix_row> kept;
    for (const auto& row : rows) {
        const domain::matrix_version* version = nullptr;
        if (row.consumer_name == filter.pacticipant) version = &row.consumer_version;
        else if (row.provider_name == filter.pacticipant && row.provider_version) version = &*row.provider_version;
        const bool filtered = !filter.branch.empty() || !filter.tag.empty() || !filter.environment.empty();
        if (version == nullptr) {
            if (!filtered) kept.push_back(row);
            continue;
        }
        if (!filter.branch.empty() && !contains(version->branches, filter.branch)) continue;
        if (!filter.tag.empty() && !contains(version->tags, filter.tag)) continue;
        if (!filter.environment.empty() && !contains(version->environments, filter.environment)) continue;
        kept.push_back(row);
    }
    return kept;
}

std::string render_matrix_page(const matrix_filter& filter, const std::vector<domain::matrix_row>& rows, const std::vector<std::string>& pacticipants,
                               const std::vector<std::string>& environments, const page_links& links) {
    std::string title = filter.pacticipant.empty() ? "Matrix" : "Matrix of " + filter.pacticipant + (filter.other.empty() ? "" : " and " + filter.other);
    std::string body = "<h1>" + escape_html(title) + "</h1>";
    if (!filter.pacticipant.empty()) {
        body += "<p>" + link_to(links.to({"pacticipants", filter.pacticipant, "field-usage"}), "Fields of " + filter.pacticipant + " its consumers rely on") + "</p>";
    }
    body += "<form class=\"filters\" method=\"get\" action=\"" + escape_html(links.to({"matrix"})) + "\">";
    body += select_input("pacticipant", "Pacticipant", pacticipants, filter.pacticipant, false);
    body += select_input("with", "with", pacticipants, filter.other, true);
    body += text_input("branch", "branch", filter.branch) + text_input("tag", "tag", filter.tag);
    body += select_input("environment", "environment", environments, filter.environment, true);
    body += "<button type=\"submit\">Show</button></form>";
    if (filter.pacticipant.empty()) {
        body += "<p>Choose a pacticipant.</p>";
        return html_document(title, links.base(), body);
    }
    if (!filter.other.empty()) body += "<p>" + link_to(links.latest_pact(filter.other, filter.pacticipant), "Latest pact of " + filter.pacticipant + " with " + filter.other) + "</p>";
    body += "<p class=\"muted\">" + std::to_string(rows.size()) + " rows, newest first.</p>";
    body += rows_table(rows, links);
    return html_document(title, links.base(), body);
}

std::string render_can_i_deploy_page(const can_i_deploy_question& question, const domain::matrix_result& answer,
                                     const std::vector<std::string>& environments, const page_links& links) {
    const auto& summary = answer.summary;
    const std::string state = !summary.deployable ? "unknown" : *summary.deployable ? "success" : "failure";
    const std::string verdict = !summary.deployable ? "Unknown" : *summary.deployable ? "Yes" : "No";
    const std::string title = "Can I deploy " + question.pacticipant + " " + question.version + " to " + question.environment + "?";
    std::string body = "<h1>" + escape_html(title) + "</h1>";
    body += "<form class=\"filters\" method=\"get\" action=\"" + escape_html(links.to({"can-i-deploy"})) + "\">";
    body += text_input("pacticipant", "Pacticipant", question.pacticipant) + text_input("version", "version", question.version);
    body += select_input("environment", "to", environments, question.environment, false) + "<button type=\"submit\">Ask</button></form>";
    body += "<div class=\"verdict " + state + "\"><span class=\"status-" + state + "\">" + verdict + "</span> · " + escape_html(summary.reason) + "</div>";
    body += "<p class=\"muted\">" + std::to_string(summary.success) + " verified · " + std::to_string(summary.failed) + " failed · " +
            std::to_string(summary.unknown) + " unknown" + (summary.ignored ? " · " + std::to_string(summary.ignored) + " ignored" : "") + "</p>";
    if (!answer.notices.empty()) {
        body += "<ul class=\"notices\">";
        for (const auto& notice : answer.notices) body += "<li class=\"notice-" + escape_html(notice.type) + "\">" + escape_html(notice.text) + "</li>";
        body += "</ul>";
    }
    if (!answer.doubts.empty()) {
        body += "<h2>Why, and what would settle it</h2><ul class=\"explanations\">";
        for (const auto& doubt : answer.doubts) {
            const auto explanation = domain::explain(doubt, links.base());
            body += "<li><code class=\"explanation-code\">" + escape_html(explanation.code) + "</code> " + escape_html(explanation.text) +
                    "<pre class=\"command\">" + escape_html(explanation.command) + "</pre></li>";
        }
        body += "</ul>";
    }
    body += "<h2>The rows behind the answer</h2>" + rows_table(answer.rows, links);
    return html_document(title, links.base(), body);
}

}  // namespace pact::broker::html
