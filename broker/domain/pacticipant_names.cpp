#include "broker/domain/pacticipant_names.hpp"

#include <algorithm>
#include <cctype>
#include <regex>
#include <set>

namespace pact::broker::domain {
namespace {

// The name's words, lower case, as the Pact Broker splits them (an empty word between two separators counts).
std::vector<std::string> words_of(std::string_view name) {
    std::string text(name);
    std::ranges::replace_if(text, [](unsigned char c) { return std::isspace(c); }, '_');
    // Compiled once: every existing name is split when a new one is checked.
    static const std::regex namespace_separator("::"), acronym_end("([A-Z]+)([A-Z][a-z])"), word_start("([a-z0-9])([A-Z])");
    text = std::regex_replace(text, namespace_separator, "/");
    text = std::regex_replace(text, acronym_end, "$1_$2");
    text = std::regex_replace(text, word_start, "$1_$2");
    std::ranges::replace(text, '-', '_');
    std::ranges::transform(text, text.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    std::vector<std::string> words;
    std::size_t start = 0;
    for (std::size_t end; (end = text.find('_', start)) != std::string::npos; start = end + 1) words.push_back(text.substr(start, end - start));
    words.push_back(text.substr(start));
    while (!words.empty() && words.back().empty()) words.pop_back();
    return words;
}

std::vector<std::string> compared_words(std::string_view name) {
    std::vector<std::string> compared;
    for (auto word : words_of(name)) {
        if (word.ends_with('s')) word.pop_back();
        if (word != "api" && word != "provider" && word != "service") compared.push_back(std::move(word));
    }
    return compared;
}

std::string duplicate_message(std::string_view new_name, const std::vector<std::string>& similar, std::string_view broker_base_url) {
    const std::string name(new_name);
    std::string message = "No pact has been published for \"" + name + "\" yet, and its name is very like those of these existing pacticipants:\n";
    for (const auto& existing : similar) message += "* " + existing + "\n";
    message += "If you meant one of them, correct the name in the pact configuration and publish again. If \"" + name +
               "\" is a new consumer or provider, create it first and then publish again:\n\n"
               "pact-broker create-or-update-pacticipant --name \"" + name + "\" --broker-base-url " + std::string(broker_base_url) +
               "\n\nThe check is turned off with PACT_BROKER_CHECK_FOR_POTENTIAL_DUPLICATE_PACTICIPANT_NAMES=false.";
    return message;
}

}  // namespace

std::vector<std::string> potential_duplicate_names(std::string_view new_name, const std::vector<std::string>& existing_names) {
    if (std::ranges::find(existing_names, new_name) != existing_names.end()) return {};
    const auto compared = compared_words(new_name);
    std::vector<std::string> similar;
    for (const auto& existing : existing_names)
        if (compared_words(existing) == compared) similar.push_back(existing);
    return similar;
}

std::optional<domain_error> potential_duplicate_pacticipants(store::store& store, const std::vector<std::string>& names,
                                                           std::string_view broker_base_url, std::string_view field, const broker_config& config) {
    if (!config.check_for_potential_duplicate_pacticipant_names) return std::nullopt;
    auto reader = store.read();
    // Known names are the common case: one look-up each, and the whole list only for a new name.
    std::vector<std::string> existing_names;
    std::vector<std::string> messages;
    std::set<std::string_view> checked;
    for (const auto& name : names) {
        if (!checked.insert(name).second || reader->pacticipants().find_pacticipant(name)) continue;
        if (existing_names.empty())
            for (const auto& pacticipant : reader->pacticipants().list_pacticipants()) existing_names.push_back(pacticipant.name);
        if (auto similar = potential_duplicate_names(name, existing_names); !similar.empty())
            messages.push_back(duplicate_message(name, similar, broker_base_url));
    }
    if (messages.empty()) return std::nullopt;
    std::string text;
    for (const auto& message : messages) text += (text.empty() ? "" : "\n") + message;
    return domain_error::conflict(text, {{std::string(field), messages}});
}

}  // namespace pact::broker::domain
