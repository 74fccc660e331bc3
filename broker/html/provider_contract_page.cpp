#include "broker/html/provider_contract_page.hpp"

#include "broker/html/html_text.hpp"

#include <algorithm>
#include <cstdint>
#include <optional>

namespace pact::broker::html {
namespace {

// The row colour of a comparison: what the pact makes of the contract, whatever the provider's own tests said.
std::string compatibility_state(const domain::provider_contract_comparison& comparison) { return comparison.compatible ? "success" : "failure"; }

std::string compatibility_html(const domain::provider_contract_comparison& comparison) {
    return "<span class=\"status-" + compatibility_state(comparison) + "\">" + (comparison.compatible ? "compatible" : "not compatible") + "</span>";
}

std::string count_text(std::int64_t count, std::string_view noun) { return std::to_string(count) + " " + std::string(noun) + (count == 1 ? "" : "s"); }

std::string counts_text(const domain::provider_contract_comparison& comparison) {
    return count_text(comparison.errors, "error") + ", " + count_text(comparison.warnings, "warning");
}

std::string version_labels(const domain::version& version) {
    std::string html;
    for (const auto& branch : version.branches) html += "<span class=\"branch\">" + escape_html(branch.name) + "</span>";
    for (const auto& tag : version.tags) html += "<span class=\"tag\">" + escape_html(tag.name) + "</span>";
    return html;
}

// A build URL as a link only when it is a web address: anything else (javascript:, data:) is shown as text.
std::string build_url_html(const std::string& url) {
    if (url.starts_with("https://") || url.starts_with("http://")) return link_to(url, "build");
    return "build " + escape_html(url);
}

std::string self_verification_html(const domain::self_verification_result& self) {
    const std::string state = !self.success ? "unknown" : *self.success ? "success" : "failure";
    std::string html = "<h2>The provider's own tests of the contract</h2><div class=\"box " + state + "\"><span class=\"status-" + state + "\">" +
                       (!self.success ? "Not published" : *self.success ? "Passed" : "Failed") + "</span>";
    if (self.verifier) html += " · by " + escape_html(*self.verifier) + (self.verifier_version ? " " + escape_html(*self.verifier_version) : "");
    if (!self.success) html += "<p class=\"muted\">can-i-deploy counts no comparison with this contract as a success until they pass.</p>";
    else if (!*self.success) html += "<p class=\"muted\">can-i-deploy counts no comparison with this contract as a success: its provider's tests failed.</p>";
    html += "</div>";
    if (self.content) html += "<h3>Their output</h3><pre>" + escape_html(*self.content) + "</pre>";
    return html;
}

std::string comparisons_table(const domain::provider_contract& contract, const page_links& links) {
    std::string html = "<h2>Compared with the pacts of its consumers</h2><table class=\"matrix\"><thead><tr><th>Consumer</th><th>Consumer version</th>"
                       "<th>Pact</th><th>Result</th><th>Findings</th></tr></thead><tbody>";
    for (const auto& comparison : contract.comparisons) {
        const auto& consumer = comparison.consumer_name;
        const auto& number = comparison.consumer_version_number;
        html += "<tr class=\"" + compatibility_state(comparison) + "\"><td>" + link_to(links.matrix(consumer, contract.provider_name), consumer) + "</td><td>" +
                link_to(links.version(consumer, number), number) + "</td><td>" + link_to(links.pact(contract.provider_name, consumer, number), "pact") +
                "</td><td class=\"state\">" + compatibility_html(comparison) + "</td><td>" +
                link_to(links.contract_comparison(consumer, number, contract.provider_name, contract.provider_version.number), counts_text(comparison)) +
                "</td></tr>";
    }
    if (contract.comparisons.empty()) html += "<tr><td colspan=\"5\">No consumer pact was compared with this contract.</td></tr>";
    return html + "</tbody></table>";
}

std::string finding_text(const nlohmann::json& finding, const char* key) {
    const auto found = finding.find(key);
    return found != finding.end() && found->is_string() ? found->get<std::string>() : std::string();
}

// The findings of one interaction (index nullopt: of the pact as a whole).
struct interaction_findings {
    std::optional<std::int64_t> index;
    std::string description;
    std::vector<const nlohmann::json*> findings;
};

// The findings are stored errors first (openapi::compare's order), so grouping in the order of each interaction's first
// finding puts the interactions with errors first, and errors before warnings within each.
std::vector<interaction_findings> group_by_interaction(const nlohmann::json& findings) {
    std::vector<interaction_findings> groups;
    if (!findings.is_array()) return groups;
    for (const auto& finding : findings) {
        if (!finding.is_object()) continue;
        const auto found = finding.find("interactionIndex");
        const auto index = found != finding.end() && found->is_number_integer() ? std::optional(found->get<std::int64_t>()) : std::nullopt;
        auto group = std::ranges::find(groups, index, &interaction_findings::index);
        if (group == groups.end()) group = groups.insert(groups.end(), {index, finding_text(finding, "interaction"), {}});
        group->findings.push_back(&finding);
    }
    return groups;
}

std::string findings_html(const nlohmann::json& findings) {
    const auto groups = group_by_interaction(findings);
    if (groups.empty()) return "<p>No findings: the contract satisfies every interaction of the pact.</p>";
    std::string html;
    for (const auto& group : groups) {
        html += "<section class=\"interaction\"><h3>" +
                (group.index ? "Interaction " + std::to_string(*group.index + 1) + ": " + escape_html(group.description) : std::string("The pact")) + "</h3>";
        html += "<table class=\"findings\"><thead><tr><th>Severity</th><th>Code</th><th>In the pact</th><th>In the contract</th><th>Message</th></tr></thead><tbody>";
        for (const auto* finding : group.findings) {
            const auto severity = finding_text(*finding, "severity");
            html += "<tr class=\"" + std::string(severity == "error" ? "failure" : "unknown") + "\"><td class=\"state\">" + escape_html(severity) +
                    "</td><td><code>" + escape_html(finding_text(*finding, "code")) + "</code></td><td><code>" + escape_html(finding_text(*finding, "pactLocation")) +
                    "</code></td><td><code>" + escape_html(finding_text(*finding, "contractLocation")) + "</code></td><td>" +
                    escape_html(finding_text(*finding, "message")) + "</td></tr>";
        }
        html += "</tbody></table></section>";
    }
    return html;
}

}  // namespace

std::string render_provider_contract_page(const domain::provider_contract& contract, const page_links& links) {
    const auto& provider = contract.provider_name;
    const auto& number = contract.provider_version.number;
    const std::string title = "Provider contract of " + provider + " " + number;
    std::string body = "<h1>Provider contract of " + link_to(links.matrix(provider), provider) + " " + link_to(links.version(provider, number), number) + "</h1>";
    body += "<p>Version " + link_to(links.version(provider, number), number) + version_labels(contract.provider_version) + " · published " +
            escape_html(readable_time(contract.created_at)) + " · " + escape_html(contract.specification) + ", " + escape_html(contract.content_type);
    if (contract.build_url) body += " · " + build_url_html(*contract.build_url);
    body += "</p><p>" + link_to(links.matrix(provider), "Matrix of " + provider) + " · " +
            link_to(links.to({"pacticipants", provider, "field-usage"}), "Fields of " + provider + " its consumers rely on") + "</p>";
    body += self_verification_html(contract.self_verification);
    body += comparisons_table(contract, links);
    body += "<h2>The contract</h2><pre class=\"contract\">" + escape_html(contract.content) + "</pre>";
    return html_document(title, links.base(), body);
}

std::string render_contract_comparison_page(const domain::provider_contract_comparison& comparison, const page_links& links) {
    const auto& consumer = comparison.consumer_name;
    const auto& consumer_version = comparison.consumer_version_number;
    const auto& provider = comparison.provider_name;
    const auto& provider_version = comparison.provider_version_number;
    const std::string title = "The pact of " + consumer + " " + consumer_version + " compared with the contract of " + provider + " " + provider_version;
    std::string body = "<h1>The pact of " + link_to(links.matrix(consumer), consumer) + " " + link_to(links.version(consumer, consumer_version), consumer_version) +
                       " compared with the contract of " + link_to(links.matrix(provider), provider) + " " +
                       link_to(links.version(provider, provider_version), provider_version) + "</h1>";
    body += "<p>" + link_to(links.pact(provider, consumer, consumer_version), "The pact") + " · " +
            link_to(links.provider_contract(provider, provider_version), "The provider contract") + " · " +
            link_to(links.version(consumer, consumer_version), "Consumer version " + consumer_version) + " · " +
            link_to(links.matrix(consumer, provider), "Matrix") + " · <span class=\"muted\">compared " + escape_html(readable_time(comparison.created_at)) +
            ", pact content " + escape_html(comparison.pact_version_sha.substr(0, 12)) + "</span></p>";
    body += "<div class=\"verdict " + compatibility_state(comparison) + "\">" + compatibility_html(comparison) + " · " + escape_html(counts_text(comparison)) + "</div>";
    if (!comparison.self_verification_success) {
        body += "<p class=\"status-failure\">The provider's own tests of the contract did not pass (or were not published): can-i-deploy counts this "
                "comparison as a failure.</p>";
    }
    body += "<h2>Findings</h2>" + findings_html(comparison.findings);
    return html_document(title, links.base(), body);
}

std::string render_pact_comparisons(const std::vector<domain::provider_contract_comparison>& comparisons, std::string_view consumer_version,
                                    const page_links& links) {
    if (comparisons.empty()) return "";
    std::string html = "<h2>Compared with provider contracts</h2>";
    for (const auto& comparison : comparisons) {
        const auto& provider = comparison.provider_name;
        const auto& provider_version = comparison.provider_version_number;
        html += "<div class=\"box " + compatibility_state(comparison) + "\">" + compatibility_html(comparison) + " with the contract of " +
                link_to(links.provider_contract(provider, provider_version), provider + " " + provider_version) + "<div>" +
                link_to(links.contract_comparison(comparison.consumer_name, consumer_version, provider, provider_version), counts_text(comparison)) +
                "</div></div>";
    }
    return html;
}

}  // namespace pact::broker::html
