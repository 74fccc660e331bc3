#pragma once
// The control API of `pact mock`, for consumer tests in any language (JSON in, JSON out):
//   POST   /__pact/interactions  register interactions: a pact document, {"interactions": [...]} or one
//                                interaction, in pact JSON (v2, v3 or v4 form)   -> 201, 400 naming the problem
//   GET    /__pact/verify        were all expected requests received, and nothing else? -> 200, or 409 with
//                                {"ok": false, "missing", "unexpected" (with mismatches), "report"}
//   POST   /__pact/write         verify, then merge the interactions into the pact file -> 200 {"pactFile"},
//                                or 409 with the verification and nothing written
//   DELETE /__pact/interactions  end the test: forget expected interactions and received requests
//                                (verified ones are kept for the next write)        -> 200

#include "consumer/mock_session.hpp"
#include "http/message.hpp"

namespace pact::consumer {

inline constexpr std::string_view control_path_prefix = "/__pact/";

[[nodiscard]] bool is_control_request(const http::request& received);
[[nodiscard]] http::response handle_control_request(mock_session& session, const http::request& received);

}  // namespace pact::consumer
