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
verify() {
    "$CLIENT" "$VERIFY_COMMAND" --broker-url "$BROKER_URL" --provider-name order-service -h 127.0.0.1 -p "$PROVIDER_PORT" \
        --state-change-url "http://127.0.0.1:$PROVIDER_PORT/provider-states" --publish --provider-branch main "$@"
}

