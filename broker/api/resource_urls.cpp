#include "broker/api/resource_urls.hpp"

#include "http/url.hpp"

namespace pact::broker::api {

resource_urls::resource_urls(std::string_view base_url) : base_(base_url) {
    while (base_.ends_with('/')) base_.pop_back();
}

std::string resource_urls::of(std::initializer_list<std::string_view> segments) const {
    std::string href = base_;
    for (auto segment : segments) {
        href += '/';
        href += pact::http::percent_encode_component(segment);
    }
    return href;
}

std::string resource_urls::templated(std::string_view path_template) const { return base_ + std::string(path_template); }

std::string resource_urls::pacticipant(std::string_view name) const { return of({"pacticipants", name}); }

std::string resource_urls::label(std::string_view pacticipant, std::string_view label) const {
    return of({"pacticipants", pacticipant, "labels", label});
}

std::string resource_urls::version(std::string_view pacticipant, std::string_view number) const {
    return of({"pacticipants", pacticipant, "versions", number});
}

std::string resource_urls::tag(std::string_view pacticipant, std::string_view version, std::string_view tag) const {
    return of({"pacticipants", pacticipant, "versions", version, "tags", tag});
}

std::string resource_urls::branch(std::string_view pacticipant, std::string_view branch) const {
    return of({"pacticipants", pacticipant, "branches", branch});
}

std::string resource_urls::branch_version(std::string_view pacticipant, std::string_view branch,
                                          std::string_view version) const {
    return of({"pacticipants", pacticipant, "branches", branch, "versions", version});
}

std::string resource_urls::environment(std::string_view uuid) const { return of({"environments", uuid}); }

std::string resource_urls::pact(std::string_view provider, std::string_view consumer, std::string_view version) const {
    return of({"pacts", "provider", provider, "consumer", consumer, "version", version});
}

std::string resource_urls::latest_pact(std::string_view provider, std::string_view consumer) const {
    return of({"pacts", "provider", provider, "consumer", consumer, "latest"});
}

std::string resource_urls::pact_version(std::string_view provider, std::string_view consumer, std::string_view sha) const {
    return of({"pacts", "provider", provider, "consumer", consumer, "pact-version", sha});
}

std::string resource_urls::verification_result(std::string_view provider, std::string_view consumer,
                                               std::string_view sha, long long number) const {
    return pact_version(provider, consumer, sha) + "/verification-results/" + std::to_string(number);
}

std::string resource_urls::provider_contract(std::string_view provider, std::string_view version) const {
    return of({"contracts", "bi-directional", "provider", provider, "version", version, "provider-contract"});
}

std::string resource_urls::contract_comparison(std::string_view consumer, std::string_view consumer_version, std::string_view provider,
                                               std::string_view provider_version) const {
    return of({"contracts", "bi-directional", "consumer", consumer, "version", consumer_version, "provider", provider, "version", provider_version,
               "cross-contract-verification-results"});
}

}  // namespace pact::broker::api
