#include "broker/api/resources.hpp"

#include "broker/api/domain_problem.hpp"
#include "broker/api/hal_links.hpp"
#include "broker/api/json_body.hpp"
#include "broker/api/pact_metadata.hpp"
#include "broker/api/problem.hpp"
#include "broker/api/representations.hpp"

#include <charconv>

namespace pact::broker::api {
namespace {

domain::verification_to_publish verification_from(const json_body& body) {
    domain::verification_to_publish verification{
        .provider_version_number = body.required_string("providerApplicationVersion"),
        .success = body.optional_boolean("success"),
        .build_url = body.optional_string("buildUrl"),
        .test_results = nlohmann::json::array(),
        .verified_by = nlohmann::json::object(),
        .provider_version_branch = body.optional_string("providerVersionBranch"),
        .provider_version_tags = body.string_array("providerVersionTags"),
    };
    if (const auto* results = body.optional_array("testResults")) verification.test_results = *results;
    if (const auto* verified_by = body.optional_object("verifiedBy")) verification.verified_by = *verified_by;
    return verification;
}

resource_response publish_verification(const resource_request& request, domain::broker_services& services) {
    auto verification = verification_from(json_body::parse(request, "broker-verification-result"));
    if (auto metadata = request.path.find("metadata"); metadata != request.path.end())
        verification.wip = decode_pact_metadata(metadata->second).first("w") == "true";
    auto published = value_or_throw(services.verifications.publish_verification(
        request.parameter("provider"), request.parameter("consumer"), request.parameter("sha"), verification));
    return {201, verification_resource(request.urls, published)};
}

// The path's verification number; anything else names no verification result.
std::int64_t verification_number(const resource_request& request) {
    const auto& text = request.parameter("number");
    std::int64_t number = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (error != std::errc{} || end != text.data() + text.size()) {
        throw not_found("No verification result number '" + text + "': verification results are numbered 1, 2, ...");
    }
    return number;
}

resource_response get_verification(const resource_request& request, domain::broker_services& services) {
    auto verification = value_or_throw(services.verifications.find_verification(request.parameter("provider"), request.parameter("consumer"),
                                                                               request.parameter("sha"), verification_number(request)));
    return {200, verification_resource(request.urls, verification)};
}

// As the Pact Broker, 204 without a body.
resource_response delete_verification(const resource_request& request, domain::broker_services& services) {
    value_or_throw(services.verifications.delete_verification(request.parameter("provider"), request.parameter("consumer"),
                                                              request.parameter("sha"), verification_number(request)));
    return {204, nlohmann::json::object()};
}

resource_response latest_verification(const resource_request& request, domain::broker_services& services) {
    auto verification = value_or_throw(services.verifications.latest_verification_of_pact(
        request.parameter("provider"), request.parameter("consumer"), request.parameter("sha")));
    if (!verification) throw not_found("This pact has not been verified yet");
    return {200, verification_resource(request.urls, *verification)};
}

// The Pact Broker's shortcuts to the latest verification of a pact named otherwise than by its content: the
// latest pact of the pair, the latest with a tag, a consumer version's.
resource_response latest_verification_of_publication(const resource_request& request, domain::broker_services& services,
                                                     const domain::pact_publication& publication) {
    auto verification = value_or_throw(services.verifications.latest_verification_of_pact(publication.provider_name, publication.consumer_name,
                                                                                        publication.pact_version_sha));
    if (!verification) throw not_found("This pact has not been verified yet");
    return {200, verification_resource(request.urls, *verification)};
}

resource_response latest_verification_of_latest_pact(const resource_request& request, domain::broker_services& services) {
    const auto& consumer = request.parameter("consumer");
    const auto& provider = request.parameter("provider");
    auto publication = request.path.contains("tag") ? services.pacts.latest_pact_with_tag(consumer, provider, request.parameter("tag"))
                                                     : services.pacts.latest_pact(consumer, provider);
    return latest_verification_of_publication(request, services, value_or_throw(std::move(publication)));
}

resource_response latest_verification_of_consumer_version(const resource_request& request, domain::broker_services& services) {
    return latest_verification_of_publication(
        request, services,
        value_or_throw(services.pacts.pact_for_consumer_version(request.parameter("consumer"), request.parameter("provider"), request.parameter("version"))));
}

resource_response list_verifications(const resource_request& request, domain::broker_services& services) {
    const auto& provider = request.parameter("provider");
    const auto& consumer = request.parameter("consumer");
    const auto& sha = request.parameter("sha");
    auto verifications = nlohmann::json::array();
    for (const auto& verification : value_or_throw(services.verifications.verifications_of_pact(provider, consumer, sha))) {
        verifications.push_back(verification_resource(request.urls, verification));
    }
    return {200,
            {{"_embedded", {{"verificationResults", std::move(verifications)}}},
             {"_links", {{"self", link(request.urls.pact_version(provider, consumer, sha) + "/verification-results", "Verification results")}}}}};
}

}  // namespace

void add_verification_routes(route_table& routes, domain::broker_services& services) {
    const std::string pact_version = "/pacts/provider/{provider}/consumer/{consumer}/pact-version/{sha}";
    for (const auto& results : {pact_version + "/verification-results", pact_version + "/metadata/{metadata}/verification-results"}) {
        routes.add("POST", results, with_services(services, publish_verification));
        routes.add("GET", results, with_services(services, list_verifications));
        // The literal `latest` is registered before `{number}` so that it wins.
        routes.add("GET", results + "/latest", with_services(services, latest_verification));
        routes.add("GET", results + "/{number}", with_services(services, get_verification));
        routes.add("DELETE", results + "/{number}", with_services(services, delete_verification));
    }
    const std::string pair = "/pacts/provider/{provider}/consumer/{consumer}";
    routes.add("GET", pair + "/latest/verification-results/latest", with_services(services, latest_verification_of_latest_pact));
    routes.add("GET", pair + "/latest/{tag}/verification-results/latest", with_services(services, latest_verification_of_latest_pact));
    routes.add("GET", pair + "/version/{version+}/verification-results/latest", with_services(services, latest_verification_of_consumer_version));
}

}  // namespace pact::broker::api
