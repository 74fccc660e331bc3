// A pact recorded by the consumer library, verified against running providers by `pact verifier`
// (and, when it is installed, by the official Pact CLI's verifier).
#include "consumer/pact_builder.hpp"
#include "http/server.hpp"
#include "order_client.hpp"
#include "support/files.hpp"
#include "support/process.hpp"

#include <doctest/doctest.h>

#include <cstdlib>

using namespace pact::consumer;
using pact::testing::temporary_directory;

TEST_SUITE_BEGIN("component");

namespace {

// payment-service's pact with order-service, recorded by its consumer test.
std::filesystem::path record_order_pact(const std::filesystem::path& pact_dir, pact::specification_version version) {
    pact_builder pact{"payment-service", "order-service", {.pact_dir = pact_dir, .specification = version}};
    pact.upon_receiving("a request for order 7")
        .given("order 7 exists", {{"id", 7}})
        .with_request("GET", "/orders/7")
        .header("Accept", "application/json")
        .will_respond_with(200)
        .json_body(object({{"id", integer(7)}, {"total_amount", integer(1299)}, {"currency", regex("^[A-Z]{3}$", "EUR")}}));
    const auto result = pact.run([](const mock_server& provider) {
        REQUIRE(payment::order_client(provider.base_url()).fetch_order(7));
    });
    REQUIRE_MESSAGE(result.ok(), result.report());
    return *result.pact_file;
}

// order-service, sending the given order document for every order.
pact::http::server order_service(nlohmann::json order) {
    return pact::http::server([order = std::move(order)](pact::http::request received) {
        if (received.target().starts_with("/orders/")) {
            return pact::http::make_response(received, 200, "application/json", order.dump());
        }
        return pact::http::make_response(received, 404, "application/json", R"({"error":"not found"})");
    });
}

const nlohmann::json honouring_order = {{"id", 42}, {"total_amount", 5000}, {"currency", "USD"}, {"status", "paid"}};
const nlohmann::json renamed_order = {{"id", 42}, {"total_cents", 5000}, {"currency", "USD"}};

pact::testing::command_result verify_with(const std::string& verifier, const std::filesystem::path& pact_file,
                                          std::uint16_t port) {
    return pact::testing::run_command(
        {verifier, "verifier", "-f", pact_file.string(), "-h", "127.0.0.1", "-p", std::to_string(port)});
}

}  // namespace

TEST_CASE("a recorded pact verifies against a provider that honours it and fails against the renamed provider") {
    const temporary_directory pacts;
    for (const auto version : {pact::specification_version::v3, pact::specification_version::v4}) {
        CAPTURE(pact::to_string(version));
        const auto pact_file = record_order_pact(pacts.path() / pact::to_string(version), version);

        const auto honouring = order_service(honouring_order);
        const auto passed = verify_with(PACT_EXECUTABLE, pact_file, honouring.port());
        CHECK_MESSAGE(passed.exit_code == 0, passed.all());

        const auto renamed = order_service(renamed_order);
        const auto failed = verify_with(PACT_EXECUTABLE, pact_file, renamed.port());
        CHECK_MESSAGE(failed.exit_code == 1, failed.all());
        CHECK(failed.all().find("total_amount") != std::string::npos);
        CHECK(failed.all().find("total_cents") != std::string::npos);
    }
}

TEST_CASE("the official Pact CLI's verifier accepts a recorded pact") {
    const std::filesystem::path official = OFFICIAL_PACT_EXECUTABLE;
    if (!std::filesystem::exists(official)) {
        MESSAGE("the official Pact CLI is not installed (bash scripts/install-official-cli.sh); skipped");
        return;
    }
    ::setenv("PACT_DO_NOT_TRACK", "true", 1);  // the official CLI's usage tracking stays off (no network)
    const temporary_directory pacts;
    for (const auto version : {pact::specification_version::v3, pact::specification_version::v4}) {
        CAPTURE(pact::to_string(version));
        const auto pact_file = record_order_pact(pacts.path() / pact::to_string(version), version);

        const auto honouring = order_service(honouring_order);
        const auto passed = verify_with(official.string(), pact_file, honouring.port());
        CHECK_MESSAGE(passed.exit_code == 0, passed.all());

        const auto renamed = order_service(renamed_order);
        const auto failed = verify_with(official.string(), pact_file, renamed.port());
        CHECK_MESSAGE(failed.exit_code != 0, failed.all());
    }
}

TEST_SUITE_END();
