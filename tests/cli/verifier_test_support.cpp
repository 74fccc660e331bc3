#include "verifier_test_support.hpp"

#include "http/server.hpp"

#include <iterator>

namespace pact::testing {

std::vector<std::string> pact_command(std::vector<std::string> arguments) {
    std::vector<std::string> command{PACT_BINARY};
    command.insert(command.end(), std::make_move_iterator(arguments.begin()), std::make_move_iterator(arguments.end()));
    return command;
}

http::response json_response(const http::request& to, unsigned status, const nlohmann::json& body) {
    return http::make_response(to, status, "application/json", body.dump());
}

}  // namespace pact::testing
