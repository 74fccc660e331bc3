#include "broker/html/page_links.hpp"

#include "http/url.hpp"

namespace pact::broker::html {

std::string page_links::to(std::initializer_list<std::string_view> segments, const std::vector<std::pair<std::string, std::string>>& query) const {
    std::string href = of(segments);
    char separator = '?';
    for (const auto& [name, value] : query) {
        href += separator + pact::http::percent_encode_component(name) + "=" + pact::http::percent_encode_component(value);
        separator = '&';
    }
    return href;
}

std::string page_links::pact_diff(std::string_view provider, std::string_view consumer, std::string_view sha) const {
    return of({"pacts", "provider", provider, "consumer", consumer, "pact-version", sha, "diff", "previous-distinct"});
}

std::string page_links::pact_badge(std::string_view provider, std::string_view consumer) const {
    return of({"pacts", "provider", provider, "consumer", consumer, "latest", "badge"});
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
