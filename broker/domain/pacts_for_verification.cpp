#include "broker/domain/pacts_for_verification.hpp"

#include "broker/domain/store_views.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>

namespace pact::broker::domain {
namespace {

const std::string read_more_pending = "Read more at https://docs.pact.io/go/pending";
const std::string read_more_wip = "Read more at https://docs.pact.io/go/wip";

// ---------------------------------------------------------------------------------------------------------
// Reading the request

// Booleans arrive as JSON booleans, or as "true"/"false" when the selectors came from a query string.
result<std::optional<bool>> read_boolean(const nlohmann::json& object, const char* key, const std::string& field) {
    auto found = object.find(key);
    if (found == object.end() || found->is_null()) return std::optional<bool>();
    if (found->is_boolean()) return std::optional(found->get<bool>());
    if (found->is_string() && (*found == "true" || *found == "false")) return std::optional(*found == "true");
    return failure(domain_error::invalid_field(field, std::string(key) + " must be true or false"));
}

result<std::optional<std::string>> read_string(const nlohmann::json& object, const char* key, const std::string& field) {
    auto found = object.find(key);
    if (found == object.end() || found->is_null()) return std::optional<std::string>();
    if (found->is_string()) return std::optional(found->get<std::string>());
    return failure(domain_error::invalid_field(field, std::string(key) + " must be a string"));
}

// The rules of the Pact Broker's selector contract; nullopt when the selector is acceptable.
std::optional<std::string> selector_problem(const consumer_version_selector& s, const pacts_for_verification_request& request) {
    const bool latest_false = s.latest == false;
    const bool deployed_or_released = s.deployed || s.released || s.deployed_or_released;
    if (!s.environment && !s.tag && !s.branch && !s.main_branch && !s.matching_branch && s.latest != true && !deployed_or_released)
        return "must specify a value for environment or tag or branch, or specify mainBranch=true, matchingBranch=true, latest=true, "
               "deployed=true, released=true or deployedOrReleased=true";
    if (s.tag && s.branch) return "cannot specify both a tag and a branch";
    if (s.fallback_tag && !s.tag) return "a tag must be specified when a fallbackTag is specified";
    if (s.fallback_tag && s.latest != true) return "fallbackTag can only be set if latest is true";
    if (s.fallback_branch && !s.branch) return "a branch must be specified when a fallbackBranch is specified";
    if (s.fallback_branch && latest_false) return "fallbackBranch can only be set if latest is true";
    if (s.branch && latest_false) return "cannot specify a branch with latest=false";
    if (s.main_branch && latest_false) return "cannot specify mainBranch=true with latest=false";
    const bool other_criteria = s.tag || s.branch || s.fallback_tag || s.fallback_branch || deployed_or_released || s.environment;
    if (s.main_branch && (other_criteria || s.matching_branch)) return "cannot specify mainBranch=true with any other criteria apart from consumer";
    if (s.matching_branch && other_criteria) return "cannot specify matchingBranch=true with any other criteria apart from consumer";
    if (s.deployed && s.released) return "cannot specify both deployed=true and released=true";
    if (s.deployed && s.deployed_or_released) return "cannot specify both deployed=true and deployedOrReleased=true";
    if (s.released && s.deployed_or_released) return "cannot specify both released=true and deployedOrReleased=true";
    if (s.matching_branch && !request.provider_version_branch)
        return "the providerVersionBranch must be specified when the selector matchingBranch=true is used";
    return std::nullopt;
}

result<consumer_version_selector> read_selector(const nlohmann::json& json, const std::string& field) {
    if (!json.is_object()) return failure(domain_error::invalid_field(field, "each selector must be a JSON object"));
    consumer_version_selector selector;
    for (auto [key, target] : {std::pair{"consumer", &selector.consumer}, std::pair{"tag", &selector.tag},
                               std::pair{"fallbackTag", &selector.fallback_tag}, std::pair{"branch", &selector.branch},
                               std::pair{"fallbackBranch", &selector.fallback_branch}, std::pair{"environment", &selector.environment}}) {
        auto value = read_string(json, key, field);
        if (!value) return failure(value.error());
        *target = *value;
    }
    auto latest = read_boolean(json, "latest", field);
    if (!latest) return failure(latest.error());
    selector.latest = *latest;
    for (auto [key, target] : {std::pair{"mainBranch", &selector.main_branch}, std::pair{"matchingBranch", &selector.matching_branch},
                               std::pair{"deployed", &selector.deployed}, std::pair{"released", &selector.released},
                               std::pair{"deployedOrReleased", &selector.deployed_or_released}}) {
        auto value = read_boolean(json, key, field);
        if (!value) return failure(value.error());
        *target = value->value_or(false);
    }
    return selector;
}

bool looks_like_a_date(const std::string& text) {
    // YYYY-MM-DD, optionally followed by a time.
    if (text.size() < 10) return false;
    for (std::size_t i = 0; i < 10; ++i) {
        const bool dash = i == 4 || i == 7;
        if (dash ? text[i] != '-' : !std::isdigit(static_cast<unsigned char>(text[i]))) return false;
    }
    return text.size() == 10 || text[10] == 'T' || text[10] == ' ';
}

}  // namespace

result<pacts_for_verification_request> parse_pacts_for_verification_request(const nlohmann::json& body) {
    pacts_for_verification_request request;
    if (body.is_null()) return request;
    if (!body.is_object()) return failure(domain_error::invalid("The request body must be a JSON object"));
    if (auto tags = body.find("providerVersionTags"); tags != body.end() && !tags->is_null()) {
        if (!tags->is_array()) return failure(domain_error::invalid_field("providerVersionTags", "must be an array of strings"));
        for (const auto& tag : *tags) {
            if (!tag.is_string()) return failure(domain_error::invalid_field("providerVersionTags", "must be an array of strings"));
            request.provider_version_tags.push_back(tag.get<std::string>());
        }
    }
    auto branch = read_string(body, "providerVersionBranch", "providerVersionBranch");
    if (!branch) return failure(branch.error());
    request.provider_version_branch = *branch;
    auto pending = read_boolean(body, "includePendingStatus", "includePendingStatus");
    if (!pending) return failure(pending.error());
    request.include_pending_status = pending->value_or(false);
    auto wip_since = read_string(body, "includeWipPactsSince", "includeWipPactsSince");
    if (!wip_since) return failure(wip_since.error());
    if (*wip_since && !looks_like_a_date(**wip_since))
        return failure(domain_error::invalid_field("includeWipPactsSince", "'" + **wip_since + "' is not a date, expected e.g. 2020-01-01"));
    request.include_wip_pacts_since = *wip_since;

    if (auto selectors = body.find("consumerVersionSelectors"); selectors != body.end() && !selectors->is_null()) {
        if (!selectors->is_array()) return failure(domain_error::invalid_field("consumerVersionSelectors", "must be an array"));
        for (std::size_t index = 0; index < selectors->size(); ++index) {
            auto selector = read_selector((*selectors)[index], "consumerVersionSelectors");
            if (!selector) return failure(selector.error());
            request.selectors.push_back(*selector);
        }
    }
    for (std::size_t index = 0; index < request.selectors.size(); ++index) {
        if (auto problem = selector_problem(request.selectors[index], request))
            return failure(domain_error::invalid_field("consumerVersionSelectors", *problem + " (at index " + std::to_string(index) + ")"));
    }
    if (request.provider_version_branch && request.provider_version_branch->empty() && request.provider_version_tags.empty() &&
        (request.include_pending_status || request.include_wip_pacts_since))
        return failure(domain_error::invalid_field(
            "providerVersionBranch",
            "when pending or WIP pacts are enabled and there are no tags provided, the provider version branch must not be an empty string, "
            "as it is used in the calculations for WIP/pending. A value must be provided (recommended), or it must not be set at all."));
    return request;
}

namespace {

// ---------------------------------------------------------------------------------------------------------
// Selecting

struct selected {
    store::pact_publication_record publication;
    selection reason;
};

struct selection_context {
    store::store_reader& reader;
    const store::pacticipant_record& provider;
    const pacts_for_verification_request& request;
};

std::vector<store::pacticipant_record> consumers_for(selection_context& context, const consumer_version_selector& selector) {
    std::vector<store::pacticipant_record> consumers;
    if (selector.consumer) {
        if (auto found = context.reader.pacticipants().find_pacticipant(*selector.consumer)) consumers.push_back(*found);
        return consumers;
    }
    for (store::row_id id : context.reader.pacts().consumers_of(context.provider.id))
        if (auto found = context.reader.pacticipants().find_pacticipant(id)) consumers.push_back(*found);
    return consumers;
}

void add(std::vector<selected>& into, selection_context& context, const std::optional<store::pact_publication_record>& publication,
         const consumer_version_selector& selector, const store::pacticipant_record& consumer, bool used_fallback = false,
         std::optional<std::string> environment = std::nullopt, std::optional<std::string> main_branch = std::nullopt) {
    if (!publication) return;
    auto version = context.reader.pacticipants().find_version(publication->consumer_version_id);
    if (!version) return;
    into.push_back({*publication, {selector, consumer.name, version->number, used_fallback, std::move(environment), std::move(main_branch)}});
}

void select_in_environments(std::vector<selected>& into, selection_context& context, const consumer_version_selector& selector,
                            const store::pacticipant_record& consumer, const std::vector<store::environment_record>& environments) {
    const bool deployed = selector.deployed || selector.deployed_or_released || (!selector.released && selector.environment);
    const bool released = selector.released || selector.deployed_or_released || (!selector.deployed && selector.environment);
    for (const auto& environment : environments) {
        if (deployed) {
            auto resolved = selector;
            resolved.deployed = true;
            resolved.released = resolved.deployed_or_released = false;
            resolved.environment = environment.name;
            for (const auto& deployment : context.reader.environments().currently_deployed(environment.id, consumer.id))
                add(into, context, context.reader.pacts().find_pact_publication(deployment.version_id, context.provider.id), resolved, consumer, false, environment.name);
        }
        if (released) {
            auto resolved = selector;
            resolved.released = true;
            resolved.deployed = resolved.deployed_or_released = false;
            resolved.environment = environment.name;
            for (const auto& release : context.reader.environments().currently_supported(environment.id, consumer.id))
                add(into, context, context.reader.pacts().find_pact_publication(release.version_id, context.provider.id), resolved, consumer, false, environment.name);
        }
    }
}

void select(std::vector<selected>& into, selection_context& context, const consumer_version_selector& selector) {
    std::vector<store::environment_record> environments;
    if (selector.deployed || selector.released || selector.deployed_or_released || selector.environment) {
        if (selector.environment) {
            if (auto found = context.reader.environments().find_environment_by_name(*selector.environment)) environments.push_back(*found);
        } else {
            environments = context.reader.environments().list_environments();
        }
    }
    for (const auto& consumer : consumers_for(context, selector)) {
        auto& reader = context.reader;
        const auto provider_id = context.provider.id;
        if (selector.main_branch) {
            if (consumer.main_branch)
                add(into, context, reader.pacts().latest_publication_on_branch(consumer.id, provider_id, *consumer.main_branch), selector, consumer, false,
                    std::nullopt, consumer.main_branch);
        } else if (selector.branch || selector.matching_branch) {
            auto resolved = selector;
            if (selector.matching_branch) resolved.branch = context.request.provider_version_branch;
            if (!resolved.branch) continue;
            auto found = reader.pacts().latest_publication_on_branch(consumer.id, provider_id, *resolved.branch);
            if (found || !selector.fallback_branch) add(into, context, found, resolved, consumer);
            else add(into, context, reader.pacts().latest_publication_on_branch(consumer.id, provider_id, *selector.fallback_branch), resolved, consumer, true);
        } else if (selector.tag) {
            if (selector.latest == true) {
                auto found = reader.pacts().latest_publication_with_tag(consumer.id, provider_id, *selector.tag);
                if (found || !selector.fallback_tag) add(into, context, found, selector, consumer);
                else add(into, context, reader.pacts().latest_publication_with_tag(consumer.id, provider_id, *selector.fallback_tag), selector, consumer, true);
            } else {
                for (const auto& publication : reader.pacts().publications_with_tag(consumer.id, provider_id, *selector.tag))
                    add(into, context, publication, selector, consumer);
            }
        } else if (!environments.empty() || selector.deployed || selector.released || selector.deployed_or_released || selector.environment) {
            select_in_environments(into, context, selector, consumer, environments);
        } else if (selector.latest == true) {
            add(into, context, reader.pacts().latest_publication(consumer.id, provider_id), selector, consumer);
        }
    }
}

// With no selectors: the latest from each consumer's main branch (or its main-branch tag, or its latest),
// and whatever is deployed or released anywhere.
std::vector<consumer_version_selector> default_selectors(selection_context& context) {
    std::vector<consumer_version_selector> selectors;
    for (store::row_id id : context.reader.pacts().consumers_of(context.provider.id)) {
        auto consumer = context.reader.pacticipants().find_pacticipant(id);
        if (!consumer) continue;
        consumer_version_selector selector;
        selector.consumer = consumer->name;
        selector.latest = true;
        if (consumer->main_branch && context.reader.pacticipants().latest_version_on_branch(id, *consumer->main_branch)) selector.main_branch = true;
        else if (consumer->main_branch && context.reader.pacticipants().latest_version_with_tag(id, *consumer->main_branch)) selector.tag = consumer->main_branch;
        selectors.push_back(selector);
    }
    consumer_version_selector deployed;
    deployed.deployed = true;
    selectors.push_back(deployed);
    consumer_version_selector released;
    released.released = true;
    selectors.push_back(released);
    return selectors;
}

// ---------------------------------------------------------------------------------------------------------
// Pending

struct pending_status {
    bool pending = false;
    std::vector<std::string> pending_tags;      // provider tags without a successful verification
    std::vector<std::string> non_pending_tags;
};

// `counted`: the pending status of a selected pact counts every successful verification; whether a pact is
// still work in progress counts only those not made while it was work in progress (as the Pact Broker does:
// verifying a WIP pact successfully does not end its WIP status, only a verification of it selected explicitly does).
pending_status pending_for(store::store_reader& reader, store::row_id pact_version_id, const store::pacticipant_record& provider,
                           const pacts_for_verification_request& request, store::counted_verifications counted) {
    pending_status status;
    if (request.provider_version_branch) {
        const auto& branch = *request.provider_version_branch;
        if (reader.verifications().verified_successfully_from_branch(pact_version_id, provider.id, branch, counted)) return status;
        // A new branch inherits what other branches verified before it existed.
        auto branch_record = reader.pacticipants().find_branch(provider.id, branch);
        status.pending = branch_record ? !reader.verifications().verified_successfully_before(pact_version_id, branch_record->created_at, counted)
                                       : !reader.verifications().verified_successfully(pact_version_id, counted);
        return status;
    }
    if (!request.provider_version_tags.empty()) {
        for (const auto& tag : request.provider_version_tags) {
            // As with branches, a new tag inherits what was verified before it was first used.
            const auto first_used = reader.pacticipants().tag_first_used(provider.id, tag);
            const bool verified = reader.verifications().verified_successfully_with_tag(pact_version_id, provider.id, tag, counted) ||
                                  (first_used ? reader.verifications().verified_successfully_before(pact_version_id, *first_used, counted)
                                              : reader.verifications().verified_successfully(pact_version_id, counted));
            (verified ? status.non_pending_tags : status.pending_tags).push_back(tag);
        }
        status.pending = !status.pending_tags.empty();
        return status;
    }
    status.pending = !reader.verifications().verified_successfully(pact_version_id, counted);
    return status;
}

// ---------------------------------------------------------------------------------------------------------
// Notices, worded like the Pact Broker's

std::string quoted_list(const std::vector<std::string>& words, bool quote = true) {
    std::string text;
    for (std::size_t i = 0; i < words.size(); ++i) {
        if (i > 0) text += i + 1 == words.size() ? " and " : ", ";
        text += quote ? "'" + words[i] + "'" : words[i];
    }
    return text;
}

bool is_environment_selection(const selection& s) { return s.selector.deployed || s.selector.released; }

std::string describe(const selection& s, const std::string& provider) {
    const auto& selector = s.selector;
    const std::string version_label = selector.consumer ? "version of " + *selector.consumer : "version";
    std::string text;
    if (selector.main_branch) {
        text = "latest " + version_label + " from the main branch '" + s.consumer_main_branch.value_or("") + "'";
    } else if (selector.branch) {
        text = s.used_fallback ? "latest " + version_label + " from branch '" + selector.fallback_branch.value_or("") +
                                     "' (fallback branch used as no pact was found from branch '" + *selector.branch + "')"
                               : "latest " + version_label + " from branch '" + *selector.branch + "'";
    } else if (selector.tag && selector.latest == true) {
        text = s.used_fallback ? "latest " + version_label + " tagged '" + selector.fallback_tag.value_or("") +
                                     "' (fallback tag used as no pact was found with tag '" + *selector.tag + "')"
                               : "latest " + version_label + " tagged '" + *selector.tag + "'";
    } else if (selector.tag) {
        text = selector.consumer ? "all " + *selector.consumer + " versions tagged '" + *selector.tag + "'"
                                 : "all consumer versions tagged '" + *selector.tag + "'";
    } else {
        text = "latest version of " + selector.consumer.value_or("a consumer") + " that has a pact with " + provider;
    }
    return text + " (" + s.consumer_version_number + ")";
}

std::string short_description(const selection& s) {
    const auto& selector = s.selector;
    if (selector.main_branch) return "latest from main branch";
    if (selector.branch) return "latest from branch " + (s.used_fallback ? selector.fallback_branch.value_or("") : *selector.branch);
    if (selector.tag && selector.latest == true) return "latest with tag " + (s.used_fallback ? selector.fallback_tag.value_or("") : *selector.tag);
    if (selector.tag) return selector.consumer ? "one of " + *selector.consumer + " " + *selector.tag : "one of " + *selector.tag;
    if (selector.deployed) return "deployed to " + s.environment.value_or("");
    if (selector.released) return "released in " + s.environment.value_or("");
    return "latest";
}

// Deployed (or released) selections are described together per consumer: "… currently deployed to prod (1), test (2)".
std::vector<std::string> environment_descriptions(const std::vector<selection>& selections, bool deployed) {
    std::vector<std::string> lines;
    std::map<std::optional<std::string>, std::vector<std::string>> by_consumer;
    for (const auto& s : selections)
        if (deployed ? s.selector.deployed : s.selector.released)
            by_consumer[s.selector.consumer].push_back(s.environment.value_or("") + " (" + s.consumer_version_number + ")");
    for (const auto& [consumer, places] : by_consumer) {
        const std::string label = consumer ? "version(s) of " + *consumer : "consumer version(s)";
        lines.push_back(label + (deployed ? " currently deployed to " : " released and supported in ") + quoted_list(places, false));
    }
    return lines;
}

std::string provider_branch_or_tags(const std::string& provider, const pacts_for_verification_request& request, const std::vector<std::string>& tags,
                                    const std::string& any_or_a) {
    if (request.provider_version_branch) return any_or_a + " version of " + provider + " from branch '" + *request.provider_version_branch + "'";
    if (tags.empty()) return provider;
    if (tags.size() == 1) return any_or_a + " version of " + provider + " with tag '" + tags.front() + "'";
    return any_or_a + " version of " + provider + " with tag " + quoted_list(tags);
}

std::string with_these_tags(const pending_status& status) {
    if (status.pending_tags.empty()) return "";
    return status.pending_tags.size() == 1 ? "with this tag " : "with these tags ";
}

std::vector<verification_notice> build_notices(const pact_for_verification& entry, const std::string& url, const pending_status& status,
                                               const pacts_for_verification_request& request) {
    const auto& provider = entry.pact.provider_name;
    std::vector<verification_notice> notices;
    if (entry.wip) {
        std::vector<std::string> branches, tags;
        for (const auto& s : entry.selections) {
            if (s.selector.branch) branches.push_back(*s.selector.branch);
            if (s.selector.tag) tags.push_back(*s.selector.tag);
        }
        std::string heads;
        if (!branches.empty()) heads += std::string(branches.size() == 1 ? "from branch " : "from branches ") + quoted_list(branches);
        if (!tags.empty()) heads += (heads.empty() ? "" : " and ") + std::string("tagged with ") + quoted_list(tags);
        if (entry.selections.size() == 2) heads += " (both have the same content)";
        else if (entry.selections.size() > 2) heads += " (all have the same content)";
        notices.push_back({"before_verification",
                           "The pact at " + url + " is being verified because it is a 'work in progress' pact (ie. it is the pact for the latest " +
                               (branches.size() == 1 || tags.size() == 1 ? "version" : "versions") + " of " + entry.pact.consumer_name + " " + heads +
                               " and it has not yet been successfully verified by " + provider_branch_or_tags(provider, request, status.pending_tags, "a") +
                               " when the pact's application version was explicitly specified in the consumer version selectors). " + read_more_wip});
    } else {
        std::vector<std::string> lines;
        for (const auto& s : entry.selections)
            if (!is_environment_selection(s)) lines.push_back(describe(s, provider));
        for (bool deployed : {true, false})
            for (auto& line : environment_descriptions(entry.selections, deployed)) lines.push_back(std::move(line));
        std::string criteria;
        for (const auto& line : lines) criteria += (criteria.empty() ? "" : "\n") + std::string("    * ") + line;
        const bool several = entry.selections.size() > 1;
        notices.push_back({"before_verification", "The pact at " + url + " is being verified because the pact content belongs to " +
                                                      (several ? "the consumer versions" : "the consumer version") + " matching the following " +
                                                      (several ? "criteria" : "criterion") + ":\n" + criteria});
    }
    if (!request.include_pending_status) return notices;

    const auto pending_who = provider_branch_or_tags(provider, request, status.pending_tags, "a");
    if (entry.pending && entry.wip)
        notices.push_back({"before_verification", "This pact is in pending state for this version of " + provider +
                                                      " because it was included as a 'work in progress' pact. If this verification fails, it will not "
                                                      "cause the overall build to fail. " + read_more_pending});
    else if (entry.pending)
        notices.push_back({"before_verification", "This pact is in pending state for this version of " + provider + " because a successful verification result for " +
                                                      pending_who + " has not yet been published. If this verification fails, it will not cause the overall build to fail. " +
                                                      read_more_pending});
    else
        notices.push_back({"before_verification", "This pact has previously been successfully verified by " +
                                                      provider_branch_or_tags(provider, request, status.non_pending_tags, "a") +
                                                      ". If this verification fails, it will fail the build. " + read_more_pending});
    if (entry.pending) {
        const auto pending_any = provider_branch_or_tags(provider, request, status.pending_tags, "any");
        const auto tags_text = with_these_tags(status);
        notices.push_back({"after_verification:success_true_published_false", "This pact is still in pending state for " + pending_any +
                                                                                   " as the successful verification results " + tags_text +
                                                                                   "have not yet been published."});
        const auto not_yet = "This pact is still in pending state for " + pending_any + " as a successful verification result " + tags_text +
                             "has not yet been published";
        notices.push_back({"after_verification:success_false_published_false", not_yet});
        notices.push_back({"after_verification:success_true_published_true",
                           "This pact is no longer in pending state for " + pending_any + ", as a successful verification result " + tags_text +
                               "has been published. If a verification for a version of " + provider + " " + tags_text +
                               "fails in the future, it will fail the build. " + read_more_pending});
        notices.push_back({"after_verification:success_false_published_true", not_yet});
    }
    return notices;
}

// ---------------------------------------------------------------------------------------------------------
// Work in progress

// The heads of the consumers' branches and tags (their latest pacts) published since the date, not selected
// explicitly, and not yet verified successfully by the provider branch (or tags). Visits one pact per branch
// and tag, however long the history.
std::vector<selected> work_in_progress(selection_context& context, const std::string& since, const std::vector<selected>& explicit_selections) {
    std::vector<selected> found;
    auto& reader = context.reader;
    const auto provider_id = context.provider.id;
    auto consider = [&](const std::optional<store::pact_publication_record>& head, const consumer_version_selector& selector,
                        const store::pacticipant_record& consumer) {
        if (!head || head->created_at < since) return;
        const bool explicitly_selected = std::ranges::any_of(explicit_selections, [&](const selected& s) {
            return s.publication.pact_version_id == head->pact_version_id;
        });
        if (explicitly_selected ||
            !pending_for(reader, head->pact_version_id, context.provider, context.request, store::counted_verifications::not_wip).pending)
            return;
        add(found, context, head, selector, consumer);
    };
    for (store::row_id consumer_id : reader.pacts().consumers_of(provider_id)) {
        auto consumer = reader.pacticipants().find_pacticipant(consumer_id);
        if (!consumer) continue;
        for (const auto& branch : reader.pacticipants().list_branches(consumer_id)) {
            consumer_version_selector selector;
            selector.latest = true;
            selector.branch = branch.name;
            consider(reader.pacts().latest_publication_on_branch(consumer_id, provider_id, branch.name), selector, *consumer);
        }
        for (const auto& tag : reader.pacticipants().tag_names(consumer_id)) {
            consumer_version_selector selector;
            selector.latest = true;
            selector.tag = tag;
            consider(reader.pacts().latest_publication_with_tag(consumer_id, provider_id, tag), selector, *consumer);
        }
    }
    return found;
}

// The date `days` days before the clock's day, "YYYY-MM-DD" (compared with timestamps, it is that day's start).
std::string date_days_ago(const broker_config& config, int days) {
    const std::chrono::year_month_day date{std::chrono::floor<std::chrono::days>(config.clock()) - std::chrono::days(days)};
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                  static_cast<unsigned>(date.day()));
    return text;
}

// Whole days from a timestamp's date ("2024-01-05T…") to the clock's date.
int age_in_days(const broker_config& config, const std::string& created_at) {
    const std::chrono::year_month_day date{std::chrono::year(std::stoi(created_at.substr(0, 4))),
                                           std::chrono::month(static_cast<unsigned>(std::stoi(created_at.substr(5, 2)))),
                                           std::chrono::day(static_cast<unsigned>(std::stoi(created_at.substr(8, 2))))};
    return static_cast<int>((std::chrono::floor<std::chrono::days>(config.clock()) - std::chrono::sys_days(date)).count());
}

// The start of the dynamic WIP window, as the Pact Broker computes it: the 80th percentile of the ages in days of
// the provider's pacts published in the last max_lookback_days whose content no verification passed (the oldest
// fifth are taken for abandoned work), held between min_days and max_lookback_days; default_days when none is left.
std::string dynamic_wip_start(store::store_reader& reader, const store::pacticipant_record& provider, const broker_config& config) {
    const auto& window = config.wip_window;
    const auto cutoff = views::timestamp(config.clock() - std::chrono::days(window.max_lookback_days));
    std::vector<int> unverified_ages;
    for (store::row_id consumer_id : reader.pacts().consumers_of(provider.id)) {
        for (const auto& publication : reader.pacts().publications_of_pair(consumer_id, provider.id)) {
            // Newest versions first: a pact published late for an old version is not looked at, as reading the whole
            // history for each request would cost too much.
            if (publication.created_at < cutoff) break;
            if (!reader.verifications().verified_successfully(publication.pact_version_id, store::counted_verifications::all))
                unverified_ages.push_back(age_in_days(config, publication.created_at));
        }
    }
    if (unverified_ages.empty()) return date_days_ago(config, window.default_days);
    std::ranges::sort(unverified_ages);
    const auto index = std::max<std::ptrdiff_t>(static_cast<std::ptrdiff_t>(std::ceil(unverified_ages.size() * 0.8)) - 1, 0);
    return date_days_ago(config, std::clamp(unverified_ages[static_cast<std::size_t>(index)], window.min_days,
                                            std::max(window.min_days, window.max_lookback_days)));
}

// One entry per pact content; the entry's pact is the one published by the newest selected consumer version.
std::vector<pact_for_verification> merge_by_content(store::store_reader& reader, const std::vector<selected>& selections, bool wip) {
    std::map<store::row_id, std::vector<const selected*>> by_content;
    std::vector<store::row_id> order;
    for (const auto& s : selections) {
        auto& group = by_content[s.publication.pact_version_id];
        if (group.empty()) order.push_back(s.publication.pact_version_id);
        const bool duplicate = std::ranges::any_of(group, [&](const selected* present) {
            return present->reason.selector == s.reason.selector && present->reason.consumer_version_number == s.reason.consumer_version_number &&
                   present->reason.environment == s.reason.environment;
        });
        if (!duplicate) group.push_back(&s);
    }
    std::vector<pact_for_verification> entries;
    for (store::row_id pact_version_id : order) {
        const auto& group = by_content[pact_version_id];
        const selected* newest = *std::ranges::max_element(group, {}, [](const selected* s) { return s->publication.consumer_version_id; });
        pact_for_verification entry;
        entry.pact = views::load_publication(reader, newest->publication);
        for (const selected* s : group) entry.selections.push_back(s->reason);
        entry.wip = wip;
        entries.push_back(std::move(entry));
    }
    std::ranges::stable_sort(entries, {}, [](const pact_for_verification& e) { return e.pact.consumer_name; });
    return entries;
}

}  // namespace

pacts_for_verification_service::pacts_for_verification_service(store::store& store, const broker_config& config) : store_(store), config_(config) {}

result<std::vector<pact_for_verification>> pacts_for_verification_service::pacts_for_verification(std::string_view provider,
                                                                                                  const pacts_for_verification_request& request,
                                                                                                  const pact_url_builder& url_of) {
    auto reader = store_.read();
    auto provider_record = views::require_pacticipant(*reader, provider);
    if (!provider_record) return failure(provider_record.error());
    for (const auto& selector : request.selectors) {
        if (selector.environment && !reader->environments().find_environment_by_name(*selector.environment))
            return failure(domain_error::invalid_field("consumerVersionSelectors", "environment with name '" + *selector.environment + "' does not exist"));
        if (auto problem = selector_problem(selector, request)) return failure(domain_error::invalid_field("consumerVersionSelectors", *problem));
    }
    selection_context context{*reader, *provider_record, request};
    const auto selectors = request.selectors.empty() ? default_selectors(context) : request.selectors;
    std::vector<selected> explicit_selections;
    for (const auto& selector : selectors) select(explicit_selections, context, selector);

    auto entries = merge_by_content(*reader, explicit_selections, false);
    if (request.include_wip_pacts_since && (request.provider_version_branch || !request.provider_version_tags.empty())) {
        const auto since = config_.wip_window.dynamic ? dynamic_wip_start(*reader, *provider_record, config_) : *request.include_wip_pacts_since;
        auto wip = merge_by_content(*reader, work_in_progress(context, since, explicit_selections), true);
        for (auto& entry : wip) entries.push_back(std::move(entry));
    }

    for (auto& entry : entries) {
        auto consumer = reader->pacticipants().find_pacticipant(entry.pact.consumer_name);
        auto content = consumer ? reader->pacts().find_pact_version(consumer->id, provider_record->id, entry.pact.pact_version_sha) : std::nullopt;
        const auto status = content ? pending_for(*reader, content->id, *provider_record, request, store::counted_verifications::all) : pending_status{};
        entry.pending = entry.wip || (request.include_pending_status && status.pending);
        std::string description;
        for (const auto& s : entry.selections) description += (description.empty() ? "" : ", ") + short_description(s);
        entry.short_description = description;
        entry.notices = build_notices(entry, url_of(entry), status, request);
    }
    return entries;
}

}  // namespace pact::broker::domain
