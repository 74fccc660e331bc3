#include "consumer/pact_builder.hpp"

#include "pact/pact_writer.hpp"

#include <exception>

namespace pact::consumer {
namespace {

// Registers the built interactions the way any language does with `pact mock`: as pact JSON.
[[nodiscard]] std::optional<std::string> register_built(mock_session& session, const pact_document& built) {
    auto registered = session.register_interactions(write_pact(built, specification_version::v4));
    if (registered) return std::nullopt;
    return "the interactions do not form a valid pact: " + registered.error().to_string();
}

[[nodiscard]] test_result finish(mock_session& session, std::vector<std::string> failures) {
    test_result result;
    if (!failures.empty()) {
        result.verification = session.verify();
        for (auto& failure : failures) result.verification.failures.push_back(std::move(failure));
        return result;
    }
    auto written = session.write_pact();
    if (written) {
        result.pact_file = *written;
    } else {
        result.verification = std::move(written.error());
    }
    return result;
}

}  // namespace

pact_builder::pact_builder(std::string consumer, std::string provider, pact_options options)
    : consumer_(std::move(consumer)), provider_(std::move(provider)), options_(std::move(options)) {}

interaction_builder& pact_builder::upon_receiving(std::string description) {
    return *interactions_.emplace_back(std::make_unique<interaction_builder>(std::move(description)));
}

message_builder& pact_builder::expects_to_receive(std::string description) {
    return *messages_.emplace_back(std::make_unique<message_builder>(std::move(description)));
}

session_settings pact_builder::settings() const {
    return {consumer_, provider_, options_.pact_dir, options_.specification};
}

pact_document pact_builder::take_built(interaction_kind kind) {
    pact_document built;
    built.consumer = consumer_;
    built.provider = provider_;
    built.version = specification_version::v4;
    if (kind == interaction_kind::synchronous_http) {
        for (const auto& builder : interactions_) built.interactions.push_back(builder->interaction());
        interactions_.clear();
    } else {
        for (const auto& builder : messages_) built.interactions.push_back(builder->interaction());
        messages_.clear();
    }
    return built;
}

test_result pact_builder::run(const std::function<void(const mock_server&)>& test) {
    mock_session session(settings());
    if (auto refused = register_built(session, take_built(interaction_kind::synchronous_http))) {
        return finish(session, {*refused});
    }
    std::vector<std::string> failures;
    {
        mock_server server(session, {.host = options_.host, .port = options_.port});
        try {
            test(server);
        } catch (const std::exception& failure) {
            failures.push_back(std::string("the test threw: ") + failure.what());
        }
    }
    return finish(session, std::move(failures));
}

test_result pact_builder::run_messages(const std::function<void(const message&)>& handler) {
    mock_session session(settings());
    const auto built = take_built(interaction_kind::asynchronous_message);
    if (auto refused = register_built(session, built)) return finish(session, {*refused});
    std::vector<std::string> failures;
    for (const auto& expected : session.expected_interactions()) {
        try {
            handler(expected.message);
        } catch (const std::exception& failure) {
            failures.push_back("the handler of \"" + expected.description + "\" threw: " + failure.what());
        }
    }
    return finish(session, std::move(failures));
}

}  // namespace pact::consumer
