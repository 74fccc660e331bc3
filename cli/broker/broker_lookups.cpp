#include "cli/broker/broker_lookups.hpp"

#include "broker_client/uri_template.hpp"
#include "http/url.hpp"

namespace pact::cli {

namespace asio = boost::asio;
using namespace std::literals;
using broker_client::broker_error;
using broker_client::broker_result;

asio::awaitable<broker_result<std::string>> index_href_or(broker_client::broker_client& client,
                                                          std::string_view relation, std::string_view fallback_template,
                                                          const broker_client::template_variables& variables) {
    auto href = co_await client.index_href(relation, variables);
    if (!href && href.error().what == broker_error::kind::missing_relation) {
        co_return broker_client::expand_template(fallback_template, variables);
    }
    co_return href;
}

asio::awaitable<broker_result<std::string>> pacticipant_version_href(broker_client::broker_client& client,
                                                                     const std::string& pacticipant,
                                                                     const std::string& version) {
    const broker_client::template_variables variables{{"pacticipant", pacticipant}, {"version", version}};
    co_return co_await index_href_or(client, "pb:pacticipant-version"sv, "/pacticipants/{pacticipant}/versions/{version}"sv,
                                     variables);
}

asio::awaitable<broker_result<std::string>> environment_href(broker_client::broker_client& client,
                                                             const std::string& uuid) {
    const broker_client::template_variables variables{{"uuid", uuid}};
    co_return co_await index_href_or(client, "pb:environment"sv, "/environments/{uuid}"sv, variables);
}

asio::awaitable<broker_result<nlohmann::json>> find_environment(broker_client::broker_client& client,
                                                                const std::string& name) {
    auto environments = co_await client.get_index_relation("pb:environments");
    if (!environments) {
        co_return std::unexpected(environments.error());
    }
    for (const auto& environment : broker_client::embedded_list(*environments, "environments")) {
        if (broker_client::string_member(environment, "name") == name) {
            co_return environment;
        }
    }
    broker_error error;
    error.what = broker_error::kind::not_found;
    error.message = "Environment " + name + " not found";
    co_return std::unexpected(error);
}

asio::awaitable<broker_result<nlohmann::json>> currently_in_environment(broker_client::broker_client& client,
                                                                        const nlohmann::json& environment,
                                                                        std::string_view relation,
                                                                        const std::string& pacticipant) {
    // An environment listed in pb:environments may be a summary without the relation: fetch it whole.
    auto resource = environment;
    if (!broker_client::find_link(resource, relation)) {
        const auto href = co_await environment_href(client, broker_client::string_member(environment, "uuid"));
        if (!href) {
            co_return std::unexpected(href.error());
        }
        auto fetched = co_await client.get(*href);
        if (!fetched) {
            co_return fetched;
        }
        resource = std::move(*fetched);
    }
    const auto current_href = client.relation_href(resource, relation);
    if (!current_href) {
        co_return std::unexpected(current_href.error());
    }
    const auto separator = current_href->find('?') == std::string::npos ? "?" : "&";
    co_return co_await client.get(*current_href + separator + "pacticipant=" + http::percent_encode_component(pacticipant));
}

}  // namespace pact::cli
