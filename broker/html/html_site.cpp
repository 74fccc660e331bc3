#include "broker/html/html_site.hpp"
#include "pact/json_text.hpp"

#include "broker/html/badge.hpp"
#include "broker/html/field_usage_page.hpp"
#include "broker/html/html_text.hpp"
#include "broker/html/index_page.hpp"
#include "broker/html/matrix_page.hpp"
#include "broker/html/network_graph.hpp"
#include "broker/html/pact_diff.hpp"
#include "broker/html/pact_page.hpp"
#include "broker/html/provider_contract_page.hpp"

#include <algorithm>
#include <charconv>
#include <initializer_list>
#include <map>

namespace pact::broker::html {
namespace {

// Matches the path against a pattern whose "*" segments capture; returns the captures.
std::optional<std::vector<std::string>> match(const std::vector<std::string>& segments, std::initializer_list<std::string_view> pattern) {
    if (segments.size() != pattern.size()) return std::nullopt;
    std::vector<std::string> captured;
    std::size_t index = 0;
    for (auto expected : pattern) {
        const auto& segment = segments[index++];
        if (expected == "*") {
            if (segment.empty()) return std::nullopt;
            captured.push_back(segment);
        } else if (segment != expected) {
            return std::nullopt;
        }
    }
    return captured;
}

std::string parameter(const page_request& request, std::string_view name) {
    for (const auto& [key, value] : request.query) {
        if (key == name) return value;
    }
    return "";
}

page html_page(unsigned status, std::string body) { return {status, std::string(html_content_type), std::move(body)}; }

page error_page(const page_request& request, unsigned status, std::string_view title, std::string_view message) {
    return html_page(status, html_document(title, request.base_url, "<h1>" + escape_html(title) + "</h1><p>" + escape_html(message) + "</p>"));
}

page problem(const page_request& request, const domain::domain_error& error) {
    const unsigned status = error.what == domain::domain_error::kind::not_found ? 404 : error.what == domain::domain_error::kind::conflict ? 409 : 400;
    if (request.wants_html) return error_page(request, status, status == 404 ? "Not found" : "Cannot show this", error.message);
    return {status, "application/hal+json;charset=utf-8", nlohmann::json({{"errors", nlohmann::json::array({error.message})}}).dump()};
}

std::vector<std::string> environment_names(domain::broker_services& services) {
    std::vector<std::string> names;
    for (const auto& environment : services.environments.list_environments()) names.push_back(environment.name);
    return names;
}

std::vector<std::string> pacticipant_names(domain::broker_services& services) {
    std::vector<std::string> names;
    for (const auto& pacticipant : services.pacticipants.list_pacticipants()) names.push_back(pacticipant.name);
    std::ranges::sort(names);
    return names;
}

std::vector<integration_summary> summaries_of(domain::broker_services& services, std::vector<domain::pact_publication> latest_pacts) {
    std::vector<integration_summary> summaries;
    std::map<std::string, std::optional<std::string>> contract_versions;  // each provider looked up once
    for (auto& publication : latest_pacts) {
        auto verification = services.verifications.latest_verification_of_pact(publication.provider_name, publication.consumer_name, publication.pact_version_sha);
        auto contract = contract_versions.find(publication.provider_name);
        if (contract == contract_versions.end()) {
            contract = contract_versions.emplace(publication.provider_name, services.provider_contracts.latest_contract_version(publication.provider_name)).first;
        }
        publication.content = nullptr;  // the index shows names and versions only
        summaries.push_back({std::move(publication), verification ? *verification : std::nullopt, contract->second});
    }
    return summaries;
}

std::vector<integration_summary> integrations(domain::broker_services& services) { return summaries_of(services, services.pacts.latest_pacts()); }

// A `page` or `size` parameter of a page, when it is a whole number from 1 to `largest`.
std::optional<std::int64_t> positive_parameter(const page_request& request, std::string_view name, std::int64_t largest) {
    const auto text = parameter(request, name);
    std::int64_t value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size() || value < 1 || value > largest) return std::nullopt;
    return value;
}

std::optional<bool> outcome_of(const std::optional<domain::verification>& verification) {
    if (!verification) return std::nullopt;
    return verification->success;
}

}  // namespace

bool prefers_html(std::string_view accept) {
    const auto html = accept.find("text/html");
    if (html == std::string_view::npos) return false;
    for (auto json : {"application/hal+json", "application/json"}) {
        if (accept.find(json) < html) return false;
    }
    return true;
}

std::optional<page> html_site::serve(const page_request& request) const {
    const auto& segments = request.segments;
    // Badges, for every client (READMEs embed them with <img>).
    if (auto names = match(segments, {"pacts", "provider", "*", "consumer", "*", "latest", "badge"})) return pact_badge((*names)[0], (*names)[1], std::nullopt);
    if (auto names = match(segments, {"pacts", "provider", "*", "consumer", "*", "latest", "*", "badge"})) return pact_badge((*names)[0], (*names)[1], (*names)[2]);
    if (auto names = match(segments, {"pacticipants", "*", "latest-version", "*", "can-i-deploy", "to-environment", "*", "badge"})) {
        const auto& pacticipant = (*names)[0];
        const auto& environment = (*names)[2];
        auto version = services_.pacticipants.latest_version_with_tag(pacticipant, (*names)[1]);
        return can_i_deploy_badge(environment, version ? services_.matrix.can_i_deploy(pacticipant, version->number, environment, std::nullopt)
                                                       : domain::result<domain::matrix_result>(domain::failure(version.error())));
    }
    if (auto names = match(segments, {"pacticipants", "*", "latest-version", "*", "can-i-deploy", "to", "*", "badge"})) {
        return can_i_deploy_badge((*names)[2], services_.matrix.can_i_deploy_latest_with_tag((*names)[0], (*names)[1], (*names)[2]));
    }
    if (auto names = match(segments, {"pacticipants", "*", "branches", "*", "latest-version", "can-i-deploy", "to-environment", "*", "badge"})) {
        return can_i_deploy_badge((*names)[2], services_.matrix.can_i_deploy_latest_on_branch((*names)[0], (*names)[1], (*names)[2]));
    }
    // The diff, as HTML or JSON.
    if (auto names = match(segments, {"pacts", "provider", "*", "consumer", "*", "pact-version", "*", "diff", "previous-distinct"})) {
        return diff_page(request, services_.pacts.pact_by_sha((*names)[1], (*names)[0], (*names)[2]));
    }
    if (auto names = match(segments, {"pacts", "provider", "*", "consumer", "*", "version", "*", "diff", "previous-distinct"})) {
        return diff_page(request, services_.pacts.pact_for_consumer_version((*names)[1], (*names)[0], (*names)[2]));
    }
    if (!request.wants_html) return std::nullopt;

    if (segments.empty()) return index_page(request);
    if (match(segments, {"integrations", "graph"})) return graph_page(request);
    if (auto names = match(segments, {"pacts", "provider", "*", "consumer", "*", "latest"})) {
        return pact_page(request, services_.pacts.latest_pact((*names)[1], (*names)[0]));
    }
    if (auto names = match(segments, {"pacts", "provider", "*", "consumer", "*", "latest", "*"})) {
        return pact_page(request, services_.pacts.latest_pact_with_tag((*names)[1], (*names)[0], (*names)[2]));
    }
    if (auto names = match(segments, {"pacts", "provider", "*", "consumer", "*", "version", "*"})) {
        return pact_page(request, services_.pacts.pact_for_consumer_version((*names)[1], (*names)[0], (*names)[2]));
    }
    if (auto names = match(segments, {"pacts", "provider", "*", "consumer", "*", "pact-version", "*"})) {
        return pact_page(request, services_.pacts.pact_by_sha((*names)[1], (*names)[0], (*names)[2]));
    }
    const bool matrix_api_query = std::ranges::any_of(request.query, [](const auto& pair) { return pair.first.starts_with("q[]"); });
    if (match(segments, {"matrix"}) && !matrix_api_query) return matrix_page(request);
    if (match(segments, {"can-i-deploy"}) && !parameter(request, "environment").empty()) return can_i_deploy_page(request);
    if (auto names = match(segments, {"pacticipants", "*", "field-usage"})) return field_usage_page(request, (*names)[0]);
    if (auto names = match(segments, {"contracts", "bi-directional", "provider", "*", "version", "*", "provider-contract"})) {
        return provider_contract_page(request, (*names)[0], (*names)[1]);
    }
    if (auto names = match(segments, {"contracts", "bi-directional", "consumer", "*", "version", "*", "provider", "*", "version", "*",
                                      "cross-contract-verification-results"})) {
        return contract_comparison_page(request, *names);
    }
    return std::nullopt;
}

page html_site::index_page(const page_request& request) const {
    // As the Pact Broker's index: 100 integrations a page, `?page=N&size=S` for others.
    const domain::page_request wanted{positive_parameter(request, "page", 1'000'000).value_or(1), positive_parameter(request, "size", 1000).value_or(100)};
    auto latest = services_.pacts.latest_pacts(wanted);
    const index_window window{wanted.number, wanted.size, latest.total};
    return html_page(200, render_index_page(summaries_of(services_, std::move(latest.items)), window, page_links(request.base_url)));
}

page html_site::graph_page(const page_request& request) const {
    std::vector<graph_edge> edges;
    for (const auto& integration : integrations(services_)) {
        edges.push_back({integration.latest_pact.consumer_name, integration.latest_pact.provider_name, outcome_of(integration.latest_verification)});
    }
    return html_page(200, render_network_page(edges, page_links(request.base_url)));
}

page html_site::pact_page(const page_request& request, const domain::result<domain::pact_publication>& publication) const {
    if (!publication) return problem(request, publication.error());
    auto verifications = services_.verifications.verifications_of_pact(publication->provider_name, publication->consumer_name, publication->pact_version_sha);
    auto comparisons = services_.provider_contracts.comparisons_of_pact(publication->consumer_name, publication->provider_name, publication->pact_version_sha);
    return html_page(200, render_pact_page(*publication, verifications ? *verifications : std::vector<domain::verification>{}, page_links(request.base_url),
                                           comparisons ? *comparisons : std::vector<domain::provider_contract_comparison>{}));
}

page html_site::diff_page(const page_request& request, const domain::result<domain::pact_publication>& publication) const {
    if (!publication) return problem(request, publication.error());
    std::optional<domain::pact_publication> previous;
    if (auto history = services_.pacts.pact_versions(publication->consumer_name, publication->provider_name)) {
        // Newest first: the first publication after this content's own ones that has other content.
        bool passed_current = false;
        for (auto& candidate : *history) {
            if (candidate.pact_version_sha == publication->pact_version_sha) passed_current = true;
            else if (passed_current) {
                previous = std::move(candidate);
                break;
            }
        }
    }
    const page_links links(request.base_url);
    if (request.wants_html) {
        const auto diff = previous ? diff_publications(*previous, *publication) : std::nullopt;
        return html_page(200, render_diff_page(*publication, previous, diff, links));
    }
    const auto self = links.pact_diff(publication->provider_name, publication->consumer_name, publication->pact_version_sha);
    return {200, "application/hal+json;charset=utf-8", pact::to_json_text(diff_resource(*publication, previous, "pb:previous-distinct", self, links))};
}

page html_site::matrix_page(const page_request& request) const {
    matrix_filter filter{parameter(request, "pacticipant"), parameter(request, "with"), parameter(request, "branch"), parameter(request, "tag"),
                         parameter(request, "environment")};
    const page_links links(request.base_url);
    std::vector<domain::matrix_row> rows;
    if (!filter.pacticipant.empty()) {
        domain::matrix_query query;
        domain::matrix_selector selector{filter.pacticipant};
        if (!filter.branch.empty()) selector.branch = filter.branch;
        if (!filter.tag.empty()) selector.tag = filter.tag;
        query.selectors.push_back(selector);
        if (!filter.other.empty()) query.selectors.push_back(domain::matrix_selector{filter.other});
        query.limit = 1000;
        auto answer = services_.matrix.matrix(query);
        if (!answer) return problem(request, answer.error());
        rows = filter_matrix_rows(answer->rows, filter);
    }
    return html_page(200, render_matrix_page(filter, rows, pacticipant_names(services_), environment_names(services_), links));
}

page html_site::can_i_deploy_page(const page_request& request) const {
    can_i_deploy_question question{parameter(request, "pacticipant"), parameter(request, "version"), parameter(request, "environment")};
    auto answer = services_.matrix.can_i_deploy(question.pacticipant, question.version, question.environment, std::nullopt);
    if (!answer) return problem(request, answer.error());
    return html_page(200, render_can_i_deploy_page(question, *answer, environment_names(services_), page_links(request.base_url)));
}

page html_site::field_usage_page(const page_request& request, const std::string& provider) const {
    const auto optional_parameter = [&](std::string_view name) {
        auto value = parameter(request, name);
        return value.empty() ? std::nullopt : std::optional(std::move(value));
    };
    const domain::field_usage_query query{optional_parameter("field"), optional_parameter("environment"), optional_parameter("branch")};
    auto usages = services_.field_usages.field_usages(provider, query);
    if (!usages) return problem(request, usages.error());
    return html_page(200, render_field_usage_page(provider, query, *usages, environment_names(services_), page_links(request.base_url)));
}

page html_site::provider_contract_page(const page_request& request, const std::string& provider, const std::string& version) const {
    auto contract = services_.provider_contracts.find(provider, version);
    if (!contract) return problem(request, contract.error());
    return html_page(200, render_provider_contract_page(*contract, page_links(request.base_url)));
}

page html_site::contract_comparison_page(const page_request& request, const std::vector<std::string>& names) const {
    auto comparison = services_.provider_contracts.comparison(names[2], names[3], names[0], names[1]);
    if (!comparison) return problem(request, comparison.error());
    return html_page(200, render_contract_comparison_page(*comparison, page_links(request.base_url)));
}

page html_site::pact_badge(std::string_view provider, std::string_view consumer, std::optional<std::string_view> tag) const {
    auto publication = tag ? services_.pacts.latest_pact_with_tag(consumer, provider, *tag) : services_.pacts.latest_pact(consumer, provider);
    std::optional<bool> verified;
    if (publication) {
        auto verification = services_.verifications.latest_verification_of_pact(provider, consumer, publication->pact_version_sha);
        if (verification) verified = outcome_of(*verification);
    }
    return {200, std::string(svg_content_type), render_pact_badge(consumer, provider, verified)};
}

page html_site::can_i_deploy_badge(std::string_view target, const domain::result<domain::matrix_result>& answer) const {
    const auto deployable = answer ? answer->summary.deployable : std::nullopt;
    return {200, std::string(svg_content_type), render_can_i_deploy_badge(target, deployable)};
}

}  // namespace pact::broker::html
