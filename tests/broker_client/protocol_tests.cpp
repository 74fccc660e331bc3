#include "broker_client/contract_publication.hpp"
#include "broker_client/matrix_query.hpp"
#include "broker_client/pacts_to_verify.hpp"

#include <doctest/doctest.h>

#include <fstream>

using namespace pact::broker_client;

TEST_CASE("the matrix query is built in the official client's form") {
    matrix_query to_production;
    to_production.selectors = {{.pacticipant = "Consumer", .version = "1.0.0"}};
    to_production.to_environment = "production";
    CHECK(matrix_query_string(to_production) ==
          "q[][pacticipant]=Consumer&q[][version]=1.0.0&latestby=cvpv&environment=production");

    matrix_query latest_tag_to_tag;
    latest_tag_to_tag.selectors = {{.pacticipant = "Consumer", .latest = true, .latest_tag = "x"}};
    latest_tag_to_tag.to_tag = "prod";
    CHECK(matrix_query_string(latest_tag_to_tag) ==
          "q[][pacticipant]=Consumer&q[][latest]=true&q[][tag]=x&tag=prod&latestby=cvp&latest=true");

    matrix_query two_with_ignores;
    two_with_ignores.selectors = {{.pacticipant = "Consumer", .version = "1.0.0"}};
    two_with_ignores.ignores = {{"Other Consumer", std::nullopt}, {"Provider", "9"}};
    two_with_ignores.to_environment = "production";
    CHECK(matrix_query_string(two_with_ignores) ==
          "q[][pacticipant]=Consumer&q[][version]=1.0.0&ignore[][pacticipant]=Other%20Consumer"
          "&ignore[][pacticipant]=Provider&ignore[][version]=9&latestby=cvpv&environment=production");

    matrix_query odd_names;
    odd_names.selectors = {{.pacticipant = "My App", .version = "1.0.0+build/7"}};
    odd_names.to_environment = "pre prod";
    CHECK(matrix_query_string(odd_names) ==
          "q[][pacticipant]=My%20App&q[][version]=1.0.0%2Bbuild%2F7&latestby=cvpv&environment=pre%20prod");

    matrix_query merge;
    merge.selectors = {{.pacticipant = "Consumer", .version = "1.0.0"}};
    merge.against_main_branches = true;
    CHECK(matrix_query_string(merge) ==
          "q[][pacticipant]=Consumer&q[][version]=1.0.0&latestby=cvp&latest=true&mainBranch=true");

    matrix_query pair;
    pair.selectors = {{.pacticipant = "Consumer", .version = "1.0.0"}, {.pacticipant = "Provider", .version = "2.0.0"}};
    CHECK(matrix_query_string(pair) ==
          "q[][pacticipant]=Consumer&q[][version]=1.0.0&q[][pacticipant]=Provider&q[][version]=2.0.0&latestby=cvpv");
}

TEST_CASE("a matrix answer without its matrix list is refused, and unknown is not deployable") {
    CHECK_FALSE(read_matrix_answer(nlohmann::json::parse(R"({"summary":{"deployable":true}})")));
    const auto unknown = read_matrix_answer(nlohmann::json::parse(R"({"summary":{"deployable":null,"reason":"r"},
        "matrix":[{"consumer":{"name":"C","version":{"number":"1"}},"provider":{"name":"P","version":null},
                   "verificationResult":null}]})"));
    REQUIRE(unknown);
    CHECK_FALSE(unknown->deployable.has_value());
    REQUIRE(unknown->rows.size() == 1);
    CHECK(unknown->rows[0].provider_version.empty());
    CHECK_FALSE(unknown->rows[0].verification_success.has_value());
}

TEST_CASE("pact files of one pair are published as one contract with the version's branch and tags") {
    const auto directory = std::filesystem::temp_directory_path() / "broker_client_publication_test";
    std::filesystem::remove_all(directory);
    std::filesystem::create_directories(directory);
    const auto write = [&](const char* name, const char* text) { std::ofstream(directory / name) << text; };
    write("a.json", R"({"consumer":{"name":"C"},"provider":{"name":"P"},"interactions":[{"description":"one"}]})");
    write("b.json", R"({"consumer":{"name":"C"},"provider":{"name":"P"},"interactions":[{"description":"two"}]})");
    write("c.json", R"({"consumer":{"name":"C"},"provider":{"name":"Q"},"interactions":[]})");
    write("notes.txt", "not a pact");

    const auto files = find_pact_files({directory.string()});
    REQUIRE(files);
    CHECK(files->size() == 3);
    const auto contracts = read_contracts(*files);
    REQUIRE(contracts);
    REQUIRE(contracts->size() == 2);
    CHECK((*contracts)[0].pact["interactions"].size() == 2);

    const auto body = publication_body((*contracts)[0], {.consumer_version = "1.0.0", .branch = "main",
                                                        .tags = {"a", "b"}, .merge = true});
    CHECK(body["pacticipantName"] == "C");
    CHECK(body["pacticipantVersionNumber"] == "1.0.0");
    CHECK(body["branch"] == "main");
    CHECK(body["tags"] == nlohmann::json({"a", "b"}));
    CHECK_FALSE(body.contains("buildUrl"));
    CHECK(body["contracts"][0]["onConflict"] == "merge");
    CHECK(body["contracts"][0]["providerName"] == "P");

    CHECK_FALSE(find_pact_files({(directory / "missing*.json").string()}));
    CHECK_FALSE(read_contracts({directory / "notes.txt"}));
    std::filesystem::remove_all(directory);
}

TEST_CASE("pacts for verification are asked with known selector keys and tags as latest selectors") {
    pact_selection selection;
    selection.provider_name = "P";
    CHECK_FALSE(uses_pacts_for_verification(selection));
    selection.consumer_version_selectors = {nlohmann::json::parse(R"({"mainBranch":true,"unknown":1})")};
    selection.consumer_version_tags = {"prod"};
    selection.enable_pending = true;
    selection.include_wip_pacts_since = "2020-01-01";
    selection.provider_branch = "main";
    CHECK(uses_pacts_for_verification(selection));
    CHECK(pacts_for_verification_body(selection) == nlohmann::json::parse(R"({
        "includePendingStatus":true,"includeWipPactsSince":"2020-01-01",
        "consumerVersionSelectors":[{"mainBranch":true},{"tag":"prod","latest":true}],
        "providerVersionBranch":"main"})"));
}

TEST_CASE("a verification result fails when one interaction fails and names its mismatches") {
    const auto body = verification_result_body(
        {.provider_version = "2.0.0", .build_url = "http://ci/1"},
        {{.interaction_id = "a", .description = "one", .success = true},
         {.interaction_id = "b", .description = "two", .success = false,
          .mismatches = nlohmann::json::array({{{"attribute", "body"}, {"identifier", "$.total_amount"},
                                                {"description", "missing"}}})}});
    CHECK(body["success"] == false);
    CHECK(body["buildUrl"] == "http://ci/1");
    CHECK(body["testResults"][0] == nlohmann::json({{"interactionId", "a"}, {"success", true}}));
    CHECK(body["testResults"][1]["interactionDescription"] == "two");
    CHECK(body["testResults"][1]["mismatches"][0]["identifier"] == "$.total_amount");
}
