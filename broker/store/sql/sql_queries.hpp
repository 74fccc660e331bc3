#pragma once
// How the SQL repositories run their statements: C++ values bound as parameters, rows read into records.
// Internal to broker/store/sql.

#include "broker/store/records.hpp"
#include "broker/store/sql/sql_connection.hpp"
#include "broker/store/store.hpp"

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace pact::broker::store::sql {

inline value to_value(std::string_view text) { return text; }
inline value to_value(const std::string& text) { return std::string_view(text); }
inline value to_value(std::int64_t number) { return number; }
inline value to_value(bool flag) { return std::int64_t{flag ? 1 : 0}; }
inline value to_value(const std::optional<std::string>& text) { return text ? value(std::string_view(*text)) : value(); }
inline value to_value(const std::optional<std::int64_t>& number) { return number ? value(*number) : value(); }

template <typename Reader>
using read_result = std::invoke_result_t<Reader, const row&>;

// A list that is read a window at a time: its rows "SELECT columns FROM ... ORDER BY ... LIMIT ? OFFSET ?" and its
// length "SELECT COUNT(*) FROM ...", from one FROM-and-WHERE clause.
struct paged_statement {
    paged_statement(std::string_view name, const std::string& columns, const std::string& from_where, const std::string& order_by)
        : window(std::string(name) + "_window", "SELECT " + columns + " " + from_where + " ORDER BY " + order_by + " LIMIT ? OFFSET ?"),
          count(std::string(name) + "_count", "SELECT COUNT(*) " + from_where) {}

    statement window;
    statement count;
};

// Runs queries on one connection; each method binds its arguments in order.
class queries {
public:
    explicit queries(connection& session) : session_(session) {}

    template <typename Reader, typename... Arguments>
    std::optional<read_result<Reader>> one(const statement& query, Reader read, const Arguments&... arguments) {
        std::optional<read_result<Reader>> result;
        run(query, [&](const row& found) { if (!result) result = read(found); }, arguments...);
        return result;
    }
    template <typename Reader, typename... Arguments>
    std::vector<read_result<Reader>> many(const statement& query, Reader read, const Arguments&... arguments) {
        std::vector<read_result<Reader>> rows;
        run(query, [&](const row& found) { rows.push_back(read(found)); }, arguments...);
        return rows;
    }
    template <typename... Arguments>
    bool exists(const statement& query, const Arguments&... arguments) {
        bool found = false;
        run(query, [&](const row&) { found = true; }, arguments...);
        return found;
    }
    // INSERT, UPDATE or DELETE: how many rows it changed.
    template <typename... Arguments>
    std::int64_t execute(const statement& query, const Arguments&... arguments) {
        return run(query, [](const row&) {}, arguments...);
    }
    // One window of a paged list, with the list's length; the window's LIMIT and OFFSET are bound after `arguments`.
    template <typename Reader, typename... Arguments>
    record_page<read_result<Reader>> page(const paged_statement& query, Reader read, list_window window, const Arguments&... arguments) {
        record_page<read_result<Reader>> result;
        run(query.count, [&](const row& counted) { result.total = counted.integer(0); }, arguments...);
        if (window.offset < result.total) result.records = many(query.window, read, arguments..., window.limit, window.offset);
        return result;
    }
    // An INSERT ... RETURNING id: the new row's id.
    template <typename... Arguments>
    row_id insert(const statement& query, const Arguments&... arguments) {
        row_id id = 0;
        run(query, [&](const row& returned) { id = returned.integer(0); }, arguments...);
        return id;
    }

private:
    template <typename... Arguments>
    std::int64_t run(const statement& query, const row_handler& each_row, const Arguments&... arguments) {
        const std::array<value, sizeof...(Arguments)> parameters{to_value(arguments)...};
        return session_.run(query, parameters, each_row);
    }

    connection& session_;
};

// Column lists, with the table alias every query uses for that table, and their readers. Inline and defined
// here, before the statements of every file that includes this, so that they are initialised first.
std::optional<std::string> optional_text(const row& found, int column);
std::optional<std::int64_t> optional_integer(const row& found, int column);

inline const std::string pacticipant_columns =
    "p.id, p.name, p.display_name, p.main_branch, p.repository_url, p.created_at, p.updated_at";  // p
pacticipant_record read_pacticipant(const row& found);
inline const std::string version_columns =
    "v.id, v.pacticipant_id, v.number, v.build_url, v.created_at";  // v
version_record read_version(const row& found);
inline const std::string branch_columns =
    "b.id, b.pacticipant_id, b.name, b.created_at";  // b
branch_record read_branch(const row& found);
// A pacticipant's branch id by name as a scalar subquery, so that PostgreSQL's planner walks that one branch's
// versions newest first along branch_versions' primary key rather than joining every branch of the pacticipant.
inline std::string branch_id_query(std::string_view pacticipant_placeholder, std::string_view name_placeholder) {
    return "SELECT b.id FROM branches b WHERE b.pacticipant_id = " + std::string(pacticipant_placeholder) +
           " AND b.name = " + std::string(name_placeholder);
}
inline const std::string pact_version_columns =
    "pv.id, pv.consumer_id, pv.provider_id, pv.sha, pv.content, pv.created_at";  // pv
pact_version_record read_pact_version(const row& found);
inline const std::string publication_columns =
    "pp.id, pp.consumer_id, pp.provider_id, pp.consumer_version_id, pp.pact_version_id, pp.created_at";  // pp
pact_publication_record read_publication(const row& found);
inline const std::string verification_columns =
    "vr.id, vr.pact_version_id, vr.provider_version_id, vr.number, vr.success, vr.build_url, vr.test_results, vr.verified_by, vr.created_at, vr.wip";  // vr
verification_record read_verification(const row& found);
inline const std::string environment_columns =
    "e.id, e.uuid, e.name, e.display_name, e.production, e.contacts, e.created_at, e.updated_at";  // e
environment_record read_environment(const row& found);
inline const std::string deployed_columns =
    "d.id, d.uuid, d.version_id, d.pacticipant_id, d.environment_id, d.application_instance, d.target, d.created_at, d.undeployed_at";  // d
deployed_version_record read_deployed(const row& found);
inline const std::string released_columns =
    "r.id, r.uuid, r.version_id, r.pacticipant_id, r.environment_id, r.created_at, r.support_ended_at";  // r
released_version_record read_released(const row& found);
inline const std::string webhook_columns =
    "w.id, w.uuid, w.description, w.consumer_name, w.consumer_label, w.provider_name, w.provider_label, w.request_method, w.request_url,"
    " w.request_headers, w.request_body, w.request_username, w.request_password, w.enabled, w.created_at, w.updated_at";  // w
webhook_record read_webhook(const row& found);  // without its events, read separately
inline const std::string triggered_columns =
    "t.id, t.uuid, t.webhook_id, t.webhook_uuid, t.event_name, t.trigger_type, t.consumer_name, t.provider_name, t.context, t.status,"
    " t.attempts_made, t.last_attempt_at_ms, t.created_at, t.updated_at";  // t
triggered_webhook_record read_triggered(const row& found);
inline const std::string execution_columns =
    "x.id, x.triggered_webhook_id, x.success, x.logs, x.created_at";  // x
webhook_execution_record read_execution(const row& found);

// The repositories, each over the transaction's connection.
std::unique_ptr<pacticipant_writer> make_pacticipant_repository(connection& session);
std::unique_ptr<pact_writer> make_pact_repository(connection& session);
std::unique_ptr<verification_writer> make_verification_repository(connection& session);
std::unique_ptr<environment_writer> make_environment_repository(connection& session);
std::unique_ptr<webhook_writer> make_webhook_repository(connection& session);
record_counts count_records(connection& session);
std::unique_ptr<maintenance_writer> make_maintenance_repository(connection& session);
std::unique_ptr<field_usage_writer> make_field_usage_repository(connection& session);
std::unique_ptr<provider_contract_writer> make_provider_contract_repository(connection& session);

}  // namespace pact::broker::store::sql
