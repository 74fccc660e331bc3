#include "broker/html/pact_page.hpp"

#include "pact/json_text.hpp"

#include "broker/html/html_text.hpp"
#include "broker/html/index_page.hpp"
#include "broker/html/provider_contract_page.hpp"
#include "broker/domain/rule_words.hpp"
#include "pact/pact_reader.hpp"

#include <algorithm>

namespace pact::broker::html {
namespace {


std::string body_text(const pact::body& body) {
    if (body.parsed) return pact::to_json_text(*body.parsed, 2);
    return body.content;
}

std::string headers_text(const pact::header_map& headers) {
    std::string text;
    for (const auto& [name, values] : headers) {
        for (const auto& value : values) text += name + ": " + value + "\n";
    }
    return text;
}

std::string pre(std::string_view text) { return "<pre>" + escape_html(text) + "</pre>"; }

std::string request_text(const pact::http_request& request) {
    std::string line = request.method + " " + request.path;
    if (request.raw_query) {
        if (!request.raw_query->empty()) line += "?" + *request.raw_query;
    } else {
        char separator = '?';
        for (const auto& [name, values] : request.query) {
            for (const auto& value : values) {
                line += separator + name + "=" + value;
                separator = '&';
            }
        }
    }
    std::string text = line + "\n" + headers_text(request.headers);
    if (request.body.state != pact::body::presence::missing) text += "\n" + body_text(request.body);
    return text;
}

std::string response_text(const pact::http_response& response) {
    std::string text = "HTTP " + std::to_string(response.status) + "\n" + headers_text(response.headers);
    if (response.body.state != pact::body::presence::missing) text += "\n" + body_text(response.body);
    return text;
}

std::string message_text(const pact::message& message) {
    std::string text;
    if (!message.metadata.empty()) text += "metadata: " + pact::to_json_text(message.metadata) + "\n";
    return text + body_text(message.contents);
}

std::string relied_on_table(const std::vector<domain::relied_on_field>& fields) {
    std::string html = "<table class=\"relied-on\"><thead><tr><th>The consumer relies on</th><th>Example</th><th>Rule</th></tr></thead><tbody>";
    for (const auto& field : fields) {
        html += "<tr><td><code>" + escape_html(field.place) + "</code></td><td><code>" + (field.example.is_null() ? "" : escape_html(pact::to_json_text(field.example))) +
                "</code></td><td>" + escape_html(field.rule) + "</td></tr>";
    }
    return html + "</tbody></table>";
}

std::string provider_states_html(const std::vector<pact::provider_state>& states) {
    if (states.empty()) return "";
    std::string html = "<p class=\"states\">Given ";
    bool first = true;
    for (const auto& state : states) {
        html += std::string(first ? "" : " and ") + "<em>" + escape_html(state.name) + "</em>";
        if (!state.params.empty()) html += " <code>" + escape_html(pact::to_json_text(state.params)) + "</code>";
        first = false;
    }
    return html + "</p>";
}

// The outcome of this interaction in the latest verification, when it reported one.
std::string latest_outcome_html(const pact::interaction& interaction, const domain::verification* latest) {
    if (latest == nullptr || !latest->test_results.is_array()) return "";
    for (const auto& result : latest->test_results) {
        if (!result.is_object() || result.value("interactionDescription", std::string()) != interaction.description) continue;
        if (result.value("success", false)) return "<p class=\"status-success\">Verified by " + escape_html(latest->provider_version_number) + "</p>";
        return "<div class=\"failure box\"><p class=\"status-failure\">Failed verification by " + escape_html(latest->provider_version_number) + "</p>" +
               render_mismatches(result) + "</div>";
    }
    return "";
}

std::string interaction_html(const pact::interaction& interaction, std::size_t index, const domain::verification* latest) {
    std::string html = "<section class=\"interaction\" id=\"interaction-" + std::to_string(index) + "\">";
    html += "<h3>" + escape_html(interaction.description) + "</h3>";
    html += provider_states_html(interaction.provider_states);
    switch (interaction.kind) {
        case pact::interaction_kind::synchronous_http:
            html += "<div class=\"columns\"><div class=\"main\"><h4>Request</h4>" + pre(request_text(interaction.request)) +
                    "</div><div class=\"main\"><h4>Expected response</h4>" + pre(response_text(interaction.response)) + "</div></div>";
            html += relied_on_table(domain::relied_on_fields(interaction.response));
            break;
        case pact::interaction_kind::asynchronous_message:
            html += "<h4>Expected message</h4>" + pre(message_text(interaction.message));
            html += relied_on_table(domain::relied_on_fields(interaction.message));
            break;
        case pact::interaction_kind::synchronous_message:
            html += "<h4>Request message</h4>" + pre(message_text(interaction.message));
            for (const auto& response : interaction.message_responses) {
                html += "<h4>Expected response message</h4>" + pre(message_text(response)) + relied_on_table(domain::relied_on_fields(response));
            }
            break;
    }
    html += latest_outcome_html(interaction, latest);
    return html + "</section>";
}

std::string verification_history_html(const domain::pact_publication& publication, std::vector<const domain::verification*> history,
                                      const page_links& links) {
    std::string html = "<h2>Verifications of this pact</h2>";
    if (history.empty()) return html + "<p class=\"status-unknown\">Not verified yet.</p>";
    for (const auto* verification : history) {
        const auto state = verification_state(*verification);
        html += "<div class=\"box verification " + state + "\"><span class=\"status-" + state + "\">" + (verification->success ? "Passed" : "Failed") +
                "</span> · provider version " +
                link_to(links.verification_result(publication.provider_name, publication.consumer_name, verification->pact_version_sha, verification->number),
                        verification->provider_version_number);
        for (const auto& branch : verification->provider_version_branches) html += "<span class=\"branch\">" + escape_html(branch) + "</span>";
        html += "<div class=\"muted\">#" + std::to_string(verification->number) + " · " + escape_html(readable_time(verification->created_at)) + "</div>";
        if (!verification->success && verification->test_results.is_array()) {
            for (const auto& result : verification->test_results) {
                if (!result.is_object() || result.value("success", true)) continue;
                html += "<p><em>" + escape_html(result.value("interactionDescription", std::string("an interaction"))) + "</em></p>" + render_mismatches(result);
            }
        }
        html += "</div>";
    }
    return html;
}

}  // namespace

std::string render_mismatches(const nlohmann::json& test_result) {
    std::string html;
    const auto add = [&html](const nlohmann::json& problem) {
        std::string where;
        if (problem.contains("attribute")) where += problem["attribute"].is_string() ? problem["attribute"].get<std::string>() : pact::to_json_text(problem["attribute"]);
        for (const char* key : {"identifier", "path"}) {
            if (problem.contains(key) && problem[key].is_string()) where += (where.empty() ? "" : " ") + problem[key].get<std::string>();
        }
        std::string text;
        for (const char* key : {"description", "message", "mismatch"}) {
            if (problem.contains(key) && problem[key].is_string()) {
                text = problem[key].get<std::string>();
                break;
            }
        }
        if (text.empty()) text = pact::to_json_text(problem);
        if (problem.contains("expected") || problem.contains("actual")) {
            text += " (expected " + (problem.contains("expected") ? pact::to_json_text(problem["expected"]) : "-") + ", actual " +
                    (problem.contains("actual") ? pact::to_json_text(problem["actual"]) : "-") + ")";
        }
        html += "<li class=\"mismatch\">" + (where.empty() ? "" : "<code>" + escape_html(where) + "</code> ") + escape_html(text) + "</li>";
    };
    for (const char* list : {"mismatches", "exceptions"}) {
        if (!test_result.contains(list) || !test_result[list].is_array()) continue;
        for (const auto& problem : test_result[list]) add(problem);
    }
    return html.empty() ? "" : "<ul class=\"mismatches\">" + html + "</ul>";
}

std::string render_pact_page(const domain::pact_publication& publication, const std::vector<domain::verification>& verifications, const page_links& links,
                             const std::vector<domain::provider_contract_comparison>& comparisons) {
    std::vector<const domain::verification*> history;
    for (const auto& verification : verifications) history.push_back(&verification);
    std::ranges::sort(history, [](const auto* left, const auto* right) { return left->number > right->number; });

    const std::string title = publication.consumer_name + " → " + publication.provider_name;
    std::string body = "<h1>Pact between " + link_to(links.matrix(publication.consumer_name), publication.consumer_name) + " and " +
                       link_to(links.matrix(publication.provider_name), publication.provider_name) + "</h1>";
    body += "<p>Consumer version " + link_to(links.version(publication.consumer_name, publication.consumer_version_number), publication.consumer_version_number);
    for (const auto& branch : publication.consumer_version_branches) body += "<span class=\"branch\">" + escape_html(branch) + "</span>";
    for (const auto& tag : publication.consumer_version_tags) body += "<span class=\"tag\">" + escape_html(tag) + "</span>";
    body += " · published " + escape_html(readable_time(publication.created_at)) + " · <span class=\"muted\">content " +
            escape_html(publication.pact_version_sha.substr(0, 12)) + "</span></p>";
    body += "<p>" + link_to(links.pact_diff(publication.provider_name, publication.consumer_name, publication.pact_version_sha), "Changes since the previous version") +
            " · " + link_to(links.matrix(publication.consumer_name, publication.provider_name), "Matrix") + " · " +
            link_to(links.to({"pacticipants", publication.provider_name, "field-usage"}), "Fields of " + publication.provider_name + " its consumers rely on") + " · " +
            link_to(links.pact_version(publication.provider_name, publication.consumer_name, publication.pact_version_sha), "This content") + "</p>";

    std::string interactions;
    auto document = pact::read_pact(publication.content, "the stored pact");
    if (!document) {
        interactions = "<p class=\"status-failure\">This pact cannot be shown as documentation: " + escape_html(document.error().to_string()) + "</p>" +
                       pre(pact::to_json_text(publication.content, 2));
    } else {
        interactions = "<h2>" + std::to_string(document->interactions.size()) + (document->interactions.size() == 1 ? " interaction" : " interactions") + "</h2>";
        const domain::verification* latest = history.empty() ? nullptr : history.front();
        for (std::size_t index = 0; index < document->interactions.size(); ++index) {
            interactions += interaction_html(document->interactions[index], index, latest);
        }
    }
    body += "<div class=\"columns\"><div class=\"main\">" + interactions + "</div><aside class=\"side\">" + verification_history_html(publication, history, links) +
            render_pact_comparisons(comparisons, publication.consumer_version_number, links) + "</aside></div>";
    return html_document(title, links.base(), body);
}

}  // namespace pact::broker::html
