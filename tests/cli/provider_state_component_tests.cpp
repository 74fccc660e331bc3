// Component tests: `pact verifier` against a provider that keeps its state between calls, as one backed
// by a seeded database does. Each state-change setup changes what it holds; the setup of the state ""
// (sent before interactions without states) restores the seed. Teardowns change nothing, so only the
// baseline call can undo what a stateful interaction's setup did.
#include "http/server.hpp"
#include "support/files.hpp"
#include "support/process.hpp"
#include "verifier_test_support.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <map>
#include <mutex>

using namespace pact;
using pact::testing::json_response;
using pact::testing::pact_command;
using pact::testing::run_command;

TEST_SUITE_BEGIN("component");

namespace {

class order_database_provider {
public:
    [[nodiscard]] std::uint16_t port() const { return server_.port(); }

    [[nodiscard]] std::vector<std::string> state_changes() {
        const std::lock_guard lock(mutex_);
        return state_changes_;
    }

private:
    http::response handle(const http::request& received) {
        const std::lock_guard lock(mutex_);
        const std::string target(received.target());
        if (target == "/_pact/state") {
            const auto change = nlohmann::json::parse(received.body());
            const auto state = change["state"].get<std::string>();
            state_changes_.push_back(change["action"].get<std::string>() + " '" + state + "'");
            if (change["action"] == "setup") set_up(state);
            return json_response(received, 200, nlohmann::json::object());
        }
        if (target == "/orders" && received.method() == boost::beast::http::verb::post) {
            orders_[next_id_] = "open";
            return json_response(received, 201, {{"id", next_id_++}});
        }
        if (target == "/orders") {
            nlohmann::json ids = nlohmann::json::array();
            for (const auto& [id, status] : orders_) ids.push_back(id);
            return json_response(received, 200, ids);
        }
        const auto found = orders_.find(std::stoi(target.substr(std::string("/orders/").size())));
        if (found == orders_.end()) return json_response(received, 404, nlohmann::json::object());
        return json_response(received, 200, {{"id", found->first}, {"status", found->second}});
    }

    void set_up(const std::string& state) {
        if (state.empty()) {
            orders_ = {{1, "open"}};
            next_id_ = 2;
        } else if (state == "order 2 exists") {
            orders_[2] = "open";
            next_id_ = 3;
        } else if (state == "order 1 is cancelled") {
            orders_[1] = "cancelled";
        }
    }

    std::mutex mutex_;
    std::map<int, std::string> orders_ = {{1, "open"}};
    int next_id_ = 2;
    std::vector<std::string> state_changes_;
    http::server server_{[this](http::request received) { return handle(received); }};
};

nlohmann::json interaction(const std::string& description, const std::string& state, const std::string& method,
                           const std::string& path, int status, nlohmann::json body) {
    nlohmann::json made = {{"description", description},
                           {"request", {{"method", method}, {"path", path}}},
                           {"response", {{"status", status}, {"body", std::move(body)}}}};
    if (!state.empty()) made["providerStates"] = {{{"name", state}}};
    return made;
}

// Stateless interactions, each after a stateful one whose setup would change its answer if kept.
std::string orders_pact() {
    const nlohmann::json interactions = {
        interaction("the seeded orders", "", "GET", "/orders", 200, {1}),
        interaction("order 2", "order 2 exists", "GET", "/orders/2", 200, {{"id", 2}, {"status", "open"}}),
        interaction("the seeded orders after order 2", "", "GET", "/orders", 200, {1}),
        interaction("a cancelled order 1", "order 1 is cancelled", "GET", "/orders/1", 200, {{"id", 1}, {"status", "cancelled"}}),
        interaction("the seeded order 1", "", "GET", "/orders/1", 200, {{"id", 1}, {"status", "open"}}),
        interaction("a new order", "", "POST", "/orders", 201, {{"id", 2}}),
        interaction("no order 2 after the new one", "", "GET", "/orders/2", 404, nlohmann::json::object()),
    };
    return nlohmann::json{{"consumer", {{"name", "billing"}}},
                          {"provider", {{"name", "orders"}}},
                          {"interactions", interactions},
                          {"metadata", {{"pactSpecification", {{"version", "3.0.0"}}}}}}
        .dump();
}

testing::command_result verify_orders(const order_database_provider& provider, const std::string& pact,
                                      std::vector<std::string> extra) {
    const auto port = std::to_string(provider.port());
    std::vector<std::string> arguments{"verifier", "-f", pact, "-h", "127.0.0.1", "-p", port,
                                       "--state-change-url", "http://127.0.0.1:" + port + "/_pact/state"};
    arguments.insert(arguments.end(), extra.begin(), extra.end());
    return run_command(pact_command(std::move(arguments)));
}

}  // namespace

TEST_CASE("a stateless interaction after a stateful one sees the provider's baseline") {
    testing::temporary_directory directory;
    const auto pact = directory.write("orders.json", orders_pact());

    SUBCASE("with --concurrency 1, each stateless interaction after its own baseline setup, as the official verifier") {
        order_database_provider provider;
        const auto result = verify_orders(provider, pact, {"--concurrency", "1"});
        CHECK_MESSAGE(result.exit_code == 0, result.all());
        CHECK(provider.state_changes() ==
              std::vector<std::string>{"setup ''", "setup 'order 2 exists'", "setup ''", "setup 'order 1 is cancelled'",
                                       "setup ''", "setup ''", "setup ''"});
    }
    SUBCASE("concurrently, each batch of stateless interactions after one baseline setup") {
        order_database_provider provider;
        const auto result = verify_orders(provider, pact, {"--state-change-teardown"});
        CHECK_MESSAGE(result.exit_code == 0, result.all());
        // The stateless reads together, then order 2, order 1 cancelled, and the new order alone (it
        // changes the provider), each batch between its setup and teardown.
        CHECK(provider.state_changes() ==
              std::vector<std::string>{"setup ''", "teardown ''", "setup 'order 2 exists'", "teardown 'order 2 exists'",
                                       "setup 'order 1 is cancelled'", "teardown 'order 1 is cancelled'", "setup ''",
                                       "teardown ''"});
    }
}

TEST_CASE("without a state-change URL the provider keeps what an interaction changed") {
    // Shows the provider above is stateful: with nothing resetting it, the new order is still there.
    testing::temporary_directory directory;
    order_database_provider provider;
    const auto pact = directory.write("orders.json", orders_pact());
    const auto result = run_command(pact_command({"verifier", "-f", pact, "-h", "127.0.0.1", "-p", std::to_string(provider.port()),
                                                  "--filter-no-state", "--concurrency", "1"}));
    CHECK_MESSAGE(result.exit_code == 1, result.all());
    CHECK_MESSAGE(result.out.find("no order 2 after the new one ... FAILED") != std::string::npos, result.out);
    CHECK(result.out.find("the seeded orders after order 2 ... OK") != std::string::npos);
}

TEST_SUITE_END();
