#include "verifier/replay.hpp"

#include "http/pact_wire.hpp"
#include "pact/base64.hpp"
#include "pact/generators.hpp"

namespace pact::verifier {
namespace {

[[nodiscard]] bool has_generators(const nlohmann::json& generators) {
    return generators.is_object() && !generators.empty();
}

[[nodiscard]] std::string unreachable(const endpoint& provider, const http::client_error& error) {
    if (error.kind == http::client_error_kind::timeout) {
        return "the provider at " + provider.to_string() + " did not answer in time: " + error.message;
    }
    return "cannot reach the provider at " + provider.to_string() + ": " + error.message;
}

boost::asio::awaitable<replay_outcome> replay_http(const interaction& described, replay_context context) {
    const auto& options = context.options;
    std::optional<http_request> generated;
    if (has_generators(described.request.generators)) {
        generated = apply_generators(described.request,
                                     generator_context{context.provider_state_values, &context.random});
    }
    const http_request& sent = generated ? *generated : described.request;
    auto answer = co_await context.client.send(
        options.provider.scheme, options.provider.host, options.provider.port,
        http::to_wire(sent, options.provider.base_path, options.extra_headers));
    if (!answer) co_return replay_outcome{{}, unreachable(options.provider, answer.error())};
    co_return replay_outcome{match_response(described.response, http::from_wire(*answer)), std::nullopt};
}

[[nodiscard]] nlohmann::json message_metadata(const http::response& answer) {
    nlohmann::json metadata = nlohmann::json::object();
    const auto header = answer.find("Pact-Message-Metadata");
    if (header != answer.end()) {
        if (const auto decoded = base64_decode(header->value())) {
            auto parsed = nlohmann::json::parse(*decoded, nullptr, false);
            if (parsed.is_object()) metadata = std::move(parsed);
        }
    }
    const auto content_type = answer.find(boost::beast::http::field::content_type);
    if (content_type != answer.end() && !metadata.contains("contentType")) {
        metadata["contentType"] = std::string(content_type->value());
    }
    return metadata;
}

boost::asio::awaitable<replay_outcome> replay_message(const interaction& described, replay_context context) {
    const auto& options = context.options;
    nlohmann::json states = nlohmann::json::array();
    for (const auto& state : described.provider_states) {
        states.push_back({{"name", state.name}, {"params", state.params}});
    }
    const nlohmann::json asked = {{"description", described.description}, {"providerStates", states}};
    std::string target = options.message_path;
    if (!options.message_port) {
        target = options.provider.base_path + options.message_path;
        if (target.find("//") == 0) target.erase(0, 1);
    }
    auto answer = co_await context.client.send(
        options.provider.scheme, options.provider.host, options.message_port.value_or(options.provider.port),
        http::make_request("POST", target, asked.dump(), "application/json"));
    if (!answer) co_return replay_outcome{{}, unreachable(options.provider, answer.error())};
    if (answer->result_int() >= 300) {
        co_return replay_outcome{{},
                                 "the provider answered " + std::to_string(answer->result_int()) + " to " + target +
                                     " when asked for the message '" + described.description + "'"};
    }
    message actual;
    actual.metadata = message_metadata(*answer);
    actual.contents = http::body_from_wire(answer->body(), (*answer)[boost::beast::http::field::content_type]);
    co_return replay_outcome{match_message(described.message, actual), std::nullopt};
}

}  // namespace

boost::asio::awaitable<replay_outcome> replay(const interaction& described, replay_context context) {
    switch (described.kind) {
        case interaction_kind::synchronous_http: co_return co_await replay_http(described, context);
        case interaction_kind::asynchronous_message: co_return co_await replay_message(described, context);
        case interaction_kind::synchronous_message: break;
    }
    co_return replay_outcome{{}, "synchronous message interactions need a plugin transport; not verified"};
}

}  // namespace pact::verifier
