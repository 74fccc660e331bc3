#pragma once
// Absolute hrefs of the broker's resources, built from its base URL, with every name percent-encoded
// as one path segment (space → %20, '/' → %2F, '+' → %2B). The only place that knows the URL shapes
// the broker publishes in its HAL links.

#include <initializer_list>
#include <string>
#include <string_view>

namespace pact::broker::api {

class resource_urls {
public:
    resource_urls() = default;
    // `base_url` like "http://127.0.0.1:9292" or "https://h/broker"; a trailing '/' is dropped.
    explicit resource_urls(std::string_view base_url);

    [[nodiscard]] const std::string& base() const { return base_; }
    // base + "/" + each segment percent-encoded, joined with '/'.
    [[nodiscard]] std::string of(std::initializer_list<std::string_view> segments) const;
    // base + a path template written out literally ("/pacticipants/{pacticipant}").
    [[nodiscard]] std::string templated(std::string_view path_template) const;

    [[nodiscard]] std::string pacticipant(std::string_view name) const;
    [[nodiscard]] std::string label(std::string_view pacticipant, std::string_view label) const;
    [[nodiscard]] std::string version(std::string_view pacticipant, std::string_view number) const;
    [[nodiscard]] std::string tag(std::string_view pacticipant, std::string_view version, std::string_view tag) const;
    [[nodiscard]] std::string branch(std::string_view pacticipant, std::string_view branch) const;
    [[nodiscard]] std::string branch_version(std::string_view pacticipant, std::string_view branch,
                                             std::string_view version) const;
    [[nodiscard]] std::string environment(std::string_view uuid) const;
    // The pact a consumer version published for a provider.
    [[nodiscard]] std::string pact(std::string_view provider, std::string_view consumer, std::string_view version) const;
    [[nodiscard]] std::string latest_pact(std::string_view provider, std::string_view consumer) const;
    // The pact content itself (its sha), independent of consumer versions.
    [[nodiscard]] std::string pact_version(std::string_view provider, std::string_view consumer, std::string_view sha) const;
    [[nodiscard]] std::string verification_result(std::string_view provider, std::string_view consumer,
                                                  std::string_view sha, long long number) const;
    // A provider version's OpenAPI contract (bi-directional), and a consumer version's pact compared with it.
    [[nodiscard]] std::string provider_contract(std::string_view provider, std::string_view version) const;
    [[nodiscard]] std::string contract_comparison(std::string_view consumer, std::string_view consumer_version, std::string_view provider,
                                                  std::string_view provider_version) const;

private:
    std::string base_;
};

}  // namespace pact::broker::api
