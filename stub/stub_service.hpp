#pragma once
// The stub's answers: a request matching an interaction's request gets that interaction's response
// (response generators applied); a request matching none gets 500 with a JSON body naming the closest
// interaction and its mismatches. A plain function of a request, served by http::server.

#include "http/message.hpp"
#include "stub/interaction_index.hpp"

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>

namespace pact::stub {

// Thread-safe: answer() may be called from several server threads at once.
class stub_service {
public:
    explicit stub_service(std::vector<pact_document> pacts);

    [[nodiscard]] http::response answer(const http::request& received) const;
    [[nodiscard]] std::size_t interaction_count() const { return index_.size(); }

private:
    interaction_index index_;
    // Responses without generators, built once and copied per request.
    std::map<const interaction*, http::response> prepared_;
    mutable std::atomic<std::uint64_t> next_seed_;
};

}  // namespace pact::stub
