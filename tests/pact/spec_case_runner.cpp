// Runs one case of the Pact specification's matching suite (a file under pact-spec/): reads the expected
// and actual parts with the pact reader, matches them, and exits 0 when the result agrees with the case's
// "match". Registered once per file by tests/pact/CMakeLists.txt, so a new case file needs no new code.

#include "pact/matching.hpp"
#include "pact/pact_reader.hpp"
#include "support/specification_cases.hpp"

#include <filesystem>
#include <iostream>

namespace {

template <typename part>
std::expected<std::vector<pact::mismatch>, std::string> run(const nlohmann::json& spec_case, pact::specification_version version,
                                                             auto read, auto match) {
    auto expected = read(spec_case.at("expected"), version);
    if (!expected) return std::unexpected("expected: " + expected.error().to_string());
    auto actual = read(spec_case.at("actual"), version);
    if (!actual) return std::unexpected("actual: " + actual.error().to_string());
    return match(*expected, *actual);
}

}  // namespace

int main(int argument_count, char** arguments) {
    if (argument_count != 2) {
        std::cerr << "usage: pact_spec_case FILE\n";
        return 2;
    }
    const std::filesystem::path file = arguments[1];
    const auto spec_case = pact::testing::read_case(file);
    if (spec_case.is_discarded() || !spec_case.contains("match")) {
        std::cerr << file << ": not a specification case\n";
        return 2;
    }
    const auto version = pact::testing::case_version(file);
    const auto kind = pact::testing::case_kind(file);
    std::expected<std::vector<pact::mismatch>, std::string> outcome;
    if (kind == "request") {
        outcome = run<pact::http_request>(spec_case, version, pact::read_request, pact::match_request);
    } else if (kind == "response") {
        outcome = run<pact::http_response>(spec_case, version, pact::read_response, pact::match_response);
    } else {
        outcome = run<pact::message>(spec_case, version, pact::read_message, pact::match_message);
    }
    if (!outcome) {
        std::cerr << "could not read the case: " << outcome.error() << "\n";
        return 1;
    }
    const bool expected_match = spec_case.at("match").get<bool>();
    const bool matched = outcome->empty();
    std::cout << spec_case.value("comment", "") << "\nexpected " << (expected_match ? "a match" : "a mismatch") << ", got "
              << (matched ? "a match" : "a mismatch") << "\n";
    for (const auto& mismatch : *outcome) std::cout << "  [" << mismatch.part << "] " << mismatch.message << "\n";
    return expected_match == matched ? 0 : 1;
}
