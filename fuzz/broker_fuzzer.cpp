// libFuzzer harness: the broker's request handling. The bytes are parsed as an HTTP request with the
// server's own parser and limits; a request that parses goes through routing, authentication, the
// resources and pages, the domain and SQLite (a temporary database that lives as long as the fuzzer). Any answer
// is fine but a crash, a hang, or a 5xx: a client's mistake must never look like the broker's failure.

#include "broker/domain/broker_services.hpp"
#include "broker/html/hal_browser.hpp"
#include "broker/html/html_site.hpp"
#include "broker/api/broker_application.hpp"
#include "broker/store/sqlite_store.hpp"
#include "http/server.hpp"

#include <boost/asio/buffer.hpp>
#include <boost/beast/http/parser.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

namespace {

// Matches the Authorization header seed_corpus.py gives the broker seeds.
constexpr auto fuzz_token = "fuzz-token";

struct broker_under_fuzz {
    broker_under_fuzz() {
        std::string directory_template = (std::filesystem::temp_directory_path() / "pact-fuzz-broker-XXXXXX").string();
        directory = ::mkdtemp(directory_template.data());
        store = pact::broker::store::open_sqlite_store({.database_file = directory / "broker.sqlite"});
        services = std::make_unique<pact::broker::domain::broker_services>(*store, pact::broker::domain::broker_config{});
        pact::broker::api::application_options options;
        options.authentication.tokens.push_back({fuzz_token, pact::broker::api::access_level::read_write});
        options.browser_view = pact::broker::html::render_hal_browser_page;
        application = std::make_unique<pact::broker::api::broker_application>(pact::broker::html::site_routes(*services), std::move(options));
    }
    ~broker_under_fuzz() { std::filesystem::remove_all(directory); }

    std::filesystem::path directory;
    std::unique_ptr<pact::broker::store::store> store;
    std::unique_ptr<pact::broker::domain::broker_services> services;
    std::unique_ptr<pact::broker::api::broker_application> application;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static broker_under_fuzz broker;
    const pact::http::server_options limits;
    boost::beast::http::request_parser<boost::beast::http::string_body> parser;
    parser.eager(true);
    parser.header_limit(static_cast<std::uint32_t>(limits.header_limit));
    parser.body_limit(limits.body_limit);
    boost::beast::error_code error;
    parser.put(boost::asio::buffer(data, size), error);
    if (error || !parser.is_done()) return 0;

    const auto answer = broker.application->handle(parser.release());
    if (answer.result_int() >= 500) {
        std::fprintf(stderr, "the broker answered %u to a client's request: %s\n", answer.result_int(), answer.body().c_str());
        std::abort();
    }
    return 0;
}
