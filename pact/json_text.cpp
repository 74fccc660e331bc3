#include "pact/json_text.hpp"

// Boost.JSON is used only for its validating SAX parser; it is compiled here, in this one translation unit.
#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/src.hpp>

#include <algorithm>
#include <charconv>
#include <limits>
#include <vector>

namespace pact {

std::string to_json_text(const nlohmann::json& value, int indent) {
    return value.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

namespace {

using boost::json::error_code;
using boost::json::string_view;

// Builds nlohmann values straight from Boost.JSON's parse events, with nlohmann's number kinds: a
// non-negative integer is unsigned, a negative one signed, anything with a fraction or exponent a double.
// Whatever this handler cannot reproduce exactly (a double out of range) stops the parse, and the caller
// lets nlohmann decide.
//
// Top-level lists named in its `lists` are streamed (each element handed out when complete) or skimmed
// (nothing built inside them but their elements' own keys, handed out).
class nlohmann_builder {
public:
    static constexpr std::size_t max_array_size = std::numeric_limits<std::size_t>::max();
    static constexpr std::size_t max_object_size = std::numeric_limits<std::size_t>::max();
    static constexpr std::size_t max_string_size = std::numeric_limits<std::size_t>::max();
    static constexpr std::size_t max_key_size = std::numeric_limits<std::size_t>::max();

    struct list_handling {
        std::span<const std::string_view> lists;
        const list_element_handler* on_element = nullptr;   // streaming
        const list_element_key_handler* on_key = nullptr;   // skimming
        std::span<std::size_t> element_counts;              // skimming
    };

    nlohmann_builder() = default;
    explicit nlohmann_builder(list_handling handling) : handling_(handling) {}

    bool on_document_begin(error_code&) { return true; }
    bool on_document_end(error_code&) { return true; }
    bool on_array_begin(error_code& error) { return on_container_begin(nlohmann::json::array(), error); }
    bool on_array_end(std::size_t, error_code&) { return on_container_end(); }
    bool on_object_begin(error_code& error) { return on_container_begin(nlohmann::json::object(), error); }
    bool on_object_end(std::size_t, error_code&) { return on_container_end(); }
    bool on_key_part(string_view part, std::size_t, error_code&) {
        key_.append(part.data(), part.size());
        return true;
    }
    bool on_key(string_view part, std::size_t, error_code&) {
        key_.append(part.data(), part.size());
        if (skimming_) {
            if (skim_depth_ == 1) (*handling_.on_key)(handling_.lists[list_index_], list_position_, key_);
            key_.clear();
        }
        return true;
    }
    bool on_string_part(string_view part, std::size_t, error_code&) {
        if (!skimming_) text_.append(part.data(), part.size());
        return true;
    }
    bool on_string(string_view part, std::size_t, error_code&) {
        if (skimming_) return skimmed_scalar();
        text_.append(part.data(), part.size());
        add(nlohmann::json(std::move(text_)));
        text_.clear();
        return value_completed();
    }
    bool on_number_part(string_view part, error_code&) {
        number_.append(part.data(), part.size());
        return true;
    }
    bool on_int64(std::int64_t value, string_view part, error_code&) {
        if (skimming_) return skimmed_scalar();
        const bool negative = number_.empty() ? part.starts_with('-') : number_.starts_with('-');
        number_.clear();
        if (negative) {
            add(nlohmann::json(static_cast<nlohmann::json::number_integer_t>(value)));
        } else {
            add(nlohmann::json(static_cast<nlohmann::json::number_unsigned_t>(value)));
        }
        return value_completed();
    }
    bool on_uint64(std::uint64_t value, string_view, error_code&) {
        if (skimming_) return skimmed_scalar();
        number_.clear();
        add(nlohmann::json(static_cast<nlohmann::json::number_unsigned_t>(value)));
        return value_completed();
    }
    // Boost.JSON's own conversion may differ from strtod in the last bit: the text is converted again,
    // correctly rounded, as nlohmann does. Skimmed numbers are checked too, so that skimming refuses
    // what parsing refuses.
    bool on_double(double, string_view part, error_code& error) {
        number_.append(part.data(), part.size());
        double value = 0;
        const auto [end, failure] = std::from_chars(number_.data(), number_.data() + number_.size(), value);
        number_.clear();
        if (failure != std::errc{}) {
            error = boost::json::error::exponent_overflow;
            return false;
        }
        if (skimming_) return skimmed_scalar();
        add(nlohmann::json(value));
        return value_completed();
    }
    bool on_bool(bool value, error_code&) {
        if (skimming_) return skimmed_scalar();
        add(nlohmann::json(value));
        return value_completed();
    }
    bool on_null(error_code&) {
        if (skimming_) return skimmed_scalar();
        add(nlohmann::json(nullptr));
        return value_completed();
    }
    bool on_comment_part(string_view, error_code&) { return true; }
    bool on_comment(string_view, error_code&) { return true; }

    nlohmann::json& result() { return root_; }

private:
    bool on_container_begin(nlohmann::json empty, error_code& error) {
        if (skimming_) {
            ++skim_depth_;
            return true;
        }
        const auto list = empty.is_array() ? handled_list(key_) : std::nullopt;
        if (list) {
            lists_seen_.resize(handling_.lists.size());
            if (lists_seen_[*list]) {  // which one counts is nlohmann's business
                error = boost::json::error::extra_data;
                return false;
            }
            lists_seen_[*list] = true;
            list_index_ = *list;
            list_position_ = 0;
        }
        open_.push_back(&add(std::move(empty)));
        if (list) {
            if (handling_.on_key != nullptr) {
                skimming_ = true;
                skim_depth_ = 0;
            } else {
                streamed_ = open_.back();
            }
        }
        return true;
    }

    bool on_container_end() {
        if (skimming_) {
            if (skim_depth_ == 0) {  // the skimmed list itself ends
                handling_.element_counts[list_index_] = list_position_;
                skimming_ = false;
                open_.pop_back();
                return true;
            }
            if (--skim_depth_ == 0) ++list_position_;
            return true;
        }
        if (open_.back() == streamed_) streamed_ = nullptr;
        open_.pop_back();
        return value_completed();
    }

    bool skimmed_scalar() {
        number_.clear();
        if (skim_depth_ == 0) ++list_position_;
        return true;
    }

    // Which handled list a key names (its index in `lists`), when the root object is the only one open.
    std::optional<std::size_t> handled_list(std::string_view key) const {
        if (open_.size() != 1 || !open_.front()->is_object()) return std::nullopt;
        const auto found = std::ranges::find(handling_.lists, key);
        if (found == handling_.lists.end()) return std::nullopt;
        return static_cast<std::size_t>(found - handling_.lists.begin());
    }

    // A value has just been completed in the innermost open container: an element of a streamed list leaves.
    bool value_completed() {
        if (streamed_ == nullptr || open_.back() != streamed_) return true;
        auto& elements = streamed_->get_ref<nlohmann::json::array_t&>();
        (*handling_.on_element)(handling_.lists[list_index_], list_position_++, std::move(elements.back()));
        elements.pop_back();
        return true;
    }

    nlohmann::json& add(nlohmann::json value) {
        if (open_.empty()) {
            root_ = std::move(value);
            return root_;
        }
        nlohmann::json& container = *open_.back();
        if (container.is_array()) {
            auto& elements = container.get_ref<nlohmann::json::array_t&>();
            elements.push_back(std::move(value));
            return elements.back();
        }
        // A repeated key keeps the last value, as nlohmann does.
        nlohmann::json& slot = container.get_ref<nlohmann::json::object_t&>()[key_];
        key_.clear();
        slot = std::move(value);
        return slot;
    }

    list_handling handling_;
    std::vector<bool> lists_seen_;      // by index in `lists`
    std::size_t list_index_ = 0;        // of the handled list being parsed
    std::size_t list_position_ = 0;     // of the element being parsed in it
    nlohmann::json* streamed_ = nullptr;
    bool skimming_ = false;
    std::size_t skim_depth_ = 0;        // containers open inside the skimmed list

    nlohmann::json root_;
    std::vector<nlohmann::json*> open_;
    std::string key_;
    std::string text_;
    std::string number_;
};

[[nodiscard]] std::optional<nlohmann::json> parse_quickly(std::string_view text, nlohmann_builder::list_handling handling = {}) {
    boost::json::parse_options options;
    options.max_depth = std::numeric_limits<std::size_t>::max();  // nlohmann sets no depth limit either
    boost::json::basic_parser<nlohmann_builder> parser(options, handling);
    error_code error;
    const std::size_t consumed = parser.write_some(false, text.data(), text.size(), error);
    if (error || consumed != text.size()) return std::nullopt;
    return std::move(parser.handler().result());
}

}  // namespace

nlohmann::json parse_json(std::string_view text) {
    if (auto parsed = parse_quickly(text)) return std::move(*parsed);
    return nlohmann::json::parse(text);  // rejected text (or a byte order mark): nlohmann's value or error
}

std::optional<nlohmann::json> parse_json_if_valid(std::string_view text) {
    if (auto parsed = parse_quickly(text)) return parsed;
    auto parsed = nlohmann::json::parse(text, nullptr, false);
    if (parsed.is_discarded()) return std::nullopt;
    return parsed;
}

std::optional<nlohmann::json> parse_json_streaming(std::string_view text, std::span<const std::string_view> lists,
                                                  const list_element_handler& on_element) {
    return parse_quickly(text, {.lists = lists, .on_element = &on_element});
}

std::optional<nlohmann::json> parse_json_skimming(std::string_view text, std::span<const std::string_view> lists,
                                                 const list_element_key_handler& on_key, std::span<std::size_t> element_counts) {
    std::ranges::fill(element_counts, 0);
    return parse_quickly(text, {.lists = lists, .on_key = &on_key, .element_counts = element_counts});
}

}  // namespace pact
