#pragma once
// The repositories of one transaction, written once in SQL over a driver's connection. A driver's
// transaction derives from transaction_repositories and adds commit().

#include "broker/store/sql/sql_connection.hpp"
#include "broker/store/store.hpp"

#include <memory>

namespace pact::broker::store::sql {

class transaction_repositories : public store_writer {
public:
    // `session` must outlive this object and be inside the transaction.
    explicit transaction_repositories(connection& session);
    ~transaction_repositories() override;
    transaction_repositories(const transaction_repositories&) = delete;
    transaction_repositories& operator=(const transaction_repositories&) = delete;

    pacticipant_writer& pacticipants() override;
    pact_writer& pacts() override;
    verification_writer& verifications() override;
    environment_writer& environments() override;
    webhook_writer& webhooks() override;
    record_counts count_records() override;
    maintenance_writer& maintenance() override;
    field_usage_writer& field_usages() override;
    provider_contract_writer& provider_contracts() override;

private:
    connection& session_;
    std::unique_ptr<pacticipant_writer> pacticipants_;
    std::unique_ptr<pact_writer> pacts_;
    std::unique_ptr<verification_writer> verifications_;
    std::unique_ptr<environment_writer> environments_;
    std::unique_ptr<webhook_writer> webhooks_;
    std::unique_ptr<maintenance_writer> maintenance_;
    std::unique_ptr<field_usage_writer> field_usages_;
    std::unique_ptr<provider_contract_writer> provider_contracts_;
};

}  // namespace pact::broker::store::sql
