// The page render functions called directly: what a person reads on each page.

#include "browse_test_data.hpp"
#include "broker/domain/rule_words.hpp"
#include "broker/html/badge.hpp"
#include "broker/html/hal_browser.hpp"
#include "broker/html/html_text.hpp"
#include "broker/html/index_page.hpp"
#include "broker/html/matrix_page.hpp"
#include "broker/html/network_graph.hpp"
#include "broker/html/pact_page.hpp"
#include "broker/html/provider_contract_page.hpp"
#include "broker/api/broker_application.hpp"
#include "pact/pact_reader.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using namespace pact::broker;
using namespace pact::broker::html;
using namespace pact::broker::testing;

namespace {

std::size_t occurrences(const std::string& text, const std::string& part) {
    std::size_t count = 0;
    for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + part.size())) ++count;
    return count;
}

integration_summary summary(const std::string& consumer, const std::string& provider, std::optional<bool> verified) {
    integration_summary integration;
    integration.latest_pact.consumer_name = consumer;
    integration.latest_pact.provider_name = provider;
    integration.latest_pact.consumer_version_number = "1.0.0";
    integration.latest_pact.consumer_version_branches = {"main"};
    integration.latest_pact.pact_version_sha = "abc";
    integration.latest_pact.created_at = "2026-11-25T10:00:00+00:00";
    if (verified) {
        domain::verification verification;
        verification.provider_version_number = "2.0.0";
        verification.success = *verified;
        verification.number = 1;
        verification.pact_version_sha = "abc";
        verification.created_at = "2026-11-25T10:05:00+00:00";
        integration.latest_verification = verification;
    }
    return integration;
}

const page_links links("http://broker.test");

}  // namespace

TEST_CASE("html escaping replaces every character that could open markup") {
    CHECK(escape_html("<script>alert('x') & \"y\"</script>") == "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;");
}

TEST_CASE("links percent-encode names as one path segment") {
    CHECK(links.latest_pact("order service", "a/b+c") == "http://broker.test/pacts/provider/order%20service/consumer/a%2Fb%2Bc/latest");
    CHECK(links.matrix("x y", "z") == "http://broker.test/matrix?pacticipant=x%20y&with=z");
}

TEST_CASE("the index shows one row per integration coloured by its verification state") {
    auto page = render_index_page({summary("payment-service", "order-service", false), summary("web", "order-service", true), summary("cli", "web", std::nullopt)},
                                  {1, 100, 3}, links);
    CHECK(occurrences(page, "<tr class=\"integration ") == 3);
    CHECK(page.find("<tr class=\"integration failure\" data-consumer=\"payment-service\" data-provider=\"order-service\">") != std::string::npos);
    CHECK(page.find("<tr class=\"integration success\" data-consumer=\"web\"") != std::string::npos);
    CHECK(page.find("<tr class=\"integration unknown\" data-consumer=\"cli\"") != std::string::npos);
    CHECK(page.find("href=\"http://broker.test/pacts/provider/order-service/consumer/payment-service/version/1.0.0\"") != std::string::npos);
    CHECK(page.find("3 integrations · 1 verified · 1 failing · 1 not verified") != std::string::npos);
    CHECK(page.find("<span class=\"branch\">main</span>") != std::string::npos);
    CHECK(page.find("2026-11-25 10:00") != std::string::npos);
}

TEST_CASE("the index escapes pacticipant names that look like markup") {
    auto page = render_index_page({summary("<img src=x onerror=alert(1)>", "order-service", true)}, {1, 100, 1}, links);
    CHECK(page.find("<img src=x") == std::string::npos);
    CHECK(page.find("&lt;img src=x onerror=alert(1)&gt;") != std::string::npos);
}

TEST_CASE("the index stays one table at 100 integrations") {
    std::vector<integration_summary> integrations;
    for (int index = 0; index < 100; ++index) integrations.push_back(summary("consumer-" + std::to_string(index), "provider-" + std::to_string(index % 7), index % 3 == 0));
    auto page = render_index_page(integrations, {1, 100, 100}, links);
    CHECK(occurrences(page, "<tr class=\"integration ") == 100);
    CHECK(occurrences(page, "<table") == 1);
    CHECK(page.size() < 200'000);
    CHECK(page.find("Next page") == std::string::npos);
}

TEST_CASE("the index links to the next and previous pages of a long list of integrations") {
    std::vector<integration_summary> integrations;
    for (int index = 0; index < 10; ++index) integrations.push_back(summary("consumer-" + std::to_string(index), "provider", true));
    auto page = render_index_page(integrations, {2, 10, 25}, links);
    CHECK(page.find("25 integrations · 11–20 shown") != std::string::npos);
    CHECK(page.find("page 2 of 3") != std::string::npos);
    CHECK(page.find("href=\"http://broker.test/?page=3&amp;size=10\">Next page") != std::string::npos);
    CHECK(page.find("href=\"http://broker.test/?page=1&amp;size=10\">Previous page") != std::string::npos);
}

TEST_CASE("matching rules read as words") {
    auto document = pact::read_pact(read_test_pact("order-pact-1.1.0.json"), "test");
    REQUIRE(document.has_value());
    auto fields = domain::relied_on_fields(document->interactions[0].response);
    auto rule_for = [&](const std::string& place) {
        auto found = std::ranges::find_if(fields, [&](const domain::relied_on_field& field) { return field.place == place; });
        return found == fields.end() ? std::string("(absent)") : found->rule;
    };
    CHECK(rule_for("status") == "equal to the example");
    CHECK(rule_for("header Content-Type") == "equal to the example");
    CHECK(rule_for("$.id") == "any integer");
    CHECK(rule_for("$.total_amount") == "any integer");
    CHECK(rule_for("$.reference") == "matches ^\\d+$");
    CHECK(rule_for("$.items") == "an array of at least 1 like this");
    // The first element stands for all; its fields inherit the type rule.
    CHECK(rule_for("$.items[0].sku") == "any string");
    CHECK(rule_for("$.items[0].quantity") == "any integer");
    CHECK(rule_for("$.items[1].sku") == "(absent)");
}

TEST_CASE("the pact page documents each interaction with its verification history beside it") {
    auto publication = order_publication("1.0.0", read_test_pact("order-pact-1.0.0.json"));
    auto page = render_pact_page(publication, {order_verification(1, "2.0.0", false), order_verification(2, "2.0.1", true)}, links);
    CHECK(page.find("<h3>a request for order 1</h3>") != std::string::npos);
    CHECK(page.find("Given <em>order 1 exists</em>") != std::string::npos);
    CHECK(page.find("GET /orders/1") != std::string::npos);
    CHECK(page.find("HTTP 200") != std::string::npos);
    CHECK(page.find("<td><code>$.total_amount</code></td><td><code>4200</code></td><td>any integer</td>") != std::string::npos);
    // Newest verification first; the failure shows its mismatch.
    const auto passed = page.find("Passed</span> · provider version");
    const auto failed = page.find("Failed</span> · provider version");
    REQUIRE(passed != std::string::npos);
    REQUIRE(failed != std::string::npos);
    CHECK(passed < failed);
    CHECK(page.find("<code>body $.total_amount</code> Actual map is missing the following keys: total_amount") != std::string::npos);
    CHECK(page.find("verification-results/2") != std::string::npos);
}

TEST_CASE("an unverified pact says so") {
    auto page = render_pact_page(order_publication("1.0.0", read_test_pact("order-pact-1.0.0.json")), {}, links);
    CHECK(page.find("Not verified yet.") != std::string::npos);
}

TEST_CASE("the matrix filters on the chosen pacticipant's branch, tag and environment") {
    domain::matrix_row on_main;
    on_main.consumer_name = "payment-service";
    on_main.consumer_version = {"1.0.0", {"main"}, {"prod"}, {"production"}, ""};
    on_main.provider_name = "order-service";
    on_main.provider_version = domain::matrix_version{"2.0.1", {"main"}, {}, {}, ""};
    on_main.verification = domain::matrix_verification{2, true, "2026-11-25T10:02:00+00:00", std::nullopt};
    auto on_feature = on_main;
    on_feature.consumer_version = {"1.1.0", {"feature"}, {}, {}, ""};
    on_feature.verification.reset();
    const std::vector<domain::matrix_row> rows{on_main, on_feature};

    CHECK(filter_matrix_rows(rows, {"payment-service", "", "", "", ""}).size() == 2);
    CHECK(filter_matrix_rows(rows, {"payment-service", "", "feature", "", ""}).front().consumer_version.number == "1.1.0");
    CHECK(filter_matrix_rows(rows, {"payment-service", "", "", "prod", ""}).size() == 1);
    CHECK(filter_matrix_rows(rows, {"payment-service", "", "", "", "production"}).front().consumer_version.number == "1.0.0");
    CHECK(filter_matrix_rows(rows, {"order-service", "", "", "", "production"}).empty());

    auto page = render_matrix_page({"payment-service", "order-service", "", "", ""}, rows, {"order-service", "payment-service"}, {"production"}, links);
    CHECK(page.find("Matrix of payment-service and order-service") != std::string::npos);
    CHECK(occurrences(page, "<tr class=\"success\">") == 1);
    CHECK(occurrences(page, "<tr class=\"unknown\">") == 1);
    CHECK(page.find("<span class=\"env\">production</span>") != std::string::npos);
    CHECK(page.find("<option value=\"production\">production</option>") != std::string::npos);
}

TEST_CASE("the can-i-deploy page gives the answer with its reasons") {
    domain::matrix_result answer;
    answer.summary.deployable = false;
    answer.summary.reason = "The verification for the pact between payment-service (1.0.0) and order-service (2.0.0) failed";
    answer.summary.failed = 1;
    answer.notices = {{"error", answer.summary.reason}};
    auto page = render_can_i_deploy_page({"payment-service", "1.0.0", "production"}, answer, {"production"}, links);
    CHECK(page.find("Can I deploy payment-service 1.0.0 to production?") != std::string::npos);
    CHECK(page.find("<div class=\"verdict failure\"><span class=\"status-failure\">No</span>") != std::string::npos);
    CHECK(page.find("<li class=\"notice-error\">The verification for the pact between payment-service (1.0.0) and order-service (2.0.0) failed</li>") != std::string::npos);
    CHECK(page.find("Why, and what would settle it") == std::string::npos);

    // Each explanation with its code and the command, escaped.
    answer.doubts.push_back({.cause = domain::doubt_cause::not_in_target, .target = {.environment = "production"}, .missing_pacticipant = "order<service>"});
    page = render_can_i_deploy_page({"payment-service", "1.0.0", "production"}, answer, {"production"}, links);
    CHECK(page.find("<h2>Why, and what would settle it</h2>") != std::string::npos);
    CHECK(page.find("<code class=\"explanation-code\">not_in_target</code> no version of order&lt;service&gt; is recorded in production") != std::string::npos);
    CHECK(page.find("<pre class=\"command\">pact broker record-deployment --pacticipant &#39;order&lt;service&gt;&#39; --version &lt;version&gt; --environment production "
                    "--broker-base-url http://broker.test</pre>") != std::string::npos);
}

TEST_CASE("the network graph draws every pacticipant and integration, also at 200 pacticipants") {
    std::vector<graph_edge> edges;
    for (int index = 0; index < 199; ++index) edges.push_back({"service-" + std::to_string(index + 1), "service-" + std::to_string(index / 4), index % 2 == 0});
    auto svg = render_network_svg(edges, links);
    CHECK(occurrences(svg, "<g class=\"node\"") == 200);
    CHECK(occurrences(svg, "<path class=\"edge\"") == 199);
    CHECK(svg.find("href=\"http://broker.test/matrix?pacticipant=service-0\"") != std::string::npos);
    // Layers wrap at 40 rows, so the picture stays within a few screens.
    const auto height_at = svg.find("height=\"") + 8;
    CHECK(std::stoi(svg.substr(height_at)) <= 40 * 28 + 40);
}

TEST_CASE("the network graph puts consumers left of their providers and colours edges by state") {
    auto svg = render_network_svg({{"web", "payment-service", true}, {"payment-service", "order-service", false}, {"cli", "order-service", std::nullopt}}, links);
    auto x_of = [&](const std::string& name) {
        auto at = svg.find("data-name=\"" + name + "\"");
        at = svg.find("<rect x=\"", at) + 9;
        return std::stoi(svg.substr(at));
    };
    CHECK(x_of("web") < x_of("payment-service"));
    CHECK(x_of("payment-service") < x_of("order-service"));
    CHECK(svg.find("data-consumer=\"payment-service\" data-provider=\"order-service\" stroke=\"#c62828\"") != std::string::npos);
    CHECK(svg.find("data-consumer=\"web\" data-provider=\"payment-service\" stroke=\"#2e7d32\"") != std::string::npos);
    CHECK(svg.find("data-consumer=\"cli\" data-provider=\"order-service\" stroke=\"#9e9e9e\"") != std::string::npos);
}

TEST_CASE("the HAL browser turns hrefs under _links into links and escapes the rest") {
    nlohmann::json document = {{"name", "<b>x</b>"},
                               {"_links", {{"self", {{"href", "http://broker.test/pacticipants/x"}}},
                                           {"pb:pacticipant", {{"href", "http://broker.test/pacticipants/{pacticipant}"}, {"templated", true}}},
                                           {"pb:versions", nlohmann::json::array({{{"href", "http://broker.test/a?b=1&c=2"}}})}}}};
    auto html = json_with_links(document);
    CHECK(html.find("\"<a href=\"http://broker.test/pacticipants/x\">http://broker.test/pacticipants/x</a>\"") != std::string::npos);
    CHECK(html.find("<a href=\"http://broker.test/a?b=1&amp;c=2\">") != std::string::npos);
    CHECK(html.find("<a href=\"http://broker.test/pacticipants/{pacticipant}\"") == std::string::npos);
    CHECK(html.find("&quot;&lt;b&gt;x&lt;/b&gt;&quot;") != std::string::npos);
    auto page = render_hal_browser_page("http://broker.test/pacticipants/x", 200, document, "http://broker.test");
    CHECK(page.find("<pre class=\"hal\">") != std::string::npos);
    CHECK(page.find("HTTP 200") != std::string::npos);
}

TEST_CASE("badges are SVG coloured by verification state") {
    auto verified = render_pact_badge("payment-service", "order-service", true);
    CHECK(verified.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    CHECK(verified.find("payment-service/order-service pact") != std::string::npos);
    CHECK(verified.find(">verified</text>") != std::string::npos);
    CHECK(verified.find("fill=\"#4c1\"") != std::string::npos);
    auto failed = render_pact_badge("payment-service", "order-service", false);
    CHECK(failed.find(">failed</text>") != std::string::npos);
    CHECK(failed.find("fill=\"#e05d44\"") != std::string::npos);
    auto unknown = render_can_i_deploy_badge("production", std::nullopt);
    CHECK(unknown.find("can-i-deploy to production") != std::string::npos);
    CHECK(unknown.find(">unknown</text>") != std::string::npos);
    CHECK(render_can_i_deploy_badge("production", true).find(">yes</text>") != std::string::npos);
    CHECK(render_badge("<x>", "&", badge_state::unknown).find("&lt;x&gt;") != std::string::npos);
}

TEST_CASE("browsers are told apart from API clients by their Accept header") {
    CHECK(api::prefers_html("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"));
    CHECK_FALSE(api::prefers_html("application/hal+json"));
    CHECK_FALSE(api::prefers_html("application/hal+json, text/html"));
    CHECK_FALSE(api::prefers_html("application/json, text/plain, */*"));
    CHECK_FALSE(api::prefers_html(""));
    CHECK(api::prefers_html("text/html, application/hal+json"));
}

TEST_CASE("a message pact documents the expected message and what the consumer relies on in it") {
    nlohmann::json content = {{"consumer", {{"name", "billing"}}},
                              {"provider", {{"name", "order-events"}}},
                              {"messages", {{{"description", "an order placed event"},
                                             {"providerStates", {{{"name", "an order is placed"}}}},
                                             {"contents", {{"order_id", 7}, {"total_amount", 4200}}},
                                             {"metadata", {{"contentType", "application/json"}}},
                                             {"matchingRules", {{"body", {{"$.order_id", {{"matchers", {{{"match", "integer"}}}}}}}}}}}}},
                              {"metadata", {{"pactSpecification", {{"version", "3.0.0"}}}}}};
    auto publication = order_publication("1.0.0", content);
    auto page = render_pact_page(publication, {}, links);
    CHECK(page.find("<h3>an order placed event</h3>") != std::string::npos);
    CHECK(page.find("<h4>Expected message</h4>") != std::string::npos);
    CHECK(page.find("<td><code>$.order_id</code></td><td><code>7</code></td><td>any integer</td>") != std::string::npos);
    CHECK(page.find("<td><code>$.total_amount</code></td><td><code>4200</code></td><td>equal to the example</td>") != std::string::npos);
    CHECK(page.find("<td><code>metadata contentType</code></td>") != std::string::npos);
}

TEST_CASE("a comparison page escapes the findings and shows a finding of the pact as a whole under the pact") {
    domain::provider_contract_comparison comparison;
    comparison.consumer_name = "payment-service";
    comparison.consumer_version_number = "1.0.0";
    comparison.provider_name = "order-service";
    comparison.provider_version_number = "2.1.0";
    comparison.errors = 2;
    comparison.findings = nlohmann::json::parse(R"([
      {"code": "pact.unreadable", "severity": "error", "message": "the stored pact cannot be read"},
      {"code": "response.body.incompatible", "severity": "error", "interaction": "an <img> request", "interactionIndex": 0,
       "pactLocation": "$.response.body['<b>']", "contractLocation": "/paths", "message": "<b> is not in the contract"}])");
    const auto page = render_contract_comparison_page(comparison, links);
    CHECK(page.find("<h3>The pact</h3>") < page.find("<h3>Interaction 1: an &lt;img&gt; request</h3>"));
    CHECK(page.find("<code>pact.unreadable</code>") != std::string::npos);
    CHECK(page.find("<code>$.response.body[&#39;&lt;b&gt;&#39;]</code>") != std::string::npos);
    CHECK(page.find("<td>&lt;b&gt; is not in the contract</td>") != std::string::npos);
    CHECK(page.find("<b>") == std::string::npos);
    CHECK(page.find("<span class=\"status-failure\">not compatible</span> · 2 errors, 0 warnings") != std::string::npos);
    CHECK(page.find("can-i-deploy counts this comparison as a failure") != std::string::npos);  // no self-verification success
}

TEST_CASE("a compatible comparison says it has no findings, and a pact never compared shows no comparisons") {
    domain::provider_contract_comparison comparison;
    comparison.consumer_name = "payment-service";
    comparison.consumer_version_number = "1.0.0";
    comparison.provider_name = "order-service";
    comparison.provider_version_number = "2.1.0";
    comparison.compatible = true;
    comparison.self_verification_success = true;
    const auto page = render_contract_comparison_page(comparison, links);
    CHECK(page.find("<span class=\"status-success\">compatible</span>") != std::string::npos);
    CHECK(page.find("No findings: the contract satisfies every interaction of the pact.") != std::string::npos);
    CHECK(page.find("can-i-deploy counts") == std::string::npos);
    CHECK(render_pact_comparisons({}, "1.0.0", links).empty());
}
