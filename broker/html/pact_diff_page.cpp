#include "broker/html/pact_diff_page.hpp"

#include "broker/html/html_text.hpp"

namespace pact::broker::html {

std::string render_diff_page(const domain::pact_publication& current, const std::optional<domain::pact_publication>& previous,
                             const std::optional<domain::pact_diff>& diff, const page_links& links) {
    const std::string title = "Changes to the pact between " + current.consumer_name + " and " + current.provider_name;
    std::string body = "<h1>" + escape_html(title) + "</h1>";
    body += "<p>Version " + link_to(links.pact(current.provider_name, current.consumer_name, current.consumer_version_number), current.consumer_version_number);
    if (!previous) {
        body += " is the first version of this pact: there is nothing to compare it with.</p>";
        return html_document(title, links.base(), body);
    }
    body += " compared with the previous distinct version " +
            link_to(links.pact(previous->provider_name, previous->consumer_name, previous->consumer_version_number), previous->consumer_version_number) + ".</p>";
    if (!diff) return html_document(title, links.base(), body + "<p class=\"status-unknown\">One of the two pacts cannot be read, so they cannot be compared.</p>");
    body += "<p class=\"" + std::string(diff->breaking() ? "status-failure" : "status-success") + "\">" +
            (diff->breaking() ? "Some changes add or tighten expectations: provider versions that verified the previous version may fail this one."
                              : "No change adds or tightens an expectation.") +
            "</p><p class=\"muted\">" + std::to_string(diff->interactions.size()) + " interactions changed, " + std::to_string(diff->unchanged) + " unchanged.</p>";
    for (const auto& interaction : diff->interactions) {
        const std::string status(domain::status_name(interaction.what));
        body += "<section class=\"interaction diff-" + status + "\"><h3>" + escape_html(interaction.description) + " <span class=\"muted\">(" + status +
                ")</span></h3><ul>";
        for (const auto& change : interaction.changes) {
            const std::string css = change.impact == domain::change_impact::breaking ? "change-breaking" : change.impact == domain::change_impact::relaxed ? "change-safe" : "change-note";
            body += "<li class=\"change " + css + "\" data-impact=\"" + std::string(domain::impact_name(change.impact)) + "\"><code>" + escape_html(change.place) + "</code>";
            if (!change.before.empty()) body += " was <code>" + escape_html(change.before) + "</code>";
            if (!change.after.empty()) body += std::string(change.before.empty() ? "" : ",") + " now <code>" + escape_html(change.after) + "</code>";
            body += "<div>" + escape_html(change.effect) + "</div></li>";
        }
        body += "</ul></section>";
    }
    return html_document(title, links.base(), body);
}

}  // namespace pact::broker::html
