#include "consumer/mock_session.hpp"

#include "consumer/pact_file.hpp"

#include <algorithm>
#include <sstream>

namespace pact::consumer {
namespace {

// The path with "?query" when there is one.
[[nodiscard]] std::string target_of(const http_request& request) {
    std::string line = request.path;
    if (request.raw_query && !request.raw_query->empty()) return line + "?" + *request.raw_query;
    std::string separator = "?";
    for (const auto& [name, values] : request.query) {
        for (const auto& value : values) {
            line += separator + name + "=" + value;
            separator = "&";
        }
    }
    return line;
}

[[nodiscard]] std::string request_line(const http_request& request) { return request.method + " " + target_of(request); }

[[nodiscard]] nlohmann::json mismatch_json(const mismatch& difference) {
    return {{"part", difference.part},
            {"path", difference.path},
            {"expected", difference.expected},
            {"actual", difference.actual},
            {"message", difference.message}};
}

[[nodiscard]] bool has_v4_interaction_type(const nlohmann::json& interactions) {
    return interactions.is_array() && std::ranges::any_of(interactions, [](const nlohmann::json& item) {
               return item.is_object() && item.contains("type");
           });
}

// Mismatches of an interaction's examples against its own matching rules: a regex its example does not
// match, a min its array does not reach. Such an interaction could never be honoured.
[[nodiscard]] std::vector<mismatch> inconsistencies(const interaction& expected) {
    switch (expected.kind) {
    case interaction_kind::synchronous_http: {
        auto found = match_request(expected.request, expected.request);
        auto in_response = match_response(expected.response, expected.response);
        found.insert(found.end(), in_response.begin(), in_response.end());
        return found;
    }
    case interaction_kind::asynchronous_message: return match_message(expected.message, expected.message);
    case interaction_kind::synchronous_message: {
        auto found = match_message(expected.message, expected.message);
        for (const auto& response : expected.message_responses) {
            auto in_response = match_message(response, response);
            found.insert(found.end(), in_response.begin(), in_response.end());
        }
        return found;
    }
    }
    return {};
}

[[nodiscard]] std::string mismatches_problem(std::size_t count) {
    return count == 1 ? "1 mismatch" : std::to_string(count) + " mismatches";
}

}  // namespace

std::string verification_result::report() const {
    std::ostringstream out;
    for (const auto& description : missing) out << "missing request: " << description << " was expected but never received\n";
    for (const auto& request : unexpected) {
        out << "unexpected request: " << request.method << " " << request.path;
        if (request.closest_interaction.empty()) {
            out << " (no interaction was expected)\n";
            continue;
        }
        out << "\n  closest interaction: " << request.closest_interaction << " ("
            << mismatches_problem(request.mismatches.size()) << ")\n";
        for (std::size_t index = 0; index < request.mismatches.size(); ++index) {
            const auto& difference = request.mismatches[index];
            out << "    " << index + 1 << ") " << pact::describe(difference) << "\n";
            if (!difference.expected.is_null() || !difference.actual.is_null()) {
                out << "         expected: " << difference.expected.dump() << "\n"
                    << "         actual:   " << difference.actual.dump() << "\n";
            }
        }
    }
    for (const auto& failure : failures) out << "failure: " << failure << "\n";
    return out.str();
}

nlohmann::json verification_result::to_json() const {
    auto unexpected_requests = nlohmann::json::array();
    for (const auto& request : unexpected) {
        auto mismatches = nlohmann::json::array();
        for (const auto& difference : request.mismatches) mismatches.push_back(mismatch_json(difference));
        unexpected_requests.push_back({{"method", request.method},
                                       {"path", request.path},
                                       {"closestInteraction", request.closest_interaction},
                                       {"mismatches", std::move(mismatches)}});
    }
    return {{"ok", ok()},
            {"missing", missing},
            {"unexpected", std::move(unexpected_requests)},
            {"failures", failures},
            {"report", report()}};
}

mock_session::mock_session(session_settings settings) : settings_(std::move(settings)) {}

std::expected<std::size_t, read_error> mock_session::register_interactions(const nlohmann::json& pact_json) {
    const auto refuse = [](std::string path, std::string message) {
        return std::unexpected(read_error{"registered interactions", std::move(path), std::move(message)});
    };
    if (!pact_json.is_object()) return refuse("$", "expected a pact document or an interaction object");

    auto document = pact_json.contains("interactions") || pact_json.contains("messages")
                        ? pact_json
                        : nlohmann::json{{"interactions", nlohmann::json::array({pact_json})}};
    std::lock_guard lock(mutex_);
    for (const auto* side : {"consumer", "provider"}) {
        auto& configured = std::string_view(side) == "consumer" ? settings_.consumer : settings_.provider;
        const auto given = document.contains(side) && document[side].is_object() && document[side].contains("name") &&
                                   document[side]["name"].is_string()
                               ? document[side]["name"].get<std::string>()
                               : std::string{};
        if (!given.empty() && !configured.empty() && given != configured) {
            return refuse(std::string("$.") + side + ".name",
                          "this mock records the pact of " + configured + ", not of " + given);
        }
        if (given.empty() && configured.empty()) {
            return refuse(std::string("$.") + side, std::string("name the ") + side +
                                                        " (in the pact JSON, or with --consumer/--provider)");
        }
        document[side] = {{"name", configured.empty() ? given : configured}};
    }
    auto& metadata = document["metadata"];
    if (!metadata.is_object()) metadata = nlohmann::json::object();
    if (!metadata.contains("pactSpecification")) {
        const auto version = has_v4_interaction_type(document.value("interactions", nlohmann::json::array()))
                                 ? specification_version::v4
                                 : settings_.specification;
        metadata["pactSpecification"] = {{"version", to_string(version)}};
    }

    auto read = read_pact(document, "registered interactions");
    if (!read) return std::unexpected(read.error());
    for (std::size_t index = 0; index < read->interactions.size(); ++index) {
        const auto found = inconsistencies(read->interactions[index]);
        if (found.empty()) continue;
        return refuse("$.interactions[" + std::to_string(index) + "]",
                      "the examples of \"" + read->interactions[index].description +
                          "\" do not satisfy its own matching rules: " + pact::describe(found.front()));
    }
    if (settings_.consumer.empty()) settings_.consumer = read->consumer;
    if (settings_.provider.empty()) settings_.provider = read->provider;
    for (auto& added : read->interactions) expectations_.push_back({std::move(added), 0});
    current_written_ = false;
    return read->interactions.size();
}

http_response mock_session::respond(const http_request& actual) {
    std::lock_guard lock(mutex_);
    expectation* chosen = nullptr;
    const expectation* closest = nullptr;
    std::vector<mismatch> closest_mismatches;
    for (auto& candidate : expectations_) {
        if (candidate.expected.kind != interaction_kind::synchronous_http) continue;
        auto mismatches = match_request(candidate.expected.request, actual);
        if (mismatches.empty()) {
            if (chosen == nullptr || (chosen->times_requested > 0 && candidate.times_requested == 0)) chosen = &candidate;
        } else if (closest == nullptr || mismatches.size() < closest_mismatches.size()) {
            closest = &candidate;
            closest_mismatches = std::move(mismatches);
        }
    }
    if (chosen != nullptr) {
        ++chosen->times_requested;
        return chosen->expected.response;
    }

    unexpected_request recorded{actual.method, target_of(actual), closest ? closest->expected.description : "",
                                std::move(closest_mismatches)};
    auto mismatches = nlohmann::json::array();
    for (const auto& difference : recorded.mismatches) mismatches.push_back(mismatch_json(difference));
    nlohmann::json problem = {{"error", "unexpected request: " + request_line(actual) + " matches no expected interaction"},
                              {"closestInteraction", recorded.closest_interaction},
                              {"mismatches", std::move(mismatches)}};
    unexpected_.push_back(std::move(recorded));

    http_response answer;
    answer.status = 500;
    answer.headers["Content-Type"] = {"application/json"};
    answer.body.state = body::presence::present;
    answer.body.content_type = "application/json";
    answer.body.content = problem.dump();
    answer.body.parsed = std::move(problem);
    return answer;
}

verification_result mock_session::verify() const {
    std::lock_guard lock(mutex_);
    return verify_locked();
}

verification_result mock_session::verify_locked() const {
    verification_result result;
    for (const auto& expectation : expectations_) {
        if (expectation.expected.kind != interaction_kind::synchronous_http || expectation.times_requested > 0) continue;
        result.missing.push_back(expectation.expected.description + " (" + request_line(expectation.expected.request) + ")");
    }
    result.unexpected = unexpected_;
    return result;
}

std::expected<std::filesystem::path, verification_result> mock_session::write_pact() {
    std::lock_guard lock(mutex_);
    auto verification = verify_locked();
    if (!verification.ok()) return std::unexpected(std::move(verification));
    if (!current_written_) keep_for_writing_locked(expectations_);
    if (kept_.empty()) {
        verification.failures.push_back("there is nothing to write: no interaction was registered");
        return std::unexpected(std::move(verification));
    }
    pact_document recorded;
    recorded.consumer = settings_.consumer;
    recorded.provider = settings_.provider;
    recorded.interactions = kept_;
    auto written = merge_into_pact_file(recorded, settings_.pact_dir, settings_.specification);
    if (!written) {
        verification.failures.push_back(written.error());
        return std::unexpected(std::move(verification));
    }
    kept_.clear();
    current_written_ = true;
    return *written;
}

void mock_session::keep_for_writing_locked(const std::vector<expectation>& honoured) {
    for (const auto& expectation : honoured) {
        const auto same = std::ranges::find_if(
            kept_, [&](const interaction& kept) { return same_interaction(kept, expectation.expected); });
        if (same != kept_.end()) {
            *same = expectation.expected;
        } else {
            kept_.push_back(expectation.expected);
        }
    }
}

void mock_session::reset() {
    std::lock_guard lock(mutex_);
    if (!current_written_ && verify_locked().ok()) keep_for_writing_locked(expectations_);
    expectations_.clear();
    unexpected_.clear();
    current_written_ = false;
}

session_settings mock_session::settings() const {
    std::lock_guard lock(mutex_);
    return settings_;
}

std::size_t mock_session::expected_interaction_count() const {
    std::lock_guard lock(mutex_);
    return expectations_.size();
}

std::vector<interaction> mock_session::expected_interactions() const {
    std::lock_guard lock(mutex_);
    std::vector<interaction> expected;
    for (const auto& expectation : expectations_) expected.push_back(expectation.expected);
    return expected;
}

}  // namespace pact::consumer
