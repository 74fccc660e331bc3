// Operating the broker: GET /metrics in the Prometheus text format (parsed here line by line), the
// dependencies check, and one log line per request with its request id; in-process where the handler is
// enough, over the real binary for the log, the options and authentication.

#include "broker_process.hpp"
#include "http_test_support.hpp"
#include "support/files.hpp"
#include "support/postgres_server.hpp"
#include "test_database.hpp"

#include "broker/api/metrics.hpp"
#include "broker/api/request_observer.hpp"
#include "http/client.hpp"

#include <boost/beast/http/field.hpp>
#include <doctest/doctest.h>

#include <chrono>
#include <cstdlib>
#include <map>
#include <regex>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

using namespace pact::broker::api::testing;
using nlohmann::json;

namespace operations_tests {
namespace {

namespace api = pact::broker::api;
namespace beast_http = boost::beast::http;
using namespace std::chrono_literals;

// ---- A Prometheus text-format parser: every sample line is `name{labels} value`, every family has a # TYPE.

struct sample {
    std::string name;
    std::map<std::string, std::string> labels;
    double value = 0;
};

struct exposition {
    std::vector<sample> samples;
    std::map<std::string, std::string> types;  // family name → counter, gauge, histogram, …

    // The sum of the samples of that name whose labels include `labels`; nullopt when there is none.
    [[nodiscard]] std::optional<double> value(const std::string& name, const std::map<std::string, std::string>& labels = {}) const {
        std::optional<double> total;
        for (const auto& found : samples) {
            if (found.name != name) continue;
            if (!std::ranges::all_of(labels, [&](const auto& label) {
                    const auto it = found.labels.find(label.first);
                    return it != found.labels.end() && it->second == label.second;
                }))
                continue;
            total = total.value_or(0) + found.value;
        }
        return total;
    }
    [[nodiscard]] std::set<std::string> label_values(const std::string& name, const std::string& label) const {
        std::set<std::string> values;
        for (const auto& found : samples)
            if (found.name == name && found.labels.contains(label)) values.insert(found.labels.at(label));
        return values;
    }
};

// The family a sample belongs to: a histogram's _bucket, _sum and _count samples belong to its name.
std::string family_of(const std::string& name, const std::map<std::string, std::string>& types) {
    if (types.contains(name)) return name;
    for (const std::string suffix : {"_bucket", "_sum", "_count"})
        if (name.ends_with(suffix) && types.contains(name.substr(0, name.size() - suffix.size()))) return name.substr(0, name.size() - suffix.size());
    return name;
}

// Throws std::runtime_error naming the first line that is not of the format.
exposition parse_prometheus_text(const std::string& text) {
    static const std::regex type_line(R"(# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped))");
    static const std::regex sample_line(R"(([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? ([-+]?([0-9.eE+-]+|Inf|NaN)))");
    static const std::regex label(R"(([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)\",?)");
    exposition result;
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
        std::smatch match;
        if (line.empty() || line.starts_with("# HELP ")) continue;
        if (std::regex_match(line, match, type_line)) {
            result.types[match[1]] = match[2];
            continue;
        }
        if (!std::regex_match(line, match, sample_line)) throw std::runtime_error("not a Prometheus sample line: " + line);
        sample found{match[1], {}, std::stod(match[4])};
        std::string labels = match[3];
        for (std::smatch pair; !labels.empty(); labels = pair.suffix()) {
            if (!std::regex_search(labels, pair, label) || pair.position(0) != 0) throw std::runtime_error("malformed labels: " + line);
            found.labels[pair[1]] = pair[2];
        }
        if (!result.types.contains(family_of(found.name, result.types))) throw std::runtime_error("no # TYPE before " + line);
        result.samples.push_back(std::move(found));
    }
    return result;
}

// ---- The broker in-process, with its requests observed as pact-broker observes them.

class observed_broker {
public:
    observed_broker()
        : directory_(make_temporary_directory("broker-operations")),
          database_(directory_ / "broker.sqlite"),
          store_(database_.open()),
          services_(*store_, pact::broker::domain::broker_config{}),
          application_(routes(), {{test_base_url}, 10 * 1024 * 1024}),
          handler_(api::observe_requests([this](const pact::http::request& request) { return application_.handle(request); },
                                          [this](const api::request_summary& summary) {
                                              metrics_.observe(summary);
                                              last_ = summary;
                                          })) {}
    ~observed_broker() {
        std::error_code ignored;
        std::filesystem::remove_all(directory_, ignored);
    }

    pact::http::response send(std::string_view method, std::string target, std::string body = {}, std::string request_id = {}) {
        pact::http::request request{beast_http::string_to_verb(method), target, 11};
        request.set(beast_http::field::host, "broker.test");
        if (!request_id.empty()) request.set("X-Request-Id", request_id);
        if (!body.empty()) request.set(beast_http::field::content_type, "application/json");
        request.body() = std::move(body);
        request.prepare_payload();
        return handler_(std::move(request));
    }
    exposition scrape() {
        const auto response = send("GET", "/metrics");
        REQUIRE(response.result_int() == 200);
        CHECK(std::string(response[beast_http::field::content_type]).starts_with("text/plain; version=0.0.4"));
        return parse_prometheus_text(response.body());
    }
    void publish(const std::string& consumer, const std::string& version) {
        REQUIRE(send("POST", "/contracts/publish", publish_body(consumer, version, "Provider", "a request", {}, "main").dump()).result_int() == 200);
    }

    pact::broker::store::store& store() { return *store_; }
    const api::request_summary& last() const { return last_; }

private:
    api::route_table routes() {
        auto table = api::broker_routes(services_);
        api::add_metrics_route(table, services_, metrics_);
        return table;
    }

    std::filesystem::path directory_;
    pact::broker::testing::test_database database_;
    std::unique_ptr<pact::broker::store::store> store_;
    pact::broker::domain::broker_services services_;
    api::broker_metrics metrics_;
    api::broker_application application_;
    pact::http::handler handler_;
    api::request_summary last_;
};

// A database that has gone away: every transaction fails as the drivers fail, with a store_failure.
class unreachable_store final : public pact::broker::store::store {
public:
    std::unique_ptr<pact::broker::store::store_reader> read() override { throw pact::broker::store::store_failure("cannot connect to the test's database"); }
    std::unique_ptr<pact::broker::store::store_writer> write() override { throw pact::broker::store::store_failure("cannot connect to the test's database"); }
    std::string description() const override { return "unreachable"; }
};

// ---- The real binary.

pact::http::response send_to(const broker_process& broker, std::string_view method, std::string_view target,
                             const std::vector<std::pair<std::string, std::string>>& headers = {}) {
    auto request = pact::http::make_request(method, target);
    for (const auto& [name, value] : headers) request.set(name, value);
    auto destination = pact::http::parse_url(broker.base_url());
    REQUIRE(destination);
    auto response = pact::http::send_blocking(*destination, std::move(request));
    REQUIRE(response);
    return std::move(*response);
}

// The broker's printed lines after its first two (where it listens, where to browse), waiting up to 5 s
// for at least `count` of them (it writes each before its response, but the test reads the pipe in another thread).
std::vector<std::string> request_lines(const broker_process& broker, std::size_t count) {
    const auto deadline = std::chrono::steady_clock::now() + 5s;
    for (;;) {
        auto lines = broker.output();
        lines.erase(lines.begin(), lines.begin() + std::min<std::size_t>(2, lines.size()));
        if (lines.size() >= count || std::chrono::steady_clock::now() > deadline) return lines;
        std::this_thread::sleep_for(10ms);
    }
}

const std::string read_only_token = "read-only-token-for-metrics";
const std::string read_write_token = "read-write-token-for-metrics";

}  // namespace

TEST_CASE("the metrics parse as the Prometheus text format and name every record kind and the request metrics") {
    observed_broker broker;
    CHECK(broker.send("GET", "/").result_int() == 200);
    const auto metrics = broker.scrape();
    for (const std::string name : {"pact_broker_pacticipants", "pact_broker_versions", "pact_broker_pact_publications",
                                   "pact_broker_verification_results", "pact_broker_webhooks", "pact_broker_webhook_queue_depth"}) {
        CAPTURE(name);
        CHECK(metrics.types.at(name) == "gauge");
        CHECK(metrics.value(name) == 0);
    }
    CHECK(metrics.types.at("pact_broker_http_requests_total") == "counter");
    CHECK(metrics.types.at("pact_broker_http_request_duration_seconds") == "histogram");
    CHECK(metrics.value("pact_broker_http_requests_total", {{"route", "/"}, {"method", "GET"}, {"status", "200"}}) == 1);
    CHECK(metrics.value("pact_broker_http_request_duration_seconds_count", {{"route", "/"}}) == 1);
    CHECK(metrics.value("pact_broker_database_up") == 1);
}

TEST_CASE("the record counts and request counters rise after a publish") {
    observed_broker broker;
    const auto before = broker.scrape();
    broker.publish("Consumer", "1.0.0");
    broker.publish("Consumer", "1.0.1");
    const auto after = broker.scrape();
    CHECK(after.value("pact_broker_pacticipants") == 2);
    CHECK(after.value("pact_broker_versions") == 2);
    CHECK(after.value("pact_broker_pact_publications") == 2);
    CHECK(after.value("pact_broker_verification_results") == 0);
    CHECK(after.value("pact_broker_http_requests_total", {{"route", "/contracts/publish"}, {"status", "200"}}) == 2);
    CHECK(before.value("pact_broker_http_requests_total", {{"route", "/contracts/publish"}}) == std::nullopt);

    const auto counts = broker.store().read()->count_records();
    CHECK(counts.pacticipants == 2);
    CHECK(counts.versions == 2);
    CHECK(counts.pact_versions == 1);  // the same content twice
}

TEST_CASE("the route label is the route's pattern, one for all paths of a route, and unmatched paths share one label") {
    observed_broker broker;
    broker.publish("Consumer", "1.0.0");
    for (const std::string name : {"Consumer", "Provider", "Nobody", "Somebody%20else"}) (void)broker.send("GET", "/pacticipants/" + name);
    (void)broker.send("GET", "/no/such/thing/1");
    (void)broker.send("GET", "/no/such/thing/2");
    const auto metrics = broker.scrape();
    const auto routes = metrics.label_values("pact_broker_http_requests_total", "route");
    CHECK(routes == std::set<std::string>{"/contracts/publish", "/pacticipants/{pacticipant}", "unmatched"});
    CHECK(metrics.value("pact_broker_http_requests_total", {{"route", "/pacticipants/{pacticipant}"}, {"status", "200"}}) == 2);
    CHECK(metrics.value("pact_broker_http_requests_total", {{"route", "/pacticipants/{pacticipant}"}, {"status", "404"}}) == 2);
    CHECK(metrics.value("pact_broker_http_requests_total", {{"route", "unmatched"}, {"status", "404"}}) == 2);
    for (const auto& found : metrics.samples)
        for (const auto& [name, value] : found.labels) CHECK_MESSAGE(value.find("Consumer") == std::string::npos, found.name, " ", value);
    CHECK(metrics.label_values("pact_broker_http_request_duration_seconds_bucket", "route") == routes);
}

TEST_CASE("a route match names its pattern, also when only the path fits and the method does not") {
    api::route_table routes;
    routes.add("GET", "/pacticipants/{pacticipant}", [](const api::resource_request&) { return api::resource_response{}; });
    routes.add("GET", "/pacticipants/{pacticipant}/versions/{version+}", [](const api::resource_request&) { return api::resource_response{}; });
    CHECK(routes.match("GET", api::split_path("/pacticipants/Alice")).pattern == "/pacticipants/{pacticipant}");
    CHECK(routes.match("GET", api::split_path("/pacticipants/Alice/versions/1.0.0/build/7")).pattern ==
          "/pacticipants/{pacticipant}/versions/{version+}");
    const auto not_allowed = routes.match("DELETE", api::split_path("/pacticipants/Alice"));
    CHECK(not_allowed.matched == nullptr);
    CHECK(not_allowed.pattern == "/pacticipants/{pacticipant}");
    CHECK(routes.match("GET", api::split_path("/elsewhere")).pattern.empty());

    observed_broker broker;
    CHECK(broker.send("DELETE", "/diagnostic/status/heartbeat").result_int() == 405);
    CHECK(broker.last().route == "/diagnostic/status/heartbeat");
}

TEST_CASE("a request's id is the client's X-Request-Id or a new one, echoed back, and the route field never leaves the broker") {
    observed_broker broker;
    const auto given = broker.send("GET", "/diagnostic/status/heartbeat", {}, "trace-42.a");
    CHECK(given[api::request_id_field] == "trace-42.a");
    CHECK(broker.last().id == "trace-42.a");
    CHECK(broker.last().route == "/diagnostic/status/heartbeat");
    CHECK(given.find(pact::http::route_field) == given.end());

    const auto hostile = broker.send("GET", "/diagnostic/status/heartbeat", {}, "a b\"c");
    const std::string made_up(hostile[api::request_id_field]);
    CHECK(std::regex_match(made_up, std::regex("[0-9a-f]{32}")));
    const auto another = broker.send("GET", "/diagnostic/status/heartbeat");
    CHECK(std::string(another[api::request_id_field]) != made_up);
    CHECK(api::request_id_for(std::string(200, 'a')).size() == 32);
}

TEST_CASE("the dependencies check answers 200 with a JSON body when the database answers a query") {
    observed_broker broker;
    const auto response = broker.send("GET", "/diagnostic/status/dependencies");
    CHECK(response.result_int() == 200);
    const auto body = json::parse(response.body());
    CHECK(body.at("ok") == true);
    CHECK(body.at("dependencies").at("database").at("ok") == true);
    CHECK(broker.send("GET", "/diagnostic/status/heartbeat").result_int() == 200);
}

TEST_CASE("over a database that fails: the dependencies check is 503 naming the problem, the metrics say the database is down") {
    unreachable_store store;
    pact::broker::domain::broker_services services(store, pact::broker::domain::broker_config{});
    api::broker_metrics metrics;
    auto routes = api::broker_routes(services);
    api::add_metrics_route(routes, services, metrics);
    const api::broker_application application(std::move(routes), {{test_base_url}, 1024});
    const auto get = [&](std::string target) {
        pact::http::request request{beast_http::verb::get, target, 11};
        return application.handle(request);
    };

    const auto dependencies = get("/diagnostic/status/dependencies");
    CHECK(dependencies.result_int() == 503);
    const auto body = json::parse(dependencies.body());
    CHECK(body.at("ok") == false);
    CHECK(body.at("dependencies").at("database").at("error") == "cannot connect to the test's database");
    CHECK(body.at("errors").at(0).get<std::string>().find("cannot connect to the test's database") != std::string::npos);
    CHECK(get("/diagnostic/status/heartbeat").result_int() == 200);

    const auto scraped = get("/metrics");
    REQUIRE(scraped.result_int() == 200);
    const auto exposed = parse_prometheus_text(scraped.body());
    CHECK(exposed.value("pact_broker_database_up") == 0);
    CHECK(exposed.value("pact_broker_pacticipants") == std::nullopt);
}

TEST_CASE("the database pool's sessions are metrics on PostgreSQL and absent on SQLite") {
    observed_broker broker;
    CHECK(broker.send("GET", "/pacticipants").result_int() == 200);  // a session opened, and given back
    const auto metrics = broker.scrape();
    if (pact::broker::testing::on_postgresql()) {
        CHECK(metrics.value("pact_broker_database_pool_sessions_max") == 8);  // the test store's pool size
        CHECK(metrics.value("pact_broker_database_pool_sessions_in_use") == 0);  // measured before the scrape's own transaction
        CHECK(metrics.value("pact_broker_database_pool_sessions_open") >= 1);
    } else {
        CHECK(metrics.value("pact_broker_database_pool_sessions_max") == std::nullopt);
    }
}

TEST_SUITE_BEGIN("component");

TEST_CASE("over HTTP: one log line per request with its id, method, route pattern, status and duration, never a query or credentials") {
    auto directory = make_temporary_directory("broker-operations");
    broker_process broker(directory / "broker.sqlite", {"--read-write-token", read_write_token});
    const auto answered = send_to(broker, "GET", "/pacticipants/Alice?secret=hunter2",
                                  {{"X-Request-Id", "req-1"}, {"Authorization", "Bearer " + read_write_token}});
    CHECK(answered.result_int() == 404);
    CHECK(answered["X-Request-Id"] == "req-1");
    CHECK(answered.find(pact::http::route_field) == answered.end());
    (void)send_to(broker, "GET", "/pacticipants", {{"Authorization", "Bearer wrong-" + read_write_token}});
    (void)send_to(broker, "GET", "/", {{"Authorization", "Bearer " + read_write_token}, {"Accept", "text/html"}});

    CHECK(broker.output().at(0).starts_with("Pact broker listening on 127.0.0.1:"));  // as scripts expect it
    const auto lines = request_lines(broker, 3);
    REQUIRE(lines.size() == 3);
    CHECK(std::regex_match(lines[0], std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z info request id=req-1 method=GET )"
                                                R"(route=/pacticipants/\{pacticipant\} path=/pacticipants/Alice status=404 duration_ms=\d+\.\d{3})")));
    CHECK(std::regex_search(lines[1], std::regex(R"(id=[0-9a-f]{32} method=GET route=unmatched path=/pacticipants status=401 )")));
    CHECK(std::regex_search(lines[2], std::regex(R"( method=GET route=/ path=/ status=200 )")));  // a browser's page: its route, as the JSON
    for (const auto& line : broker.output()) {
        CHECK(line.find("hunter2") == std::string::npos);
        CHECK(line.find(read_write_token) == std::string::npos);
    }
    CHECK(broker.stop() == 0);
    std::filesystem::remove_all(directory);
}

TEST_CASE("over HTTP: --log-format json prints every line as a JSON object, and --log-level warn leaves out the request lines") {
    auto directory = make_temporary_directory("broker-operations");
    {
        broker_process broker(directory / "broker.sqlite", {}, {"PACT_BROKER_LOG_FORMAT=json"});
        (void)send_to(broker, "GET", "/diagnostic/status/heartbeat", {{"X-Request-Id", "json-1"}});
        const auto lines = request_lines(broker, 1);
        REQUIRE(lines.size() == 1);
        const auto line = json::parse(lines[0]);
        CHECK(line.at("level") == "info");
        CHECK(line.at("request_id") == "json-1");
        CHECK(line.at("method") == "GET");
        CHECK(line.at("route") == "/diagnostic/status/heartbeat");
        CHECK(line.at("path") == "/diagnostic/status/heartbeat");
        CHECK(line.at("status") == 200);
        CHECK(line.at("duration_ms").is_number());
        CHECK(broker.stop() == 0);
        for (const auto& printed : broker.output()) CHECK_MESSAGE(json::accept(printed), printed);
    }
    broker_process quiet(directory / "broker.sqlite", {"--log-level", "warn"});
    CHECK(send_to(quiet, "GET", "/diagnostic/status/heartbeat").result_int() == 200);
    std::this_thread::sleep_for(200ms);
    CHECK(request_lines(quiet, 0).empty());
    CHECK(quiet.stop() == 0);
    std::filesystem::remove_all(directory);
}

TEST_CASE("pact-broker --log-format yaml or --log-level loud: a message naming the choices and a non-zero exit") {
    pact::testing::temporary_directory directory;
    const auto errors = directory.path() / "errors.txt";
    for (const std::string arguments : {"--log-format yaml", "--log-level loud"}) {
        CAPTURE(arguments);
        const auto command = std::string(PACT_BROKER_BINARY) + " --port 0 --database " + (directory.path() / "b.sqlite").string() + " " +
                             arguments + " 2>" + errors.string() + " >/dev/null";
        const int status = std::system(command.c_str());
        CHECK(status != 0);
        const auto message = pact::testing::read_file(errors);
        CHECK((message.find("--log-format: yaml not in {text,json}") != std::string::npos ||
               message.find("--log-level: loud not in {debug,info,warn,error}") != std::string::npos));
    }
}

TEST_CASE("over HTTP: /metrics needs read credentials when authentication is on, unless --public-metrics") {
    auto directory = make_temporary_directory("broker-operations");
    {
        broker_process broker(directory / "broker.sqlite", {"--read-write-token", read_write_token, "--read-only-token", read_only_token});
        CHECK(send_to(broker, "GET", "/metrics").result_int() == 401);
        const auto allowed = send_to(broker, "GET", "/metrics", {{"Authorization", "Bearer " + read_only_token}});
        CHECK(allowed.result_int() == 200);
        const auto metrics = parse_prometheus_text(allowed.body());
        CHECK(metrics.value("pact_broker_http_requests_total", {{"route", "unmatched"}, {"status", "401"}}) == 1);
        CHECK(send_to(broker, "GET", "/diagnostic/status/dependencies").result_int() == 401);
        CHECK(broker.stop() == 0);
    }
    broker_process broker(directory / "broker.sqlite", {"--read-write-token", read_write_token},
                          {"PACT_BROKER_PUBLIC_METRICS=true"});
    const auto anonymous = send_to(broker, "GET", "/metrics");
    CHECK(anonymous.result_int() == 200);
    CHECK(parse_prometheus_text(anonymous.body()).value("pact_broker_database_up") == 1);
    CHECK(send_to(broker, "GET", "/pacticipants").result_int() == 401);  // only the metrics are public
    CHECK(broker.stop() == 0);
    std::filesystem::remove_all(directory);
}

TEST_CASE("over HTTP: the dependencies check answers 503 with a JSON body while PostgreSQL is down, 200 once it is back") {
    if (!pact::broker::testing::on_postgresql()) {
        MESSAGE("a PostgreSQL test: it runs as postgresql.*");
        return;
    }
    pact::testing::postgres_server server;
    const auto url = pact::testing::create_test_database(server.admin_url(), "broker_dependencies");
    pact::testing::temporary_directory directory;
    const auto database_file = directory.path() / "broker.sqlite";
    pact::testing::write_file(database_file, url);
    broker_process broker(database_file, {"--database-connect-timeout", "2"});
    CHECK(broker.get("/diagnostic/status/dependencies").status == 200);

    server.stop();
    const auto down = broker.get("/diagnostic/status/dependencies");
    CHECK(down.status == 503);
    CHECK(down.body.at("ok") == false);
    CHECK(down.body.at("dependencies").at("database").at("ok") == false);
    CHECK(!down.body.at("dependencies").at("database").at("error").get<std::string>().empty());
    CHECK(down.body.at("errors").size() == 1);
    CHECK(broker.get("/diagnostic/status/heartbeat").status == 200);  // the heartbeat stays as it is
    const auto metrics = send_to(broker, "GET", "/metrics");
    CHECK(metrics.result_int() == 200);
    CHECK(parse_prometheus_text(metrics.body()).value("pact_broker_database_up") == 0);

    server.start();
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    unsigned status = 0;
    while ((status = broker.get("/diagnostic/status/dependencies").status) != 200 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(100ms);
    CHECK(status == 200);
    CHECK(broker.stop() == 0);
}

TEST_SUITE_END();

}  // namespace operations_tests
