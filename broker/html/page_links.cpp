#include "broker/html/page_links.hpp"

#include "http/url.hpp"

namespace pact::broker::html {

page_links::page_links(std::string_view base_url) : base_(base_url) {
    while (base_.ends_with('/')) base_.pop_back();
}

std::string page_links::to(std::initializer_list<std::string_view> segments, const std::vector<std::pair<std::string, std::string>>& query) const {
    std::string href = base_;
    for (auto segment : segments) href += "/" + pact::http::percent_encode_component(segment);
    char separator = '?';
    for (const auto& [name, value] : query) {
        href += separator + pact::http::percent_encode_component(name) + "=" + pact::http::percent_encode_component(value);
        separator = '&';
    }
    return href;
}

std::string page_links::pacticipant(std::string_view name) const { return to({"pacticipants", name}); }

std::string page_links::version(std::string_view pacticipant, std::string_view number) const {
    return to({"pacticipants", pacticipant, "versions", number});
}

std::string page_links::pact(std::string_view provider, std::string_view consumer, std::string_view consumer_version) const {
    return to({"pacts", "provider", provider, "consumer", consumer, "version", consumer_version});
}

std::string page_links::latest_pact(std::string_view provider, std::string_view consumer) const {
    return to({"pacts", "provider", provider, "consumer", consumer, "latest"});
}

std::string page_links::pact_version(std::string_view provider, std::string_view consumer, std::string_view sha) const {
    return to({"pacts", "provider", provider, "consumer", consumer, "pact-version", sha});
}

std::string page_links::pact_diff(std::string_view provider, std::string_view consumer, std::string_view sha) const {
    return to({"pacts", "provider", provider, "consumer", consumer, "pact-version", sha, "diff", "previous-distinct"});
}

std::string page_links::pact_badge(std::string_view provider, std::string_view consumer) const {
    return to({"pacts", "provider", provider, "consumer", consumer, "latest", "badge"});
}

std::string page_links::verification(std::string_view provider, std::string_view consumer, std::string_view sha, long long number) const {
    return to({"pacts", "provider", provider, "consumer", consumer, "pact-version", sha, "verification-results", std::to_string(number)});
}

std::string page_links::provider_contract(std::string_view provider, std::string_view provider_version) const {
    return to({"contracts", "bi-directional", "provider", provider, "version", provider_version, "provider-contract"});
}

std::string page_links::contract_comparison(std::string_view consumer, std::string_view consumer_version, std::string_view provider,
                                            std::string_view provider_version) const {
    return to({"contracts", "bi-directional", "consumer", consumer, "version", consumer_version, "provider", provider, "version", provider_version,
               "cross-contract-verification-results"});
}

std::string page_links::matrix(std::string_view pacticipant, std::string_view other) const {
    std::vector<std::pair<std::string, std::string>> query{{"pacticipant", std::string(pacticipant)}};
    if (!other.empty()) query.emplace_back("with", std::string(other));
    return to({"matrix"}, query);
}

std::string page_links::can_i_deploy(std::string_view pacticipant, std::string_view version, std::string_view environment) const {
    return to({"can-i-deploy"}, {{"pacticipant", std::string(pacticipant)}, {"version", std::string(version)}, {"environment", std::string(environment)}});
}

}  // namespace pact::broker::html
