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

const std::string pacticipant_columns = "p.id, p.name, p.display_name, p.main_branch, p.repository_url, p.created_at, p.updated_at";
pacticipant_record read_pacticipant(const row& s) {
    return {s.integer(0), s.text(1), optional_text(s, 2), optional_text(s, 3), optional_text(s, 4), s.text(5), s.text(6)};
}

const std::string version_columns = "v.id, v.pacticipant_id, v.number, v.build_url, v.created_at";
version_record read_version(const row& s) { return {s.integer(0), s.integer(1), s.text(2), optional_text(s, 3), s.text(4)}; }

const std::string branch_columns = "b.id, b.pacticipant_id, b.name, b.created_at";
branch_record read_branch(const row& s) { return {s.integer(0), s.integer(1), s.text(2), s.text(3)}; }

const std::string pact_version_columns = "pv.id, pv.consumer_id, pv.provider_id, pv.sha, pv.content, pv.created_at";
pact_version_record read_pact_version(const row& s) { return {s.integer(0), s.integer(1), s.integer(2), s.text(3), s.text(4), s.text(5)}; }

const std::string publication_columns = "pp.id, pp.consumer_id, pp.provider_id, pp.consumer_version_id, pp.pact_version_id, pp.created_at";
pact_publication_record read_publication(const row& s) { return {s.integer(0), s.integer(1), s.integer(2), s.integer(3), s.integer(4), s.text(5)}; }

const std::string verification_columns =
    "vr.id, vr.pact_version_id, vr.provider_version_id, vr.number, vr.success, vr.build_url, vr.test_results, vr.verified_by, vr.created_at, vr.wip";
verification_record read_verification(const row& s) {
    return {s.integer(0), s.integer(1), s.integer(2), s.integer(3), s.integer(4) != 0, optional_text(s, 5), s.text(6), s.text(7), s.text(8),
            s.integer(9) != 0};
}

const std::string environment_columns = "e.id, e.uuid, e.name, e.display_name, e.production, e.contacts, e.created_at, e.updated_at";
environment_record read_environment(const row& s) {
    return {s.integer(0), s.text(1), s.text(2), s.text(3), s.integer(4) != 0, s.text(5), s.text(6), s.text(7)};
}

const std::string deployed_columns =
    "d.id, d.uuid, d.version_id, d.pacticipant_id, d.environment_id, d.application_instance, d.target, d.created_at, d.undeployed_at";
deployed_version_record read_deployed(const row& s) {
    return {s.integer(0), s.text(1), s.integer(2), s.integer(3), s.integer(4), optional_text(s, 5), optional_text(s, 6), s.text(7), optional_text(s, 8)};
}

const std::string released_columns = "r.id, r.uuid, r.version_id, r.pacticipant_id, r.environment_id, r.created_at, r.support_ended_at";
released_version_record read_released(const row& s) {
    return {s.integer(0), s.text(1), s.integer(2), s.integer(3), s.integer(4), s.text(5), optional_text(s, 6)};
}

const std::string webhook_columns =
    "w.id, w.uuid, w.description, w.consumer_name, w.consumer_label, w.provider_name, w.provider_label, w.request_method, w.request_url,"
    " w.request_headers, w.request_body, w.request_username, w.request_password, w.enabled, w.created_at, w.updated_at";
webhook_record read_webhook(const row& s) {
    return {s.integer(0),         s.text(1),           optional_text(s, 2),  optional_text(s, 3), optional_text(s, 4), optional_text(s, 5),
            optional_text(s, 6),  {},                  s.text(7),            s.text(8),           s.text(9),           optional_text(s, 10),
            optional_text(s, 11), optional_text(s, 12), s.integer(13) != 0,  s.text(14),          s.text(15)};
}

const std::string triggered_columns =
    "t.id, t.uuid, t.webhook_id, t.webhook_uuid, t.event_name, t.trigger_type, t.consumer_name, t.provider_name, t.context, t.status,"
    " t.attempts_made, t.last_attempt_at_ms, t.created_at, t.updated_at";
triggered_webhook_record read_triggered(const row& s) {
    return {s.integer(0), s.text(1), s.integer(2), s.text(3), s.text(4), s.text(5), s.text(6), s.text(7), s.text(8), s.text(9),
            s.integer(10), optional_integer(s, 11), s.text(12), s.text(13)};
}

const std::string execution_columns = "x.id, x.triggered_webhook_id, x.success, x.logs, x.created_at";
webhook_execution_record read_execution(const row& s) { return {s.integer(0), s.integer(1), s.integer(2) != 0, s.text(3), s.text(4)}; }

}  // namespace pact::broker::store::sql
