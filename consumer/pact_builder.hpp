#pragma once
// The C++ consumer library's entry point, for a test in any test framework:
//
//   pact::consumer::pact_builder pact{"payment-service", "order-service", {.pact_dir = "pacts"}};
//   pact.upon_receiving("a request for order 7")
//       .with_request("GET", "/orders/7")
//       .will_respond_with(200)
//       .json_body(object({{"total_amount", integer(1299)}}));
//   const auto result = pact.run([](const pact::consumer::mock_server& provider) {
//       // the consumer's real client code, pointed at provider.base_url()
//   });
//   CHECK_MESSAGE(result.ok(), result.report());
//
// run() starts a mock provider on a free loopback port, runs the test against it, checks that every
// expected request arrived and nothing else did (with the matching engine), and only then merges the
// interactions into <pact_dir>/<consumer>-<provider>.json. The builder is then empty for the next test.

#include "consumer/interaction_builder.hpp"
#include "consumer/matchers.hpp"
#include "consumer/mock_server.hpp"
#include "consumer/mock_session.hpp"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace pact::consumer {

struct pact_options {
    std::filesystem::path pact_dir = "pacts";
    specification_version specification = specification_version::v3;  // v3 or v4
    std::string host = "127.0.0.1";
    std::uint16_t port = 0;  // 0: a free port
};

struct test_result {
    verification_result verification;
    std::optional<std::filesystem::path> pact_file;  // set when the pact was written

    [[nodiscard]] bool ok() const { return verification.ok(); }
    [[nodiscard]] std::string report() const { return verification.report(); }
};

class pact_builder {
public:
    pact_builder(std::string consumer, std::string provider, pact_options options = {});

    // The returned builders stay valid until the next run() or run_messages().
    interaction_builder& upon_receiving(std::string description);
    message_builder& expects_to_receive(std::string description);

    // For the HTTP interactions built since the last run. An std::exception from the test is a failure
    // of the result (the mock's report says what the client got wrong); any other exception (a test
    // framework's abort) propagates. Either way the mock is stopped and nothing is written.
    [[nodiscard]] test_result run(const std::function<void(const mock_server&)>& test);

    // For the messages built since the last run: each message's example is handed to the consumer's
    // handler; the pact is written when every one was handled without an exception.
    [[nodiscard]] test_result run_messages(const std::function<void(const message&)>& handler);

private:
    [[nodiscard]] pact_document take_built(interaction_kind kind);
    [[nodiscard]] session_settings settings() const;

    std::string consumer_;
    std::string provider_;
    pact_options options_;
    std::vector<std::unique_ptr<interaction_builder>> interactions_;
    std::vector<std::unique_ptr<message_builder>> messages_;
};

}  // namespace pact::consumer
