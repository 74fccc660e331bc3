#include "broker/domain/matrix_service.hpp"

#include "broker/domain/provider_contract_service.hpp"
#include "broker/domain/store_views.hpp"

#include <algorithm>
#include <set>
#include <tuple>

namespace pact::broker::domain {
namespace {

// ---------------------------------------------------------------------------------------------------------
// Step 1: the selectors' versions and the integrations between them

struct resolved_selector {
    store::pacticipant_record pacticipant;
    version_selection selection;
    std::vector<store::version_record> versions;
    bool specified = true;  // named in q[] (as opposed to inferred from the target)

    [[nodiscard]] bool version_does_not_exist() const { return selection.how != chosen_by::any && versions.empty(); }
    // The Pact Broker's wording, for the row's version (or none).
    [[nodiscard]] std::string description(const std::optional<std::string>& number) const { return describe_selection(selection, number, versions.size()); }
};

resolved_selector selector_of(const store::pacticipant_record& pacticipant, bool specified) {
    return {.pacticipant = pacticipant, .selection = {.pacticipant = pacticipant.name}, .specified = specified};
}

std::vector<store::version_record> one_or_none(std::optional<store::version_record> version) {
    if (version) return {*version};
    return {};
}

resolved_selector resolve_specified(store::store_reader& reader, const store::pacticipant_record& pacticipant, const matrix_selector& selector) {
    auto resolved = selector_of(pacticipant, true);
    if (selector.version) {
        resolved.selection.how = chosen_by::version;
        resolved.selection.requested_version = selector.version;
        resolved.versions = one_or_none(reader.pacticipants().find_version(pacticipant.id, *selector.version));
    } else if (selector.main_branch) {
        resolved.selection.how = selector.latest ? chosen_by::latest_on_main_branch : chosen_by::on_main_branch;
        resolved.selection.branch = pacticipant.main_branch;
        if (pacticipant.main_branch)
            resolved.versions = selector.latest ? one_or_none(reader.pacticipants().latest_version_on_branch(pacticipant.id, *pacticipant.main_branch))
                                                : reader.pacticipants().versions_on_branch(pacticipant.id, *pacticipant.main_branch);
    } else if (selector.branch) {
        resolved.selection.how = selector.latest ? chosen_by::latest_on_branch : chosen_by::on_branch;
        resolved.selection.branch = selector.branch;
        resolved.versions = selector.latest ? one_or_none(reader.pacticipants().latest_version_on_branch(pacticipant.id, *selector.branch))
                                            : reader.pacticipants().versions_on_branch(pacticipant.id, *selector.branch);
    } else if (selector.tag) {
        resolved.selection.how = selector.latest ? chosen_by::latest_with_tag : chosen_by::with_tag;
        resolved.selection.tag = selector.tag;
        resolved.versions = selector.latest ? one_or_none(reader.pacticipants().latest_version_with_tag(pacticipant.id, *selector.tag))
                                            : reader.pacticipants().versions_with_tag(pacticipant.id, *selector.tag);
    } else if (selector.latest) {
        resolved.selection.how = chosen_by::latest;
        resolved.versions = one_or_none(reader.pacticipants().latest_version(pacticipant.id));
    } else {
        resolved.selection.how = chosen_by::any;
        resolved.versions = reader.pacticipants().list_versions(pacticipant.id);
    }
    return resolved;
}

// The versions of another application that are "in the target": the environment, the latest with the tag,
// the latest on its main branch, or the latest.
resolved_selector resolve_inferred(store::store_reader& reader, const store::pacticipant_record& pacticipant, const matrix_query& query,
                                   const std::optional<store::environment_record>& environment) {
    auto resolved = selector_of(pacticipant, false);
    if (environment) {
        resolved.selection.how = chosen_by::environment;
        resolved.selection.environment = environment->name;
        std::set<store::row_id> seen;
        auto add = [&](store::row_id version_id) {
            if (!seen.insert(version_id).second) return;
            if (auto version = reader.pacticipants().find_version(version_id)) resolved.versions.push_back(*version);
        };
        for (const auto& deployed : reader.environments().currently_deployed(environment->id, pacticipant.id)) add(deployed.version_id);
        for (const auto& released : reader.environments().currently_supported(environment->id, pacticipant.id)) add(released.version_id);
    } else if (query.tag) {
        resolved.selection.how = chosen_by::latest_with_tag;
        resolved.selection.tag = query.tag;
        resolved.versions = one_or_none(reader.pacticipants().latest_version_with_tag(pacticipant.id, *query.tag));
    } else if (query.main_branch) {
        resolved.selection.how = chosen_by::latest_on_main_branch;
        resolved.selection.branch = pacticipant.main_branch;
        if (pacticipant.main_branch) resolved.versions = one_or_none(reader.pacticipants().latest_version_on_branch(pacticipant.id, *pacticipant.main_branch));
    } else {
        resolved.selection.how = chosen_by::latest;
        resolved.versions = one_or_none(reader.pacticipants().latest_version(pacticipant.id));
    }
    return resolved;
}

// An integration between the versions two selectors chose.
struct selected_integration {
    const resolved_selector* consumer;
    const resolved_selector* provider;
    bool required;  // the consumer was named: it needs its provider in the target
};

// The named selectors first, then those inferred from the target (or, with one named and no target, its every
// counterpart); the integrations point into `selectors`, which no longer grows once they are made.
struct integration_graph {
    std::vector<resolved_selector> selectors;
    std::size_t specified_count = 0;
    std::vector<selected_integration> integrations;
};

result<integration_graph> integrations_of(store::store_reader& reader, const matrix_query& query, const std::optional<store::environment_record>& environment) {
    integration_graph graph;
    for (const auto& selector : query.selectors) {
        auto pacticipant = reader.pacticipants().find_pacticipant(selector.pacticipant);
        if (!pacticipant) return failure(domain_error::invalid("Pacticipant " + selector.pacticipant + " not found"));
        graph.selectors.push_back(resolve_specified(reader, *pacticipant, selector));
    }
    graph.specified_count = graph.selectors.size();

    // Between the named applications, and (when a target is given) with the others.
    const bool infer = query.latest || query.tag || query.environment || query.main_branch;
    struct link {
        std::size_t consumer, provider;
        bool required;
    };
    std::vector<link> links;
    auto selector_index_for = [&](store::row_id pacticipant_id) -> std::optional<std::size_t> {
        for (std::size_t i = 0; i < graph.selectors.size(); ++i)
            if (graph.selectors[i].pacticipant.id == pacticipant_id) return i;
        return std::nullopt;
    };
    auto add_link = [&](std::size_t consumer, std::size_t provider, bool required) {
        if (std::ranges::none_of(links, [&](const link& known) { return known.consumer == consumer && known.provider == provider; }))
            links.push_back({consumer, provider, required});
    };
    // The selector of a counterpart not named: what the target holds of it, else (one named, no target) all of it.
    auto counterpart = [&](store::row_id pacticipant_id, bool as_provider) -> std::optional<std::size_t> {
        if (auto known = selector_index_for(pacticipant_id)) return known;
        if (!infer && graph.specified_count != 1) return std::nullopt;
        auto pacticipant = reader.pacticipants().find_pacticipant(pacticipant_id);
        if (!pacticipant) return std::nullopt;
        if (infer) graph.selectors.push_back(resolve_inferred(reader, *pacticipant, query, environment));
        else if (as_provider) graph.selectors.push_back(selector_of(*pacticipant, true));
        else graph.selectors.push_back(resolve_specified(reader, *pacticipant, matrix_selector{pacticipant->name}));
        return graph.selectors.size() - 1;
    };
    for (std::size_t index = 0; index < graph.specified_count; ++index) {
        const auto id = graph.selectors[index].pacticipant.id;
        for (store::row_id provider_id : reader.pacts().providers_of(id))
            if (auto other = counterpart(provider_id, true)) add_link(index, *other, true);
        // A provider does not need its consumers to be in the target; a named consumer needs its provider.
        for (store::row_id consumer_id : reader.pacts().consumers_of(id))
            if (auto other = counterpart(consumer_id, false)) add_link(*other, index, *other < graph.specified_count);
    }
    for (const auto& each : links) graph.integrations.push_back({&graph.selectors[each.consumer], &graph.selectors[each.provider], each.required});
    return graph;
}

// ---------------------------------------------------------------------------------------------------------
// Step 2: the rows


// A comparison of the pact with a provider version's contract, as a verification.
struct contract_verdict {
    store::provider_contract_record contract;
    store::contract_comparison_record comparison;

    [[nodiscard]] bool success() const { return comparison_succeeded(comparison, contract); }
};

struct raw_row {
    store::version_record consumer_version;
    store::pact_publication_record publication;
    std::optional<store::version_record> provider_version;
    std::optional<store::verification_record> verification;
    const selected_integration* from;
    std::optional<contract_verdict> verdict;  // set instead of `verification` for a bi-directional row

    [[nodiscard]] bool verified() const { return verification.has_value() || verdict.has_value(); }
    [[nodiscard]] bool succeeded() const { return verification ? verification->success : verdict && verdict->success(); }
    [[nodiscard]] store::row_id verified_id() const { return verification ? verification->id : verdict ? verdict->comparison.id : 0; }
};

std::optional<contract_verdict> verdict_of(store::store_reader& reader, store::row_id pact_version_id, store::row_id provider_version_id) {
    auto contract = reader.provider_contracts().provider_contract_of_version(provider_version_id);
    if (!contract) return std::nullopt;
    auto comparison = reader.provider_contracts().find_comparison(contract->id, pact_version_id);
    if (!comparison) return std::nullopt;
    return contract_verdict{std::move(*contract), std::move(*comparison)};
}

// The row of one provider version: either kind of success counts, so a verifier's result gives way to a comparison
// with the version's contract unless it succeeded (or there is no comparison).
raw_row row_of_provider_version(store::store_reader& reader, const store::version_record& consumer_version, const store::pact_publication_record& publication,
                                const store::version_record& provider_version, const selected_integration& link) {
    raw_row row{consumer_version, publication, provider_version,
                reader.verifications().latest_verification_by(publication.pact_version_id, provider_version.id), &link};
    if (row.verification && row.verification->success) return row;
    auto verdict = verdict_of(reader, publication.pact_version_id, provider_version.id);
    if (verdict && (verdict->success() || !row.verification)) {
        row.verification.reset();
        row.verdict = std::move(verdict);
    }
    return row;
}

void rows_for(store::store_reader& reader, const selected_integration& link, std::vector<raw_row>& rows) {
    for (const auto& consumer_version : link.consumer->versions) {
        auto publication = reader.pacts().find_pact_publication(consumer_version.id, link.provider->pacticipant.id);
        if (!publication) continue;
        if (link.provider->selection.how == chosen_by::any && link.provider->specified) {
            // Every provider version that verified this pact or compared it with its contract (or one row saying nobody did).
            auto verifications = reader.verifications().verifications_of_pact_version(publication->pact_version_id);
            auto comparisons = reader.provider_contracts().comparisons_of_pact_version(publication->pact_version_id);
            if (verifications.empty() && comparisons.empty()) rows.push_back({consumer_version, *publication, std::nullopt, std::nullopt, &link});
            for (const auto& verification : verifications)
                rows.push_back({consumer_version, *publication, reader.pacticipants().find_version(verification.provider_version_id), verification, &link});
            for (auto& comparison : comparisons) {
                auto contract = reader.provider_contracts().find_provider_contract(comparison.provider_contract_id);
                if (!contract) continue;
                auto provider_version = reader.pacticipants().find_version(contract->provider_version_id);
                rows.push_back({consumer_version, *publication, std::move(provider_version), std::nullopt, &link,
                                contract_verdict{std::move(*contract), std::move(comparison)}});
            }
            continue;
        }
        if (link.provider->versions.empty()) rows.push_back({consumer_version, *publication, std::nullopt, std::nullopt, &link});
        for (const auto& provider_version : link.provider->versions)
            rows.push_back(row_of_provider_version(reader, consumer_version, *publication, provider_version, link));
    }
}

// "…: in the body of GET /orders/{id} (200), $.total_amount is not in the contract (it has total_cents: renamed?)": why a
// comparison failed, from its first error (or the provider's own tests).
std::string verdict_failure(const contract_verdict& verdict) {
    comparison_facts facts{verdict.contract.self_verification_success, verdict.comparison.errors, std::nullopt};
    const auto findings = nlohmann::json::parse(verdict.comparison.findings, nullptr, false);
    if (findings.is_array())
        for (const auto& finding : findings)
            if (finding.is_object() && finding.value("severity", "") == "error") {
                facts.first_error = finding.value("message", "");
                break;
            }
    return contract_failure(facts);
}

// The first few mismatches (or errors) a failed verification published, each with its interaction.
std::vector<std::string> published_failures(const store::verification_record& verification) {
    constexpr std::size_t shown = 3;
    const auto results = nlohmann::json::parse(verification.test_results, nullptr, false);
    std::vector<std::string> failures;
    std::size_t more = 0;
    auto add = [&](const nlohmann::json& result, const nlohmann::json& detail) {
        std::string message;
        for (const char* key : {"message", "mismatch", "description"})
            if (detail.is_object() && detail.contains(key) && detail[key].is_string()) {
                message = detail[key].get<std::string>();
                break;
            }
        if (message.empty()) return;
        if (failures.size() == shown) {
            ++more;
            return;
        }
        const auto interaction = result.value("interactionDescription", std::string());
        failures.push_back(interaction.empty() ? message : interaction + ": " + message);
    };
    if (results.is_array())
        for (const auto& result : results) {
            if (!result.is_object() || result.value("success", true)) continue;
            for (const char* key : {"mismatches", "exceptions"})
                if (result.contains(key) && result[key].is_array())
                    for (const auto& detail : result[key]) add(result, detail);
        }
    if (more > 0) failures.push_back("and " + std::to_string(more) + " more");
    return failures;
}

// What the explanations ask of a pact content's history, read once per content however many rows share it.
class verification_history {
public:
    explicit verification_history(store::store_reader& reader) : reader_(reader) {}

    // The provider versions that verified the content successfully (or whose contract a comparison found it satisfies),
    // newest first; nullopt when nothing ever verified or compared it.
    const std::optional<std::vector<std::string>>& successful_verifiers(store::row_id pact_version_id) {
        if (auto known = verifiers_.find(pact_version_id); known != verifiers_.end()) return known->second;
        return verifiers_.emplace(pact_version_id, read_verifiers(pact_version_id)).first->second;
    }

    // No version of the provider's main branch (of the provider, without one) has verified the content successfully.
    bool pending(store::row_id pact_version_id, const store::pacticipant_record& provider) {
        if (auto known = pending_.find(pact_version_id); known != pending_.end()) return known->second;
        const bool verified = provider.main_branch ? reader_.verifications().verified_successfully_from_branch(pact_version_id, provider.id, *provider.main_branch,
                                                                                                               store::counted_verifications::all)
                                                   : reader_.verifications().verified_successfully(pact_version_id, store::counted_verifications::all);
        return pending_.emplace(pact_version_id, !verified).first->second;
    }

private:
    std::optional<std::vector<std::string>> read_verifiers(store::row_id pact_version_id) {
        const auto verifications = reader_.verifications().verifications_of_pact_version(pact_version_id);
        const auto comparisons = reader_.provider_contracts().comparisons_of_pact_version(pact_version_id);
        if (verifications.empty() && comparisons.empty()) return std::nullopt;
        std::vector<std::pair<store::row_id, std::string>> verifying;  // (version id, number), newest first below
        for (const auto& verification : verifications)
            if (verification.success)
                if (auto version = reader_.pacticipants().find_version(verification.provider_version_id)) verifying.emplace_back(version->id, version->number);
        for (const auto& comparison : comparisons) {
            auto contract = reader_.provider_contracts().find_provider_contract(comparison.provider_contract_id);
            if (contract && comparison_succeeded(comparison, *contract))
                if (auto version = reader_.pacticipants().find_version(contract->provider_version_id)) verifying.emplace_back(version->id, version->number);
        }
        std::ranges::sort(verifying, std::greater<>());
        std::vector<std::string> numbers;
        for (const auto& [id, number] : verifying)
            if (std::ranges::find(numbers, number) == numbers.end()) numbers.push_back(number);
        return numbers;
    }

    store::store_reader& reader_;
    std::map<store::row_id, std::optional<std::vector<std::string>>> verifiers_;
    std::map<store::row_id, bool> pending_;
};

// What an explanation of a row that is not a success names: its cause, and whether the pact is still pending for
// the provider (which is why the provider's build may have passed while can-i-deploy says no).
std::vector<matrix_doubt> doubts_about(verification_history& history, const raw_row& row, const doubt_target& target, const std::string& pact_version_sha) {
    const auto& provider = row.from->provider->pacticipant;
    matrix_doubt doubt;
    doubt.consumer = row.from->consumer->pacticipant.name;
    doubt.consumer_version = row.consumer_version.number;
    doubt.provider = provider.name;
    doubt.provider_main_branch = provider.main_branch;
    doubt.pact_version_sha = pact_version_sha;
    doubt.target = target;
    doubt.provider_named = row.from->provider->specified;
    if (row.provider_version) doubt.provider_version = row.provider_version->number;
    doubt.provider_description = row.from->provider->description(doubt.provider_version);
    const auto pact_version_id = row.publication.pact_version_id;
    if (!row.verified()) {
        if (!row.provider_version && row.from->provider->selection.how != chosen_by::any) {
            doubt.cause = doubt_cause::not_in_target;
            doubt.missing_pacticipant = provider.name;
            doubt.missing_main_branch = provider.main_branch;
            return {doubt};
        }
        const auto& verifiers = history.successful_verifiers(pact_version_id);
        if (!verifiers) return {doubt};  // never_verified
        doubt.cause = doubt_cause::verified_by_other_version;
        doubt.verifying_versions = *verifiers;
    } else if (row.verdict) {
        doubt.cause = doubt_cause::contract_incompatible;
        doubt.failures = {verdict_failure(*row.verdict)};
    } else {
        doubt.cause = doubt_cause::verification_failed;
        doubt.failures = published_failures(*row.verification);
    }
    std::vector<matrix_doubt> doubts{doubt};
    if (history.pending(pact_version_id, provider)) {
        doubt.cause = doubt_cause::pending;
        doubt.failures.clear();
        doubt.verifying_versions.clear();
        doubts.push_back(std::move(doubt));
    }
    return doubts;
}

// cvp: the newest verification row per (consumer version, provider); cvpv: per (consumer version, provider version).
std::vector<raw_row> apply_latest_by(std::vector<raw_row> rows, latest_by by) {
    if (by == latest_by::none) return rows;
    std::vector<raw_row> kept;
    for (auto& row : rows) {
        auto same_group = std::ranges::find_if(kept, [&](const raw_row& present) {
            if (present.consumer_version.id != row.consumer_version.id || present.publication.provider_id != row.publication.provider_id) return false;
            if (by == latest_by::consumer_version_and_provider) return true;
            return present.provider_version.has_value() == row.provider_version.has_value() &&
                   (!row.provider_version || present.provider_version->id == row.provider_version->id);
        });
        if (same_group == kept.end()) {
            kept.push_back(std::move(row));
            continue;
        }
        auto order = [](const raw_row& r) {
            return std::tuple{r.verified(), r.succeeded(), r.verified() ? r.verified_id() : (r.provider_version ? r.provider_version->id : 0)};
        };
        if (order(row) > order(*same_group)) *same_group = std::move(row);
    }
    return kept;
}

bool ignored(const raw_row& row, const std::vector<matrix_ignore>& ignore) {
    auto matches = [&](const store::pacticipant_record& pacticipant, const std::optional<store::version_record>& version) {
        return std::ranges::any_of(ignore, [&](const matrix_ignore& rule) {
            return rule.pacticipant == pacticipant.name && (!rule.version || (version && version->number == *rule.version));
        });
    };
    return matches(row.from->consumer->pacticipant, row.consumer_version) || matches(row.from->provider->pacticipant, row.provider_version);
}

class version_describer {
public:
    explicit version_describer(store::store_reader& reader) : reader_(reader) {}
    matrix_version describe(const store::version_record& version) {
        if (auto cached = cache_.find(version.id); cached != cache_.end()) return cached->second;
        matrix_version described{version.number, views::branch_names(reader_, version.id), views::tag_names(reader_, version.id), {}, version.created_at};
        std::set<std::string> environments;
        for (const auto& deployed : reader_.environments().deployments_of_version(version.id))
            if (!deployed.undeployed_at)
                if (auto environment = reader_.environments().find_environment(deployed.environment_id)) environments.insert(environment->name);
        for (const auto& released : reader_.environments().releases_of_version(version.id))
            if (!released.support_ended_at)
                if (auto environment = reader_.environments().find_environment(released.environment_id)) environments.insert(environment->name);
        described.environments.assign(environments.begin(), environments.end());
        return cache_.emplace(version.id, std::move(described)).first->second;
    }

private:
    store::store_reader& reader_;
    std::map<store::row_id, matrix_version> cache_;
};

// Every row of the integrations, as the query narrows and orders them.
std::vector<raw_row> rows_of(store::store_reader& reader, const integration_graph& graph, const matrix_query& query) {
    std::vector<raw_row> rows;
    for (const auto& each : graph.integrations) rows_for(reader, each, rows);
    rows = apply_latest_by(std::move(rows), query.latest_by);
    if (!query.success.empty())
        std::erase_if(rows, [&](const raw_row& row) { return !row.verified() || std::ranges::find(query.success, row.succeeded()) == query.success.end(); });
    std::ranges::sort(rows, [](const raw_row& a, const raw_row& b) {
        const auto key = [](const raw_row& r) {
            return std::tuple(r.from->consumer->pacticipant.name, -r.consumer_version.id, r.from->provider->pacticipant.name,
                              r.provider_version ? -r.provider_version->id : 0);
        };
        return key(a) < key(b);
    });
    if (query.limit && rows.size() > static_cast<std::size_t>(*query.limit)) rows.resize(*query.limit);
    return rows;
}

// ---------------------------------------------------------------------------------------------------------
// Step 3: the answer (rows as shown, the counts, the reasons and the explanations)

matrix_row shown_row(store::store_reader& reader, version_describer& describer, const raw_row& row, const matrix_query& query) {
    matrix_row out;
    out.consumer_name = row.from->consumer->pacticipant.name;
    out.consumer_version = describer.describe(row.consumer_version);
    out.provider_name = row.from->provider->pacticipant.name;
    if (row.provider_version) out.provider_version = describer.describe(*row.provider_version);
    if (auto pact_version = reader.pacts().find_pact_version(row.publication.pact_version_id)) out.pact_version_sha = pact_version->sha;
    out.pact_created_at = row.publication.created_at;
    if (row.verification)
        out.verification = matrix_verification{row.verification->number, row.verification->success, row.verification->created_at, row.verification->build_url};
    if (row.verdict)
        out.verification = matrix_verification{0, row.verdict->success(), row.verdict->comparison.created_at, row.verdict->contract.build_url,
                                               verification_kind::contract_comparison};
    out.ignored = ignored(row, query.ignore);
    return out;
}

// The warnings the Pact Broker gives about the question itself.
std::vector<std::string> question_warnings(store::store_reader& reader, const integration_graph& graph, const matrix_query& query) {
    std::vector<std::string> warnings;
    for (const auto& rule : query.ignore) {
        auto pacticipant = reader.pacticipants().find_pacticipant(rule.pacticipant);
        const bool exists = pacticipant && (!rule.version || reader.pacticipants().find_version(pacticipant->id, *rule.version));
        if (!exists) warnings.push_back(cannot_ignore(rule.pacticipant, rule.version, pacticipant.has_value()));
    }
    if (graph.specified_count == 1 && !query.tag && !query.environment && !query.main_branch) warnings.push_back(environment_recommended);
    const bool any_version_named = std::ranges::any_of(query.selectors, [](const matrix_selector& s) { return s.version.has_value(); });
    const bool only_names = std::ranges::all_of(query.selectors, [](const matrix_selector& s) {
        return !s.version && !s.latest && !s.tag && !s.branch && !s.main_branch;
    });
    if (!any_version_named && !only_names) warnings.push_back(version_number_recommended);
    return warnings;
}

// Named versions that do not exist decide the answer on their own.
std::vector<matrix_doubt> missing_versions(store::store_reader& reader, const integration_graph& graph, const matrix_query& query, const doubt_target& target) {
    std::vector<matrix_doubt> missing;
    for (std::size_t index = 0; index < graph.specified_count; ++index) {
        const auto& selector = graph.selectors[index];
        const bool is_ignored = std::ranges::any_of(query.ignore, [&](const matrix_ignore& rule) { return rule.pacticipant == selector.pacticipant.name; });
        if (!selector.version_does_not_exist() || is_ignored) continue;
        missing.push_back({.cause = doubt_cause::version_not_found,
                           .target = target,
                           .missing_pacticipant = selector.pacticipant.name,
                           .missing_version = selector.selection.requested_version,
                           .missing_description = describe_missing_selection(selector.selection),
                           .missing_is_consumer = !reader.pacts().providers_of(selector.pacticipant.id).empty()});
    }
    return missing;
}

matrix_result summarise(store::store_reader& reader, const integration_graph& graph, const std::vector<raw_row>& rows, const matrix_query& query) {
    matrix_result answer;
    deployability_summary& summary = answer.summary;
    const doubt_target target{query.environment, query.tag, query.main_branch};
    version_describer describer(reader);
    verification_history history(reader);
    std::vector<std::string> errors;
    bool any_unknown = false, any_failed = false;
    std::set<const selected_integration*> integrations_with_rows;
    for (const auto& row : rows) {
        integrations_with_rows.insert(row.from);
        auto out = shown_row(reader, describer, row, query);
        if (!out.ignored && !row.succeeded())
            for (auto& doubt : doubts_about(history, row, target, out.pact_version_sha))
                if (std::ranges::find(answer.doubts, doubt) == answer.doubts.end()) answer.doubts.push_back(std::move(doubt));
        if (out.ignored) {
            ++summary.ignored;
        } else {
            const auto consumer_text = row.from->consumer->description(row.consumer_version.number);
            const auto provider_text = row.from->provider->description(row.provider_version ? std::optional(row.provider_version->number) : std::nullopt);
            if (!row.verified()) {
                ++summary.unknown;
                any_unknown = true;
                errors.push_back(no_verified_pact(consumer_text, provider_text));
            } else if (!row.succeeded()) {
                ++summary.failed;
                any_failed = true;
                errors.push_back(failed_verification(consumer_text, provider_text, row.verdict ? std::optional(verdict_failure(*row.verdict)) : std::nullopt));
            } else {
                ++summary.success;
            }
        }
        answer.rows.push_back(std::move(out));
    }
    // As the Pact Broker lists them: the rows considered first, then the ignored ones, each in their order.
    std::ranges::stable_partition(answer.rows, [](const matrix_row& row) { return !row.ignored; });
    // A named consumer version with a pact but no row for its provider cannot be told apart from "unknown".
    for (const auto& each : graph.integrations) {
        if (!each.required || integrations_with_rows.contains(&each)) continue;
        const bool has_pact = std::ranges::any_of(each.consumer->versions, [&](const store::version_record& version) {
            return reader.pacts().find_pact_publication(version.id, each.provider->pacticipant.id).has_value();
        });
        const bool is_ignored = std::ranges::any_of(query.ignore, [&](const matrix_ignore& rule) {
            return !rule.version && (rule.pacticipant == each.provider->pacticipant.name || rule.pacticipant == each.consumer->pacticipant.name);
        });
        if (!has_pact || is_ignored) continue;
        ++summary.unknown;
        any_unknown = true;
        errors.push_back(no_verified_pact(each.consumer->description(std::nullopt), each.provider->description(std::nullopt)));
    }

    std::vector<notice> reasons;
    for (const auto& text : question_warnings(reader, graph, query)) reasons.push_back({"warning", text});
    if (auto missing = missing_versions(reader, graph, query, target); !missing.empty()) {
        summary.deployable = false;
        for (const auto& doubt : missing) reasons.push_back({"error", doubt.missing_description});
        answer.doubts = std::move(missing);
    } else if (!errors.empty()) {
        summary.deployable = any_unknown ? std::nullopt : std::optional(!any_failed);
        std::set<std::string> seen;
        for (const auto& text : errors)
            if (seen.insert(text).second) reasons.push_back({"error", text});
    } else {
        summary.deployable = true;
        reasons.push_back({"success", summary.success > 0 ? all_verified : no_missing_dependencies});
    }
    for (const auto& reason : reasons) summary.reason += (summary.reason.empty() ? "" : "\n") + reason.text;
    answer.notices = std::move(reasons);
    return answer;
}

}  // namespace

std::string to_string(verification_kind kind) { return kind == verification_kind::contract_comparison ? "BDCT" : "CDCT"; }

// Matrix and can-i-deploy refusals are sentences without a field (domain_error::invalid): the Pact Broker
// answers them as a list of messages, `{"errors": ["Pacticipant Foo not found"]}`.

matrix_service::matrix_service(store::store& store, const broker_config& config) : store_(store), config_(config) {}

result<matrix_result> matrix_service::matrix(const matrix_query& query) {
    if (query.selectors.empty()) return failure(domain_error::invalid("Please provide 1 or more version selectors."));
    auto reader = store_.read();
    std::optional<store::environment_record> environment;
    if (query.environment) {
        environment = reader->environments().find_environment_by_name(*query.environment);
        if (!environment) return failure(domain_error::invalid("Environment with name '" + *query.environment + "' does not exist"));
    }
    auto graph = integrations_of(*reader, query, environment);
    if (!graph) return failure(graph.error());
    return summarise(*reader, *graph, rows_of(*reader, *graph, query), query);
}

result<matrix_result> matrix_service::can_i_deploy(std::string_view pacticipant, std::string_view version, std::optional<std::string> environment,
                                                   std::optional<std::string> to_tag) {
    if (!environment && !to_tag) return failure(domain_error::invalid("Must specify either an environment or a 'to' tag."));
    if (environment && to_tag) return failure(domain_error::invalid("Cannot specify both a 'to' tag and an environment."));
    matrix_query query;
    matrix_selector selector;
    selector.pacticipant = std::string(pacticipant);
    selector.version = std::string(version);
    query.selectors.push_back(selector);
    query.latest_by = latest_by::consumer_version_and_provider;
    query.environment = std::move(environment);
    query.tag = std::move(to_tag);
    query.latest = query.tag.has_value();
    return matrix(query);
}

result<matrix_result> matrix_service::can_i_deploy_latest_with_tag(std::string_view pacticipant, std::string_view tag, std::string_view to_tag) {
    {
        auto reader = store_.read();
        auto owner = views::require_pacticipant(*reader, pacticipant);
        if (!owner) return failure(owner.error());
        if (!reader->pacticipants().latest_version_with_tag(owner->id, tag))
            return failure(domain_error::not_found("No version of " + owner->name + " with tag '" + std::string(tag) + "' found"));
    }
    matrix_query query;
    query.selectors.push_back({.pacticipant = std::string(pacticipant), .latest = true, .tag = std::string(tag)});
    query.latest_by = latest_by::consumer_version_and_provider;
    query.latest = true;
    query.tag = std::string(to_tag);
    return matrix(query);
}

result<matrix_result> matrix_service::can_i_deploy_latest_on_branch(std::string_view pacticipant, std::string_view branch, std::string_view environment) {
    {
        auto reader = store_.read();
        auto owner = views::require_pacticipant(*reader, pacticipant);
        if (!owner) return failure(owner.error());
        if (!reader->pacticipants().latest_version_on_branch(owner->id, branch))
            return failure(domain_error::not_found("No version of " + owner->name + " on branch '" + std::string(branch) + "' found"));
        if (!reader->environments().find_environment_by_name(environment))
            return failure(domain_error::not_found("No environment named '" + std::string(environment) + "' found"));
    }
    matrix_query query;
    query.selectors.push_back({.pacticipant = std::string(pacticipant), .latest = true, .branch = std::string(branch)});
    // Every version of the others in the environment counts on its own, so a still-deployed incompatible one is not hidden.
    query.latest_by = latest_by::consumer_version_and_provider_version;
    query.environment = std::string(environment);
    return matrix(query);
}

}  // namespace pact::broker::domain
