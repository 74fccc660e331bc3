// Webhooks, their delivery queue and execution logs, in SQL.

#include "broker/store/sql/sql_queries.hpp"

namespace pact::broker::store::sql {
namespace {

const statement find_webhook{"find_webhook", "SELECT " + webhook_columns + " FROM webhooks w WHERE w.uuid = ?"};
const statement list_webhooks{"list_webhooks", "SELECT " + webhook_columns + " FROM webhooks w ORDER BY w.id"};
// A label filter is one probe of the labels primary key for the pacticipant named in the event.
const statement webhooks_to_trigger{
    "webhooks_to_trigger",
    "SELECT " + webhook_columns +
        " FROM webhooks w WHERE w.enabled = 1"
        " AND ((w.consumer_name IS NULL AND w.consumer_label IS NULL) OR w.consumer_name = ?1"
        "      OR EXISTS (SELECT 1 FROM labels l JOIN pacticipants p ON p.id = l.pacticipant_id WHERE p.name = ?1 AND l.name = w.consumer_label))"
        " AND ((w.provider_name IS NULL AND w.provider_label IS NULL) OR w.provider_name = ?2"
        "      OR EXISTS (SELECT 1 FROM labels l JOIN pacticipants p ON p.id = l.pacticipant_id WHERE p.name = ?2 AND l.name = w.provider_label))"
        " ORDER BY w.id"};
const statement events_of_webhook{"events_of_webhook", "SELECT name FROM webhook_events WHERE webhook_id = ? ORDER BY position"};
const statement insert_webhook{"insert_webhook",
                               "INSERT INTO webhooks (uuid, description, consumer_name, consumer_label, provider_name, provider_label, request_method,"
                               " request_url, request_headers, request_body, request_username, request_password, enabled, created_at, updated_at)"
                               " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"};
const statement update_webhook{"update_webhook",
                               "UPDATE webhooks SET description = ?, consumer_name = ?, consumer_label = ?, provider_name = ?, provider_label = ?,"
                               " request_method = ?, request_url = ?, request_headers = ?, request_body = ?, request_username = ?,"
                               " request_password = ?, enabled = ?, updated_at = ? WHERE id = ?"};
const statement delete_webhook{"delete_webhook", "DELETE FROM webhooks WHERE id = ?"};
// Webhooks and their deliveries name their pacticipants instead of referring to their rows.
const statement delete_webhooks_naming{"delete_webhooks_naming", "DELETE FROM webhooks WHERE consumer_name = ?1 OR provider_name = ?1"};
const statement delete_triggered_webhooks_naming{"delete_triggered_webhooks_naming",
                                                 "DELETE FROM triggered_webhooks WHERE consumer_name = ?1 OR provider_name = ?1"};
const statement delete_webhooks_of_pair{"delete_webhooks_of_pair", "DELETE FROM webhooks WHERE consumer_name = ? AND provider_name = ?"};
const statement delete_triggered_webhooks_of_pair{"delete_triggered_webhooks_of_pair",
                                                  "DELETE FROM triggered_webhooks WHERE consumer_name = ? AND provider_name = ?"};
const statement delete_webhook_events{"delete_webhook_events", "DELETE FROM webhook_events WHERE webhook_id = ?"};
const statement insert_webhook_event{"insert_webhook_event", "INSERT INTO webhook_events (webhook_id, position, name) VALUES (?, ?, ?)"};
const statement find_triggered{"find_triggered", "SELECT " + triggered_columns + " FROM triggered_webhooks t WHERE t.uuid = ?"};
const statement triggered_of_pair{"triggered_of_pair", "SELECT " + triggered_columns +
                                                           " FROM triggered_webhooks t WHERE t.consumer_name = ? AND t.provider_name = ? ORDER BY t.id DESC"};
const statement triggered_of_webhook{"triggered_of_webhook",
                                     "SELECT " + triggered_columns + " FROM triggered_webhooks t WHERE t.webhook_id = ? ORDER BY t.id"};
const statement pending_triggered{"pending_triggered",
                                  "SELECT " + triggered_columns + " FROM triggered_webhooks t WHERE t.status IN ('not_run', 'retrying') ORDER BY t.id"};
const statement insert_triggered{"insert_triggered",
                                 "INSERT INTO triggered_webhooks (uuid, webhook_id, webhook_uuid, event_name, trigger_type, consumer_name, provider_name,"
                                 " context, status, attempts_made, last_attempt_at_ms, created_at, updated_at)"
                                 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"};
const statement update_triggered{"update_triggered",
                                 "UPDATE triggered_webhooks SET status = ?, attempts_made = ?, last_attempt_at_ms = ?, updated_at = ?,"
                                 " claimed_until_ms = NULL WHERE id = ?"};
const statement claim_triggered{"claim_triggered",
                                "UPDATE triggered_webhooks SET claimed_until_ms = ?3"
                                " WHERE id = ?1 AND status IN ('not_run', 'retrying') AND (claimed_until_ms IS NULL OR claimed_until_ms <= ?2)"};
const statement executions_of{"executions_of",
                              "SELECT " + execution_columns + " FROM webhook_executions x WHERE x.triggered_webhook_id = ? ORDER BY x.id"};
const statement insert_execution{"insert_execution",
                                 "INSERT INTO webhook_executions (triggered_webhook_id, success, logs, created_at) VALUES (?, ?, ?, ?) RETURNING id"};

class webhook_repository final : public webhook_writer {
public:
    explicit webhook_repository(connection& session) : sql_(session) {}

    std::optional<webhook_record> find_webhook(std::string_view uuid) override {
        auto found = sql_.one(sql::find_webhook, read_webhook, uuid);
        if (found) found->events = events_of(found->id);
        return found;
    }
    std::vector<webhook_record> list_webhooks() override { return with_events(sql_.many(sql::list_webhooks, read_webhook)); }
    std::vector<webhook_record> webhooks_to_trigger(std::string_view consumer_name, std::string_view provider_name) override {
        return with_events(sql_.many(sql::webhooks_to_trigger, read_webhook, consumer_name, provider_name));
    }
    std::optional<triggered_webhook_record> find_triggered_webhook(std::string_view uuid) override {
        return sql_.one(find_triggered, read_triggered, uuid);
    }
    std::vector<triggered_webhook_record> triggered_webhooks_of_pair(std::string_view consumer_name, std::string_view provider_name) override {
        return sql_.many(triggered_of_pair, read_triggered, consumer_name, provider_name);
    }
    std::vector<triggered_webhook_record> pending_triggered_webhooks() override { return sql_.many(pending_triggered, read_triggered); }
    std::vector<triggered_webhook_record> triggered_webhooks_of(row_id webhook_id) override {
        return sql_.many(triggered_of_webhook, read_triggered, webhook_id);
    }
    std::vector<webhook_execution_record> executions_of(row_id triggered_webhook_id) override {
        return sql_.many(sql::executions_of, read_execution, triggered_webhook_id);
    }

    row_id insert_webhook(const webhook_record& w) override {
        const auto id = sql_.insert(sql::insert_webhook, w.uuid, w.description, w.consumer_name, w.consumer_label, w.provider_name, w.provider_label,
                                    w.request_method, w.request_url, w.request_headers, w.request_body, w.request_username, w.request_password,
                                    w.enabled, w.created_at, w.updated_at);
        insert_events(id, w.events);
        return id;
    }
    void update_webhook(const webhook_record& w) override {
        sql_.execute(sql::update_webhook, w.description, w.consumer_name, w.consumer_label, w.provider_name, w.provider_label, w.request_method,
                     w.request_url, w.request_headers, w.request_body, w.request_username, w.request_password, w.enabled, w.updated_at, w.id);
        sql_.execute(delete_webhook_events, w.id);
        insert_events(w.id, w.events);
    }
    void delete_webhook(row_id webhook_id) override { sql_.execute(sql::delete_webhook, webhook_id); }
    void delete_webhooks_naming(std::string_view pacticipant_name) override {
        sql_.execute(sql::delete_webhooks_naming, pacticipant_name);
        sql_.execute(delete_triggered_webhooks_naming, pacticipant_name);
    }
    void delete_webhooks_of_pair(std::string_view consumer_name, std::string_view provider_name) override {
        sql_.execute(sql::delete_webhooks_of_pair, consumer_name, provider_name);
        sql_.execute(delete_triggered_webhooks_of_pair, consumer_name, provider_name);
    }
    row_id insert_triggered_webhook(const triggered_webhook_record& t) override {
        return sql_.insert(insert_triggered, t.uuid, t.webhook_id, t.webhook_uuid, t.event_name, t.trigger_type, t.consumer_name, t.provider_name,
                           t.context, t.status, t.attempts_made, t.last_attempt_at_ms, t.created_at, t.updated_at);
    }
    void update_triggered_webhook(const triggered_webhook_record& t) override {
        sql_.execute(update_triggered, t.status, t.attempts_made, t.last_attempt_at_ms, t.updated_at, t.id);
    }
    bool claim_triggered_webhook(row_id triggered_webhook_id, std::int64_t now_ms, std::int64_t claimed_until_ms) override {
        return sql_.execute(claim_triggered, triggered_webhook_id, now_ms, claimed_until_ms) > 0;
    }
    row_id insert_webhook_execution(const webhook_execution_record& x) override {
        return sql_.insert(insert_execution, x.triggered_webhook_id, x.success, x.logs, x.created_at);
    }

private:
    std::vector<std::string> events_of(row_id webhook_id) {
        return sql_.many(events_of_webhook, [](const row& s) { return s.text(0); }, webhook_id);
    }
    std::vector<webhook_record> with_events(std::vector<webhook_record> webhooks) {
        for (auto& webhook : webhooks) webhook.events = events_of(webhook.id);
        return webhooks;
    }
    void insert_events(row_id webhook_id, const std::vector<std::string>& events) {
        for (std::size_t position = 0; position < events.size(); ++position)
            sql_.execute(insert_webhook_event, webhook_id, static_cast<std::int64_t>(position), events[position]);
    }

    queries sql_;
};

}  // namespace

std::unique_ptr<webhook_writer> make_webhook_repository(connection& session) { return std::make_unique<webhook_repository>(session); }

}  // namespace pact::broker::store::sql
