#!/usr/bin/env bash
# The seed's story told bi-directionally, end to end through a real broker: order-service never runs the pact
# verifier; it publishes its OpenAPI contract with the result of its own tests (`pactflow publish-provider-contract`),
# and can-i-deploy answers from the broker's comparison of the contract with payment-service's pact.
# A compatible contract deploys; the renamed contract is refused naming total_amount; a contract whose
# self-verification failed is refused; a consumer version relying on a field the deployed contract lacks is refused.
#   bidirectional_story.sh official|ours   the client that publishes and asks (ours is asked the same questions too)
source "$(dirname "$0")/lib.sh"

choose_client "${1:-}"
start_broker
ours() { "$OUR_PACT_CLI" broker "$@" -b "$BROKER_URL"; }
# publish_contract VERSION FIELD EXIT_CODE: order-service's contract naming the amount FIELD, self-verified with that exit code.
publish_contract() {
    local version="$1" field="$2" exit_code="$3" file="$WORK/openapi-$2.yaml"
    cat >"$file" <<YAML
openapi: 3.0.3
info: {title: order-service, version: "$version"}
paths:
  /orders/{id}:
    get:
      parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
      responses:
        '200':
          description: an order
          content:
            application/json:
              schema:
                type: object
                properties:
                  id: {type: integer}
                  $field: {type: integer}
YAML
    echo "14 passing" >"$WORK/dredd.txt"
    run "order-service $version publishes its contract ($field, self-verification exit $exit_code)" \
        "$CLIENT" pactflow publish-provider-contract "$file" --provider order-service -a "$version" --branch main \
        --content-type application/yaml --verification-exit-code="$exit_code" --verification-results "$WORK/dredd.txt" \
        --verification-results-content-type text/plain --verifier dredd -b "$BROKER_URL"
}

run "create the production environment" broker create-environment --name production --production
expect_status 0
write_order_pact "$WORK/pacts/payment-service-order-service.json" total_amount
run "payment-service 1.0.0 publishes its pact" broker publish "$WORK/pacts" --consumer-app-version 1.0.0 --branch main
expect_status 0
run "payment-service 1.0.0 runs in production" broker record-deployment --pacticipant payment-service --version 1.0.0 \
    --environment production
expect_status 0

publish_contract 2.0.0 total_cents 0
expect_status 0
expect_output "Published the provider contract for order-service version 2.0.0"
expect_output "total_amount"
can_i_deploy "can order-service 2.0.0 (renamed total_amount) go to production?" --pacticipant order-service --version 2.0.0 \
    --to-environment production
expect_status 1
expect_output "Computer says no"
expect_output "\$.total_amount is not in the contract (it has total_cents: renamed?)"
expect_output "cross-contract-verification-results"

publish_contract 2.0.1 total_amount 1
expect_status 0
can_i_deploy "can order-service 2.0.1 (its own tests failed) go to production?" --pacticipant order-service --version 2.0.1 \
    --to-environment production
expect_status 1
expect_output "self-verification of its contract failed"

publish_contract 2.0.2 total_amount 0
expect_status 0
can_i_deploy "can order-service 2.0.2 go to production?" --pacticipant order-service --version 2.0.2 --to-environment production
expect_status 0
expect_output "Computer says yes"

run "our client describes the renamed contract's comparison" ours describe-provider-contract --provider order-service --version 2.0.0
expect_status 1
expect_output "error response.body.incompatible at \$.response.body.total_amount"

# order-service 2.0.0 (the renamed contract) is what runs; a new payment-service version still reads total_amount.
run "order-service 2.0.0 is deployed anyway" broker record-deployment --pacticipant order-service --version 2.0.0 --environment production
expect_status 0
write_order_pact "$WORK/pacts-next/payment-service-order-service.json" total_amount
sed -i 's/a request for order 1/a request for order 1 (again)/' "$WORK/pacts-next/payment-service-order-service.json"
run "payment-service 1.1.0 publishes its pact" broker publish "$WORK/pacts-next" --consumer-app-version 1.1.0 --branch main
expect_status 0
can_i_deploy "can payment-service 1.1.0 go to production, beside order-service 2.0.0?" --pacticipant payment-service --version 1.1.0 \
    --to-environment production
expect_status 1
expect_output "total_amount"

passed
