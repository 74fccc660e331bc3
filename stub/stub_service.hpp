#pragma once
// The stub's answers: a request matching an interaction's request gets that interaction's response
// (response generators applied); a request matching none gets 500 with a JSON body naming the closest
// interaction and its mismatches. A plain function of a request, served by http::server.
// As the official stub server: every answer allows any origin (Access-Control-Allow-Origin: * unless the
// pact's response says otherwise), and the interactions may be narrowed by provider state.

#include "http/message.hpp"
#include "stub/interaction_index.hpp"

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <regex>
#include <string>

namespace pact::stub {

struct stub_options {
    // An OPTIONS request no interaction answers gets 200 with CORS headers allowing everything.
    bool cors_preflight = false;
    bool cors_origin_from_referer = false;  // ... and its Referer as the allowed origin
    // Only interactions with a provider state whose name this regex finds (searched, not anchored).
    std::optional<std::string> provider_state;
    // A request header whose value, when present, is used as that regex for this request instead.
    std::optional<std::string> provider_state_header;
    bool include_empty_provider_state = false;  // interactions without states pass the state filter too
};

// Thread-safe: answer() may be called from several server threads at once.
class stub_service {
public:
    // Throws std::regex_error when options.provider_state is not a regular expression.
    explicit stub_service(std::vector<pact_document> pacts, stub_options options = {});

    [[nodiscard]] http::response answer(const http::request& received) const;
    [[nodiscard]] std::size_t interaction_count() const { return index_.size(); }

private:
    [[nodiscard]] std::optional<http::response> answer_without_match(const http::request& received) const;
    [[nodiscard]] bool passes_state_filter(const interaction& described, const std::regex& state) const;

    stub_options options_;
    std::optional<std::regex> provider_state_;
    interaction_index index_;
    // Responses without generators, built once and copied per request.
    std::map<const interaction*, http::response> prepared_;
    mutable std::atomic<std::uint64_t> next_seed_;
};

}  // namespace pact::stub
