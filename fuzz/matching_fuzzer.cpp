// libFuzzer harness: the matching engine. The input is a specification case
// ({"expected": {...}, "actual": {...}}); both halves are read as a request, a response and a message
// under every specification version, and whatever reads is matched. Mismatches are data: the engine
// must return, never crash, hang or throw.

#include "pact/matching.hpp"
#include "pact/pact_reader.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <cstddef>
#include <cstdint>

namespace {

constexpr std::array versions = {pact::specification_version::v1, pact::specification_version::v1_1, pact::specification_version::v2,
                                 pact::specification_version::v3, pact::specification_version::v4};

template <typename Read, typename Match>
void match_both(const nlohmann::json& expected, const nlohmann::json& actual, Read read, Match match) {
    for (const auto version : versions) {
        const auto expected_part = read(expected, version);
        const auto actual_part = read(actual, version);
        if (expected_part && actual_part) (void)match(*expected_part, *actual_part);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto document = nlohmann::json::parse(data, data + size, nullptr, false);
    if (!document.is_object()) return 0;
    const auto expected = document.find("expected");
    const auto actual = document.find("actual");
    if (expected == document.end() || actual == document.end()) return 0;
    match_both(*expected, *actual, &pact::read_request, &pact::match_request);
    match_both(*expected, *actual, &pact::read_response, &pact::match_response);
    match_both(*expected, *actual, &pact::read_message, &pact::match_message);
    return 0;
}
