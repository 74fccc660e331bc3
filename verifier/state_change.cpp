#include "verifier/state_change.hpp"

#include <map>

namespace pact::verifier {
namespace {

[[nodiscard]] const char* name_of(state_action action) { return action == state_action::setup ? "setup" : "teardown"; }

// Form encoding, as the official verifier writes state-change queries: a space is '+' (a '+' is %2B).
[[nodiscard]] std::string form_encode(std::string_view text) {
    std::string encoded = http::percent_encode_component(text);
    for (auto found = encoded.find("%20"); found != std::string::npos; found = encoded.find("%20", found + 1)) {
        encoded.replace(found, 3, "+");
    }
    return encoded;
}

}  // namespace

std::string state_change_query_target(const http::url& state_change_url, const provider_state& state,
                                      state_action action) {
    std::map<std::string, std::string> parameters;
    if (state.params.is_object()) {
        for (const auto& [name, value] : state.params.items()) {
            parameters[name] = value.is_string() ? value.get<std::string>() : value.dump();
        }
    }
    parameters["state"] = state.name;
    parameters["action"] = name_of(action);
    std::string target = state_change_url.path + "?";
    if (!state_change_url.query.empty()) target += state_change_url.query + "&";
    for (const auto& [name, value] : parameters) {
        target += form_encode(name) + "=" + form_encode(value) + "&";
    }
    target.pop_back();
    return target;
}

std::vector<provider_state> state_change_calls(const std::vector<provider_state>& states) {
    if (states.empty()) return {provider_state{}};
    return states;
}

boost::asio::awaitable<std::expected<nlohmann::json, std::string>> change_states(
    http::client& client, const http::url& state_change_url, const std::vector<provider_state>& states,
    state_action action, state_change_form form) {
    const char* action_name = name_of(action);
    nlohmann::json values = nlohmann::json::object();
    std::string failures;
    for (const auto& state : state_change_calls(states)) {
        const nlohmann::json call = {{"state", state.name}, {"params", state.params}, {"action", action_name}};
        // Built before the co_await: GCC 12 frees a conditional's temporary inside co_await twice.
        http::request asked = form == state_change_form::query
                                  ? http::make_request("POST", state_change_query_target(state_change_url, state, action))
                                  : http::make_request("POST", state_change_url.target(), call.dump(), "application/json");
        auto answer = co_await client.send(state_change_url, std::move(asked));
        const std::string which = std::string("state change '") + state.name + "' (" + action_name + ")";
        std::string failure;
        if (!answer) {
            failure = which + " failed: " + answer.error().message;
        } else if (answer->result_int() >= 300) {
            failure = which + " was answered with " + std::to_string(answer->result_int()) +
                      (answer->body().empty() ? "" : ": " + answer->body().substr(0, 500));
        } else {
            const auto answered = nlohmann::json::parse(answer->body(), nullptr, false);
            if (answered.is_object()) values.update(answered);
        }
        if (!failure.empty()) failures += (failures.empty() ? "" : "; ") + failure;
    }
    if (!failures.empty()) co_return std::unexpected(failures);
    co_return values;
}

}  // namespace pact::verifier
