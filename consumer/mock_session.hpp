#pragma once
// The mock provider's state, shared by the C++ consumer library and `pact mock`: the interactions a
// consumer test expects (registered as pact JSON), the requests that arrived, whether they match, and the
// pact file written from the interactions that were honoured. It knows nothing of sockets: mock_server
// feeds it requests, the control API (mock_control_api.hpp) drives it over HTTP.
//
// Thread-safe: requests may arrive on the server's thread while the test thread registers or verifies.

#include "pact/matching.hpp"
#include "pact/model.hpp"
#include "pact/pact_reader.hpp"

#include <expected>
#include <filesystem>
#include <mutex>
#include <string>
#include <vector>

namespace pact::consumer {

struct session_settings {
    std::string consumer;  // "" : taken from the first pact JSON registered
    std::string provider;
    std::filesystem::path pact_dir = "pacts";
    specification_version specification = specification_version::v3;  // v3 or v4
};

struct unexpected_request {
    std::string method;
    std::string path;                    // as requested, with "?query" when there was one
    std::string closest_interaction;     // description of the registered interaction it came closest to
    std::vector<mismatch> mismatches;    // against that interaction; empty when none was registered
};

// What a consumer test did against the mock provider.
struct verification_result {
    std::vector<std::string> missing;  // expected interactions never requested, "description (GET /path)"
    std::vector<unexpected_request> unexpected;
    std::vector<std::string> failures;  // other reasons the test failed (an exception from the test, ...)

    [[nodiscard]] bool ok() const { return missing.empty() && unexpected.empty() && failures.empty(); }
    // Every problem in sentences, mismatches as the verifier states them (verifier::describe).
    [[nodiscard]] std::string report() const;
    [[nodiscard]] nlohmann::json to_json() const;
};

class mock_session {
public:
    explicit mock_session(session_settings settings);
    mock_session(const mock_session&) = delete;
    mock_session& operator=(const mock_session&) = delete;

    // Adds the interactions of a pact document (or of {"interactions": [...]}, or of one interaction
    // object) to those the current test expects. The document is read as its metadata says, else as v4
    // when an interaction has a v4 "type", else as the session's specification. Returns how many were
    // added, or why the JSON is not a valid pact.
    [[nodiscard]] std::expected<std::size_t, read_error> register_interactions(const nlohmann::json& pact_json);

    // The response of the registered interaction the request matches (preferring one not yet requested),
    // or a 500 whose JSON body names the closest interaction's mismatches; the request is recorded.
    [[nodiscard]] http_response respond(const http_request& actual);

    // Every expected HTTP interaction requested at least once, and no request that matched none.
    [[nodiscard]] verification_result verify() const;

    // When the current test verifies, merges its interactions (and those kept by reset()) into the pact
    // file and returns the file; otherwise writes nothing and returns the failed verification.
    [[nodiscard]] std::expected<std::filesystem::path, verification_result> write_pact();

    // Ends the current test: its interactions are kept for the next write_pact() when it verified (and
    // was not written yet); the expected interactions and the received requests are cleared.
    void reset();

    [[nodiscard]] session_settings settings() const;
    [[nodiscard]] std::size_t expected_interaction_count() const;
    // The interactions the current test expects, as read from the registered pact JSON.
    [[nodiscard]] std::vector<interaction> expected_interactions() const;

private:
    struct expectation {
        interaction expected;
        std::size_t times_requested = 0;
    };

    [[nodiscard]] verification_result verify_locked() const;
    void keep_for_writing_locked(const std::vector<expectation>& honoured);

    mutable std::mutex mutex_;
    session_settings settings_;
    std::vector<expectation> expectations_;
    std::vector<unexpected_request> unexpected_;
    std::vector<interaction> kept_;  // verified by earlier tests, not yet written
    bool current_written_ = false;
};

}  // namespace pact::consumer
