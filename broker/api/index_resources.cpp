#include "broker/api/resources.hpp"

#include "broker/api/hal_links.hpp"

namespace pact::broker::api {
namespace {

// Relations of the index: the official CLI finds every resource it does not hard-code here.
resource_response index(const resource_request& request) {
    const auto& urls = request.urls;
    auto plain = [&](std::string_view path, std::string title) {
        nlohmann::json link = api::link(urls.templated(path), std::move(title));
        link["templated"] = false;
        return link;
    };
    auto templated = [&](std::string_view path, std::string title) { return templated_link(urls.templated(path), std::move(title)); };

    nlohmann::json links = {
        {"self", plain("", "Index")},
        {"pb:publish-contracts", plain("/contracts/publish", "Publish contracts")},
        {"pb:publish-pact",
         templated("/pacts/provider/{provider}/consumer/{consumer}/version/{consumerApplicationVersion}", "Publish a pact")},
        {"pb:latest-pact-versions", plain("/pacts/latest", "Latest pact versions")},
        {"pb:pacticipants", plain("/pacticipants", "Pacticipants")},
        {"pb:pacticipant", templated("/pacticipants/{pacticipant}", "Fetch pacticipant by name")},
        {"pb:latest-provider-pacts", templated("/pacts/provider/{provider}/latest", "Latest pacts by provider")},
        {"pb:latest-provider-pacts-with-tag",
         templated("/pacts/provider/{provider}/latest/{tag}", "Latest pacts by provider with the specified tag")},
        {"pb:provider-pacts", templated("/pacts/provider/{provider}", "All pact versions for the specified provider")},
        {"pb:provider-pacts-with-tag",
         templated("/pacts/provider/{provider}/tag/{tag}", "All pact versions for the provider with the specified consumer version tag")},
        {"pb:provider-pacts-with-main-branch",
         templated("/pacts/provider/{provider}/branch", "All pacts for a provider, for any consumer's main branch")},
        {"pb:latest-provider-pacts-with-main-branch",
         templated("/pacts/provider/{provider}/branch/latest", "Latest pact for a provider, for any consumer's main branch")},
        {"pb:provider-pacts-with-branch",
         templated("/pacts/provider/{provider}/branch/{branch}", "All pacts for a provider, for any consumer's named branch")},
        {"pb:latest-provider-pacts-with-branch",
         templated("/pacts/provider/{provider}/branch/{branch}/latest", "Latest pacts for a provider, for any consumer's named branch")},
        {"pb:main-branch-pact-versions",
         templated("/pacts/provider/{provider}/consumer/{consumer}/branch/versions", "All pacts of a consumer's main branch with a provider")},
        {"pb:latest-main-branch-pact-versions",
         templated("/pacts/provider/{provider}/consumer/{consumer}/branch/latest/versions",
                   "Latest pact of a consumer's main branch with a provider")},
        {"pb:branch-pact-versions",
         templated("/pacts/provider/{provider}/consumer/{consumer}/branch/{branch}", "All pacts of a consumer's named branch with a provider")},
        {"pb:latest-branch-pact-versions",
         templated("/pacts/provider/{provider}/consumer/{consumer}/branch/{branch}/latest/versions",
                   "Latest pact of a consumer's named branch with a provider")},
        {"pb:provider-states",
         templated("/pacts/provider/{provider}/provider-states", "Provider states of the latest pacts of each consumer's main branch")},
        {"pb:field-usage",
         templated("/pacticipants/{provider}/field-usage", "The fields of a provider's responses its consumers rely on, with who relies on them")},
        {"pf:publish-provider-contract",
         templated("/provider-contracts/provider/{provider}/publish", "Publish a provider's OpenAPI contract with its self-verification results")},
        {"pb:can-i-change",
         templated("/provider-contracts/provider/{provider}/can-i-change", "Would a proposed provider contract break a consumer? (POST, stores nothing)")},
        {"pf:provider-contract",
         templated("/contracts/bi-directional/provider/{provider}/version/{version}/provider-contract", "A provider version's OpenAPI contract")},
        {"pb:provider-pacts-for-verification",
         templated("/pacts/provider/{provider}/for-verification", "Pact versions to be verified for the specified provider")},
        {"pb:latest-version", templated("/pacticipants/{pacticipant}/latest-version", "Latest pacticipant version")},
        {"pb:latest-tagged-version",
         templated("/pacticipants/{pacticipant}/latest-version/{tag}", "Latest pacticipant version with the specified tag")},
        {"pb:pacticipant-version", templated("/pacticipants/{pacticipant}/versions/{version}", "Get, create or delete a pacticipant version")},
        {"pb:pacticipant-version-tag",
         templated("/pacticipants/{pacticipant}/versions/{version}/tags/{tag}", "Get, create or delete a tag for a pacticipant version")},
        {"pb:pacticipant-branch", templated("/pacticipants/{pacticipant}/branches/{branch}", "Get or delete a pacticipant branch")},
        {"pb:pacticipant-branch-version",
         templated("/pacticipants/{pacticipant}/branches/{branch}/versions/{version}", "Get or add/create a pacticipant version for a branch")},
        {"pb:environments", plain("/environments", "Environments")},
        {"pb:environment", templated("/environments/{uuid}", "Environment")},
        {"pb:can-i-deploy-pacticipant-version-to-environment",
         templated("/can-i-deploy?pacticipant={pacticipant}&version={version}&environment={environment}",
                   "Determine if an application version can be safely deployed to an environment")},
        {"pb:can-i-deploy-pacticipant-version-to-tag",
         templated("/can-i-deploy?pacticipant={pacticipant}&version={version}&to={tag}",
                   "Determine if an application version can be safely deployed to an environment identified by the given tag")},
        {"pb:matrix", plain("/matrix", "The matrix of verification results")},
        {"pb:webhooks", plain("/webhooks", "Webhooks")},
        {"pb:webhook", templated("/webhooks/{uuid}", "Webhook")},
        {"pb:heartbeat", plain("/diagnostic/status/heartbeat", "Heartbeat")},
        {"curies", curies(urls.base(), "index")},
    };
    return {200, {{"_links", std::move(links)}}};
}

resource_response heartbeat(const resource_request& request) {
    return {200, {{"ok", true}, {"_links", {{"self", link(request.urls.of({"diagnostic", "status", "heartbeat"}))}}}}};
}

}  // namespace

void add_index_routes(route_table& routes) {
    routes.add("GET", "/", index);
    routes.add("GET", "/diagnostic/status/heartbeat", heartbeat, route_access::public_heartbeat);
}

}  // namespace pact::broker::api
