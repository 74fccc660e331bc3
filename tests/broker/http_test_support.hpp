#pragma once
// A broker served in-process on a temporary SQLite file: requests are hand-built and handed to
// broker_application::handle, no socket involved. Plus the pacts and bodies the tests publish.

#include "broker/domain/broker_services.hpp"
#include "broker/api/broker_application.hpp"
#include "broker/api/resources.hpp"
#include "test_database.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace pact::broker::api::testing {

struct answer {
    unsigned status = 0;
    std::string content_type;
    nlohmann::json body;  // null when the body is not JSON
    std::string allow;    // the Allow header, if any
};

// The base URL broker_under_test builds its hrefs from.
inline const std::string test_base_url = "http://broker.test";

// A success as the official clients need it: HAL+JSON content type and a JSON object.
[[nodiscard]] bool is_hal_json(const struct answer& answer);
// A 4xx with an `errors` member, as the official clients print it.
void check_client_error(const struct answer& answer, unsigned status);

class broker_under_test {
public:
    explicit broker_under_test(application_options options = {{test_base_url}, 10 * 1024 * 1024});
    ~broker_under_test();

    answer send(std::string method, std::string target, std::string body = {}, std::string content_type = "application/json");
    answer get(std::string target) { return send("GET", std::move(target)); }
    answer put(std::string target, const nlohmann::json& body) { return send("PUT", std::move(target), body.dump()); }
    answer post(std::string target, const nlohmann::json& body) { return send("POST", std::move(target), body.dump()); }
    answer patch(std::string target, const nlohmann::json& body) {
        return send("PATCH", std::move(target), body.dump(), "application/merge-patch+json");
    }

    // POST /contracts/publish of example_pact(consumer, provider, description) for the consumer version.
    answer publish(const std::string& consumer, const std::string& version, const std::string& provider,
                   const std::string& description = "a request for order 1", const std::vector<std::string>& tags = {},
                   const std::string& branch = "main");

private:
    std::filesystem::path directory_;
    std::unique_ptr<broker::testing::test_database> database_;
    std::unique_ptr<store::store> store_;
    std::unique_ptr<domain::broker_services> services_;
    std::unique_ptr<broker_application> application_;
};

[[nodiscard]] std::string base64(std::string_view bytes);
// A v2 pact with one interaction whose description is given (a different description = different content).
[[nodiscard]] nlohmann::json example_pact(const std::string& consumer, const std::string& provider, const std::string& description);
[[nodiscard]] nlohmann::json publish_body(const std::string& consumer, const std::string& version, const std::string& provider,
                                          const std::string& description, const std::vector<std::string>& tags, const std::string& branch);
// A fresh directory under the system's temporary directory.
[[nodiscard]] std::filesystem::path make_temporary_directory(std::string_view prefix);

}  // namespace pact::broker::api::testing
