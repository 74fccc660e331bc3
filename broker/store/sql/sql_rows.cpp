#include "broker/store/sql/sql_queries.hpp"

namespace pact::broker::store::sql {

std::optional<std::string> optional_text(const row& found, int column) {
    if (found.is_null(column)) return std::nullopt;
    return found.text(column);
}

std::optional<std::int64_t> optional_integer(const row& found, int column) {
    if (found.is_null(column)) return std::nullopt;
    return found.integer(column);
}

pacticipant_record read_pacticipant(const row& s) {
    return {s.integer(0), s.text(1), optional_text(s, 2), optional_text(s, 3), optional_text(s, 4), s.text(5), s.text(6)};
}

version_record read_version(const row& s) { return {s.integer(0), s.integer(1), s.text(2), optional_text(s, 3), s.text(4)}; }

branch_record read_branch(const row& s) { return {s.integer(0), s.integer(1), s.text(2), s.text(3)}; }

pact_version_record read_pact_version(const row& s) { return {s.integer(0), s.integer(1), s.integer(2), s.text(3), s.text(4), s.text(5)}; }

pact_publication_record read_publication(const row& s) { return {s.integer(0), s.integer(1), s.integer(2), s.integer(3), s.integer(4), s.text(5)}; }

verification_record read_verification(const row& s) {
    return {s.integer(0), s.integer(1), s.integer(2), s.integer(3), s.integer(4) != 0, optional_text(s, 5), s.text(6), s.text(7), s.text(8),
            s.integer(9) != 0};
}

environment_record read_environment(const row& s) {
    return {s.integer(0), s.text(1), s.text(2), s.text(3), s.integer(4) != 0, s.text(5), s.text(6), s.text(7)};
}

deployed_version_record read_deployed(const row& s) {
    return {s.integer(0), s.text(1), s.integer(2), s.integer(3), s.integer(4), optional_text(s, 5), optional_text(s, 6), s.text(7), optional_text(s, 8)};
}

released_version_record read_released(const row& s) {
    return {s.integer(0), s.text(1), s.integer(2), s.integer(3), s.integer(4), s.text(5), optional_text(s, 6)};
}

webhook_record read_webhook(const row& s) {
    return {s.integer(0),         s.text(1),           optional_text(s, 2),  optional_text(s, 3), optional_text(s, 4), optional_text(s, 5),
            optional_text(s, 6),  {},                  s.text(7),            s.text(8),           s.text(9),           optional_text(s, 10),
            optional_text(s, 11), optional_text(s, 12), s.integer(13) != 0,  s.text(14),          s.text(15)};
}

triggered_webhook_record read_triggered(const row& s) {
    return {s.integer(0), s.text(1), s.integer(2), s.text(3), s.text(4), s.text(5), s.text(6), s.text(7), s.text(8), s.text(9),
            s.integer(10), optional_integer(s, 11), s.text(12), s.text(13)};
}

webhook_execution_record read_execution(const row& s) { return {s.integer(0), s.integer(1), s.integer(2) != 0, s.text(3), s.text(4)}; }

}  // namespace pact::broker::store::sql
