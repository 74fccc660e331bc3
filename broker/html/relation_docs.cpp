// The pages the `pb:` curies point at (`/doc/{rel}?context=…`, hal_links.cpp): for each relation the broker emits, what
// it leads to and which methods that resource takes. A relation the broker does not emit is a 404.

#include "broker/html/relation_docs.hpp"

#include "broker/html/html_text.hpp"
#include "broker/api/broker_application.hpp"

#include <algorithm>
#include <optional>
#include <array>
#include <string_view>

namespace pact::broker::html {
namespace {

struct relation_doc {
    std::string_view name;     // without the `pb:` prefix
    std::string_view meaning;  // what the link leads to
    std::string_view methods;  // what that resource takes, OPTIONS aside
};

// By name. Every relation some resource of the broker links with (a test walks the index's and a pact's).
constexpr auto relation_docs = std::to_array<relation_doc>({
    {"all-pact-versions", "Every version of the pact between this consumer and provider, newest first; DELETE removes them all.", "GET, DELETE"},
    {"branch", "A branch of a pacticipant, with links to its versions.", "GET, DELETE"},
    {"branch-pact-versions", "The pacts a provider has with the versions of a consumer branch.", "GET"},
    {"branch-version", "A version's membership of a branch: PUT adds the version to the branch, DELETE takes it off.", "GET, PUT, DELETE"},
    {"branches", "The branches of a pacticipant, newest first, a page at a time.", "GET"},
    {"can-i-change", "Whether a proposed provider contract (OpenAPI) is compatible with the consumers that rely on the provider.", "POST"},
    {"can-i-deploy-pacticipant-version-to-environment", "Whether a version of a pacticipant can be deployed to an environment: the matrix's answer.", "GET"},
    {"can-i-deploy-pacticipant-version-to-tag", "Whether a version of a pacticipant can be deployed beside the latest versions with a tag.", "GET"},
    {"compared-with", "The pact version a diff compares this pact with.", "GET"},
    {"consumer", "The consumer of this pact or integration.", "GET, PUT, PATCH, DELETE"},
    {"consumer-version", "The consumer version that published this pact.", "GET, PUT, PATCH, DELETE"},
    {"contracts", "The contracts a publication stored, one link each.", "GET"},
    {"create", "Where to POST a new webhook.", "POST"},
    {"currently-deployed-deployed-versions", "The versions deployed to this environment now.", "GET"},
    {"currently-supported-released-versions", "The versions released to this environment and still supported.", "GET"},
    {"delete-integration", "The integration between this consumer and provider: DELETE removes its pacts, verifications and webhooks.", "DELETE"},
    {"deployed-environments", "The deployments of this version.", "GET"},
    {"environment", "An environment versions are deployed or released to.", "GET, PUT, DELETE"},
    {"environments", "Every environment; POST creates one.", "GET, POST"},
    {"execute", "Runs this webhook once with the latest matching pact or verification and answers with the logs.", "POST"},
    {"field-usage", "The places of a provider's responses that consumers rely on, with the consumers that do.", "GET"},
    {"heartbeat", "Answers 200 while the broker runs.", "GET"},
    {"label", "A label of a pacticipant: PUT adds it, DELETE removes it.", "GET, PUT, DELETE"},
    {"latest-branch-pact-versions", "The latest pact of each consumer version on a branch.", "GET"},
    {"latest-main-branch-pact-versions", "The latest pact from each consumer's main branch.", "GET"},
    {"latest-pact", "The latest pact between a consumer and a provider.", "GET"},
    {"latest-pact-version", "The latest version of this pact.", "GET"},
    {"latest-pact-versions", "The latest pact of every integration.", "GET"},
    {"latest-provider-pacts", "The latest pact of each consumer of a provider.", "GET"},
    {"latest-provider-pacts-with-branch", "The latest pact of each consumer of a provider from a consumer branch.", "GET"},
    {"latest-provider-pacts-with-main-branch", "The latest pact of each consumer of a provider from the consumer's main branch.", "GET"},
    {"latest-provider-pacts-with-tag", "The latest pact of each consumer of a provider from a consumer version with a tag.", "GET"},
    {"latest-tagged-version", "The latest version of a pacticipant with a tag.", "GET"},
    {"latest-verification-results", "The latest verification result of this pact's content.", "GET"},
    {"latest-version", "The latest version of a pacticipant.", "GET"},
    {"logs", "What a webhook delivery sent and received, credentials removed.", "GET"},
    {"main-branch-pact-versions", "The pacts a provider has with the versions of the consumer's main branch.", "GET"},
    {"matrix", "The matrix: which consumer versions' pacts which provider versions verified, and can-i-deploy's queries.", "GET"},
    {"pact-version", "This pact's content by its version (sha): a permalink.", "GET"},
    {"pact-versions", "The versions of the pact listed here.", "GET"},
    {"pact-webhooks", "The webhooks of this consumer and provider; POST creates one for them.", "GET, POST"},
    {"pacticipant", "A pacticipant (an application, consumer or provider).", "GET, PUT, PATCH, DELETE"},
    {"pacticipant-branch", "A branch of a pacticipant.", "GET, DELETE"},
    {"pacticipant-branch-version", "A version's membership of a branch: PUT adds the version to the branch, DELETE takes it off.", "GET, PUT, DELETE"},
    {"pacticipant-version", "A version of a pacticipant: PUT creates or replaces it, PATCH merges build URL and tags, DELETE removes it.",
     "GET, PUT, PATCH, DELETE"},
    {"pacticipant-version-tag", "A tag of a pacticipant version: PUT adds it, DELETE removes it.", "GET, PUT, DELETE"},
    {"pacticipant-version-tags", "The tags of this version.", "GET, PUT, DELETE"},
    {"pacticipants", "Every pacticipant; POST creates one.", "GET, POST"},
    {"pacts", "The pacts listed here, one link each.", "GET"},
    {"previous-distinct", "The pact with the content this one had before it changed.", "GET"},
    {"provider", "The provider of this pact or integration.", "GET, PUT, PATCH, DELETE"},
    {"provider-pacts", "Every pact version of a provider's consumers.", "GET"},
    {"provider-pacts-for-verification", "The pacts a provider version should verify, chosen by consumer version selectors, with pending and WIP.",
     "GET, POST"},
    {"provider-pacts-with-branch", "The pacts a provider has with the consumer versions on a branch.", "GET"},
    {"provider-pacts-with-main-branch", "The pacts a provider has with its consumers' main-branch versions.", "GET"},
    {"provider-pacts-with-tag", "Every pact version of a provider from consumer versions with a tag.", "GET"},
    {"provider-states", "The provider states the latest pacts of a provider use, each with its consumers.", "GET"},
    {"provider-version", "The provider version that made this verification.", "GET, PUT, PATCH, DELETE"},
    {"publish-contracts", "Publishes a consumer version's pacts (or a provider's contract) in one request.", "POST"},
    {"publish-pact", "Publishes a pact for a consumer version: PUT stores it, PATCH merges it with the stored one.", "PUT, PATCH"},
    {"publish-verification-results", "Publishes the result of verifying this pact's content.", "POST"},
    {"record-deployment", "Records that this version was deployed to the environment.", "POST"},
    {"record-release", "Records that this version was released to the environment.", "POST"},
    {"released-environments", "The releases of this version.", "GET"},
    {"tag", "A tag of this version: PUT adds it, DELETE removes it.", "GET, PUT, DELETE"},
    {"version", "A version of a pacticipant.", "GET, PUT, PATCH, DELETE"},
    {"version-tag", "A tag of a version of this pacticipant.", "GET, PUT, DELETE"},
    {"versions", "The versions of a pacticipant, newest first, a page at a time.", "GET"},
    {"webhook", "A webhook: PUT replaces it, DELETE removes it.", "GET, PUT, DELETE"},
    {"webhook-status", "The deliveries of the webhooks of this consumer and provider, with a summary of their outcomes.", "GET"},
    {"webhooks", "Every webhook; POST creates one.", "GET, POST"},
});

// nullopt for a relation the broker does not emit: no resource, a 404.
std::optional<api::page> relation_page(const api::resource_request& request) {
    const auto& name = request.parameter("rel");
    const auto found = std::ranges::find(relation_docs, std::string_view(name), &relation_doc::name);
    if (found == relation_docs.end()) return std::nullopt;
    const std::string title = "pb:" + name;
    const std::string body = "<h1>" + escape_html(title) + "</h1><p>" + escape_html(found->meaning) + "</p><p>Methods: <code>" +
                             escape_html(found->methods) + ", OPTIONS</code></p>";
    return api::page{200, std::string(api::html_content_type), html_document(title, request.urls.base(), body)};
}

}  // namespace

void add_relation_doc_pages(api::route_table& routes) {
    // Every client: the curies are followed by programs too, and the page is the only answer there is.
    routes.add_page("/doc/{rel}", relation_page, api::page_audience::every_client);
}

}  // namespace pact::broker::html
