#include "broker/html/index_page.hpp"

#include "broker/html/html_text.hpp"

namespace pact::broker::html {

std::string verification_state(const std::optional<domain::verification>& verification) {
    if (!verification) return "unknown";
    return verification->success ? "success" : "failure";
}

namespace {

std::string labels(const std::vector<std::string>& names, std::string_view css_class) {
    std::string html;
    for (const auto& name : names) html += "<span class=\"" + std::string(css_class) + "\">" + escape_html(name) + "</span>";
    return html;
}

std::string row(const integration_summary& integration, const page_links& links) {
    const auto& pact = integration.latest_pact;
    const auto state = verification_state(integration.latest_verification);
    std::string html = "<tr class=\"integration " + state + "\" data-consumer=\"" + escape_html(pact.consumer_name) + "\" data-provider=\"" +
                       escape_html(pact.provider_name) + "\">";
    html += "<td>" + link_to(links.matrix(pact.consumer_name), pact.consumer_name) + "</td>";
    html += "<td>" + link_to(links.matrix(pact.provider_name), pact.provider_name);
    if (const auto& contract = integration.provider_contract_version) {
        html += "<div class=\"muted\">" + link_to(links.provider_contract(pact.provider_name, *contract), "contract " + *contract) + "</div>";
    }
    html += "</td>";
    html += "<td>" + link_to(links.pact(pact.provider_name, pact.consumer_name, pact.consumer_version_number), pact.consumer_version_number) +
            labels(pact.consumer_version_branches, "branch") + labels(pact.consumer_version_tags, "tag") + "</td>";
    html += "<td>" + escape_html(readable_time(pact.created_at)) + "</td>";
    html += "<td class=\"state\">";
    if (const auto& verification = integration.latest_verification) {
        html += "<span class=\"status-" + state + "\">" + (verification->success ? "verified" : "failed") + "</span> by " +
                link_to(links.verification_result(pact.provider_name, pact.consumer_name, verification->pact_version_sha, verification->number),
                        verification->provider_version_number) +
                labels(verification->provider_version_branches, "branch") + "<div class=\"muted\">" + escape_html(readable_time(verification->created_at)) + "</div>";
    } else {
        html += "<span class=\"status-unknown\">not verified</span>";
    }
    html += "</td><td>" + link_to(links.matrix(pact.consumer_name, pact.provider_name), "matrix") + " · " +
            link_to(links.pact_diff(pact.provider_name, pact.consumer_name, pact.pact_version_sha), "diff") + " · " +
            "<a href=\"" + escape_html(links.pact_badge(pact.provider_name, pact.consumer_name)) + "\"><img alt=\"badge\" height=\"20\" src=\"" +
            escape_html(links.pact_badge(pact.provider_name, pact.consumer_name)) + "\"></a></td></tr>";
    return html;
}

}  // namespace

std::string render_index_page(const std::vector<integration_summary>& integrations, const index_window& window, const page_links& links) {
    std::size_t verified = 0, failed = 0;
    for (const auto& integration : integrations) {
        const auto state = verification_state(integration.latest_verification);
        verified += state == "success";
        failed += state == "failure";
    }
    const auto shown = integrations.size();
    std::string body = "<h1>Integrations</h1>";
    body += "<p class=\"muted\">" + std::to_string(window.total) + " integrations";
    if (static_cast<std::int64_t>(shown) < window.total) {
        const auto first = (window.number - 1) * window.size + 1;
        body += " · " + (shown == 0 ? std::string("none") : std::to_string(first) + "–" + std::to_string(first + static_cast<std::int64_t>(shown) - 1)) +
                " shown";
    }
    body += " · " + std::to_string(verified) + " verified · " + std::to_string(failed) + " failing · " +
            std::to_string(shown - verified - failed) + " not verified · " + link_to(links.graph(), "network graph") + "</p>";
    if (window.total == 0) {
        body += "<p>No pacts have been published yet. Publish one with <code>pact broker publish</code>.</p>";
        return html_document("Integrations", links.base(), body);
    }
    body += "<table class=\"integrations\"><thead><tr><th>Consumer</th><th>Provider</th><th>Latest pact (consumer version)</th>"
            "<th>Published</th><th>Latest verification</th><th></th></tr></thead><tbody>";
    for (const auto& integration : integrations) body += row(integration, links);
    body += "</tbody></table>";
    const auto pages = (window.total + window.size - 1) / window.size;
    if (pages > 1) {
        const auto page_at = [&](std::int64_t number) {
            return links.index() + "?page=" + std::to_string(number) + "&size=" + std::to_string(window.size);
        };
        body += "<nav class=\"pages\">";
        if (window.number > 1) body += link_to(page_at(std::min(window.number - 1, pages)), "Previous page") + " · ";
        body += "page " + std::to_string(window.number) + " of " + std::to_string(pages);
        if (window.number < pages) body += " · " + link_to(page_at(window.number + 1), "Next page");
        body += "</nav>";
    }
    return html_document("Integrations", links.base(), body);
}

}  // namespace pact::broker::html
