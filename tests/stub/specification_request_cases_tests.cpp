// The specification's request cases, scored through the stub: the expected request becomes the only
// interaction of a pact, the actual request is put on the wire and answered by the stub, and the answer
// (the interaction's 200, or 500) must agree with the case's "match". A case whose actual request cannot
// travel over HTTP unchanged (a body that is absent rather than empty, a method or path the wire rewrites)
// is not applicable and counted apart.
#include "wire/pact_wire.hpp"
#include "pact/pact_reader.hpp"
#include "stub/stub_service.hpp"
#include "support/specification_cases.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <iostream>

using namespace pact;

namespace {

// Why the case cannot be sent over HTTP as it stands, or "" when it can.
std::string not_applicable(const http_request& expected, const http_request& actual, const http_request& received) {
    if (actual.body.is_missing() && !expected.body.is_missing()) return "an absent body cannot be told from an empty one on the wire";
    if (received.method != actual.method || received.path != actual.path) return "the wire rewrites the method or path";
    return "";
}

}  // namespace

TEST_CASE("the specification's request cases agree when scored through the stub") {
    const std::filesystem::path root = PACT_SHARED_DIR "/pact-spec";
    REQUIRE(std::filesystem::exists(root));
    std::size_t agreed = 0;
    std::size_t not_applicable_count = 0;
    std::vector<std::string> disagreements;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
        const auto& file = entry.path();
        if (file.extension() != ".json" || file.parent_path().parent_path().filename() != "request") continue;
        const auto spec_case = testing::read_case(file);
        const auto version = testing::case_version(file);
        auto expected = read_request(spec_case.at("expected"), version);
        auto actual = read_request(spec_case.at("actual"), version);
        REQUIRE_MESSAGE(expected, file.string());
        REQUIRE_MESSAGE(actual, file.string());

        const auto wire = wire::to_wire(*actual, "");
        const auto received = wire::from_wire(wire);
        if (!not_applicable(*expected, *actual, received).empty()) {
            ++not_applicable_count;
            continue;
        }
        pact_document pact;
        interaction described;
        described.description = file.filename().string();
        described.request = std::move(*expected);
        described.response.status = 200;
        pact.interactions.push_back(std::move(described));
        std::vector<pact_document> pacts;
        pacts.push_back(std::move(pact));
        const stub::stub_service stub(std::move(pacts));

        const bool matched = stub.answer(wire).result_int() == 200;
        if (matched == spec_case.at("match").get<bool>()) {
            ++agreed;
        } else {
            disagreements.push_back(std::filesystem::relative(file, root).string());
        }
    }
    std::cout << "specification request cases through the stub: " << agreed << " agree, " << disagreements.size()
              << " disagree, " << not_applicable_count << " not applicable\n";
    for (const auto& disagreement : disagreements) std::cout << "  disagrees: " << disagreement << "\n";
    CHECK(agreed > 0);
    CHECK(disagreements.empty());
}
