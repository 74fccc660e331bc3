#pragma once
// How the domain says "this request cannot be served": not found (HTTP 404), conflict (409) or
// invalid input (400), with a sentence and, for invalid input, the offending fields.

#include <expected>
#include <map>
#include <string>
#include <vector>

namespace pact::broker::domain {

using field_errors = std::map<std::string, std::vector<std::string>>;

struct domain_error {
    enum class kind { not_found, conflict, invalid };
    kind what = kind::invalid;
    std::string message;
    field_errors fields;  // field name → messages, mostly for `invalid`

    [[nodiscard]] static domain_error not_found(std::string message);
    [[nodiscard]] static domain_error conflict(std::string message, field_errors fields = {});
    [[nodiscard]] static domain_error invalid(std::string message, field_errors fields = {});
    // An invalid-input error about one field, whose message is also the error's message.
    [[nodiscard]] static domain_error invalid_field(const std::string& field, std::string message);
};

template <typename T>
using result = std::expected<T, domain_error>;

// A failed result of any type: `return failure(domain_error::not_found(...));`.
[[nodiscard]] std::unexpected<domain_error> failure(domain_error error);

}  // namespace pact::broker::domain
