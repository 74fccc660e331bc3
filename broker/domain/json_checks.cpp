#include "broker/domain/json_checks.hpp"

#include <nlohmann/json.hpp>

#include <set>
#include <vector>

namespace pact::broker::domain {
namespace {

// A SAX consumer that keeps only what the checks need: the open containers, their keys, and the path.
class checking_consumer : public nlohmann::json_sax<nlohmann::json> {
public:
    explicit checking_consumer(std::size_t max_depth) : max_depth_(max_depth) {}

    bool null() override { return value(); }
    bool boolean(bool) override { return value(); }
    bool number_integer(number_integer_t) override { return value(); }
    bool number_unsigned(number_unsigned_t) override { return value(); }
    bool number_float(number_float_t, const string_t&) override { return value(); }
    bool string(string_t&) override { return value(); }
    bool binary(binary_t&) override { return value(); }
    bool start_object(std::size_t) override { return open(true); }
    bool start_array(std::size_t) override { return open(false); }
    bool end_object() override { return close(); }
    bool end_array() override { return close(); }

    bool key(string_t& name) override {
        auto& object = containers_.back();
        object.current_key = name;
        if (!object.keys.insert(name).second) {
            problem_ = "duplicate key \"" + name + "\" in the object at " + path(containers_.size() - 1);
            return false;
        }
        return true;
    }

    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& error) override {
        // nlohmann's messages name the byte position and the reason (syntax, ill-formed UTF-8, 1e999).
        problem_ = std::string("not valid JSON: ") + error.what();
        return false;
    }

    [[nodiscard]] const std::optional<std::string>& problem() const { return problem_; }

private:
    struct container {
        bool is_object = false;
        std::set<std::string> keys;
        std::string current_key;
        std::size_t next_index = 0;
    };

    // A value starts: inside an array it takes the next index.
    bool value() {
        if (!containers_.empty() && !containers_.back().is_object) ++containers_.back().next_index;
        return true;
    }

    bool open(bool is_object) {
        value();
        if (containers_.size() >= max_depth_) {
            problem_ = "JSON nested deeper than " + std::to_string(max_depth_) + " levels at " + path(containers_.size());
            return false;
        }
        containers_.push_back({is_object, {}, {}, 0});
        return true;
    }

    bool close() {
        containers_.pop_back();
        return true;
    }

    // The JSONPath of the value being read inside the first `depth` containers.
    [[nodiscard]] std::string path(std::size_t depth) const {
        std::string text = "$";
        for (std::size_t i = 0; i < depth; ++i) {
            const auto& container = containers_[i];
            if (container.is_object) text += "." + container.current_key;
            else text += "[" + std::to_string(container.next_index - 1) + "]";
        }
        return text;
    }

    std::size_t max_depth_;
    std::vector<container> containers_;
    std::optional<std::string> problem_;
};

}  // namespace

std::optional<std::string> find_json_problem(std::string_view text, std::size_t max_depth) {
    checking_consumer consumer(max_depth);
    nlohmann::json::sax_parse(text, &consumer, nlohmann::json::input_format_t::json, true);
    return consumer.problem();
}

bool is_well_formed_utf8(std::string_view text) {
    for (std::size_t at = 0; at < text.size();) {
        const auto lead = static_cast<unsigned char>(text[at]);
        if (lead < 0x80) {
            ++at;
            continue;
        }
        // The sequence length and the allowed range of the second byte (Unicode table 3-7).
        std::size_t length = 0;
        unsigned char low = 0x80, high = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF) length = 2;
        else if (lead == 0xE0) length = 3, low = 0xA0;
        else if (lead == 0xED) length = 3, high = 0x9F;
        else if (lead >= 0xE1 && lead <= 0xEF) length = 3;
        else if (lead == 0xF0) length = 4, low = 0x90;
        else if (lead == 0xF4) length = 4, high = 0x8F;
        else if (lead >= 0xF1 && lead <= 0xF3) length = 4;
        else return false;
        if (at + length > text.size()) return false;
        const auto second = static_cast<unsigned char>(text[at + 1]);
        if (second < low || second > high) return false;
        for (std::size_t next = 2; next < length; ++next)
            if ((static_cast<unsigned char>(text[at + next]) & 0xC0) != 0x80) return false;
        at += length;
    }
    return true;
}

}  // namespace pact::broker::domain
