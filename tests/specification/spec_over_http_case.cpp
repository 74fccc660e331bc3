// Plays one case of the Pact specification's matching suite through the real binaries over loopback HTTP and
// exits 0 when their verdict agrees with the case's "match" (1 when it does not, 77 when the case cannot be
// put on the wire, with the reason listed in data/not_over_http.json).
//
// A response case: a provider in this process answers every request with the case's actual response, and
// `pact verifier` verifies a pact whose one interaction expects the case's expected response; its exit code
// (0 verified, 1 mismatches) is the verdict. A request case: `pact stub` serves a pact whose one interaction
// is the case's expected request answered with 200; the case's actual request is sent to it, and 200 is a
// match. The pact is the case's expected part as written, inside a pact of the case's specification version.
//
// Usage: pact_spec_over_http_case ROOT CASE_PATH (the path relative to ROOT, as data/not_over_http.json names it).

#include "http/client.hpp"
#include "wire/pact_wire.hpp"
#include "http/server.hpp"
#include "pact/pact_reader.hpp"
#include "support/files.hpp"
#include "support/process.hpp"
#include "support/specification_cases.hpp"

#include <filesystem>
#include <iostream>
#include <optional>
#include <string>

using namespace pact;

namespace {

constexpr int skipped = 77;  // CTest's SKIP_RETURN_CODE for these tests

enum class verdict { match, mismatch, failed };

// The listed reason why the case cannot travel over HTTP, or nullopt.
std::optional<std::string> reason_not_over_http(const std::string& case_path) {
    const auto listed = testing::read_case(std::filesystem::path(SPECIFICATION_DATA_DIR) / "not_over_http.json");
    const auto found = listed.find(case_path);
    if (found == listed.end()) return std::nullopt;
    return found->get<std::string>();
}

// A pact of the case's version with one interaction made of the given request and response.
std::string pact_text(specification_version version, const std::string& description, nlohmann::json request, nlohmann::json response) {
    nlohmann::json interaction{{"description", description}, {"request", std::move(request)}, {"response", std::move(response)}};
    if (version == specification_version::v4) interaction["type"] = "Synchronous/HTTP";
    const nlohmann::json pact{{"consumer", {{"name", "specification-consumer"}}},
                              {"provider", {{"name", "specification-provider"}}},
                              {"interactions", nlohmann::json::array({std::move(interaction)})},
                              {"metadata", {{"pactSpecification", {{"version", to_string(version)}}}}}};
    return pact.dump(2);
}

verdict play_response_case(const nlohmann::json& spec_case, specification_version version, const std::string& case_path) {
    const auto actual = read_response(spec_case.at("actual"), version);
    if (!actual) {
        std::cerr << "could not read the actual response: " << actual.error().to_string() << "\n";
        return verdict::failed;
    }
    const auto answer = wire::to_wire(*actual);
    const http::server provider([&answer](const http::request&) { return answer; });
    const testing::temporary_directory directory;
    const auto pact = directory.write("pact.json", pact_text(version, case_path, {{"method", "GET"}, {"path", "/"}}, spec_case.at("expected")));
    const auto result = testing::run_command({PACT_BINARY, "verifier", "-f", pact, "-h", "127.0.0.1", "-p", std::to_string(provider.port())});
    std::cout << result.all();
    if (result.exit_code == 0) return verdict::match;
    return result.exit_code == 1 ? verdict::mismatch : verdict::failed;
}

// "Stub server listening on http://127.0.0.1:PORT (...)" -> PORT
std::optional<std::uint16_t> port_of(const std::string& banner) {
    const auto colon = banner.rfind(':');
    if (banner.find("listening on") == std::string::npos || colon == std::string::npos) return std::nullopt;
    return static_cast<std::uint16_t>(std::stoi(banner.substr(colon + 1)));
}

verdict play_request_case(const nlohmann::json& spec_case, specification_version version, const std::string& case_path) {
    const auto actual = read_request(spec_case.at("actual"), version);
    if (!actual) {
        std::cerr << "could not read the actual request: " << actual.error().to_string() << "\n";
        return verdict::failed;
    }
    const testing::temporary_directory directory;
    const auto pact = directory.write("pact.json", pact_text(version, case_path, spec_case.at("expected"), {{"status", 200}}));
    testing::background_process stub({PACT_BINARY, "stub", "-f", pact, "-p", "0", "--threads", "1"});
    const auto banner = stub.read_line();
    const auto port = port_of(banner);
    if (!port) {
        std::cerr << "the stub did not start: " << banner << "\n";
        return verdict::failed;
    }
    const auto answer = http::send_blocking(*http::parse_url("http://127.0.0.1:" + std::to_string(*port) + "/"), wire::to_wire(*actual, ""));
    if (!answer) {
        std::cerr << "the stub did not answer: " << answer.error().message << "\n";
        return verdict::failed;
    }
    std::cout << "the stub answered " << answer->result_int() << "\n" << answer->body() << "\n";
    if (answer->result_int() == 200) return verdict::match;
    return answer->result_int() == 500 ? verdict::mismatch : verdict::failed;
}

}  // namespace

int main(int argument_count, char** arguments) {
    if (argument_count != 3) {
        std::cerr << "usage: pact_spec_over_http_case ROOT CASE_PATH\n";
        return 2;
    }
    const std::string case_path = arguments[2];
    if (const auto reason = reason_not_over_http(case_path)) {
        std::cout << "not applicable over HTTP: " << *reason << "\n";
        return skipped;
    }
    const std::filesystem::path file = std::filesystem::path(arguments[1]) / case_path;
    const auto spec_case = testing::read_case(file);
    if (spec_case.is_discarded() || !spec_case.contains("match")) {
        std::cerr << file << ": not a specification case\n";
        return 2;
    }
    const auto version = testing::case_version(file);
    const auto outcome = testing::case_kind(file) == "response" ? play_response_case(spec_case, version, case_path)
                                                                  : play_request_case(spec_case, version, case_path);
    if (outcome == verdict::failed) return 2;
    const bool expected_match = spec_case.at("match").get<bool>();
    std::cout << spec_case.value("comment", "") << "\nexpected " << (expected_match ? "a match" : "a mismatch") << ", got "
              << (outcome == verdict::match ? "a match" : "a mismatch") << "\n";
    return expected_match == (outcome == verdict::match) ? 0 : 1;
}
