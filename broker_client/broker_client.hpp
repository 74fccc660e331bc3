#pragma once
// A client of the Pact Broker's HAL API: fetches the index, follows relations, expands templated
// links, sends credentials on every request, retries with back-off when the broker is briefly
// unavailable, and turns refusals into broker_error values carrying what the broker said.
// Not thread-safe: use one per coroutine chain.

#include "broker_client/broker_error.hpp"
#include "broker_client/broker_settings.hpp"
#include "broker_client/hal_reading.hpp"
#include "broker_client/transport.hpp"

#include <boost/asio/awaitable.hpp>
#include <nlohmann/json.hpp>

#include <expected>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace pact::broker_client {

template <typename value_type>
using broker_result = std::expected<value_type, broker_error>;

using template_variables = std::map<std::string, std::string>;

class broker_client {
public:
    broker_client(broker_settings settings, transport send);

    [[nodiscard]] const broker_settings& settings() const { return settings_; }

    // The absolute URL for an href of the broker or a path the client builds ("/matrix?..."):
    // the path and query are kept, scheme, host and port (and a missing path prefix) come from the
    // base URL, so a broker that knows itself under another name is still reached where the user said.
    [[nodiscard]] std::string resolve(std::string_view href_or_path) const;

    // Each returns the answer's JSON (a 204 or empty 2xx answer gives an empty object).
    boost::asio::awaitable<broker_result<nlohmann::json>> get(std::string_view href);
    boost::asio::awaitable<broker_result<nlohmann::json>> post(std::string_view href, const nlohmann::json& body);
    boost::asio::awaitable<broker_result<nlohmann::json>> put(std::string_view href, const nlohmann::json& body);
    // JSON merge-patch (application/merge-patch+json): only the given keys change.
    boost::asio::awaitable<broker_result<nlohmann::json>> patch(std::string_view href, const nlohmann::json& body);
    boost::asio::awaitable<broker_result<nlohmann::json>> remove(std::string_view href);

    // The index resource (GET of the base URL), fetched once.
    boost::asio::awaitable<broker_result<nlohmann::json>> index();
    // The href of an index relation with its template variables expanded.
    boost::asio::awaitable<broker_result<std::string>> index_href(std::string_view relation,
                                                                  const template_variables& variables = {});

    // The resource an index relation points at (index_href, then GET).
    boost::asio::awaitable<broker_result<nlohmann::json>> get_index_relation(std::string_view relation,
                                                                             const template_variables& variables = {});

    // The href of a relation of any resource, expanded; a missing_relation error names it.
    [[nodiscard]] broker_result<std::string> relation_href(const nlohmann::json& resource, std::string_view relation,
                                                           const template_variables& variables = {}) const;

private:
    boost::asio::awaitable<broker_result<nlohmann::json>> exchange(std::string method, std::string_view href,
                                                                   std::optional<std::string> body,
                                                                   std::string content_type);

    broker_settings settings_;
    transport send_;
    std::optional<nlohmann::json> index_;
};

// The path and query of a URL ("http://h:1/a?b" -> "/a?b"; "/a" stays "/a").
[[nodiscard]] std::string path_and_query(std::string_view url);

}  // namespace pact::broker_client
