#include "pact/json_text.hpp"

// Boost.JSON is used only for its validating SAX parser; it is compiled here, in this one translation unit.
#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/src.hpp>

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
class nlohmann_builder {
public:
    static constexpr std::size_t max_array_size = std::numeric_limits<std::size_t>::max();
    static constexpr std::size_t max_object_size = std::numeric_limits<std::size_t>::max();
    static constexpr std::size_t max_string_size = std::numeric_limits<std::size_t>::max();
    static constexpr std::size_t max_key_size = std::numeric_limits<std::size_t>::max();

    bool on_document_begin(error_code&) { return true; }
    bool on_document_end(error_code&) { return true; }
    bool on_array_begin(error_code&) {
        open_.push_back(&add(nlohmann::json::array()));
        return true;
    }
    bool on_array_end(std::size_t, error_code&) {
        open_.pop_back();
        return true;
    }
    bool on_object_begin(error_code&) {
        open_.push_back(&add(nlohmann::json::object()));
        return true;
    }
    bool on_object_end(std::size_t, error_code&) {
        open_.pop_back();
        return true;
    }
    bool on_key_part(string_view part, std::size_t, error_code&) {
        key_.append(part.data(), part.size());
        return true;
    }
    bool on_key(string_view part, std::size_t, error_code&) {
        key_.append(part.data(), part.size());
        return true;
    }
    bool on_string_part(string_view part, std::size_t, error_code&) {
        text_.append(part.data(), part.size());
        return true;
    }
    bool on_string(string_view part, std::size_t, error_code&) {
        text_.append(part.data(), part.size());
        add(nlohmann::json(std::move(text_)));
        text_.clear();
        return true;
    }
    bool on_number_part(string_view part, error_code&) {
        number_.append(part.data(), part.size());
        return true;
    }
    bool on_int64(std::int64_t value, string_view part, error_code&) {
        const bool negative = number_.empty() ? part.starts_with('-') : number_.starts_with('-');
        number_.clear();
        if (negative) {
            add(nlohmann::json(static_cast<nlohmann::json::number_integer_t>(value)));
        } else {
            add(nlohmann::json(static_cast<nlohmann::json::number_unsigned_t>(value)));
        }
        return true;
    }
    bool on_uint64(std::uint64_t value, string_view, error_code&) {
        number_.clear();
        add(nlohmann::json(static_cast<nlohmann::json::number_unsigned_t>(value)));
        return true;
    }
    // Boost.JSON's own conversion may differ from strtod in the last bit: the text is converted again,
    // correctly rounded, as nlohmann does.
    bool on_double(double, string_view part, error_code& error) {
        number_.append(part.data(), part.size());
        double value = 0;
        const auto [end, failure] = std::from_chars(number_.data(), number_.data() + number_.size(), value);
        number_.clear();
        if (failure != std::errc{}) {
            error = boost::json::error::exponent_overflow;
            return false;
        }
        add(nlohmann::json(value));
        return true;
    }
    bool on_bool(bool value, error_code&) {
        add(nlohmann::json(value));
        return true;
    }
    bool on_null(error_code&) {
        add(nlohmann::json(nullptr));
        return true;
    }
    bool on_comment_part(string_view, error_code&) { return true; }
    bool on_comment(string_view, error_code&) { return true; }

    nlohmann::json& result() { return root_; }

private:
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

    nlohmann::json root_;
    std::vector<nlohmann::json*> open_;
    std::string key_;
    std::string text_;
    std::string number_;
};

[[nodiscard]] std::optional<nlohmann::json> parse_quickly(std::string_view text) {
    boost::json::parse_options options;
    options.max_depth = std::numeric_limits<std::size_t>::max();  // nlohmann sets no depth limit either
    boost::json::basic_parser<nlohmann_builder> parser(options);
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

}  // namespace pact
