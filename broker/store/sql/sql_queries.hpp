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

// Column lists, with the table alias every query uses for that table, and their readers.
std::optional<std::string> optional_text(const row& found, int column);
std::optional<std::int64_t> optional_integer(const row& found, int column);

extern const std::string pacticipant_columns;  // p
pacticipant_record read_pacticipant(const row& found);
extern const std::string version_columns;  // v
version_record read_version(const row& found);
extern const std::string branch_columns;  // b
branch_record read_branch(const row& found);
extern const std::string pact_version_columns;  // pv
pact_version_record read_pact_version(const row& found);
extern const std::string publication_columns;  // pp
pact_publication_record read_publication(const row& found);
extern const std::string verification_columns;  // vr
verification_record read_verification(const row& found);
extern const std::string environment_columns;  // e
environment_record read_environment(const row& found);
extern const std::string deployed_columns;  // d
deployed_version_record read_deployed(const row& found);
extern const std::string released_columns;  // r
released_version_record read_released(const row& found);
extern const std::string webhook_columns;  // w
webhook_record read_webhook(const row& found);  // without its events, read separately
extern const std::string triggered_columns;  // t
triggered_webhook_record read_triggered(const row& found);
extern const std::string execution_columns;  // x
webhook_execution_record read_execution(const row& found);

// The repositories, each over the transaction's connection.
std::unique_ptr<pacticipant_writer> make_pacticipant_repository(connection& session);
std::unique_ptr<pact_writer> make_pact_repository(connection& session);
std::unique_ptr<verification_writer> make_verification_repository(connection& session);
std::unique_ptr<environment_writer> make_environment_repository(connection& session);
std::unique_ptr<webhook_writer> make_webhook_repository(connection& session);

}  // namespace pact::broker::store::sql
