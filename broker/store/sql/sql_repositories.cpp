#include "broker/store/sql/sql_repositories.hpp"

#include "broker/store/sql/sql_queries.hpp"

namespace pact::broker::store::sql {

transaction_repositories::transaction_repositories(connection& session)
    : session_(session),
      pacticipants_(make_pacticipant_repository(session)),
      pacts_(make_pact_repository(session)),
      verifications_(make_verification_repository(session)),
      environments_(make_environment_repository(session)),
      webhooks_(make_webhook_repository(session)),
      maintenance_(make_maintenance_repository(session)),
      field_usages_(make_field_usage_repository(session)),
      provider_contracts_(make_provider_contract_repository(session)) {}

transaction_repositories::~transaction_repositories() = default;

pacticipant_writer& transaction_repositories::pacticipants() { return *pacticipants_; }
pact_writer& transaction_repositories::pacts() { return *pacts_; }
verification_writer& transaction_repositories::verifications() { return *verifications_; }
environment_writer& transaction_repositories::environments() { return *environments_; }
webhook_writer& transaction_repositories::webhooks() { return *webhooks_; }
record_counts transaction_repositories::count_records() { return sql::count_records(session_); }
maintenance_writer& transaction_repositories::maintenance() { return *maintenance_; }
field_usage_writer& transaction_repositories::field_usages() { return *field_usages_; }
provider_contract_writer& transaction_repositories::provider_contracts() { return *provider_contracts_; }

}  // namespace pact::broker::store::sql
