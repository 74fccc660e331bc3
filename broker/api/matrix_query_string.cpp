#include "broker/api/matrix_query_string.hpp"

#include <charconv>
#include <set>

namespace pact::broker::api {
namespace {

// ---------------------------------------------------------------------------------------------------------
// Parsing the query string (Rack nested-query semantics: a repeated key starts a new q[] element)

bool is_true(const std::string& value) { return value == "true"; }

template <typename Element, typename Apply>
void apply_to_last(std::vector<Element>& list, std::vector<std::set<std::string>>& keys_seen, const std::string& key, Apply apply) {
    if (list.empty() || keys_seen.back().contains(key)) {
        list.emplace_back();
        keys_seen.emplace_back();
    }
    keys_seen.back().insert(key);
    apply(list.back());
}

}  // namespace

domain::result<domain::matrix_query> parse_matrix_query(const std::vector<std::pair<std::string, std::string>>& parameters) {
    domain::matrix_query query;
    std::vector<std::set<std::string>> selector_keys, ignore_keys;
    for (const auto& [name, value] : parameters) {
        if (name.starts_with("q[]")) {
            const auto key = name.substr(3);
            if (key == "[pacticipant]") apply_to_last(query.selectors, selector_keys, key, [&](domain::matrix_selector& s) { s.pacticipant = value; });
            else if (key == "[version]") apply_to_last(query.selectors, selector_keys, key, [&](domain::matrix_selector& s) { s.version = value; });
            else if (key == "[latest]") apply_to_last(query.selectors, selector_keys, key, [&](domain::matrix_selector& s) { s.latest = is_true(value); });
            else if (key == "[tag]") apply_to_last(query.selectors, selector_keys, key, [&](domain::matrix_selector& s) { s.tag = value; });
            else if (key == "[branch]") apply_to_last(query.selectors, selector_keys, key, [&](domain::matrix_selector& s) { s.branch = value; });
            else if (key == "[mainBranch]") apply_to_last(query.selectors, selector_keys, key, [&](domain::matrix_selector& s) { s.main_branch = is_true(value); });
        } else if (name.starts_with("ignore[]")) {
            const auto key = name.substr(8);
            if (key == "[pacticipant]") apply_to_last(query.ignore, ignore_keys, key, [&](domain::matrix_ignore& s) { s.pacticipant = value; });
            else if (key == "[version]") apply_to_last(query.ignore, ignore_keys, key, [&](domain::matrix_ignore& s) { s.version = value; });
        } else if (name == "latestby") {
            if (value == "cvpv") query.latest_by = domain::latest_by::consumer_version_and_provider_version;
            else if (value == "cvp") query.latest_by = domain::latest_by::consumer_version_and_provider;
            else if (!value.empty()) return domain::failure(domain::domain_error::invalid("must be cvp or cvpv, not '" + value + "'"));
        } else if (name == "latest") {
            query.latest = is_true(value);
        } else if (name == "tag") {
            if (!value.empty()) query.tag = value;
        } else if (name == "environment") {
            if (!value.empty()) query.environment = value;
        } else if (name == "success[]") {
            if (value != "true" && value != "false") return domain::failure(domain::domain_error::invalid("must be true or false"));
            query.success.push_back(is_true(value));
        } else if (name == "mainBranch") {
            query.main_branch = is_true(value);
        } else if (name == "limit") {
            int limit = 0;
            auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), limit);
            if (error != std::errc() || end != value.data() + value.size() || limit < 1)
                return domain::failure(domain::domain_error::invalid("The limit must be 1 or greater."));
            query.limit = limit;
        }
    }
    if (query.selectors.empty()) return domain::failure(domain::domain_error::invalid("Please provide 1 or more version selectors."));
    for (const auto& selector : query.selectors)
        if (selector.pacticipant.empty()) return domain::failure(domain::domain_error::invalid("Please specify the pacticipant name"));
    for (const auto& ignore : query.ignore)
        if (ignore.pacticipant.empty()) return domain::failure(domain::domain_error::invalid("Please specify the pacticipant name to ignore"));
    if (query.tag && query.environment) return domain::failure(domain::domain_error::invalid("Cannot specify both a 'to' tag and an environment."));
    if (query.main_branch && (query.tag || query.environment))
        return domain::failure(domain::domain_error::invalid("Cannot specify more than one of tag, environment and mainBranch."));
    return query;
}


}  // namespace pact::broker::api
