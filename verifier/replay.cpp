#include "verifier/replay.hpp"

#include "wire/pact_wire.hpp"
#include "pact/base64.hpp"
#include "pact/generators.hpp"
#include "pact/pact_writer.hpp"

#include <expected>
#include <utility>

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
        wire::to_wire(sent, options.provider.base_path, options.extra_headers));
    if (!answer) co_return replay_outcome{{}, unreachable(options.provider, answer.error())};
    co_return replay_outcome{match_response(described.response, wire::from_wire(*answer)), std::nullopt};
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

// What the provider is told about the message it should produce: its description, and its states when
// it has any, as the official verifier says them.
[[nodiscard]] nlohmann::json message_request(const interaction& described) {
    nlohmann::json asked = {{"description", described.description}};
    if (!described.provider_states.empty()) asked["providerStates"] = write_provider_states(described.provider_states);
    return asked;
}

// POSTs the request to the message transport; the answer is the message the provider produced.
boost::asio::awaitable<std::expected<message, std::string>> ask_for_message(const interaction& described,
                                                                           const nlohmann::json& asked,
                                                                           replay_context context) {
    const auto& options = context.options;
    std::string target = options.message_path;
    if (!options.message_port) {
        target = options.provider.base_path + options.message_path;
        if (target.find("//") == 0) target.erase(0, 1);
    }
    auto answer = co_await context.client.send(
        options.provider.scheme, options.provider.host, options.message_port.value_or(options.provider.port),
        http::make_request("POST", target, asked.dump(), "application/json"));
    if (!answer) co_return std::unexpected(unreachable(options.provider, answer.error()));
    if (answer->result_int() >= 300) {
        co_return std::unexpected("the provider answered " + std::to_string(answer->result_int()) + " to " + target +
                                  " when asked for the message '" + described.description + "'");
    }
    message actual;
    actual.metadata = message_metadata(*answer);
    actual.contents = wire::body_from_wire(answer->body(), (*answer)[boost::beast::http::field::content_type]);
    co_return actual;
}

boost::asio::awaitable<replay_outcome> replay_message(const interaction& described, replay_context context) {
    const nlohmann::json asked = message_request(described);
    const auto actual = co_await ask_for_message(described, asked, context);
    if (!actual) co_return replay_outcome{{}, actual.error()};
    co_return replay_outcome{match_message(described.message, *actual), std::nullopt};
}

// The provider gets the request message as the pact writes it (rules and generators included) and
// answers with its response message, which is compared with the pact's: the official verifier's
// message transport carries one response, so a pact expecting several cannot pass.
boost::asio::awaitable<replay_outcome> replay_synchronous_message(const interaction& described, replay_context context) {
    nlohmann::json asked = message_request(described);
    asked["request"] = write_message(described.message, specification_version::v4);
    if (asked["request"]["metadata"].empty()) asked["request"].erase("metadata");  // the official sends none then
    const auto actual = co_await ask_for_message(described, asked, context);
    if (!actual) co_return replay_outcome{{}, actual.error()};
    const auto& expected = described.message_responses;
    if (expected.empty()) co_return replay_outcome{};
    if (expected.size() > 1) {
        co_return replay_outcome{{pact::mismatch{"body", "", expected.size(), 1,
                                                 "the pact expects " + std::to_string(expected.size()) +
                                                     " response messages; the provider answers with one"}},
                                 std::nullopt};
    }
    co_return replay_outcome{match_message(expected.front(), *actual), std::nullopt};
}

}  // namespace

boost::asio::awaitable<replay_outcome> replay(const interaction& described, replay_context context) {
    switch (described.kind) {
        case interaction_kind::synchronous_http: return replay_http(described, context);
        case interaction_kind::asynchronous_message: return replay_message(described, context);
        case interaction_kind::synchronous_message: return replay_synchronous_message(described, context);
    }
    std::unreachable();
}

}  // namespace pact::verifier
