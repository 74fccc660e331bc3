#!/usr/bin/env bash
# `pact broker get-pacts` (every combination of --consumer, --branch and --latest, table and JSON output,
# --download) and `pact broker provider-states list` (main branch, --branch, --environment, --json) against
# our broker, through one client: `pact_listing.sh official` drives the official Pact CLI, `pact_listing.sh
# ours` our `pact`. The assertions hold for both.
source "$(dirname "$0")/lib.sh"

choose_client "${1:-}"
start_broker

# payment-service: 1.0.0 and 1.1.0 on main, 2.0.0 on feat/x, each with its own provider state;
# billing-service: 3.0.0 on main, its state with parameters.
publish_pact() {
    local consumer="$1" version="$2" branch="$3" state="$4" folder="$WORK/published/$1-$2"
    write_order_pact "$folder/$consumer-order-service.json" total_amount "$consumer"
    sed -i "s/{\"name\": \"order 1 exists\"}/$state/" "$folder/$consumer-order-service.json"
    run "publish $consumer $version" broker publish "$folder" --consumer-app-version "$version" --branch "$branch"
    expect_status 0
}
publish_pact payment-service 1.0.0 main '{"name": "order 1 exists"}'
publish_pact payment-service 1.1.0 main '{"name": "order 1 exists with items"}'
publish_pact payment-service 2.0.0 feat/x '{"name": "order 1 exists on a branch"}'
publish_pact billing-service 3.0.0 main '{"name": "order 1 exists", "params": {"id": 1}}'

pact_title() { echo "Pact between $1 ($2) and order-service"; }

run "get-pacts (every consumer's main branch)" broker get-pacts --provider order-service
expect_status 0
expect_output "$(pact_title payment-service 1.0.0)"
expect_output "$(pact_title payment-service 1.1.0)"
expect_output "$(pact_title billing-service 3.0.0)"
expect_no_output "$(pact_title payment-service 2.0.0)"
expect_output "$BROKER_URL/pacts/provider/order-service/consumer/payment-service/version/1.1.0"

run "get-pacts --latest" broker get-pacts --provider order-service --latest
expect_status 0
expect_output "$(pact_title payment-service 1.1.0)"
expect_output "$(pact_title billing-service 3.0.0)"
expect_no_output "$(pact_title payment-service 1.0.0)"

run "get-pacts --consumer" broker get-pacts --provider order-service --consumer payment-service
expect_status 0
expect_output "$(pact_title payment-service 1.0.0)"
expect_output "$(pact_title payment-service 1.1.0)"
expect_no_output "billing-service"

run "get-pacts --consumer --latest" broker get-pacts --provider order-service --consumer payment-service --latest
expect_status 0
expect_output "$(pact_title payment-service 1.1.0)"
expect_no_output "$(pact_title payment-service 1.0.0)"

run "get-pacts --branch" broker get-pacts --provider order-service --branch feat/x
expect_status 0
expect_output "$(pact_title payment-service 2.0.0)"
expect_no_output "$(pact_title payment-service 1.1.0)"

run "get-pacts --branch --latest" broker get-pacts --provider order-service --branch feat/x --latest
expect_status 0
expect_output "$(pact_title payment-service 2.0.0)"

run "get-pacts --consumer --branch" broker get-pacts --provider order-service --consumer payment-service --branch main
expect_status 0
expect_output "$(pact_title payment-service 1.0.0)"
expect_no_output "$(pact_title payment-service 2.0.0)"

run "get-pacts --consumer --branch --latest" broker get-pacts --provider order-service --consumer payment-service --branch feat/x --latest
expect_status 0
expect_output "$(pact_title payment-service 2.0.0)"

run "get-pacts -o json" broker get-pacts --provider order-service --latest -o json
expect_status 0
expect_output "\"title\": \"$(pact_title payment-service 1.1.0)\""
expect_output '"name": "billing-service"'

run "get-pacts --download" broker get-pacts --provider order-service --latest --download --download-dir "$WORK/downloaded"
expect_status 0
expect_output "→ $WORK/downloaded/payment-service-order-service-1.1.0.json"
expect_output "→ $WORK/downloaded/billing-service-order-service-3.0.0.json"
CHECKS=$((CHECKS + 1))
grep -qF '"order 1 exists with items"' "$WORK/downloaded/payment-service-order-service-1.1.0.json" ||
    fail "the downloaded pact is not payment-service 1.1.0's"

run "get-pacts of an unknown provider" broker get-pacts --provider nobody
expect_status 1
expect_output "404"

run "provider-states list" broker provider-states list --provider order-service
expect_status 0
expect_output "Scope: Main branch"
expect_output "order 1 exists with items"
expect_output '{"id":1}'
expect_output "billing-service"
expect_no_output "order 1 exists on a branch"

run "provider-states list --json" broker provider-states list --provider order-service --json
expect_status 0
expect_output '"name": "order 1 exists with items"'
expect_output '"params": {'

run "provider-states list --branch" broker provider-states list --provider order-service --branch feat/x
expect_status 0
expect_output "Branch: feat/x"
expect_output "order 1 exists on a branch"
expect_no_output "order 1 exists with items"

run "create-environment" broker create-environment --name production
expect_status 0
run "record-deployment" broker record-deployment --pacticipant payment-service --version 1.0.0 --environment production
expect_status 0
run "provider-states list --environment" broker provider-states list --provider order-service --environment production
expect_status 0
expect_output "Environment: production"
expect_output "payment-service"
expect_no_output "order 1 exists with items"
expect_no_output "billing-service"

run "provider-states list of an unknown environment" broker provider-states list --provider order-service --environment nowhere
expect_status 1
expect_output "404"

passed
