#include "broker/html/html_site.hpp"

#include "broker/api/broker_application.hpp"
#include "broker/api/domain_problem.hpp"
#include "broker/api/resources.hpp"
#include "broker/domain/pact_diff.hpp"
#include "broker/html/badge.hpp"
#include "broker/html/field_usage_page.hpp"
#include "broker/html/html_text.hpp"
#include "broker/html/index_page.hpp"
#include "broker/html/matrix_page.hpp"
#include "broker/html/network_graph.hpp"
#include "broker/html/pact_diff_page.hpp"
#include "broker/html/pact_page.hpp"
#include "broker/html/provider_contract_page.hpp"
#include "broker/html/relation_docs.hpp"

#include <algorithm>
#include <charconv>
#include <map>

namespace pact::broker::html {
namespace {

using api::page;
using api::resource_request;

std::string parameter(const resource_request& request, std::string_view name) { return request.query.first(name).value_or(""); }

page_links links_of(const resource_request& request) { return page_links(request.urls.base()); }

page html_page(unsigned status, std::string body) { return {status, std::string(api::html_content_type), std::move(body)}; }

// A domain error shown to a person: the status the API would answer, and its sentence.
page error_page(const resource_request& request, const domain::domain_error& error) {
    const unsigned status = api::to_problem(error).status();
    const std::string_view title = status == 404 ? "Not found" : "Cannot show this";
    return html_page(status, html_document(title, request.urls.base(), "<h1>" + escape_html(title) + "</h1><p>" + escape_html(error.message) + "</p>"));
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

// A `page` or `size` parameter of a page, when it is a whole number from 1 to `largest`.
std::optional<std::int64_t> positive_parameter(const resource_request& request, std::string_view name, std::int64_t largest) {
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

const std::string& provider_of(const resource_request& request) { return request.parameter("provider"); }
const std::string& consumer_of(const resource_request& request) { return request.parameter("consumer"); }

// The pages

page index_page(const resource_request& request, domain::broker_services& services) {
    // As the Pact Broker's index: 100 integrations a page, `?page=N&size=S` for others.
    const domain::page_request wanted{positive_parameter(request, "page", 1'000'000).value_or(1), positive_parameter(request, "size", 1000).value_or(100)};
    auto latest = services.pacts.latest_pacts(wanted);
    const index_window window{wanted.number, wanted.size, latest.total};
    return html_page(200, render_index_page(summaries_of(services, std::move(latest.items)), window, links_of(request)));
}

page graph_page(const resource_request& request, domain::broker_services& services) {
    std::vector<graph_edge> edges;
    for (const auto& integration : summaries_of(services, services.pacts.latest_pacts())) {
        edges.push_back({integration.latest_pact.consumer_name, integration.latest_pact.provider_name, outcome_of(integration.latest_verification)});
    }
    return html_page(200, render_network_page(edges, links_of(request)));
}

page pact_page(const resource_request& request, domain::broker_services& services, const domain::result<domain::pact_publication>& publication) {
    if (!publication) return error_page(request, publication.error());
    auto verifications = services.verifications.verifications_of_pact(publication->provider_name, publication->consumer_name, publication->pact_version_sha);
    auto comparisons = services.provider_contracts.comparisons_of_pact(publication->consumer_name, publication->provider_name, publication->pact_version_sha);
    return html_page(200, render_pact_page(*publication, verifications ? *verifications : std::vector<domain::verification>{}, links_of(request),
                                           comparisons ? *comparisons : std::vector<domain::provider_contract_comparison>{}));
}

page diff_page(const resource_request& request, domain::broker_services& services, const domain::result<domain::pact_publication>& publication) {
    if (!publication) return error_page(request, publication.error());
    const auto previous = services.pacts.previous_distinct_pact(*publication);
    const auto diff = previous ? domain::diff_publications(*previous, *publication) : std::nullopt;
    return html_page(200, render_diff_page(*publication, previous, diff, links_of(request)));
}

// The matrix page, unless the query is the API's (`q[][pacticipant]=…`).
std::optional<page> matrix_page(const resource_request& request, domain::broker_services& services) {
    if (std::ranges::any_of(request.query.pairs(), [](const auto& pair) { return pair.first.starts_with("q[]"); })) return std::nullopt;
    matrix_filter filter{parameter(request, "pacticipant"), parameter(request, "with"), parameter(request, "branch"), parameter(request, "tag"),
                         parameter(request, "environment")};
    std::vector<domain::matrix_row> rows;
    if (!filter.pacticipant.empty()) {
        domain::matrix_query query;
        domain::matrix_selector selector{filter.pacticipant};
        if (!filter.branch.empty()) selector.branch = filter.branch;
        if (!filter.tag.empty()) selector.tag = filter.tag;
        query.selectors.push_back(selector);
        if (!filter.other.empty()) query.selectors.push_back(domain::matrix_selector{filter.other});
        query.limit = 1000;
        auto answer = services.matrix.matrix(query);
        if (!answer) return error_page(request, answer.error());
        rows = filter_matrix_rows(answer->rows, filter);
    }
    return html_page(200, render_matrix_page(filter, rows, pacticipant_names(services), environment_names(services), links_of(request)));
}

// The can-i-deploy page, for the question with an environment; the API answers the others.
std::optional<page> can_i_deploy_page(const resource_request& request, domain::broker_services& services) {
    if (parameter(request, "environment").empty()) return std::nullopt;
    can_i_deploy_question question{parameter(request, "pacticipant"), parameter(request, "version"), parameter(request, "environment")};
    auto answer = services.matrix.can_i_deploy(question.pacticipant, question.version, question.environment, std::nullopt);
    if (!answer) return error_page(request, answer.error());
    return html_page(200, render_can_i_deploy_page(question, *answer, environment_names(services), links_of(request)));
}

page field_usage_page(const resource_request& request, domain::broker_services& services) {
    // An empty parameter is no filter, as an absent one.
    const auto optional_parameter = [&](std::string_view name) {
        auto value = request.query.first(name);
        return value && !value->empty() ? value : std::nullopt;
    };
    const auto& provider = provider_of(request);
    const domain::field_usage_query query{optional_parameter("field"), optional_parameter("environment"), optional_parameter("branch")};
    auto usages = services.field_usages.field_usages(provider, query);
    if (!usages) return error_page(request, usages.error());
    return html_page(200, render_field_usage_page(provider, query, *usages, environment_names(services), links_of(request)));
}

page provider_contract_page(const resource_request& request, domain::broker_services& services) {
    auto contract = services.provider_contracts.find(provider_of(request), request.parameter("version"));
    if (!contract) return error_page(request, contract.error());
    return html_page(200, render_provider_contract_page(*contract, links_of(request)));
}

page contract_comparison_page(const resource_request& request, domain::broker_services& services) {
    auto comparison = services.provider_contracts.comparison(provider_of(request), request.parameter("provider_version"), consumer_of(request),
                                                             request.parameter("consumer_version"));
    if (!comparison) return error_page(request, comparison.error());
    return html_page(200, render_contract_comparison_page(*comparison, links_of(request)));
}

// The badges

page pact_badge(std::string_view consumer, std::string_view provider, std::optional<bool> verified) {
    return {200, std::string(svg_content_type), render_pact_badge(consumer, provider, verified)};
}

// Whether the latest verification of the pact says it is verified; unknown when there is no pact or no verification.
std::optional<bool> latest_verification_outcome(domain::broker_services& services, const domain::result<domain::pact_publication>& publication) {
    if (!publication) return std::nullopt;
    auto verification = services.verifications.latest_verification_of_pact(publication->provider_name, publication->consumer_name, publication->pact_version_sha);
    return verification ? outcome_of(*verification) : std::nullopt;
}

page latest_pact_badge(const resource_request& request, domain::broker_services& services) {
    const auto tag = request.path.find("tag");
    const auto branch = request.path.find("branch");
    auto publication = tag != request.path.end()      ? services.pacts.latest_pact_with_tag(consumer_of(request), provider_of(request), tag->second)
                       : branch != request.path.end() ? services.pacts.latest_pact_for_branch(consumer_of(request), provider_of(request), branch->second)
                                                      : services.pacts.latest_pact(consumer_of(request), provider_of(request));
    return pact_badge(consumer_of(request), provider_of(request), latest_verification_outcome(services, publication));
}

// Whether the provider's latest version with one tag verified the pact of the consumer's latest version with another.
page matrix_badge(const resource_request& request, domain::broker_services& services) {
    std::optional<bool> verified;
    auto consumer_version = services.pacticipants.latest_version_with_tag(consumer_of(request), request.parameter("consumer_tag"));
    auto provider_version = services.pacticipants.latest_version_with_tag(provider_of(request), request.parameter("provider_tag"));
    if (consumer_version && provider_version) {
        auto publication = services.pacts.pact_for_consumer_version(consumer_of(request), provider_of(request), consumer_version->number);
        auto verifications = publication ? services.verifications.verifications_of_pact(provider_of(request), consumer_of(request), publication->pact_version_sha)
                                         : domain::result<std::vector<domain::verification>>(domain::failure(publication.error()));
        if (verifications) {
            // Newest last: the last one by that provider version counts.
            for (const auto& verification : *verifications)
                if (verification.provider_version_number == provider_version->number) verified = verification.success;
        }
    }
    return pact_badge(consumer_of(request), provider_of(request), verified);
}

// "can-i-deploy to {target}": yes, no, or unknown (also when the answer is an error: a badge is always an image).
page can_i_deploy_badge(std::string_view target, const domain::result<domain::matrix_result>& answer) {
    const auto deployable = answer ? answer->summary.deployable : std::nullopt;
    return {200, std::string(svg_content_type), render_can_i_deploy_badge(target, deployable)};
}

page tagged_can_i_deploy_to_environment_badge(const resource_request& request, domain::broker_services& services) {
    const auto& pacticipant = request.parameter("pacticipant");
    const auto& environment = request.parameter("environment");
    auto version = services.pacticipants.latest_version_with_tag(pacticipant, request.parameter("tag"));
    return can_i_deploy_badge(environment, version ? services.matrix.can_i_deploy(pacticipant, version->number, environment, std::nullopt)
                                                   : domain::result<domain::matrix_result>(domain::failure(version.error())));
}

page tagged_can_i_deploy_to_tag_badge(const resource_request& request, domain::broker_services& services) {
    const auto& target = request.parameter("target_tag");
    return can_i_deploy_badge(target, services.matrix.can_i_deploy_latest_with_tag(request.parameter("pacticipant"), request.parameter("tag"), target));
}

page branch_can_i_deploy_badge(const resource_request& request, domain::broker_services& services) {
    const auto& environment = request.parameter("environment");
    return can_i_deploy_badge(environment, services.matrix.can_i_deploy_latest_on_branch(request.parameter("pacticipant"), request.parameter("branch"), environment));
}

template <typename Function>
api::page_function page_with_services(domain::broker_services& services, Function function) {
    return [&services, function](const resource_request& request) -> std::optional<page> { return function(request, services); };
}

// A page of one pact, found by the path's parameters.
template <typename Finder, typename Page>
api::page_function page_of_pact(domain::broker_services& services, Finder find, Page show) {
    return [&services, find, show](const resource_request& request) -> std::optional<page> {
        return show(request, services, find(services, request, consumer_of(request), provider_of(request)));
    };
}

}  // namespace

void add_pages(api::route_table& routes, domain::broker_services& services) {
    const std::string pair = "/pacts/provider/{provider}/consumer/{consumer}";
    const auto latest = [](domain::broker_services& all, const resource_request&, const std::string& consumer, const std::string& provider) {
        return all.pacts.latest_pact(consumer, provider);
    };
    const auto latest_tagged = [](domain::broker_services& all, const resource_request& request, const std::string& consumer, const std::string& provider) {
        return all.pacts.latest_pact_with_tag(consumer, provider, request.parameter("tag"));
    };
    const auto of_version = [](domain::broker_services& all, const resource_request& request, const std::string& consumer, const std::string& provider) {
        return all.pacts.pact_for_consumer_version(consumer, provider, request.parameter("version"));
    };
    const auto of_content = [](domain::broker_services& all, const resource_request& request, const std::string& consumer, const std::string& provider) {
        return all.pacts.pact_by_sha(consumer, provider, request.parameter("sha"));
    };

    add_relation_doc_pages(routes);
    routes.add_page("/", page_with_services(services, index_page));
    routes.add_page("/integrations/graph", page_with_services(services, graph_page));
    routes.add_page(pair + "/latest", page_of_pact(services, latest, pact_page));
    routes.add_page(pair + "/latest/{tag}", page_of_pact(services, latest_tagged, pact_page));
    routes.add_page(pair + "/version/{version+}", page_of_pact(services, of_version, pact_page));
    routes.add_page(pair + "/pact-version/{sha}", page_of_pact(services, of_content, pact_page));
    routes.add_page(pair + "/version/{version}/diff/previous-distinct", page_of_pact(services, of_version, diff_page));
    routes.add_page(pair + "/pact-version/{sha}/diff/previous-distinct", page_of_pact(services, of_content, diff_page));
    routes.add_page("/matrix", page_with_services(services, matrix_page));
    routes.add_page("/can-i-deploy", page_with_services(services, can_i_deploy_page));
    routes.add_page("/pacticipants/{provider}/field-usage", page_with_services(services, field_usage_page));
    routes.add_page("/contracts/bi-directional/provider/{provider}/version/{version}/provider-contract", page_with_services(services, provider_contract_page));
    routes.add_page("/contracts/bi-directional/consumer/{consumer}/version/{consumer_version}/provider/{provider}/version/{provider_version}/"
                    "cross-contract-verification-results",
                    page_with_services(services, contract_comparison_page));

    const auto badge = [&](const std::string& pattern, api::page_function function) {
        // READMEs link either spelling.
        for (const auto* name : {"badge", "badge.svg"})
            routes.add_page(pattern + "/" + name, function, api::page_audience::every_client, api::route_access::public_badge);
    };
    badge(pair + "/latest", page_with_services(services, latest_pact_badge));
    badge(pair + "/latest/{tag}", page_with_services(services, latest_pact_badge));
    badge(pair + "/branch/{branch}/latest", page_with_services(services, latest_pact_badge));
    badge("/matrix/provider/{provider}/latest/{provider_tag}/consumer/{consumer}/latest/{consumer_tag}", page_with_services(services, matrix_badge));
    badge("/pacticipants/{pacticipant}/latest-version/{tag}/can-i-deploy/to-environment/{environment}", page_with_services(services, tagged_can_i_deploy_to_environment_badge));
    badge("/pacticipants/{pacticipant}/latest-version/{tag}/can-i-deploy/to/{target_tag}", page_with_services(services, tagged_can_i_deploy_to_tag_badge));
    badge("/pacticipants/{pacticipant}/branches/{branch}/latest-version/can-i-deploy/to-environment/{environment}", page_with_services(services, branch_can_i_deploy_badge));
}

api::route_table site_routes(domain::broker_services& services) {
    auto routes = api::broker_routes(services);
    add_pages(routes, services);
    return routes;
}

}  // namespace pact::broker::html
