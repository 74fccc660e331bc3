// A tiny order-service provider for the interop and story tests: GET /orders/1 answers an order whose
// amount is `total_amount` or, with --rename, `total_cents` (the breaking change of the story);
// POST /provider-states accepts any state. With --record FILE, appends each request it gets to FILE as
// "METHOD TARGET BODY" (to compare the calls of two verifiers). Prints "listening on PORT" and serves
// until SIGTERM/SIGINT.

#include "http/server.hpp"

#include <nlohmann/json.hpp>

#include <csignal>
#include <cstring>
#include <fstream>
#include <iostream>
#include <mutex>
#include <string>

int main(int argc, char** argv) {
    bool renamed = false;
    std::string record_file;
    for (int index = 1; index < argc; ++index) {
        if (std::strcmp(argv[index], "--rename") == 0) renamed = true;
        if (std::strcmp(argv[index], "--record") == 0 && index + 1 < argc) record_file = argv[++index];
    }
    std::mutex record_mutex;
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);  // before the server's threads start, so they inherit it

    pact::http::server provider([&](pact::http::request request) {
        const std::string target(request.target());
        if (!record_file.empty()) {
            const std::lock_guard lock(record_mutex);
            std::ofstream(record_file, std::ios::app) << request.method_string() << " " << target << " " << request.body() << "\n";
        }
        if (request.method() == boost::beast::http::verb::post && target.starts_with("/provider-states")) {
            return pact::http::make_response(request, 200, "application/json", "{}");
        }
        if (request.method() == boost::beast::http::verb::get && target == "/orders/1") {
            nlohmann::json order = {{"id", 1}, {"currency", "EUR"}};
            order[renamed ? "total_cents" : "total_amount"] = 1250;
            return pact::http::make_response(request, 200, "application/json", order.dump());
        }
        return pact::http::make_response(request, 404, "application/json", R"({"error":"no such order"})");
    });
    std::cout << "listening on " << provider.port() << std::endl;
    int received = 0;
    sigwait(&signals, &received);
    provider.stop();
    return 0;
}
