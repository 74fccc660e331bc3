#!/usr/bin/env bash
# The story of issue 4, end to end through a real broker:
# payment-service 1.0.0 (branch main) publishes a pact relying on total_amount and runs in production;
# order-service 2.0.0 renamed it to total_cents: verification fails naming the field, the failed
# result is in the broker, can-i-deploy says no and why; 2.0.1 restores the field, verification
# passes, can-i-deploy says yes, the deployment is recorded.
#   story.sh ours      with our `pact` (top-level commands: pact publish, pact verify, pact can-i-deploy)
#   story.sh official  with the official Pact CLI; every can-i-deploy is also asked with ours, and
#                      both must give the same answer
source "$(dirname "$0")/lib.sh"

case "${1:-}" in
    official) require_official_cli; CLIENT="$OFFICIAL_PACT_CLI"; BROKER_COMMAND=(broker); VERIFY_COMMAND=verifier ;;
    ours) CLIENT="$OUR_PACT_CLI"; BROKER_COMMAND=(); VERIFY_COMMAND=verify ;;
    *) echo "usage: $0 official|ours"; exit 2 ;;
esac
start_broker
broker() { "$CLIENT" "${BROKER_COMMAND[@]}" "$@" -b "$BROKER_URL"; }
ours() { "$OUR_PACT_CLI" "$@" -b "$BROKER_URL"; }
verify() {
    "$CLIENT" "$VERIFY_COMMAND" --broker-url "$BROKER_URL" --provider-name order-service -h 127.0.0.1 -p "$PROVIDER_PORT" \
        --state-change-url "http://127.0.0.1:$PROVIDER_PORT/provider-states" --publish --provider-branch main "$@"
}
# can-i-deploy through the client under test; with the official client, ours must answer the same.
can_i_deploy() {
    local label="$1"
    shift
    run "$label" broker can-i-deploy "$@"
    if [ "$CLIENT" != "$OUR_PACT_CLI" ]; then
        local official_status="$STATUS" official_output="$OUTPUT"
        run "$label (our client, same question)" ours can-i-deploy "$@"
        CHECKS=$((CHECKS + 1))
        [ "$STATUS" = "$official_status" ] || fail "our can-i-deploy answered $STATUS, the official one $official_status"
        OUTPUT="$official_output"
        STATUS="$official_status"
    fi
}

run "create the production environment" broker create-environment --name production --production
expect_status 0

write_order_pact "$WORK/pacts/payment-service-order-service.json" total_amount
run "payment-service 1.0.0 publishes its pact" broker publish "$WORK/pacts" --consumer-app-version 1.0.0 --branch main
expect_status 0
run "payment-service 1.0.0 runs in production" broker record-deployment --pacticipant payment-service --version 1.0.0 \
    --environment production
expect_status 0

start_provider --rename
run "order-service 2.0.0 (sends total_cents) is verified" verify --provider-version 2.0.0
expect_status 1
expect_output "total_amount"
if [ "$CLIENT" = "$OUR_PACT_CLI" ]; then
    # Our matching engine also says what the provider sends instead.
    expect_output "total_cents"
fi
stop_provider

run "the failed result is in the broker" broker can-i-deploy --pacticipant payment-service --version 1.0.0 \
    --pacticipant order-service --version 2.0.0 -o json
expect_output '"success":false'
can_i_deploy "can order-service 2.0.0 go to production?" --pacticipant order-service --version 2.0.0 \
    --to-environment production
expect_status 1
expect_output "Computer says no"
expect_output "payment-service"
expect_output "failed"
can_i_deploy "the same question with -o json: exit 0, the answer is in the JSON" --pacticipant order-service \
    --version 2.0.0 --to-environment production -o json
expect_status 0
expect_output '"deployable":false'

start_provider
run "order-service 2.0.1 (total_amount restored) is verified" verify --provider-version 2.0.1
expect_status 0
stop_provider

can_i_deploy "can order-service 2.0.1 go to production?" --pacticipant order-service --version 2.0.1 \
    --to-environment production
expect_status 0
expect_output "Computer says yes"
run "order-service 2.0.1 is deployed" broker record-deployment --pacticipant order-service --version 2.0.1 \
    --environment production
expect_status 0
expect_output "Recorded deployment of order-service version 2.0.1 to production environment"
can_i_deploy "payment-service 1.0.0 still fits what runs in production" --pacticipant payment-service --version 1.0.0 \
    --to-environment production
expect_status 0

passed
