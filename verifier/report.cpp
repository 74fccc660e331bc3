#include "verifier/report.hpp"
#include "pact/json_text.hpp"

#include "wire/pact_wire.hpp"

#include <pugixml.hpp>

#include <cctype>
#include <cstdio>
#include <map>
#include <ostream>
#include <sstream>

namespace pact::verifier {
namespace {

[[nodiscard]] std::string milliseconds(std::chrono::microseconds duration) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f ms", static_cast<double>(duration.count()) / 1000.0);
    return text;
}

[[nodiscard]] std::string seconds(std::chrono::microseconds duration) {
    char text[32];
    std::snprintf(text, sizeof text, "%.3f", static_cast<double>(duration.count()) / 1e6);
    return text;
}

[[nodiscard]] std::string title(const interaction_result& result) {
    std::string text = result.description;
    if (!result.provider_states.empty()) {
        text += " (given ";
        for (std::size_t index = 0; index < result.provider_states.size(); ++index) {
            if (index > 0) text += " and ";
            text += result.provider_states[index];
        }
        text += ")";
    }
    return text;
}

[[nodiscard]] std::string shown(const nlohmann::json& value) {
    if (value.is_null()) return "(nothing)";
    std::string text = value.is_string() ? "\"" + value.get<std::string>() + "\"" : pact::to_json_text(value);
    if (text.size() > 200) text = text.substr(0, 197) + "...";
    return text;
}

// A value as the XML report shows it: strings as they are, anything else as JSON.
[[nodiscard]] std::string plain(const nlohmann::json& value) {
    return value.is_string() ? value.get<std::string>() : pact::to_json_text(value);
}

// The official report's mismatch types (MethodMismatch, BodyMismatch, ...) from our parts.
[[nodiscard]] std::string mismatch_type(const std::string& part) {
    if (part.empty()) return "Mismatch";
    return static_cast<char>(std::toupper(static_cast<unsigned char>(part.front()))) + part.substr(1) + "Mismatch";
}

void append_text(pugi::xml_node parent, const char* name, const std::string& text) {
    parent.append_child(name).text().set(text.c_str());
}

// <mismatch type="mismatches"><mismatches><mismatch type="BodyMismatch">... or type="error", as the
// official report has them.
void append_official_error(pugi::xml_node errors, const std::string& interaction, const interaction_result& result) {
    auto error = errors.append_child("error");
    append_text(error, "interaction", interaction);
    auto outcome = error.append_child("mismatch");
    if (result.mismatches.empty()) {
        outcome.append_attribute("type") = "error";
        append_text(outcome, "error_message", result.error.value_or("verification failed"));
        return;
    }
    outcome.append_attribute("type") = "mismatches";
    auto list = outcome.append_child("mismatches");
    for (const auto& difference : result.mismatches) {
        auto entry = list.append_child("mismatch");
        entry.append_attribute("type") = mismatch_type(difference.part).c_str();
        append_text(entry, "description", difference.message);
        // Bodies as JSON (a string quoted), headers, query and the rest as their text, as the official report.
        const auto text_of = [&](const nlohmann::json& value) {
            return difference.part == "body" ? pact::to_json_text(value) : plain(value);
        };
        if (!difference.expected.is_null()) append_text(entry, "expected", text_of(difference.expected));
        if (!difference.actual.is_null()) append_text(entry, "actual", text_of(difference.actual));
        if (difference.path.empty()) continue;
        const char* where = difference.part == "header" || difference.part == "metadata" ? "key"
                            : difference.part == "query"                                  ? "parameter"
                                                                                          : "path";
        append_text(entry, where, difference.path);
    }
}

[[nodiscard]] std::string failure_text(const interaction_result& result) {
    std::string text;
    if (result.error) text += *result.error + "\n";
    for (const auto& difference : result.mismatches) text += pact::describe(difference) + "\n";
    return text;
}

}  // namespace

std::string text_reporter::paint(std::string_view text, std::string_view ansi_code) const {
    if (!coloured_) return std::string(text);
    return "\x1b[" + std::string(ansi_code) + "m" + std::string(text) + "\x1b[0m";
}

void text_reporter::on_result(const pact_result& pact, const interaction_result& result) {
    constexpr std::string_view bold = "1", green = "32", red = "31", yellow = "33";
    if (current_pact_ != &pact) {
        current_pact_ = &pact;
        out_ << "\nVerifying a pact between " << paint(pact.consumer, bold) << " and " << paint(pact.provider, bold);
        if (!pact.source.empty()) out_ << " (" << pact.source << ")";
        if (pact.pending) out_ << " [pending]";
        out_ << "\n";
    }
    out_ << "  " << title(result) << " ... "
         << (result.success ? paint("OK", green) : result.pending ? paint("FAILED (pending)", yellow) : paint("FAILED", red)) << " ("
         << milliseconds(result.duration) << ")\n";
    if (result.error) out_ << "      " << *result.error << "\n";
    for (const auto& difference : result.mismatches) {
        out_ << "      - " << pact::describe(difference) << "\n";
        if (!difference.expected.is_null() || !difference.actual.is_null()) {
            out_ << "          expected: " << shown(difference.expected) << "\n"
                 << "          actual:   " << shown(difference.actual) << "\n";
        }
    }
}

void text_reporter::summary(const verification_report& report) {
    const std::size_t failures = report.failure_count();
    const std::size_t pending = report.pending_failure_count();
    const std::size_t verified = report.interaction_count();
    out_ << "\n" << verified << (verified == 1 ? " interaction" : " interactions") << " verified in " << seconds(report.duration) << " s: "
         << verified - failures << " passed, " << failures << " failed";
    if (pending > 0) out_ << " (" << pending << " of them pending, not failing the run)";
    out_ << "\n";
    if (report.not_run > 0) {
        out_ << report.not_run << (report.not_run == 1 ? " interaction" : " interactions")
             << " not verified: the run stopped at the first failure\n";
    }
    if (failures == 0) return;

    std::map<std::string, std::size_t> errors;  // distinct error -> how many interactions it stopped
    out_ << "\nFailures:\n";
    for (const auto& pact : report.pacts) {
        for (const auto& result : pact.interactions) {
            if (result.success) continue;
            if (result.error) ++errors[*result.error];
            out_ << "  " << pact.consumer << " -> " << pact.provider << ": " << title(result)
                 << (result.pending ? " [pending]" : "") << "\n";
            for (const auto& difference : result.mismatches) out_ << "      " << pact::describe(difference) << "\n";
        }
    }
    if (!errors.empty()) {
        out_ << "\nErrors:\n";
        for (const auto& [error, count] : errors) {
            out_ << "  " << error << " (" << count << (count == 1 ? " interaction" : " interactions") << ")\n";
        }
    }
}

nlohmann::json to_json(const verification_report& report) {
    nlohmann::json pacts = nlohmann::json::array();
    for (const auto& pact : report.pacts) {
        nlohmann::json interactions = nlohmann::json::array();
        for (const auto& result : pact.interactions) {
            nlohmann::json mismatches = nlohmann::json::array();
            for (const auto& difference : result.mismatches) mismatches.push_back(wire::to_json(difference));
            nlohmann::json entry = {{"description", result.description},
                                    {"providerStates", result.provider_states},
                                    {"success", result.success},
                                    {"pending", result.pending},
                                    {"durationMs", static_cast<double>(result.duration.count()) / 1000.0},
                                    {"mismatches", std::move(mismatches)}};
            if (result.error) entry["error"] = *result.error;
            if (!result.key.empty()) entry["interactionKey"] = result.key;
            interactions.push_back(std::move(entry));
        }
        pacts.push_back({{"consumer", pact.consumer},
                         {"provider", pact.provider},
                         {"source", pact.source},
                         {"pending", pact.pending},
                         {"success", pact.success()},
                         {"interactions", std::move(interactions)}});
    }
    return {{"success", report.success()},
            {"summary",
             {{"interactions", report.interaction_count()},
              {"failures", report.failure_count()},
              {"pendingFailures", report.pending_failure_count()},
              {"durationMs", static_cast<double>(report.duration.count()) / 1000.0}}},
            {"pacts", std::move(pacts)}};
}

std::string to_junit_xml(const verification_report& report) {
    pugi::xml_document document;
    auto declaration = document.append_child(pugi::node_declaration);
    declaration.append_attribute("version") = "1.0";
    declaration.append_attribute("encoding") = "UTF-8";
    auto suites = document.append_child("testsuites");
    suites.append_attribute("name") = "pact verification";
    suites.append_attribute("tests") = static_cast<unsigned long long>(report.interaction_count());
    suites.append_attribute("failures") = static_cast<unsigned long long>(report.failure_count());
    suites.append_attribute("time") = seconds(report.duration).c_str();
    for (const auto& pact : report.pacts) {
        const std::string suite_name = pact.consumer + " - " + pact.provider;
        auto suite = suites.append_child("testsuite");
        suite.append_attribute("name") = suite_name.c_str();
        suite.append_attribute("tests") = static_cast<unsigned long long>(pact.interactions.size());
        std::size_t failures = 0;
        std::chrono::microseconds total{0};
        for (const auto& result : pact.interactions) {
            total += result.duration;
            auto test = suite.append_child("testcase");
            test.append_attribute("name") = title(result).c_str();
            test.append_attribute("classname") = suite_name.c_str();
            test.append_attribute("time") = seconds(result.duration).c_str();
            if (result.success) continue;
            if (result.pending) {
                test.append_child("skipped").append_attribute("message") = ("pending: " + failure_text(result)).c_str();
                continue;
            }
            ++failures;
            auto failure = test.append_child("failure");
            const std::string text = failure_text(result);
            failure.append_attribute("message") = text.substr(0, text.find('\n')).c_str();
            failure.text().set(text.c_str());
        }
        suite.append_attribute("failures") = static_cast<unsigned long long>(failures);
        suite.append_attribute("time") = seconds(total).c_str();
    }
    std::ostringstream out;
    document.save(out, "  ");
    return out.str();
}

std::string to_report_xml(const verification_report& report, const std::string& provider) {
    pugi::xml_document document;
    auto declaration = document.append_child(pugi::node_declaration);
    declaration.append_attribute("version") = "1.0";
    declaration.append_attribute("encoding") = "UTF-8";
    auto root = document.append_child("report");
    append_text(root, "provider", provider);
    append_text(root, "result", report.success() ? "true" : "false");
    // The official report leaves out empty sections.
    pugi::xml_node errors, pending_errors, interaction_results;
    const auto section = [&](pugi::xml_node& node, const char* name) -> pugi::xml_node {
        if (!node) node = root.append_child(name);
        return node;
    };
    for (const auto& pact : report.pacts) {
        for (const auto& result : pact.interactions) {
            auto entry = section(interaction_results, "interaction_results").append_child("interaction");
            append_text(entry, "description", result.description);
            append_text(entry, "result", result.success ? "OK" : "Error");
            append_text(entry, "pending", result.pending ? "true" : "false");
            append_text(entry, "duration_ms", std::to_string(result.duration.count() / 1000));
            if (result.success) continue;
            const std::string named = "Verifying a pact between " + pact.consumer + " and " + pact.provider + " - " + title(result);
            append_official_error(result.pending ? section(pending_errors, "pending_errors") : section(errors, "errors"),
                                  named, result);
        }
    }
    // Sections in the official order, whatever order the interactions filled them in.
    for (const char* name : {"errors", "pending_errors", "interaction_results"}) {
        if (auto node = root.child(name)) root.append_move(node);
    }

    auto pacts = root.append_child("pacts");
    pacts.append_attribute("interactions") = static_cast<unsigned long long>(report.interaction_count());
    pacts.append_attribute("failures") = static_cast<unsigned long long>(report.failure_count());
    pacts.append_attribute("pending_failures") = static_cast<unsigned long long>(report.pending_failure_count());
    pacts.append_attribute("not_run") = static_cast<unsigned long long>(report.not_run);
    pacts.append_attribute("duration") = seconds(report.duration).c_str();
    for (const auto& pact : report.pacts) {
        auto node = pacts.append_child("pact");
        node.append_attribute("consumer") = pact.consumer.c_str();
        node.append_attribute("provider") = pact.provider.c_str();
        node.append_attribute("source") = pact.source.c_str();
        node.append_attribute("pending") = pact.pending;
        node.append_attribute("result") = pact.success() ? "OK" : "Error";
        for (const auto& result : pact.interactions) {
            auto entry = node.append_child("interaction");
            entry.append_attribute("description") = result.description.c_str();
            entry.append_attribute("result") = result.success ? "OK" : "Error";
            entry.append_attribute("pending") = result.pending;
            entry.append_attribute("duration") = milliseconds(result.duration).c_str();
            if (!result.key.empty()) entry.append_attribute("key") = result.key.c_str();
            for (const auto& state : result.provider_states) append_text(entry, "provider_state", state);
            if (result.error) append_text(entry, "error", *result.error);
            for (const auto& difference : result.mismatches) {
                auto mismatch = entry.append_child("mismatch");
                mismatch.append_attribute("part") = difference.part.c_str();
                mismatch.append_attribute("path") = difference.path.c_str();
                append_text(mismatch, "description", pact::describe(difference));
                if (!difference.expected.is_null()) append_text(mismatch, "expected", shown(difference.expected));
                if (!difference.actual.is_null()) append_text(mismatch, "actual", shown(difference.actual));
            }
        }
    }
    std::ostringstream out;
    document.save(out, "  ");
    return out.str();
}

std::expected<std::vector<interaction_identity>, std::string> failed_interactions(const nlohmann::json& previous_report) {
    const auto text = [](const nlohmann::json& object, const char* name) {
        const auto found = object.find(name);
        return found != object.end() && found->is_string() ? found->get<std::string>() : std::string();
    };
    std::vector<interaction_identity> failed;
    if (!previous_report.is_object()) return std::unexpected("the report is not a JSON object");
    if (const auto pacts = previous_report.find("pacts"); pacts != previous_report.end() && pacts->is_array()) {
        for (const auto& pact : *pacts) {
            if (!pact.is_object() || !pact.contains("interactions") || !pact["interactions"].is_array()) continue;
            for (const auto& result : pact["interactions"]) {
                if (!result.is_object() || result.value("success", true)) continue;
                failed.push_back({text(pact, "consumer"), text(result, "interactionKey"), text(result, "description")});
            }
        }
        return failed;
    }
    if (const auto results = previous_report.find("interactionResults"); results != previous_report.end() && results->is_array()) {
        for (const auto& result : *results) {
            if (!result.is_object() || text(result, "result") != "Error") continue;
            failed.push_back({"", text(result, "interactionKey"), text(result, "description")});
        }
        return failed;
    }
    return std::unexpected("it has neither \"pacts\" (this verifier's report) nor \"interactionResults\" (the official verifier's)");
}

}  // namespace pact::verifier
