#pragma once
// Reports of a verification: readable text as results arrive, then a summary; JSON and JUnit XML files.

#include "verifier/verification.hpp"

#include <iosfwd>
#include <string>

namespace pact::verifier {

// Writes one block per interaction (pact order) and a header whenever the pact changes; coloured, the
// pact's parties are bold and outcomes green, red or yellow (pending) with ANSI escapes. Not thread-safe;
// verify() calls its listener under a lock.
class text_reporter {
public:
    explicit text_reporter(std::ostream& out, bool coloured = false) : out_(out), coloured_(coloured) {}
    void on_result(const pact_result& pact, const interaction_result& result);
    // Totals, the failures again in brief, and distinct errors (an unreachable provider, said once).
    void summary(const verification_report& report);

private:
    [[nodiscard]] std::string paint(std::string_view text, std::string_view ansi_code) const;

    std::ostream& out_;
    bool coloured_ = false;
    const pact_result* current_pact_ = nullptr;
};

[[nodiscard]] nlohmann::json to_json(const verification_report& report);
[[nodiscard]] std::string to_junit_xml(const verification_report& report);

// "body $.total_amount: <message>" — one line naming where a mismatch is and what it is.
[[nodiscard]] std::string describe(const pact::mismatch& difference);

}  // namespace pact::verifier
