// Hostile input against the real pact-broker over loopback: every attack gets a 4xx with a JSON
// `errors` body naming the problem, and nothing is stored (checked with a GET afterwards).

#include "broker_process.hpp"
#include "http_test_support.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <doctest/doctest.h>

#include <string>

using namespace pact::broker::api::testing;
using nlohmann::json;

namespace {

// The broker every test case here attacks, on its own temporary database.
class attacked_broker {
public:
    explicit attacked_broker(std::vector<std::string> arguments = {})
        : directory_(make_temporary_directory("trust-hostile")), broker_(directory_ / "broker.sqlite", std::move(arguments)) {}
    ~attacked_broker() {
        broker_.stop();
        std::filesystem::remove_all(directory_);
    }
    broker_process& operator*() { return broker_; }
    broker_process* operator->() { return &broker_; }

private:
    std::filesystem::path directory_;
    broker_process broker_;
};

// Sends raw bytes (whatever a hostile client may send) and reads until the broker closes the connection.
std::string send_raw(std::uint16_t port, std::string_view bytes) {
    boost::asio::io_context context;
    boost::asio::ip::tcp::socket socket(context);
    socket.connect({boost::asio::ip::make_address("127.0.0.1"), port});
    // A broker that refuses early (431) may close before every byte is written; its answer is still there to read.
    boost::system::error_code error;
    boost::asio::write(socket, boost::asio::buffer(bytes), error);
    std::string received;
    boost::asio::read(socket, boost::asio::dynamic_buffer(received), error);
    return received;
}

unsigned status_of(const std::string& raw_answer) {
    REQUIRE(raw_answer.starts_with("HTTP/1.1 "));
    return static_cast<unsigned>(std::stoi(raw_answer.substr(9, 3)));
}

json body_of(const std::string& raw_answer) {
    const auto start = raw_answer.find("\r\n\r\n");
    REQUIRE(start != std::string::npos);
    return json::parse(raw_answer.substr(start + 4), nullptr, false);
}

// A 4xx whose JSON `errors` mention `words` (case as written).
void check_refused(const broker_process::answer& answer, unsigned status, std::string_view words) {
    CHECK(answer.status == status);
    REQUIRE(answer.body.is_object());
    REQUIRE(answer.body.contains("errors"));
    CHECK_MESSAGE(answer.body.at("errors").dump().find(words) != std::string::npos, answer.body.dump());
}

void check_not_stored(broker_process& broker, const std::string& pacticipant) {
    CHECK(broker.get("/pacticipants/" + pacticipant).status == 404);
}

std::string pact_with_body(const std::string& consumer, const json& body) {
    auto pact = example_pact(consumer, "Provider", "a request");
    pact["interactions"][0]["response"]["body"] = body;
    return pact.dump();
}

std::string nested_arrays(std::size_t depth) { return std::string(depth, '[') + std::string(depth, ']'); }

}  // namespace

TEST_CASE("a body over the limit gets 413 naming it, and nothing is stored") {
    attacked_broker broker({"--max-body-bytes", "2000"});
    const auto answer = broker->send("PUT", "/pacts/provider/Provider/consumer/Huge/version/1",
                                     pact_with_body("Huge", std::string(5000, 'x')));
    check_refused(answer, 413, "too large");
    check_not_stored(*broker, "Huge");
}

TEST_CASE("huge headers get 431 naming them") {
    attacked_broker broker;
    const auto answer = send_raw(broker->port(), "GET / HTTP/1.1\r\nHost: x\r\nX-Padding: " + std::string(100'000, 'p') + "\r\n\r\n");
    CHECK(status_of(answer) == 431);
    CHECK(body_of(answer).at("errors").dump().find("headers") != std::string::npos);
}

TEST_CASE("JSON nested deeper than the limit gets 400 naming the nesting, in bodies and in published contracts") {
    attacked_broker broker;
    json deep = json::array();
    for (int level = 0; level < 150; ++level) deep = json::array({deep});
    check_refused(broker->send("PUT", "/pacts/provider/Provider/consumer/Deep/version/1", pact_with_body("Deep", deep)), 400, "nested deeper");
    check_refused(broker->send("POST", "/contracts/publish", nested_arrays(1'000'000)), 400, "nested deeper");

    auto publication = publish_body("Deep", "1", "Provider", "a request", {}, "main");
    publication["contracts"][0]["content"] = base64(pact_with_body("Deep", deep));
    check_refused(broker->send("POST", "/contracts/publish", publication.dump()), 400, "nested deeper");
    check_not_stored(*broker, "Deep");
    // A pact as deep as a real one is fine.
    json ordinary = json::array();
    for (int level = 0; level < 20; ++level) ordinary = json::array({ordinary});
    CHECK(broker->send("PUT", "/pacts/provider/Provider/consumer/Ordinary/version/1", pact_with_body("Ordinary", ordinary)).status / 100 == 2);
}

TEST_CASE("invalid UTF-8 in names and bodies gets 400 naming it, and nothing is stored") {
    attacked_broker broker;
    check_refused(broker->send("PUT", "/pacts/provider/Provider/consumer/Bad%FF%FEName/version/1", pact_with_body("Ok", 1)), 400, "UTF-8");
    check_refused(broker->send("PUT", "/pacticipants/Bad%C3Name/versions/1/tags/prod", "{}"), 400, "UTF-8");
    check_refused(broker->send("GET", "/pacticipants/Bad%FFName"), 400, "UTF-8");
    CHECK(broker->get("/pacticipants").body.dump().find("Bad") == std::string::npos);

    const std::string bad_body = R"({"pacticipantName": "Bad)" + std::string("\xff\xfe") + R"(", "pacticipantVersionNumber": "1", "contracts": []})";
    check_refused(broker->send("POST", "/contracts/publish", bad_body), 400, "UTF-8");
    check_not_stored(*broker, "Bad");
}

TEST_CASE("path traversal in names gets 400, and nothing is stored") {
    attacked_broker broker;
    // The pacts name the same consumer as the URL, so only the name itself can be refused.
    check_refused(broker->send("PUT", "/pacts/provider/Provider/consumer/..%2F..%2Fetc%2Fpasswd/version/1",
                               pact_with_body("../../etc/passwd", 1)),
                  400, "path segments");
    check_refused(broker->send("PUT", "/pacts/provider/Provider/consumer/../version/1", pact_with_body("..", 1)), 400, "path segments");
    check_refused(broker->send("POST", "/contracts/publish", publish_body("..", "1", "Provider", "a request", {}, "main").dump()), 400,
                  "path segments");
    // Dots inside a name or a version are ordinary.
    CHECK(broker->send("POST", "/contracts/publish", publish_body("a..b", "1.0.0", "Provider", "a request", {}, "main").dump()).status / 100 ==
          2);
    CHECK(broker->get("/pacticipants").body.dump().find("passwd") == std::string::npos);
}

TEST_CASE("SQL metacharacters in names are kept verbatim as names and change nothing else") {
    attacked_broker broker;
    const std::string name = "Robert'); DROP TABLE pacticipants;--";
    const std::string encoded = "Robert%27%29%3B%20DROP%20TABLE%20pacticipants%3B--";
    REQUIRE(broker->send("POST", "/contracts/publish", publish_body(name, "1", "Provider", "a request", {}, "main").dump()).status / 100 == 2);
    const auto stored = broker->get("/pacticipants/" + encoded);
    REQUIRE(stored.status == 200);
    CHECK(stored.body.at("name") == name);
    CHECK(broker->get("/pacticipants/Provider").status == 200);
    CHECK(broker->get("/pacticipants/x%27%20OR%20%271%27%3D%271").status == 404);
}

TEST_CASE("numbers out of range get 400 naming them, and nothing is stored") {
    attacked_broker broker;
    check_refused(broker->send("PUT", "/pacts/provider/Provider/consumer/Huge/version/1",
                               R"({"consumer": {"name": "Huge"}, "provider": {"name": "Provider"}, "interactions": [], "n": 1e999})"),
                  400, "1e999");
    check_refused(broker->send("POST", "/contracts/publish", R"({"pacticipantName": "Huge", "pacticipantVersionNumber": 1e999})"), 400,
                  "1e999");
    check_not_stored(*broker, "Huge");
}

TEST_CASE("duplicate JSON keys get 400 naming the key, and nothing is stored") {
    attacked_broker broker;
    check_refused(broker->send("PUT", "/pacts/provider/Provider/consumer/Twice/version/1",
                               R"({"consumer": {"name": "Twice"}, "provider": {"name": "Provider"}, "provider": {"name": "Other"},
                                   "interactions": []})"),
                  400, "duplicate key \\\"provider\\\"");
    check_refused(broker->send("POST", "/contracts/publish",
                               R"({"pacticipantName": "Twice", "pacticipantName": "Thrice", "pacticipantVersionNumber": "1", "contracts": []})"),
                  400, "duplicate key");
    check_not_stored(*broker, "Twice");
    check_not_stored(*broker, "Thrice");
}

TEST_CASE("a slow client is cut off by the read timeout with 408 naming it, and nothing is stored") {
    attacked_broker broker({"--read-timeout", "1"});
    const auto answer = send_raw(broker->port(),
                                 "PUT /pacts/provider/Provider/consumer/Slow/version/1 HTTP/1.1\r\nHost: x\r\n"
                                 "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"consumer\":");
    CHECK(status_of(answer) == 408);
    CHECK(body_of(answer).at("errors").dump().find("timeout") != std::string::npos);
    check_not_stored(*broker, "Slow");
}
