#pragma once
// Reports of a verification: readable text as results arrive, then a summary; JSON, JUnit XML and the XML
// report the HTML report is made from (html_report.hpp). And reading a JSON report back (--last-failed).

#include "verifier/verification.hpp"

#include <expected>
#include <iosfwd>
#include <string>
#include <vector>

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

// The official verifier's XML report (report/provider, result, errors, pending_errors,
// interaction_results: what its stylesheets read) followed by <pacts>: each pact, each interaction with
// its states, result, error and mismatches (what our stylesheet reads). cli/README.md describes it.
[[nodiscard]] std::string to_report_xml(const verification_report& report, const std::string& provider);

// The interactions a JSON report says failed, pending or not: ours (pacts[].interactions[], success false)
// or the official verifier's (interactionResults[], result "Error"). An error when it is neither.
[[nodiscard]] std::expected<std::vector<interaction_identity>, std::string> failed_interactions(
    const nlohmann::json& previous_report);

}  // namespace pact::verifier
