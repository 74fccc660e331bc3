#pragma once
// The long history the broker benchmarks seed: one consumer with `consumer_versions` versions (every tenth on main,
// the others on 500 feature branches, tags dev and prod), a pact content per ten versions, a provider version on
// main verifying every second one, and one version of each deployed to production. Written straight through the
// store in large transactions, so that seeding takes seconds; every row dated 2024-01-01.

#include "broker/domain/publication_service.hpp"
#include "broker/store/store.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace pact::bench {

using namespace pact::broker;

inline std::string pact_content(int revision) {
    nlohmann::json pact = {{"consumer", {{"name", "Consumer"}}},
                           {"provider", {{"name", "Provider"}}},
                           {"interactions", {{{"description", "request " + std::to_string(revision)},
                                              {"request", {{"method", "GET"}, {"path", "/items/" + std::to_string(revision)}}},
                                              {"response", {{"status", 200}}}}}},
                           {"metadata", {{"pactSpecification", {{"version", "2.0.0"}}}}}};
    return pact.dump();
}

inline void seed(store::store& store, int consumer_versions) {
    const std::string at = "2024-01-01T00:00:00+00:00";
    auto writer = store.write();
    const auto consumer = writer->pacticipants().insert_pacticipant({0, "Consumer", std::nullopt, std::string("main"), std::nullopt, at, at});
    const auto provider = writer->pacticipants().insert_pacticipant({0, "Provider", std::nullopt, std::string("main"), std::nullopt, at, at});
    const auto production = writer->environments().insert_environment({0, "uuid-production", "production", "Production", true, "[]", at, at});
    store::row_id pact_version = 0;
    store::row_id provider_version = 0;
    for (int index = 1; index <= consumer_versions; ++index) {
        const auto version = writer->pacticipants().insert_version({0, consumer, std::to_string(index), std::nullopt, at});
        writer->pacticipants().add_version_to_branch(consumer, index % 10 == 0 ? "main" : "feature-" + std::to_string(index / 10 % 500), version, at);
        if (index % 5 == 0) writer->pacticipants().add_tag(consumer, version, "dev", at);
        if (index % 100 == 0) writer->pacticipants().add_tag(consumer, version, "prod", at);
        if (index % 10 == 1) {
            const auto content = pact_content(index);
            pact_version = writer->pacts().insert_pact_version({0, consumer, provider, domain::pact_content_sha(nlohmann::json::parse(content)), content, at});
        }
        writer->pacts().add_integration(consumer, provider, at);
        (void)writer->pacts().insert_pact_publication({0, consumer, provider, version, pact_version, at});
        if (index % 2 == 0) {
            provider_version = writer->pacticipants().insert_version({0, provider, "p" + std::to_string(index), std::nullopt, at});
            writer->pacticipants().add_version_to_branch(provider, "main", provider_version, at);
            (void)writer->verifications().insert_verification({0, pact_version, provider_version, 0, index % 7 != 0, std::nullopt, "[]", "{}", at});
        }
        if (index % 10'000 == 0) {
            writer->commit();
            writer.reset();  // one writer at a time: release this one before asking for the next
            writer = store.write();
        }
    }
    const auto deployed_consumer = writer->pacticipants().find_version(consumer, std::to_string(consumer_versions - 10));
    (void)writer->environments().insert_deployed_version({0, "d-consumer", deployed_consumer->id, consumer, production, std::nullopt, std::nullopt, at, std::nullopt});
    (void)writer->environments().insert_deployed_version({0, "d-provider", provider_version, provider, production, std::nullopt, std::nullopt, at, std::nullopt});
    writer->commit();
}

}  // namespace pact::bench
