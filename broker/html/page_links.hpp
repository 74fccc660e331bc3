#pragma once
// The addresses the pages link to, built from the broker's base URL with every name percent-encoded as
// one path segment, so that a name with '/', ' ', '+' or '<' reaches the right page and nothing else.

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pact::broker::html {

class page_links {
public:
    explicit page_links(std::string_view base_url);

    [[nodiscard]] const std::string& base() const { return base_; }
    // base + "/" + each segment percent-encoded, joined with '/', then "?name=value&…" (encoded) when given.
    [[nodiscard]] std::string to(std::initializer_list<std::string_view> segments,
                                 const std::vector<std::pair<std::string, std::string>>& query = {}) const;

    [[nodiscard]] std::string index() const { return base_ + "/"; }
    [[nodiscard]] std::string pacticipant(std::string_view name) const;
    [[nodiscard]] std::string version(std::string_view pacticipant, std::string_view number) const;
    [[nodiscard]] std::string pact(std::string_view provider, std::string_view consumer, std::string_view consumer_version) const;
    [[nodiscard]] std::string latest_pact(std::string_view provider, std::string_view consumer) const;
    [[nodiscard]] std::string pact_version(std::string_view provider, std::string_view consumer, std::string_view sha) const;
    [[nodiscard]] std::string pact_diff(std::string_view provider, std::string_view consumer, std::string_view sha) const;
    [[nodiscard]] std::string pact_badge(std::string_view provider, std::string_view consumer) const;
    [[nodiscard]] std::string verification(std::string_view provider, std::string_view consumer, std::string_view sha, long long number) const;
    // A provider version's bi-directional contract, and a consumer version's pact compared with it (the API's addresses).
    [[nodiscard]] std::string provider_contract(std::string_view provider, std::string_view provider_version) const;
    [[nodiscard]] std::string contract_comparison(std::string_view consumer, std::string_view consumer_version, std::string_view provider,
                                                  std::string_view provider_version) const;
    // The matrix page of one pacticipant, or of a pair when `other` is not empty.
    [[nodiscard]] std::string matrix(std::string_view pacticipant, std::string_view other = {}) const;
    [[nodiscard]] std::string can_i_deploy(std::string_view pacticipant, std::string_view version, std::string_view environment) const;
    [[nodiscard]] std::string graph() const { return base_ + "/integrations/graph"; }

private:
    std::string base_;
};

}  // namespace pact::broker::html
