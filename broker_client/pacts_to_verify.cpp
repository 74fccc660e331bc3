#include "broker_client/pacts_to_verify.hpp"

#include <array>

namespace pact::broker_client {

namespace asio = boost::asio;

namespace {

constexpr std::array selector_keys{"consumer",    "tag",        "fallbackTag", "latest",         "deployedOrReleased",
                                   "deployed",    "released",   "environment", "mainBranch",     "branch",
                                   "matchingBranch", "fallbackBranch"};

nlohmann::json known_selector_keys(const nlohmann::json& selector) {
    nlohmann::json kept = nlohmann::json::object();
    for (const char* key : selector_keys) {
        if (selector.is_object() && selector.contains(key)) {
            kept[key] = selector[key];
        }
    }
    return kept;
}

broker_error no_pacts_error(const std::string& message) {
    broker_error error;
    error.what = broker_error::kind::not_found;
    error.message = message;
    return error;
}

// The pact list of one of the two flows: hrefs with what the broker said about each.
asio::awaitable<broker_result<std::vector<pact_to_verify>>> list_pacts(broker_client& client,
                                                                       const pact_selection& selection) {
    std::vector<pact_to_verify> pacts;
    const template_variables provider{{"provider", selection.provider_name}};
    if (!uses_pacts_for_verification(selection)) {
        auto href = co_await client.index_href("pb:latest-provider-pacts", provider);
        if (!href) {
            co_return std::unexpected(href.error());
        }
        auto latest = co_await client.get(*href);
        if (!latest) {
            if (latest.error().what == broker_error::kind::not_found) {
                co_return std::unexpected(
                    no_pacts_error("No pacts for provider '" + selection.provider_name + "' were found in the pact broker"));
            }
            co_return std::unexpected(latest.error());
        }
        auto links = find_links(*latest, "pb:pacts");
        if (links.empty()) {
            links = find_links(*latest, "pacts");
        }
        for (const auto& link : links) {
            pacts.push_back({.href = link.href, .short_description = link.name});
        }
        co_return pacts;
    }

    auto href = co_await client.index_href("pb:provider-pacts-for-verification", provider);
    if (!href) {
        co_return std::unexpected(href.error());
    }
    auto resource = co_await client.get(*href);
    if (!resource) {
        co_return std::unexpected(resource.error());
    }
    const auto self = find_link(*resource, "self");
    auto answer = co_await client.post(self ? self->href : *href, pacts_for_verification_body(selection));
    if (!answer) {
        co_return std::unexpected(answer.error());
    }
    for (const auto& entry : embedded_list(*answer, "pacts")) {
        const auto entry_self = find_link(entry, "self");
        if (!entry_self) {
            continue;
        }
        pact_to_verify pact{.href = entry_self->href, .short_description = string_member(entry, "shortDescription")};
        if (entry.contains("verificationProperties") && entry["verificationProperties"].is_object()) {
            const auto& properties = entry["verificationProperties"];
            pact.pending = properties.value("pending", false) == true;
            pact.wip = properties.value("wip", false) == true;
            if (properties.contains("notices") && properties["notices"].is_array()) {
                for (const auto& notice : properties["notices"]) {
                    pact.notices.push_back({string_member(notice, "when"), string_member(notice, "text")});
                }
            }
        }
        pacts.push_back(std::move(pact));
    }
    co_return pacts;
}

}  // namespace

bool uses_pacts_for_verification(const pact_selection& selection) {
    return !selection.consumer_version_selectors.empty() || !selection.consumer_version_tags.empty();
}

nlohmann::json pacts_for_verification_body(const pact_selection& selection) {
    nlohmann::json body = nlohmann::json::object();
    if (!selection.provider_tags.empty()) {
        body["providerVersionTags"] = selection.provider_tags;
    }
    body["includePendingStatus"] = selection.enable_pending;
    if (selection.include_wip_pacts_since) {
        body["includeWipPactsSince"] = *selection.include_wip_pacts_since;
    }
    auto selectors = nlohmann::json::array();
    for (const auto& selector : selection.consumer_version_selectors) {
        selectors.push_back(known_selector_keys(selector));
    }
    for (const auto& tag : selection.consumer_version_tags) {
        selectors.push_back({{"tag", tag}, {"latest", true}});
    }
    body["consumerVersionSelectors"] = std::move(selectors);
    if (selection.provider_branch) {
        body["providerVersionBranch"] = *selection.provider_branch;
    }
    return body;
}

asio::awaitable<broker_result<std::vector<pact_to_verify>>> fetch_pacts_to_verify(broker_client& client,
                                                                                  const pact_selection& selection) {
    auto pacts = co_await list_pacts(client, selection);
    if (!pacts) {
        co_return std::unexpected(pacts.error());
    }
    for (auto& pact : *pacts) {
        auto document = co_await client.get(pact.href);
        if (!document) {
            co_return std::unexpected(document.error());
        }
        pact.pact = std::move(*document);
    }
    co_return pacts;
}

std::vector<std::string> notices_for(const pact_to_verify& pact, std::string_view when) {
    std::vector<std::string> texts;
    for (const auto& notice : pact.notices) {
        if (notice.when == when) {
            texts.push_back(notice.text);
        }
    }
    return texts;
}

std::string after_verification_moment(bool success, bool published) {
    return std::string("after_verification:success_") + (success ? "true" : "false") + "_published_" +
           (published ? "true" : "false");
}

nlohmann::json verification_result_body(const verification_publication& publication,
                                        const std::vector<interaction_outcome>& outcomes) {
    bool success = true;
    auto test_results = nlohmann::json::array();
    for (const auto& outcome : outcomes) {
        success = success && outcome.success;
        nlohmann::json result = {{"interactionId", outcome.interaction_id}, {"success", outcome.success}};
        if (!outcome.success) {
            result["interactionDescription"] = outcome.description;
            if (!outcome.mismatches.empty()) {
                result["mismatches"] = outcome.mismatches;
            }
        }
        if (!outcome.exceptions.empty()) {
            auto exceptions = nlohmann::json::array();
            for (const auto& message : outcome.exceptions) {
                exceptions.push_back({{"message", message}});
            }
            result["exceptions"] = std::move(exceptions);
        }
        test_results.push_back(std::move(result));
    }
    nlohmann::json body = {{"providerApplicationVersion", publication.provider_version}, {"success", success}};
    if (publication.build_url) {
        body["buildUrl"] = *publication.build_url;
    }
    body["testResults"] = std::move(test_results);
    body["verifiedBy"] = {{"implementation", "pact-cpp"}, {"version", publication.verifier_version}};
    return body;
}

asio::awaitable<broker_result<nlohmann::json>> publish_verification_result(
    broker_client& client, const pact_to_verify& pact, const verification_publication& publication,
    const std::vector<interaction_outcome>& outcomes) {
    auto results_href = client.relation_href(pact.pact, "pb:publish-verification-results");
    if (!results_href) {
        co_return std::unexpected(results_href.error());
    }
    if (publication.provider_branch || !publication.provider_tags.empty()) {
        auto provider_href = client.relation_href(pact.pact, "pb:provider");
        if (!provider_href) {
            co_return std::unexpected(provider_href.error());
        }
        auto provider = co_await client.get(*provider_href);
        if (!provider) {
            co_return std::unexpected(provider.error());
        }
        if (publication.provider_branch) {
            auto branch_version = client.relation_href(
                *provider, "pb:branch-version",
                {{"branch", *publication.provider_branch}, {"version", publication.provider_version}});
            if (!branch_version) {
                co_return std::unexpected(branch_version.error());
            }
            if (auto recorded = co_await client.put(*branch_version, nlohmann::json::object()); !recorded) {
                co_return std::unexpected(recorded.error());
            }
        }
        for (const auto& tag : publication.provider_tags) {
            auto version_tag = client.relation_href(*provider, "pb:version-tag",
                                                    {{"version", publication.provider_version}, {"tag", tag}});
            if (!version_tag) {
                co_return std::unexpected(version_tag.error());
            }
            if (auto tagged = co_await client.put(*version_tag, nlohmann::json::object()); !tagged) {
                co_return std::unexpected(tagged.error());
            }
        }
    }
    co_return co_await client.post(*results_href, verification_result_body(publication, outcomes));
}

}  // namespace pact::broker_client
