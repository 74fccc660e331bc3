#pragma once
// The addresses the pages link to: the API's resource addresses (api::resource_urls, every name percent-encoded
// as one path segment, so that a name with '/', ' ', '+' or '<' reaches the right page and nothing else), plus
// the pages' own: queries, badges, diffs, the matrix and can-i-deploy pages.

#include "broker/api/resource_urls.hpp"

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pact::broker::html {

class page_links : public api::resource_urls {
public:
    using api::resource_urls::resource_urls;

    // base + "/" + each segment percent-encoded, joined with '/', then "?name=value&…" (encoded) when given.
    [[nodiscard]] std::string to(std::initializer_list<std::string_view> segments,
                                 const std::vector<std::pair<std::string, std::string>>& query = {}) const;

    [[nodiscard]] std::string index() const { return base() + "/"; }
    [[nodiscard]] std::string pact_diff(std::string_view provider, std::string_view consumer, std::string_view sha) const;
    [[nodiscard]] std::string pact_badge(std::string_view provider, std::string_view consumer) const;
    // The matrix page of one pacticipant, or of a pair when `other` is not empty.
    [[nodiscard]] std::string matrix(std::string_view pacticipant, std::string_view other = {}) const;
    [[nodiscard]] std::string can_i_deploy(std::string_view pacticipant, std::string_view version, std::string_view environment) const;
    [[nodiscard]] std::string graph() const { return base() + "/integrations/graph"; }
};

}  // namespace pact::broker::html
