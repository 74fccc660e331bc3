#!/usr/bin/env bash
# `pact verifier --broker-url ... --publish` against our broker, in both of its flows:
#   verifier_flows.sh CLIENT latest     no selectors: the latest pact of each consumer
#   verifier_flows.sh CLIENT selectors  consumer version selectors, pending pacts, WIP pacts
# CLIENT is `official` (the official Pact CLI) or `ours`; it also does the consumer side (publish,
# can-i-deploy, describe-version), so each variant is a whole CI loop through one client.
source "$(dirname "$0")/lib.sh"

choose_client "${1:-}" "latest|selectors"
FLOW="${2:-}"
start_broker
start_provider
verify() {
    "$CLIENT" verifier --broker-url "$BROKER_URL" --provider-name order-service -h 127.0.0.1 -p "$PROVIDER_PORT" \
        --state-change-url "http://127.0.0.1:$PROVIDER_PORT/provider-states" "$@"
}

write_order_pact "$WORK/payment/pact.json" total_amount payment-service
run "publish payment-service 1.0.0" broker publish "$WORK/payment" --consumer-app-version 1.0.0 --branch main
expect_status 0

case "$FLOW" in
latest)
    write_order_pact "$WORK/shipping/pact.json" total_amount "shipping service"
    run "publish shipping service 4.0.0" broker publish "$WORK/shipping" --consumer-app-version 4.0.0 --branch main
    expect_status 0

    run "verify the latest pacts and publish" verify --publish --provider-version 2.0.1 --provider-branch main \
        --provider-tags dev,ci --build-url http://ci.example/order-service/7
    expect_status 0
    expect_output "a request for order 1"
    run "can-i-deploy the verified pair" broker can-i-deploy --pacticipant payment-service --version 1.0.0 \
        --pacticipant order-service --version 2.0.1
    expect_status 0
    expect_output "Computer says yes"
    run "can-i-deploy the other consumer with the provider" broker can-i-deploy --pacticipant "shipping service" \
        --version 4.0.0 --pacticipant order-service --version 2.0.1
    expect_status 0
    run "the provider version has the branch and tags the verifier set" broker describe-version \
        --pacticipant order-service --version 2.0.1 -o json
    expect_status 0
    expect_output "\"dev\""
    expect_output "\"ci\""
    expect_output "\"main\""

    stop_provider
    start_provider --rename
    run "verify a provider that renamed the field" verify --publish --provider-version 2.0.2 --provider-branch main
    expect_status 1
    expect_output "total_amount"
    run "can-i-deploy the failed pair" broker can-i-deploy --pacticipant payment-service --version 1.0.0 \
        --pacticipant order-service --version 2.0.2
    expect_status 1
    expect_output "Computer says no"
    ;;
selectors)
    run "the main branch of payment-service" broker create-or-update-pacticipant --name payment-service --main-branch main
    expect_status 0
    # billing-service, on a feature branch, expects a field the provider does not send.
    write_order_pact "$WORK/billing/pact.json" discount billing-service
    run "publish billing-service 3.0.0 on a feature branch" broker publish "$WORK/billing" \
        --consumer-app-version 3.0.0 --branch feat/discounts
    expect_status 0

    run "verify the main branch pacts only" verify --consumer-version-selectors '{"mainBranch":true}'
    expect_status 0
    expect_no_output "billing-service"

    run "a failing pact chosen by selector fails the build" verify --consumer-version-selectors '{"branch":"feat/discounts"}'
    expect_status 1
    expect_output "discount"

    run "the same pact while pending does not fail the build" verify \
        --consumer-version-selectors '{"branch":"feat/discounts"}' --enable-pending --provider-branch main
    expect_status 0
    expect_output "discount"

    run "main branch pacts plus WIP pacts, pending, published" verify --consumer-version-selectors '{"mainBranch":true}' \
        --enable-pending --include-wip-pacts-since 2020-01-01 --publish --provider-version 2.0.1 --provider-branch main
    expect_status 0
    expect_output "payment-service"
    expect_output "billing-service"
    expect_output "discount"

    run "consumer version tags choose pacts too" verify --consumer-version-tags nothing-tagged-so --ignore-no-pacts-error
    expect_status 0

    run "can-i-deploy the verified main branch pair" broker can-i-deploy --pacticipant payment-service --version 1.0.0 \
        --pacticipant order-service --version 2.0.1
    expect_status 0
    expect_output "Computer says yes"
    run "the WIP pact's failure was published" broker can-i-deploy --pacticipant billing-service --version 3.0.0 \
        --pacticipant order-service --version 2.0.1
    expect_status 1
    expect_output "Computer says no"
    ;;
*)
    echo "usage: $0 official|ours latest|selectors"
    exit 2
    ;;
esac

passed
