#include "broker/domain/provider_contract_service.hpp"

#include "broker/domain/content_encoding.hpp"
#include "broker/domain/store_views.hpp"
#include "broker/domain/webhook_events.hpp"
#include "openapi/contract_comparison.hpp"
#include "openapi/provider_contract.hpp"
#include "pact/pact_reader.hpp"

#include <algorithm>
#include <map>
#include <memory>
#include <mutex>
#include <set>

namespace pact::broker::domain {
namespace {

// The stored comparison of the content with the contract: a pact that no longer reads (it was accepted once, so
// this is a broker upgrade's doing) is one error, never a silent success.
store::contract_comparison_record compare_content(const store::pact_version_record& pact_version, const store::provider_contract_record& stored,
                                                  const openapi::provider_contract& contract, const std::string& now) {
    store::contract_comparison_record comparison{.provider_contract_id = stored.id, .pact_version_id = pact_version.id, .created_at = now};
    auto pact = pact::read_pact(std::string_view(pact_version.content), "the stored pact");
    if (!pact) {
        comparison.errors = 1;
        comparison.findings = nlohmann::json::array({{{"code", "pact.unreadable"},
                                                      {"severity", "error"},
                                                      {"message", "the stored pact cannot be read: " + pact.error().message}}})
                                  .dump();
        return comparison;
    }
    const auto compared = openapi::compare(*pact, contract);
    comparison.compatible = compared.compatible();
    comparison.errors = static_cast<std::int64_t>(compared.error_count());
    comparison.warnings = static_cast<std::int64_t>(compared.warning_count());
    comparison.findings = openapi::to_json(compared).at("findings").dump();
    return comparison;
}

// Compares and stores, unless this pair was compared already; returns the deliveries queued.
std::size_t compare_and_store(store::store_writer& writer, const store::pact_version_record& pact_version, const store::provider_contract_record& stored,
                              const openapi::provider_contract& contract, const std::string& now) {
    if (writer.provider_contracts().find_comparison(stored.id, pact_version.id)) return 0;
    const auto comparison = compare_content(pact_version, stored, contract, now);
    writer.provider_contracts().save_comparison(comparison);
    return queue_comparison_events(writer, comparison, stored, now);
}

// Stored contracts, each read once per process: every pact a provider with contracts is published is compared with
// them under the writer lock, and reading their YAML dominated that. An entry keeps the text it was read from and is
// used only for that same text, so a row another instance replaced is read afresh. Only the latest few contracts of
// each provider are compared, so a few hundred entries are plenty; past that the cache starts again.
class parsed_contracts {
public:
    std::shared_ptr<const openapi::provider_contract> read(const store::provider_contract_record& stored) {
        const std::lock_guard lock(mutex_);
        auto& entry = entries_[stored.id];
        if (entry.contract && entry.content == stored.content && entry.content_type == stored.content_type) return entry.contract;
        auto contract = openapi::read_provider_contract(stored.content, stored.content_type);
        if (!contract) return nullptr;
        if (entries_.size() > most_entries) entries_.clear();
        auto& kept = entries_[stored.id];
        kept = {stored.content, stored.content_type, std::make_shared<const openapi::provider_contract>(std::move(*contract))};
        return kept.contract;
    }

private:
    static constexpr std::size_t most_entries = 256;
    struct entry {
        std::string content;
        std::string content_type;
        std::shared_ptr<const openapi::provider_contract> contract;
    };
    std::mutex mutex_;
    std::map<store::row_id, entry> entries_;
};

std::shared_ptr<const openapi::provider_contract> parse_stored(const store::provider_contract_record& stored) {
    static parsed_contracts contracts;
    return contracts.read(stored);
}

// The pact contents a new contract of the provider is compared with: the head of each consumer's main branch, every
// consumer version deployed or released now, and the newest pact of each consumer.
std::vector<store::row_id> pact_versions_that_matter(store::store_reader& reader, store::row_id provider_id) {
    std::vector<store::row_id> pact_versions;
    const auto add = [&](store::row_id id) {
        if (std::ranges::find(pact_versions, id) == pact_versions.end()) pact_versions.push_back(id);
    };
    for (const auto& head : reader.field_usages().branch_heads(provider_id, std::nullopt)) add(head.pact_version_id);
    for (const auto& deployed : reader.field_usages().versions_in_environments(provider_id, std::nullopt)) add(deployed.pact_version_id);
    for (const auto consumer_id : reader.pacts().consumers_of(provider_id))
        if (auto latest = reader.pacts().latest_publication(consumer_id, provider_id)) add(latest->pact_version_id);
    return pact_versions;
}

// The provider versions whose contracts new content is compared with: the head of the main branch, those deployed or
// released now, and the newest contract's version.
std::vector<store::provider_contract_record> contracts_that_matter(store::store_reader& reader, const store::pacticipant_record& provider) {
    std::vector<store::provider_contract_record> contracts;
    std::set<store::row_id> versions;
    const auto add = [&](store::row_id version_id) {
        if (!versions.insert(version_id).second) return;
        if (auto contract = reader.provider_contracts().provider_contract_of_version(version_id)) contracts.push_back(std::move(*contract));
    };
    if (provider.main_branch)
        if (auto head = reader.pacticipants().latest_version_on_branch(provider.id, *provider.main_branch)) add(head->id);
    for (const auto& environment : reader.environments().list_environments()) {
        for (const auto& deployed : reader.environments().currently_deployed(environment.id, provider.id)) add(deployed.version_id);
        for (const auto& released : reader.environments().currently_supported(environment.id, provider.id)) add(released.version_id);
    }
    if (auto latest = reader.provider_contracts().latest_provider_contract(provider.id)) add(latest->provider_version_id);
    return contracts;
}

// The media type of a document published without one: JSON when it reads as a JSON object.
std::string media_type_of(const std::string& content) {
    const auto first = content.find_first_not_of(" \t\r\n");
    return first != std::string::npos && content[first] == '{' ? "application/json" : "application/yaml";
}

// A published or proposed document (base64), decoded and read as a provider contract; 400 naming what is wrong.
result<std::pair<std::string, openapi::provider_contract>> read_document(const std::string& base64_content, const std::optional<std::string>& content_type) {
    if (base64_content.empty()) return failure(domain_error::invalid_field("contract.content", "can't be blank"));
    auto content = encoding::decode_base64(base64_content);
    if (!content) return failure(domain_error::invalid_field("contract.content", "must be base64"));
    auto contract = openapi::read_provider_contract(*content, content_type.value_or(""));
    if (!contract) return failure(domain_error::invalid_field("contract.content", "is not an OpenAPI document: " + contract.error().to_string()));
    return std::pair{std::move(*content), std::move(*contract)};
}

// A contract checked and ready to store, with its document read.
struct prepared_contract {
    store::provider_contract_record record;
    openapi::provider_contract parsed;
};

result<prepared_contract> prepare_contract(const provider_contract_to_publish& request) {
    if (auto invalid = views::invalid_name("pacticipantVersionNumber", request.provider_version_number)) return failure(*invalid);
    std::string specification = request.specification;
    std::ranges::transform(specification, specification.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (specification != "oas")
        return failure(domain_error::invalid_field("contract.specification", "must be oas (an OpenAPI or Swagger document), not '" + request.specification + "'"));
    auto document = read_document(request.content, request.content_type);
    if (!document) return failure(document.error());
    auto& [content, contract] = *document;
    const auto& self = request.self_verification;
    std::optional<std::string> verification_content;
    if (self.content) {
        verification_content = encoding::decode_base64(*self.content);
        if (!verification_content) return failure(domain_error::invalid_field("contract.selfVerificationResults.content", "must be base64"));
    }
    store::provider_contract_record record;
    record.content = std::move(content);
    record.content_type = request.content_type.value_or(media_type_of(record.content));
    record.specification = "oas";
    record.self_verification_success = self.success;
    record.verification_content = std::move(verification_content);
    record.verification_content_type = self.content_type;
    record.verification_format = self.format;
    record.verifier = self.verifier;
    record.verifier_version = self.verifier_version;
    record.build_url = request.build_url;
    return prepared_contract{std::move(record), std::move(contract)};
}

provider_contract_comparison to_comparison(store::store_reader& reader, const store::contract_comparison_record& record,
                                           const store::provider_contract_record& contract) {
    provider_contract_comparison comparison;
    if (auto pact_version = reader.pacts().find_pact_version(record.pact_version_id)) {
        comparison.pact_version_sha = pact_version->sha;
        if (auto consumer = reader.pacticipants().find_pacticipant(pact_version->consumer_id)) comparison.consumer_name = consumer->name;
        auto publications = reader.pacts().publications_of_pact_version(pact_version->id);
        if (!publications.empty())
            if (auto version = reader.pacticipants().find_version(publications.front().consumer_version_id)) comparison.consumer_version_number = version->number;
    }
    if (auto provider = reader.pacticipants().find_pacticipant(contract.provider_id)) comparison.provider_name = provider->name;
    if (auto version = reader.pacticipants().find_version(contract.provider_version_id)) comparison.provider_version_number = version->number;
    comparison.compatible = record.compatible;
    comparison.self_verification_success = contract.self_verification_success.value_or(false);
    comparison.errors = record.errors;
    comparison.warnings = record.warnings;
    comparison.findings = nlohmann::json::parse(record.findings, nullptr, false);
    if (!comparison.findings.is_array()) comparison.findings = nlohmann::json::array();
    comparison.created_at = record.created_at;
    return comparison;
}

provider_contract to_contract(store::store_reader& reader, const store::provider_contract_record& record, const std::string& provider_name) {
    auto version = reader.pacticipants().find_version(record.provider_version_id);
    if (!version) throw store::store_failure("a provider contract refers to a missing version");
    provider_contract contract{provider_name,
                               views::load_version(reader, *version, provider_name),
                               record.content,
                               record.content_type,
                               record.specification,
                               {record.self_verification_success, record.verification_content, record.verification_content_type,
                                record.verification_format, record.verifier, record.verifier_version},
                               record.build_url,
                               record.created_at,
                               {}};
    for (const auto& comparison : reader.provider_contracts().comparisons_of_contract(record.id))
        contract.comparisons.push_back(to_comparison(reader, comparison, record));
    return contract;
}

std::string comparison_notice(const provider_contract_comparison& comparison) {
    const auto pact = comparison.consumer_name + " " + comparison.consumer_version_number + " (pact " + comparison.pact_version_sha.substr(0, 8) + ")";
    if (comparison.compatible) {
        return "The contract is compatible with the pact of " + pact +
               (comparison.warnings > 0 ? ", with " + std::to_string(comparison.warnings) + " warning(s)" : "");
    }
    std::string text = "The contract is not compatible with the pact of " + pact + ": " + std::to_string(comparison.errors) + " error(s)";
    for (const auto& finding : comparison.findings) {
        if (finding.value("severity", "") != "error") continue;
        text += "; " + finding.value("message", "");
        break;
    }
    return text;
}

result<store::provider_contract_record> require_contract(store::store_reader& reader, std::string_view provider_name, std::string_view number,
                                                         store::pacticipant_record& provider) {
    auto found_provider = views::require_pacticipant(reader, provider_name);
    if (!found_provider) return failure(found_provider.error());
    provider = *found_provider;
    auto version = views::require_version(reader, provider, number);
    if (!version) return failure(version.error());
    auto contract = reader.provider_contracts().provider_contract_of_version(version->id);
    if (!contract)
        return failure(domain_error::not_found("No provider contract was published for version " + std::string(number) + " of " + provider.name));
    return *contract;
}

}  // namespace

provider_contract_service::provider_contract_service(store::store& store, const broker_config& config) : store_(store), config_(config) {}

result<publish_provider_contract_result> provider_contract_service::publish(std::string_view provider_name, const provider_contract_to_publish& request) {
    if (auto invalid = views::invalid_name("provider", provider_name)) return failure(*invalid);
    auto prepared = prepare_contract(request);
    if (!prepared) return failure(prepared.error());
    auto& record = prepared->record;

    auto writer = store_.write();
    const auto now = views::timestamp(config_);
    auto provider = views::find_or_create_pacticipant(*writer, provider_name, now);
    bool version_created = false;
    auto version = views::record_publishing_version(*writer, provider, request.provider_version_number, {request.branch, request.tags, request.build_url}, now, config_, &version_created);
    record.provider_id = provider.id;
    record.provider_version_id = version.id;
    record.created_at = now;
    record.id = writer->provider_contracts().save_provider_contract(record);
    std::size_t queued = 0;
    for (const auto pact_version_id : pact_versions_that_matter(*writer, provider.id))
        if (auto pact_version = writer->pacts().find_pact_version(pact_version_id)) queued += compare_and_store(*writer, *pact_version, record, prepared->parsed, now);
    views::commit(std::move(writer));
    if (queued > 0) config_.webhooks.deliveries_queued();

    auto reader = store_.read();
    publish_provider_contract_result answer{to_contract(*reader, record, provider.name), {}};
    answer.notices.push_back({"success", "Published the provider contract for " + provider.name + " version " + version.number +
                                             (version_created ? " (a new version)" : "")});
    if (!record.self_verification_success.value_or(false))
        answer.notices.push_back({"warning", record.self_verification_success ? "The provider's self-verification failed: can-i-deploy will refuse this version"
                                                                               : "No self-verification result was published: can-i-deploy will refuse this version"});
    for (const auto& comparison : answer.contract.comparisons)
        answer.notices.push_back({comparison.compatible ? "info" : "danger", comparison_notice(comparison)});
    answer.notices.push_back({"prompt", "Next step: check that it is safe to deploy, with pact broker can-i-deploy --pacticipant " + provider.name +
                                            " --version " + version.number + " --to-environment <environment>"});
    return answer;
}

result<provider_contract> provider_contract_service::find(std::string_view provider_name, std::string_view provider_version_number) {
    auto reader = store_.read();
    store::pacticipant_record provider;
    auto contract = require_contract(*reader, provider_name, provider_version_number, provider);
    if (!contract) return failure(contract.error());
    return to_contract(*reader, *contract, provider.name);
}

result<provider_contract_comparison> provider_contract_service::comparison(std::string_view provider_name, std::string_view provider_version_number,
                                                                           std::string_view consumer_name, std::string_view consumer_version_number) {
    auto reader = store_.read();
    store::pacticipant_record provider;
    auto contract = require_contract(*reader, provider_name, provider_version_number, provider);
    if (!contract) return failure(contract.error());
    auto consumer = views::require_pacticipant(*reader, consumer_name);
    if (!consumer) return failure(consumer.error());
    auto consumer_version = views::require_version(*reader, *consumer, consumer_version_number);
    if (!consumer_version) return failure(consumer_version.error());
    auto publication = reader->pacts().find_pact_publication(consumer_version->id, provider.id);
    if (!publication) return failure(domain_error::not_found("Version " + consumer_version->number + " of " + consumer->name + " published no pact for " + provider.name));
    auto comparison = reader->provider_contracts().find_comparison(contract->id, publication->pact_version_id);
    if (!comparison)
        return failure(domain_error::not_found("The pact of " + consumer->name + " " + consumer_version->number + " was not compared with the contract of " +
                                               provider.name + " " + std::string(provider_version_number)));
    auto answer = to_comparison(*reader, *comparison, *contract);
    answer.consumer_version_number = consumer_version->number;  // the asked version, which may share the content with newer ones
    return answer;
}

result<std::vector<provider_contract_comparison>> provider_contract_service::comparisons_of_pact(std::string_view consumer_name,
                                                                                                std::string_view provider_name,
                                                                                                std::string_view pact_version_sha) {
    auto reader = store_.read();
    auto consumer = views::require_pacticipant(*reader, consumer_name);
    if (!consumer) return failure(consumer.error());
    auto provider = views::require_pacticipant(*reader, provider_name);
    if (!provider) return failure(provider.error());
    auto pact_version = reader->pacts().find_pact_version(consumer->id, provider->id, pact_version_sha);
    if (!pact_version)
        return failure(domain_error::not_found("No pact content " + std::string(pact_version_sha) + " between " + consumer->name + " and " + provider->name));
    std::vector<provider_contract_comparison> comparisons;
    for (const auto& record : reader->provider_contracts().comparisons_of_pact_version(pact_version->id))
        if (auto contract = reader->provider_contracts().find_provider_contract(record.provider_contract_id))
            comparisons.push_back(to_comparison(*reader, record, *contract));
    return comparisons;
}

std::optional<std::string> provider_contract_service::latest_contract_version(std::string_view provider_name) {
    auto reader = store_.read();
    auto provider = reader->pacticipants().find_pacticipant(provider_name);
    if (!provider) return std::nullopt;
    auto contract = reader->provider_contracts().latest_provider_contract(provider->id);
    if (!contract) return std::nullopt;
    auto version = reader->pacticipants().find_version(contract->provider_version_id);
    if (!version) return std::nullopt;
    return version->number;
}

result<change_compatibility> provider_contract_service::check_change(std::string_view provider_name, const proposed_change& change) {
    if (change.environment && change.branch) return failure(domain_error::invalid_field("branch", "Give an environment or a branch, not both"));
    auto document = read_document(change.content, change.content_type);
    if (!document) return failure(document.error());
    const auto& contract = document->second;
    auto reader = store_.read();
    auto provider = views::require_pacticipant(*reader, provider_name);
    if (!provider) return failure(provider.error());
    auto counted = counted_pacts(*reader, *provider, change.environment, change.branch);
    if (!counted) return failure(counted.error());

    change_compatibility answer;
    std::map<store::row_id, openapi::contract_comparison> compared;  // each content once, however many versions published it
    for (auto& [pact_version_id, version] : *counted) {
        auto pact_version = reader->pacts().find_pact_version(pact_version_id);
        if (!pact_version) continue;
        auto found = compared.find(pact_version_id);
        if (found == compared.end()) {
            auto pact = pact::read_pact(std::string_view(pact_version->content), "the stored pact");
            if (!pact) continue;  // stored pacts were read when published
            found = compared.emplace(pact_version_id, openapi::compare(*pact, contract)).first;
        }
        const auto& comparison = found->second;
        answer.compatible = answer.compatible && comparison.compatible();
        answer.consumers.push_back({std::move(version), pact_version->sha, comparison.compatible(), static_cast<std::int64_t>(comparison.error_count()),
                                    static_cast<std::int64_t>(comparison.warning_count()), openapi::to_json(comparison).at("findings")});
    }
    return answer;
}

bool comparison_succeeded(const store::contract_comparison_record& comparison, const store::provider_contract_record& contract) {
    return comparison.compatible && contract.self_verification_success.value_or(false);
}

std::size_t compare_with_provider_contracts(store::store_writer& writer, const store::pacticipant_record& provider, store::row_id pact_version_id,
                                            const std::string& now) {
    // One index look-up for the many providers that never publish a contract.
    if (!writer.provider_contracts().latest_provider_contract(provider.id)) return 0;
    auto pact_version = writer.pacts().find_pact_version(pact_version_id);
    if (!pact_version) throw store::store_failure("a publication refers to missing pact content");
    std::size_t queued = 0;
    for (const auto& stored : contracts_that_matter(writer, provider))
        if (auto contract = parse_stored(stored)) queued += compare_and_store(writer, *pact_version, stored, *contract, now);
    return queued;
}

}  // namespace pact::broker::domain
