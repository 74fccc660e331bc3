#pragma once
// Provider state changes as the official verifier makes them: one POST per state to the state-change
// URL with {"state": name, "params": {...}, "action": "setup" | "teardown"}.

#include "http/client.hpp"
#include "http/url.hpp"
#include "pact/model.hpp"

#include <boost/asio/awaitable.hpp>

#include <expected>
#include <string>
#include <vector>

namespace pact::verifier {

enum class state_action { setup, teardown };

// Calls the URL once per state, in order. Returns the JSON object fields the setup answers hold, merged
// (they feed ProviderState generators), or a sentence saying which call failed and how.
[[nodiscard]] boost::asio::awaitable<std::expected<nlohmann::json, std::string>> change_states(
    http::client& client, const http::url& state_change_url, const std::vector<provider_state>& states,
    state_action action);

}  // namespace pact::verifier
