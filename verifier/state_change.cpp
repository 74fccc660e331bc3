#include "verifier/state_change.hpp"

namespace pact::verifier {

boost::asio::awaitable<std::expected<nlohmann::json, std::string>> change_states(
    http::client& client, const http::url& state_change_url, const std::vector<provider_state>& states,
    state_action action) {
    const char* action_name = action == state_action::setup ? "setup" : "teardown";
    nlohmann::json values = nlohmann::json::object();
    for (const auto& state : states) {
        const nlohmann::json call = {{"state", state.name}, {"params", state.params}, {"action", action_name}};
        auto answer = co_await client.send(state_change_url,
                                           http::make_request("POST", state_change_url.target(), call.dump(),
                                                              "application/json"));
        const std::string which = std::string("state change '") + state.name + "' (" + action_name + ")";
        if (!answer) co_return std::unexpected(which + " failed: " + answer.error().message);
        if (answer->result_int() >= 300) {
            co_return std::unexpected(which + " was answered with " + std::to_string(answer->result_int()) +
                                      (answer->body().empty() ? "" : ": " + answer->body().substr(0, 500)));
        }
        const auto answered = nlohmann::json::parse(answer->body(), nullptr, false);
        if (answered.is_object()) values.update(answered);
    }
    co_return values;
}

}  // namespace pact::verifier
