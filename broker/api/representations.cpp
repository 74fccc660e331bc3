#include "broker/api/representations.hpp"

#include "broker/domain/publication_service.hpp"
#include "broker/api/hal_links.hpp"


namespace pact::broker::api {

nlohmann::json optional_json(const std::optional<std::string>& value) {
    return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

nlohmann::json notices_json(const std::vector<domain::notice>& notices) {
    auto array = nlohmann::json::array();
    for (const auto& notice : notices) array.push_back({{"type", notice.type}, {"text", notice.text}});
    return array;
}

nlohmann::json pacticipant_summary(const resource_urls& urls, std::string_view name) {
    return {{"name", name}, {"_links", {{"self", link(urls.pacticipant(name))}}}};
}

nlohmann::json pacticipant_resource(const resource_urls& urls, const domain::pacticipant& pacticipant) {
    const std::string self = urls.pacticipant(pacticipant.name);
    nlohmann::json links = {
        {"self", link(self, "Pacticipant", pacticipant.name)},
        {"pb:versions", link(self + "/versions", "Versions")},
        {"versions", link(self + "/versions", "Versions")},  // the deprecated name the Ruby client still reads
        {"pb:branches", link(self + "/branches", "Branches")},
        {"pb:version", templated_link(self + "/versions/{version}", "Version")},
        {"pb:version-tag", templated_link(self + "/versions/{version}/tags/{tag}", "Version tag")},
        {"pb:branch-version", templated_link(self + "/branches/{branch}/versions/{version}", "Branch version")},
        {"pb:latest-version", link(self + "/latest-version", "Latest version")},
        {"pb:latest-tagged-version", templated_link(self + "/latest-version/{tag}", "Latest version with the specified tag")},
        {"pb:label", templated_link(self + "/labels/{label}", "Get, create or delete a label for " + pacticipant.name)},
        {"pb:field-usage", link(self + "/field-usage", "The fields of its responses its consumers rely on")},
        {"curies", curies(urls.base(), "pacticipant")},
    };
    nlohmann::json resource = {
        {"name", pacticipant.name},
        {"displayName", pacticipant.display_name},
        {"mainBranch", optional_json(pacticipant.main_branch)},
        {"repositoryUrl", optional_json(pacticipant.repository_url)},
        {"createdAt", pacticipant.created_at},
        {"updatedAt", pacticipant.updated_at},
        {"_links", std::move(links)},
    };
    // The Pact Broker embeds the latest version (deprecated there, still read by its clients) and the
    // labels, each as its name and self link; an empty collection is left out, as it does.
    if (pacticipant.latest_version_number)
        resource["_embedded"]["latest-version"] = version_summary(urls, pacticipant.name, *pacticipant.latest_version_number);
    if (!pacticipant.labels.empty()) {
        auto labels = nlohmann::json::array();
        for (const auto& label : pacticipant.labels)
            labels.push_back({{"name", label}, {"_links", {{"self", link(urls.label(pacticipant.name, label), "Label", label)}}}});
        resource["_embedded"]["labels"] = std::move(labels);
    }
    return resource;
}

nlohmann::json version_summary(const resource_urls& urls, std::string_view pacticipant, std::string_view number) {
    return {{"number", number}, {"_links", {{"self", link(urls.version(pacticipant, number), "Version", std::string(number))}}}};
}

nlohmann::json label_resource(const resource_urls& urls, const domain::label& label) {
    return {
        {"name", label.name},
        {"createdAt", label.created_at},
        {"_links",
         {{"self", link(urls.label(label.pacticipant_name, label.name), "Label", label.name)},
          {"pacticipant", link(urls.pacticipant(label.pacticipant_name), "Pacticipant", label.pacticipant_name)}}},
    };
}

nlohmann::json tag_resource(const resource_urls& urls, std::string_view pacticipant, std::string_view version,
                            const domain::tag& tag) {
    return {
        {"name", tag.name},
        {"createdAt", tag.created_at},
        {"_links",
         {{"self", link(urls.tag(pacticipant, version, tag.name), "Tag", tag.name)},
          {"version", link(urls.version(pacticipant, version), "Version", std::string(version))},
          {"pacticipant", link(urls.pacticipant(pacticipant), "Pacticipant", std::string(pacticipant))}}},
    };
}

nlohmann::json version_resource(const resource_urls& urls, const domain::version& version,
                                const std::vector<domain::environment>& environments) {
    const std::string self = urls.version(version.pacticipant_name, version.number);
    auto branch_versions = nlohmann::json::array();
    for (const auto& branch : version.branches) {
        branch_versions.push_back(
            {{"name", branch.name},
             {"latest", branch.latest},
             {"_links",
              {{"self", link(urls.branch_version(version.pacticipant_name, branch.name, version.number), "Branch version", branch.name)}}}});
    }
    auto tags = nlohmann::json::array();
    for (const auto& tag : version.tags) tags.push_back(tag_resource(urls, version.pacticipant_name, version.number, tag));

    auto record_deployment = nlohmann::json::array();
    auto record_release = nlohmann::json::array();
    for (const auto& environment : environments) {
        record_deployment.push_back(link(self + "/deployed-versions/environment/" + environment.uuid,
                                         "Record deployment to " + environment.display_name, environment.name));
        record_release.push_back(link(self + "/released-versions/environment/" + environment.uuid,
                                      "Record release to " + environment.display_name, environment.name));
    }
    nlohmann::json links = {
        {"self", link(self, "Version", version.number)},
        {"pb:pacticipant", link(urls.pacticipant(version.pacticipant_name), "Pacticipant", version.pacticipant_name)},
        {"pb:tag", templated_link(self + "/tags/{tag}", "Get, create or delete a tag for this pacticipant version")},
        {"pb:deployed-environments", link(self + "/deployed-versions", "Environments this version is deployed to")},
        {"pb:released-environments", link(self + "/released-versions", "Environments this version is released to")},
        {"pb:record-deployment", std::move(record_deployment)},
        {"pb:record-release", std::move(record_release)},
        {"curies", curies(urls.base(), "version")},
    };
    nlohmann::json resource = {
        {"number", version.number},
        {"createdAt", version.created_at},
        {"_embedded", {{"branchVersions", std::move(branch_versions)}, {"tags", std::move(tags)}}},
        {"_links", std::move(links)},
    };
    if (version.build_url) resource["buildUrl"] = *version.build_url;
    return resource;
}

nlohmann::json branch_resource(const resource_urls& urls, const domain::branch& branch) {
    const std::string self = urls.branch(branch.pacticipant_name, branch.name);
    nlohmann::json links = {
        {"self", link(self, "Branch", branch.name)},
        {"pb:pacticipant", link(urls.pacticipant(branch.pacticipant_name), "Pacticipant", branch.pacticipant_name)},
        {"pb:versions", link(self + "/versions", "Versions on this branch")},
    };
    if (branch.latest_version_number) {
        links["pb:latest-version"] = link(urls.version(branch.pacticipant_name, *branch.latest_version_number),
                                          "Latest version on this branch", *branch.latest_version_number);
    }
    return {{"name", branch.name}, {"createdAt", branch.created_at}, {"_links", std::move(links)}};
}

nlohmann::json branch_version_resource(const resource_urls& urls, std::string_view branch, const domain::version& version) {
    return {
        {"name", branch},
        {"number", version.number},
        {"createdAt", version.created_at},
        {"_links",
         {{"self", link(urls.branch_version(version.pacticipant_name, branch, version.number), "Branch version", std::string(branch))},
          {"pb:version", link(urls.version(version.pacticipant_name, version.number), "Version", version.number)},
          {"pb:branch", link(urls.branch(version.pacticipant_name, branch), "Branch", std::string(branch))}}},
    };
}

std::string pact_name(const domain::pact_publication& pact) {
    return (std::string("Pact between ") + pact.consumer_name + " (" + pact.consumer_version_number + ") and " + pact.provider_name);
}

nlohmann::json pact_link(const resource_urls& urls, const domain::pact_publication& pact) {
    return link(urls.pact(pact.provider_name, pact.consumer_name, pact.consumer_version_number), "Pact", pact_name(pact));
}

nlohmann::json provider_pact_link(const resource_urls& urls, const domain::pact_publication& pact) {
    return link(urls.pact(pact.provider_name, pact.consumer_name, pact.consumer_version_number), pact_name(pact), pact.consumer_name);
}

nlohmann::json provider_pacts_resource(const resource_urls& urls, std::string_view provider,
                                       const std::vector<domain::pact_publication>& pacts, std::string self, std::string title) {
    auto links = nlohmann::json::array();
    for (const auto& pact : pacts) links.push_back(provider_pact_link(urls, pact));
    const std::string provider_href = urls.pacticipant(provider);
    return {{"_links",
             {{"self", link(std::move(self), std::move(title))},
              {"pb:provider", link(provider_href, "Provider", std::string(provider))},
              {"pb:pacts", links},
              {"provider", link(provider_href, "Provider", "DEPRECATED - please use the pb:provider relation")},
              {"pacts", links}}}};
}

namespace {

// The verifier echoes `_id` back as testResults[].interactionId.
void add_interaction_ids(nlohmann::json& pact) {
    for (const char* list : {"interactions", "messages"}) {
        auto found = pact.find(list);
        if (found == pact.end() || !found->is_array()) continue;
        for (auto& interaction : *found) {
            if (interaction.is_object()) interaction["_id"] = domain::interaction_id(interaction);
        }
    }
}

}  // namespace

nlohmann::json pact_resource(const resource_urls& urls, const domain::pact_publication& pact, std::optional<std::string> metadata) {
    nlohmann::json resource = pact.content.is_object() ? pact.content : nlohmann::json::object();
    add_interaction_ids(resource);
    resource["createdAt"] = pact.created_at;

    const std::string pact_version = urls.pact_version(pact.provider_name, pact.consumer_name, pact.pact_version_sha);
    const std::string results_base = metadata ? pact_version + "/metadata/" + *metadata : pact_version;
    const std::string pair = urls.of({"pacts", "provider", pact.provider_name, "consumer", pact.consumer_name});
    resource["_links"] = {
        {"self", pact_link(urls, pact)},
        {"pb:consumer", link(urls.pacticipant(pact.consumer_name), "Consumer", pact.consumer_name)},
        {"pb:consumer-version", link(urls.version(pact.consumer_name, pact.consumer_version_number), "Consumer version",
                                     pact.consumer_version_number)},
        {"pb:provider", link(urls.pacticipant(pact.provider_name), "Provider", pact.provider_name)},
        {"pb:pact-version", link(pact_version, "Pact content version permalink", pact.pact_version_sha)},
        {"pb:latest-pact-version", link(urls.latest_pact(pact.provider_name, pact.consumer_name), "Latest version of this pact")},
        {"pb:all-pact-versions", link(pair + "/versions", "All versions of this pact")},
        {"pb:publish-verification-results", link(results_base + "/verification-results", "Publish verification results")},
        {"pb:latest-verification-results", link(pact_version + "/verification-results/latest", "Latest verification results")},
        {"curies", curies(urls.base(), "pact")},
    };
    return resource;
}

nlohmann::json verification_resource(const resource_urls& urls, const domain::verification& verification) {
    const std::string pact_version =
        urls.pact_version(verification.provider_name, verification.consumer_name, verification.pact_version_sha);
    nlohmann::json resource = {
        {"providerName", verification.provider_name},
        {"providerApplicationVersion", verification.provider_version_number},
        {"success", verification.success},
        {"verificationDate", verification.created_at},
        {"testResults", verification.test_results},
        {"verifiedBy", verification.verified_by},
        {"createdAt", verification.created_at},
        {"_links",
         {{"self", link(urls.verification_result(verification.provider_name, verification.consumer_name,
                                                 verification.pact_version_sha, verification.number),
                        "Verification result",
                        (std::string("Verification result ") + std::to_string(verification.number) + " for Pact between " + verification.consumer_name + " (" + verification.consumer_version_number + ") and " + verification.provider_name))},
          {"pb:pact-version", link(pact_version, "Pact")},
          {"pb:provider-version", link(urls.version(verification.provider_name, verification.provider_version_number),
                                       "Provider version", verification.provider_version_number)}}},
    };
    if (verification.build_url) resource["buildUrl"] = *verification.build_url;
    return resource;
}

namespace {

nlohmann::json environment_summary(const domain::environment& environment) {
    return {{"uuid", environment.uuid},
            {"name", environment.name},
            {"displayName", environment.display_name},
            {"production", environment.production}};
}

}  // namespace

nlohmann::json environment_resource(const resource_urls& urls, const domain::environment& environment) {
    const std::string self = urls.environment(environment.uuid);
    nlohmann::json resource = environment_summary(environment);
    resource["contacts"] = environment.contacts;
    resource["createdAt"] = environment.created_at;
    resource["updatedAt"] = environment.updated_at;
    resource["_links"] = {
        {"self", link(self, "Environment", environment.name)},
        {"pb:currently-deployed-deployed-versions",
         link(self + "/deployed-versions/currently-deployed",
              (std::string("Versions currently deployed to ") + environment.display_name + " environment"))},
        {"pb:currently-supported-released-versions",
         link(self + "/released-versions/currently-supported",
              (std::string("Versions released and supported in ") + environment.display_name + " environment"))},
        {"pb:environments", link(urls.of({"environments"}), "Environments")},
    };
    return resource;
}

namespace {

nlohmann::json deployment_embedded(const resource_urls& urls, std::string_view pacticipant, std::string_view version,
                                   const domain::environment& environment) {
    nlohmann::json embedded_environment = environment_summary(environment);
    embedded_environment["_links"] = {{"self", link(urls.environment(environment.uuid), "Environment", environment.name)}};
    return {{"pacticipant", pacticipant_summary(urls, pacticipant)},
            {"version", version_summary(urls, pacticipant, version)},
            {"environment", std::move(embedded_environment)}};
}

}  // namespace

nlohmann::json deployed_version_resource(const resource_urls& urls, const domain::deployed_version& deployed) {
    return {
        {"uuid", deployed.uuid},
        {"currentlyDeployed", deployed.currently_deployed},
        {"applicationInstance", optional_json(deployed.application_instance)},
        {"target", optional_json(deployed.target)},
        {"undeployedAt", optional_json(deployed.undeployed_at)},
        {"createdAt", deployed.created_at},
        {"_embedded", deployment_embedded(urls, deployed.pacticipant_name, deployed.version_number, deployed.environment)},
        {"_links", {{"self", link(urls.of({"deployed-versions", deployed.uuid}), "Deployed version")}}},
    };
}

nlohmann::json released_version_resource(const resource_urls& urls, const domain::released_version& released) {
    return {
        {"uuid", released.uuid},
        {"currentlySupported", released.currently_supported},
        {"supportEndedAt", optional_json(released.support_ended_at)},
        {"createdAt", released.created_at},
        {"_embedded", deployment_embedded(urls, released.pacticipant_name, released.version_number, released.environment)},
        {"_links", {{"self", link(urls.of({"released-versions", released.uuid}), "Released version")}}},
    };
}

nlohmann::json pact_diff_json(const domain::pact_diff& diff) {
    nlohmann::json interactions = nlohmann::json::array();
    for (const auto& interaction : diff.interactions) {
        nlohmann::json changes = nlohmann::json::array();
        for (const auto& change : interaction.changes) {
            changes.push_back({{"impact", domain::impact_name(change.impact)}, {"place", change.place}, {"before", change.before}, {"after", change.after}, {"effect", change.effect}});
        }
        interactions.push_back({{"interaction", interaction.description}, {"status", domain::status_name(interaction.what)}, {"changes", std::move(changes)}});
    }
    return {{"breaking", diff.breaking()}, {"unchangedInteractions", diff.unchanged}, {"interactions", std::move(interactions)}};
}

nlohmann::json pact_diff_resource(const resource_urls& urls, const domain::pact_publication& current,
                                  const std::optional<domain::pact_publication>& compared_with, std::string_view comparison_relation,
                                  const std::string& self) {
    const auto diff = compared_with ? domain::diff_publications(*compared_with, current) : std::nullopt;
    nlohmann::json body = diff ? pact_diff_json(*diff) : nlohmann::json::object();
    body["_links"]["self"] = {{"href", self}};
    body["_links"]["pb:pact-version"] = {{"href", urls.pact_version(current.provider_name, current.consumer_name, current.pact_version_sha)}};
    if (compared_with) {
        body["_links"][std::string(comparison_relation)] = {
            {"href", urls.pact_version(compared_with->provider_name, compared_with->consumer_name, compared_with->pact_version_sha)}};
        if (!diff) body["notices"] = nlohmann::json::array({{{"type", "warning"}, {"text", "One of the two pacts cannot be read, so they cannot be compared."}}});
    } else {
        body["notices"] = nlohmann::json::array({{{"type", "info"}, {"text", "This is the first version of the pact: there is nothing to compare it with."}}});
    }
    return body;
}

}  // namespace pact::broker::api
