#include "broker/html/field_usage_page.hpp"

#include "broker/html/html_text.hpp"

namespace pact::broker::html {
namespace {

std::string request_text(const domain::field_usage& usage) { return usage.method ? *usage.method + " " + usage.target : "message: " + usage.target; }

std::string consumers_html(const std::vector<domain::relying_consumer>& consumers, const page_links& links) {
    std::string html;
    for (const auto& consumer : consumers) {
        html += "<div>" + link_to(links.matrix(consumer.name), consumer.name);
        for (const auto& version : consumer.versions) {
            html += " " + link_to(links.version(consumer.name, version.number), version.number);
            if (version.branch) html += "<span class=\"branch\">" + escape_html(*version.branch) + "</span>";
            for (const auto& environment : version.environments) html += "<span class=\"env\">" + escape_html(environment) + "</span>";
        }
        html += "</div>";
    }
    return html;
}

std::string scope_text(const domain::field_usage_query& query) {
    if (query.environment) return "the consumer versions deployed or released in " + *query.environment + " now";
    if (query.branch) return "the head of each consumer's branch " + *query.branch;
    return "the latest version of each consumer's main branch and every version deployed or released in an environment";
}

}  // namespace

std::string render_field_usage_page(const std::string& provider, const domain::field_usage_query& query,
                                    const std::vector<domain::field_usage>& usages, const std::vector<std::string>& environments,
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
    for (const auto& usage : usages) {
        body += "<tr><td>" + escape_html(request_text(usage)) + "</td><td><code>" + escape_html(usage.field) + "</code></td><td>" +
                escape_html(usage.rule) + "</td><td>" + consumers_html(usage.consumers, links) + "</td></tr>";
    }
    if (usages.empty()) body += "<tr><td colspan=\"4\">No consumer version that counts relies on a field of " + escape_html(provider) + ".</td></tr>";
    body += "</tbody></table>";
    return html_document("Field usage of " + provider, links.base(), body);
}

}  // namespace pact::broker::html
