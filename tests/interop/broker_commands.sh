#!/usr/bin/env bash
# Every `pact broker` subcommand but the webhook and PactFlow ones, through one client against our
# broker: `broker_commands.sh official` drives the official Pact CLI, `broker_commands.sh ours` our
# `pact`. The assertions hold for both, so both clients get the same answers from our broker.
source "$(dirname "$0")/lib.sh"

choose_client "${1:-}"
start_broker

write_order_pact "$WORK/pacts/payment-service-order-service.json"

# Environments
run "create-environment production" broker create-environment --name production --display-name Production --production \
    --contact-name "Team Orders" --contact-email-address orders@example.com
expect_status 0
expect_output "Created production environment in the Pact Broker with UUID"
run "create-environment test (id output)" broker create-environment --name test -o id
expect_status 0
TEST_UUID="$(tail -n 1 <<<"$OUTPUT" | tr -d '[:space:]')"
[ -n "$TEST_UUID" ] || fail "no uuid printed"
run "create-environment production again" broker create-environment --name production
expect_status 1
expect_output "production"
run "list-environments" broker list-environments
expect_status 0
expect_output "Production"
expect_output "$TEST_UUID"
run "describe-environment" broker describe-environment --uuid "$TEST_UUID"
expect_status 0
expect_output "test"
run "update-environment" broker update-environment --uuid "$TEST_UUID" --name test --display-name "Test Lab"
expect_status 0
run "describe-environment after update" broker describe-environment --uuid "$TEST_UUID" -o json
expect_status 0
expect_output "Test Lab"

# Pacticipants
run "create-or-update-pacticipant (new)" broker create-or-update-pacticipant --name payment-service --main-branch main \
    --repository-url https://git.example/payment-service
expect_status 0
expect_output "payment-service"
run "create-or-update-pacticipant (existing)" broker create-or-update-pacticipant --name payment-service --display-name "Payment Service"
expect_status 0
run "describe-pacticipant" broker describe-pacticipant --name payment-service
expect_status 0
expect_output "Payment Service"
expect_output "main"
expect_output "https://git.example/payment-service"
run "describe-pacticipant unknown" broker describe-pacticipant --name nobody
expect_status 1
expect_output "404"

# Publishing
run "publish" broker publish "$WORK/pacts" --consumer-app-version 1.0.0 --branch main --tag rc --build-url http://ci.example/build/1
expect_status 0
expect_output "payment-service"
expect_output "order-service"
run "publish identical content again" broker publish "$WORK/pacts/payment-service-order-service.json" --consumer-app-version 1.0.0 --branch main
expect_status 0
write_order_pact "$WORK/changed/payment-service-order-service.json" amount_in_cents
run "publish different content for the same version" broker publish "$WORK/changed" --consumer-app-version 1.0.0
expect_status 1
run "list-pacticipants" broker list-pacticipants
expect_status 0
expect_output "payment-service"
expect_output "order-service"
run "list-latest-pact-versions" broker list-latest-pact-versions
expect_status 0
expect_output "payment-service"
expect_output "1.0.0"
expect_output "order-service"

# Versions, tags, branches
run "create-version-tag" broker create-version-tag --pacticipant payment-service --version 1.0.0 --tag released
expect_status 0
expect_output "Tagging version '1.0.0' of pacticipant 'payment-service' with tag 'released'"
run "create-version-tag unknown version" broker create-version-tag --pacticipant payment-service --version 7.7.7 --tag x
expect_status 1
expect_output "does not exist"
run "create-version-tag --auto-create-version" broker create-version-tag --pacticipant payment-service --version 7.7.7 --tag x --auto-create-version
expect_status 0
run "delete-version-tag" broker delete-version-tag --pacticipant payment-service --version 7.7.7 --tag x
expect_status 0
expect_output "Successfully deleted tag 'x' from version '7.7.7' of pacticipant 'payment-service'"
run "delete-version-tag again" broker delete-version-tag --pacticipant payment-service --version 7.7.7 --tag x
expect_status 0
expect_output "was not found"
run "describe-version after delete-version-tag" broker describe-version --pacticipant payment-service --version 7.7.7 -o json
expect_status 0
expect_no_output '"name":"x"'
run "describe-version" broker describe-version --pacticipant payment-service --version 1.0.0
expect_status 0
expect_output "1.0.0"
expect_output "released"
run "describe-version latest" broker describe-version --pacticipant payment-service -o json
expect_status 0
expect_output "\"number\""
run "create-or-update-version" broker create-or-update-version --pacticipant payment-service --version 1.1.0 --branch feat/refunds
expect_status 0
run "describe-version 1.1.0" broker describe-version --pacticipant payment-service --version 1.1.0 -o json
expect_status 0
expect_output "feat/refunds"
run "delete-branch" broker delete-branch --pacticipant payment-service --branch feat/refunds
expect_status 0

# Deployments and releases
run "record-deployment" broker record-deployment --pacticipant payment-service --version 1.0.0 --environment production
expect_status 0
expect_output "Recorded deployment of payment-service version 1.0.0 to production environment"
run "record-deployment unknown environment" broker record-deployment --pacticipant payment-service --version 1.0.0 --environment nowhere
expect_status 1
run "record-deployment unknown version" broker record-deployment --pacticipant payment-service --version 9.9.9 --environment production
expect_status 1
run "record-release" broker record-release --pacticipant payment-service --version 1.0.0 --environment test
expect_status 0
expect_output "Recorded release of payment-service version 1.0.0 to test environment"
run "describe-version --environment" broker describe-version --pacticipant payment-service --environment production
expect_status 0
expect_output "1.0.0"
run "describe-version --environment --released" broker describe-version --pacticipant payment-service --environment test --released -o json
expect_status 0
expect_output '"number":"1.0.0"'
run "record-support-ended" broker record-support-ended --pacticipant payment-service --version 1.0.0 --environment test
expect_status 0

# can-i-deploy / can-i-merge: order-service has not verified the pact, so nothing says yes
run "can-i-deploy unverified" broker can-i-deploy --pacticipant order-service --version 9.9.9 --to-environment production
expect_status 1
expect_output "Computer says no"
run "can-i-deploy --no-main-branch" broker can-i-deploy --pacticipant order-service --version 9.9.9 --no-main-branch true \
    --to-environment production
expect_status 1
expect_output "Computer says no"
run "can-i-deploy -o json exits 0, the answer in the JSON" broker can-i-deploy --pacticipant order-service --version 9.9.9 \
    --to-environment production -o json
expect_status 0
expect_output '"deployable":'
run "--log-level and the telemetry flags are accepted" broker list-pacticipants --log-level debug --enable-otel
expect_status 0
run "can-i-deploy --dry-run" broker can-i-deploy --pacticipant order-service --version 9.9.9 --to-environment production --dry-run
expect_status 0
expect_output "Dry run"
run "can-i-deploy polls while the answer is unknown" broker can-i-deploy --pacticipant order-service --version 9.9.9 \
    --to-environment production --retry-while-unknown 1 --retry-interval 0
expect_status 1
expect_output "Computer says no"
run "can-i-deploy unverified consumer with --to" broker can-i-deploy --pacticipant payment-service --version 1.0.0 --pacticipant order-service --latest
expect_status 1
expect_output "Computer says no"
run "can-i-merge unverified" broker can-i-merge --pacticipant payment-service --version 1.0.0
expect_status 1
expect_output "Computer says no"

run "record-undeployment" broker record-undeployment --pacticipant payment-service --environment production
expect_status 0
expect_output "Undeployed payment-service from production environment"
run "record-undeployment when nothing is deployed" broker record-undeployment --pacticipant payment-service --environment production
expect_status 1
expect_output "not currently deployed"

run "delete-environment" broker delete-environment --uuid "$TEST_UUID"
expect_status 0
run "list-environments after delete" broker list-environments
expect_status 0
expect_no_output "$TEST_UUID"

passed
