#pragma once
// Provider state changes as the official verifier makes them: one POST per state to the state-change
// URL with {"state": name, "params": {...}, "action": "setup" | "teardown"}, or with an empty body and
// ?action=setup&PARAM=VALUE&state=NAME (sorted by name) when sent as a query. An interaction without
// provider states gets one call for the state "" with no params: providers reset to a baseline on it.

#include "http/client.hpp"
#include "http/url.hpp"
#include "pact/model.hpp"

#include <boost/asio/awaitable.hpp>

#include <expected>
#include <string>
#include <vector>

namespace pact::verifier {

enum class state_action { setup, teardown };
enum class state_change_form { json_body, query };

// The states the state-change URL is called with for an interaction needing these: the states in order,
// or the baseline state "" when there are none.
[[nodiscard]] std::vector<provider_state> state_change_calls(const std::vector<provider_state>& states);

// Calls the URL once for each of state_change_calls(states), in order; a failed call does not stop the
// ones after it. Returns the JSON object fields the setup answers hold, merged (they feed ProviderState
// generators), or a sentence saying which calls failed and how.
[[nodiscard]] boost::asio::awaitable<std::expected<nlohmann::json, std::string>> change_states(
    http::client& client, const http::url& state_change_url, const std::vector<provider_state>& states,
    state_action action, state_change_form form = state_change_form::json_body);

// "/state" + {"state": "an order exists", "params": {"id": 1}} + setup ->
// "/state?action=setup&id=1&state=an+order+exists": string params as they are, others as JSON text,
// form-encoded.
[[nodiscard]] std::string state_change_query_target(const http::url& state_change_url, const provider_state& state,
                                                    state_action action);

}  // namespace pact::verifier
