#pragma once
// JSON as text for people and for the wire. Values may hold bytes from the wire that are not UTF-8 (a
// percent-decoded query, a provider's body); those are replaced by U+FFFD rather than throwing.
//
// Reading JSON text goes through parse_json: the same values and the same errors as nlohmann::json::parse,
// several times faster (pacts of 10,000 interactions and every provider answer are parsed with it).

#include <nlohmann/json.hpp>

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace pact {

[[nodiscard]] std::string to_json_text(const nlohmann::json& value, int indent = -1);

// As nlohmann::json::parse(text): throws nlohmann::json::parse_error (or out_of_range for 1e999) with its
// message for text that is not JSON.
[[nodiscard]] nlohmann::json parse_json(std::string_view text);
// As nlohmann::json::parse(text, nullptr, false), with nullopt instead of a discarded value.
[[nodiscard]] std::optional<nlohmann::json> parse_json_if_valid(std::string_view text);

// Documents whose top-level object holds long lists (a pact's interactions), read without holding all of
// them at once. `lists` names the top-level keys concerned. Both return nullopt where parse_json alone can
// say what the text is (text that is not JSON, a number out of range) and for a document that has one of
// those keys twice; then whatever they handed out is to be discarded and parse_json called.

// Receives an element of a streamed list: the list's key, the element's position in it, the element.
using list_element_handler = std::function<void(std::string_view list, std::size_t position, nlohmann::json&& element)>;
// Each element of the lists goes to on_element as soon as it is complete; the document returned holds the
// lists empty, so that a reader holds one element at a time.
[[nodiscard]] std::optional<nlohmann::json> parse_json_streaming(std::string_view text, std::span<const std::string_view> lists,
                                                                 const list_element_handler& on_element);

// Receives a key of an element of a skimmed list (an object's own keys, not those nested deeper).
using list_element_key_handler = std::function<void(std::string_view list, std::size_t position, std::string_view key)>;
// What a document is without building its lists: they are skimmed (only their elements' own keys go to
// on_key) and held empty in the document returned; `element_counts` (same order as `lists`) says how
// many elements each had. Several times quicker than parsing the lists.
[[nodiscard]] std::optional<nlohmann::json> parse_json_skimming(std::string_view text, std::span<const std::string_view> lists,
                                                                const list_element_key_handler& on_key,
                                                                std::span<std::size_t> element_counts);

}  // namespace pact
