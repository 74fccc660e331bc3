#include "broker/domain/pact_diff.hpp"

#include "pact/json_text.hpp"

#include "broker/domain/rule_words.hpp"
#include "pact/pact_reader.hpp"

#include <map>

namespace pact::broker::domain {
namespace {


std::string key_of(const pact::interaction& interaction) {
    std::string key = interaction.description;
    if (!interaction.provider_states.empty()) {
        key += " (given ";
        for (std::size_t index = 0; index < interaction.provider_states.size(); ++index) {
            key += (index ? " and " : "") + interaction.provider_states[index].name;
        }
        key += ")";
    }
    return key;
}

std::string request_words(const pact::interaction& interaction) {
    if (interaction.kind != pact::interaction_kind::synchronous_http) return pact::to_json_text(interaction.message.contents.parsed.value_or(interaction.message.contents.content));
    const auto& request = interaction.request;
    nlohmann::json words = {{"method", request.method}, {"path", request.path}, {"query", request.raw_query ? nlohmann::json(*request.raw_query) : nlohmann::json(request.query)},
                            {"headers", request.headers}};
    if (request.body.parsed) words["body"] = *request.body.parsed;
    else if (request.body.state != pact::body::presence::missing) words["body"] = request.body.content;
    return pact::to_json_text(words);
}

std::vector<relied_on_field> expectations_of(const pact::interaction& interaction) {
    switch (interaction.kind) {
        case pact::interaction_kind::synchronous_http: return relied_on_fields(interaction.response);
        case pact::interaction_kind::asynchronous_message: return relied_on_fields(interaction.message);
        case pact::interaction_kind::synchronous_message: {
            std::vector<relied_on_field> all;
            for (const auto& response : interaction.message_responses) {
                for (auto& field : relied_on_fields(response)) all.push_back(std::move(field));
            }
            return all;
        }
    }
    return {};
}

std::string expectation_words(const relied_on_field& field) {
    if (field.rule == "equal to the example") return "equal to " + pact::to_json_text(field.example);
    return field.rule + (field.example.is_null() ? "" : " (example " + pact::to_json_text(field.example) + ")");
}

void compare_expectations(const pact::interaction& before, const pact::interaction& after, std::vector<pact_change>& changes) {
    std::map<std::string, const relied_on_field*> old_fields, new_fields;
    const auto old_list = expectations_of(before);
    const auto new_list = expectations_of(after);
    for (const auto& field : old_list) old_fields[field.place] = &field;
    for (const auto& field : new_list) new_fields[field.place] = &field;
    for (const auto& [place, field] : new_fields) {
        auto previous = old_fields.find(place);
        if (previous == old_fields.end()) {
            changes.push_back({change_impact::breaking, place, "", expectation_words(*field),
                               "New expectation: the consumer now relies on " + place + " being " + expectation_words(*field) +
                                   "; provider versions that verified only the previous pact may not satisfy it."});
            continue;
        }
        const auto& old_field = *previous->second;
        if (old_field.rule == field->rule && (old_field.example == field->example || field->rule != "equal to the example")) {
            if (old_field.example != field->example) {
                changes.push_back({change_impact::neutral, place, expectation_words(old_field), expectation_words(*field),
                                   "Only the example changed; the rule (" + field->rule + ") still decides, so verification is unaffected."});
            }
            continue;
        }
        const bool stricter = field->rule == "equal to the example";
        const bool looser = old_field.rule == "equal to the example";
        changes.push_back({looser && !stricter ? change_impact::relaxed : change_impact::breaking, place, expectation_words(old_field), expectation_words(*field),
                           looser && !stricter
                               ? "Looser expectation: " + place + " no longer has to equal " + pact::to_json_text(old_field.example) + "."
                               : "Changed expectation on " + place + ": provider versions that satisfied \"" + expectation_words(old_field) +
                                     "\" may not satisfy \"" + expectation_words(*field) + "\"."});
    }
    for (const auto& [place, field] : old_fields) {
        if (new_fields.contains(place)) continue;
        changes.push_back({change_impact::relaxed, place, expectation_words(*field), "",
                           "Removed expectation: the consumer no longer relies on " + place + " (it relied on it being " + expectation_words(*field) +
                               "). The provider may stop providing it once no deployed consumer version still uses the previous pact."});
    }
}

interaction_diff compare(const pact::interaction& before, const pact::interaction& after) {
    interaction_diff diff{key_of(after), interaction_diff::status::changed, {}};
    const auto old_request = request_words(before);
    const auto new_request = request_words(after);
    if (old_request != new_request) {
        diff.changes.push_back({change_impact::breaking, after.kind == pact::interaction_kind::synchronous_http ? "request" : "message", old_request, new_request,
                                "The consumer now sends a different request: provider versions that verified the previous pact were never sent this one."});
    }
    compare_expectations(before, after, diff.changes);
    return diff;
}

}  // namespace

std::string_view impact_name(change_impact impact) {
    switch (impact) {
        case change_impact::breaking: return "breaking";
        case change_impact::relaxed: return "relaxed";
        case change_impact::neutral: return "neutral";
    }
    return "neutral";
}

std::string_view status_name(interaction_diff::status status) {
    switch (status) {
        case interaction_diff::status::added: return "added";
        case interaction_diff::status::removed: return "removed";
        case interaction_diff::status::changed: return "changed";
    }
    return "changed";
}

bool pact_diff::breaking() const {
    for (const auto& interaction : interactions) {
        for (const auto& change : interaction.changes) {
            if (change.impact == change_impact::breaking) return true;
        }
    }
    return false;
}

pact_diff diff_pacts(const pact::pact_document& previous, const pact::pact_document& current) {
    pact_diff diff;
    std::map<std::string, const pact::interaction*> old_interactions;
    for (const auto& interaction : previous.interactions) old_interactions[key_of(interaction)] = &interaction;
    std::map<std::string, bool> seen;
    for (const auto& interaction : current.interactions) {
        const auto key = key_of(interaction);
        seen[key] = true;
        auto old = old_interactions.find(key);
        if (old == old_interactions.end()) {
            interaction_diff added{key, interaction_diff::status::added, {}};
            added.changes.push_back({change_impact::breaking, "interaction", "", key,
                                     "New interaction: provider versions that verified only the previous pact have not been checked against it."});
            diff.interactions.push_back(std::move(added));
            continue;
        }
        auto changed = compare(*old->second, interaction);
        if (changed.changes.empty()) ++diff.unchanged;
        else diff.interactions.push_back(std::move(changed));
    }
    for (const auto& interaction : previous.interactions) {
        const auto key = key_of(interaction);
        if (seen.contains(key)) continue;
        interaction_diff removed{key, interaction_diff::status::removed, {}};
        removed.changes.push_back({change_impact::relaxed, "interaction", key, "",
                                   "The consumer no longer makes this request: everything it expected from the response is no longer relied on by this version."});
        diff.interactions.push_back(std::move(removed));
    }
    return diff;
}

std::optional<pact_diff> diff_publications(const pact_publication& earlier, const pact_publication& later) {
    auto later_document = pact::read_pact(later.content, "the pact");
    auto earlier_document = pact::read_pact(earlier.content, "the pact compared with");
    if (!later_document || !earlier_document) return std::nullopt;
    return diff_pacts(*earlier_document, *later_document);
}

}  // namespace pact::broker::domain
