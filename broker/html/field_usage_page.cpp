#include "broker/html/field_usage_page.hpp"

#include "broker/html/html_text.hpp"

namespace pact::broker::html {
namespace {

std::string request_text(const domain::field_usage& usage) { return usage.method ? *usage.method + " " + usage.target : "message: " + usage.target; }

std::string consumers_html(const domain::field_usage_report& report, const domain::field_usage& usage, const page_links& links) {
    std::string html;
    const std::string* previous = nullptr;
    for (const auto position : usage.versions) {
        const auto& version = report.versions[position];
        if (previous == nullptr || *previous != version.consumer) {
            html += std::string(previous == nullptr ? "" : "</div>") + "<div>" + link_to(links.matrix(version.consumer), version.consumer);
            previous = &version.consumer;
        }
        html += " " + link_to(links.version(version.consumer, version.number), version.number);
        if (version.branch) html += "<span class=\"branch\">" + escape_html(*version.branch) + "</span>";
        for (const auto& environment : version.environments) html += "<span class=\"env\">" + escape_html(environment) + "</span>";
    }
    return previous == nullptr ? html : html + "</div>";
}

std::string scope_text(const domain::field_usage_query& query) {
    if (query.environment) return "the consumer versions deployed or released in " + *query.environment + " now";
    if (query.branch) return "the head of each consumer's branch " + *query.branch;
    return "the latest version of each consumer's main branch and every version deployed or released in an environment";
}

}  // namespace

std::string render_field_usage_page(const std::string& provider, const domain::field_usage_query& query,
                                    const domain::field_usage_report& report, const std::vector<std::string>& environments,
                                    const page_links& links) {
    const auto filtered = [&](std::vector<std::pair<std::string, std::string>> parameters) {
        return links.to({"pacticipants", provider, "field-usage"}, parameters);
    };
    std::string body = "<h1>Fields of " + link_to(links.matrix(provider), provider) + " its consumers rely on</h1>";
    body += "<p>Counting " + escape_html(scope_text(query));
    if (query.field) body += ", at " + escape_html(*query.field) + " or below";
    body += ". A field not listed here is relied on by none of them.</p><p>" + link_to(filtered({}), "Main branches and environments");
    for (const auto& environment : environments) body += " · " + link_to(filtered({{"environment", environment}}), environment);
    body += "</p>";

    body += "<table class=\"matrix\"><thead><tr><th>Request</th><th>Field</th><th>Rule</th><th>Consumers</th></tr></thead><tbody>";
    for (const auto& usage : report.fields) {
        body += "<tr><td>" + escape_html(request_text(usage)) + "</td><td><code>" + escape_html(usage.field) + "</code></td><td>" +
                escape_html(usage.rule) + "</td><td>" + consumers_html(report, usage, links) + "</td></tr>";
    }
    if (report.fields.empty()) body += "<tr><td colspan=\"4\">No consumer version that counts relies on a field of " + escape_html(provider) + ".</td></tr>";
    body += "</tbody></table>";
    return html_document("Field usage of " + provider, links.base(), body);
}

}  // namespace pact::broker::html
