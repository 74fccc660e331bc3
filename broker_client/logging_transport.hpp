#pragma once
// A transport that writes each exchange to a stream, for the CLI's `--log-level debug|trace`: the
// request line and the answer's status (and, when asked, both bodies). Headers are never written, so
// credentials stay out of CI logs.

#include "broker_client/transport.hpp"

#include <iosfwd>

namespace pact::broker_client {

// `log` must outlive the returned transport.
[[nodiscard]] transport make_logging_transport(transport inner, std::ostream& log, bool with_bodies);

}  // namespace pact::broker_client
