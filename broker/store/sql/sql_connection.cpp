#include "broker/store/sql/sql_connection.hpp"

#include <atomic>

namespace pact::broker::store::sql {
namespace {

// Statements are defined during static initialisation, possibly from several translation units.
std::atomic<std::size_t>& defined_statements() {
    static std::atomic<std::size_t> defined{0};
    return defined;
}

}  // namespace

statement::statement(std::string_view name, std::string text) : number_(defined_statements()++), name_(name), text_(std::move(text)) {}

std::size_t statement::count() { return defined_statements().load(); }

std::string numbered_placeholders(std::string_view text) {
    std::string result;
    result.reserve(text.size() + 16);
    int next = 1;
    for (std::size_t at = 0; at < text.size(); ++at) {
        if (text[at] != '?') {
            result += text[at];
            continue;
        }
        std::size_t digits_end = at + 1;
        while (digits_end < text.size() && text[digits_end] >= '0' && text[digits_end] <= '9') ++digits_end;
        result += '$';
        if (digits_end == at + 1) {
            result += std::to_string(next++);
        } else {
            const auto digits = text.substr(at + 1, digits_end - at - 1);
            result += digits;
            next = std::stoi(std::string(digits)) + 1;
            at = digits_end - 1;
        }
    }
    return result;
}

}  // namespace pact::broker::store::sql
