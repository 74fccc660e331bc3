#pragma once
// Every domain service of the broker over one store, built once at start-up and shared by all sessions.

#include "broker/domain/dashboard_service.hpp"
#include "broker/domain/diagnostic_service.hpp"
#include "broker/domain/environment_service.hpp"
#include "broker/domain/field_usage_service.hpp"
#include "broker/domain/matrix_service.hpp"
#include "broker/domain/pact_service.hpp"
#include "broker/domain/pacticipant_service.hpp"
#include "broker/domain/pacts_for_verification.hpp"
#include "broker/domain/provider_contract_service.hpp"
#include "broker/domain/publication_service.hpp"
#include "broker/domain/types.hpp"
#include "broker/domain/verification_service.hpp"
#include "broker/domain/webhook_service.hpp"
#include "broker/store/store.hpp"

namespace pact::broker::domain {

struct broker_services {
    broker_services(store::store& store, broker_config config)
        : config(std::move(config)),
          pacticipants(store, this->config),
          publications(store, this->config),
          pacts(store, this->config),
          verifications(store, this->config),
          environments(store, this->config),
          pacts_for_verification(store, this->config),
          matrix(store, this->config),
          webhooks(store, this->config),
          diagnostics(store, this->config),
          field_usages(store),
          provider_contracts(store, this->config),
          dashboard(store, pacts) {}
    broker_services(const broker_services&) = delete;
    broker_services& operator=(const broker_services&) = delete;

    broker_config config;
    pacticipant_service pacticipants;
    publication_service publications;
    pact_service pacts;
    verification_service verifications;
    environment_service environments;
    pacts_for_verification_service pacts_for_verification;
    matrix_service matrix;
    webhook_service webhooks;
    diagnostic_service diagnostics;
    field_usage_service field_usages;
    provider_contract_service provider_contracts;
    dashboard_service dashboard;
};

}  // namespace pact::broker::domain
