#!/usr/bin/env bash
# Issue 14: `pact verifier --concurrency 1` makes exactly the official verifier's calls. Both verifiers
# verify one pact (interactions without states, with one, with two and params, a POST under a state)
# against interop_order_service --record, with and without --state-change-teardown and as a query; the
# recorded requests (state changes and interactions, in order, with bodies) must be the same.
# Usage: state_change_sequence.sh
source "$(dirname "$0")/lib.sh"
require_official_cli

pact="$WORK/pact.json"
cat >"$pact" <<'JSON'
{
  "consumer": {"name": "payment-service"},
  "provider": {"name": "order-service"},
  "interactions": [
    {"description": "order 1 without a state", "request": {"method": "GET", "path": "/orders/1"}, "response": {"status": 200}},
    {"description": "order 1 given it exists", "providerStates": [{"name": "order 1 exists"}],
     "request": {"method": "GET", "path": "/orders/1"}, "response": {"status": 200}},
    {"description": "order 1 given two states", "providerStates": [{"name": "order 1 exists", "params": {"id": 1, "note": "a b"}}, {"name": "EUR is used"}],
     "request": {"method": "GET", "path": "/orders/1"}, "response": {"status": 200}},
    {"description": "order 1 again without a state", "request": {"method": "GET", "path": "/orders/1"}, "response": {"status": 200}},
    {"description": "a POST given order 1 exists", "providerStates": [{"name": "order 1 exists"}],
     "request": {"method": "POST", "path": "/orders"}, "response": {"status": 404}}
  ],
  "metadata": {"pactSpecification": {"version": "3.0.0"}}
}
JSON

# record NAME VERIFIER FLAGS...: the requests the provider got while VERIFIER verified the pact.
record() {
    local name="$1" verifier="$2"
    shift 2
    start_provider --record "$WORK/$name.calls"
    run "$name" "$verifier" verifier -f "$pact" -h 127.0.0.1 -p "$PROVIDER_PORT" \
        --state-change-url "http://127.0.0.1:$PROVIDER_PORT/provider-states" "$@"
    expect_status 0
    stop_provider
}

for flags in "" "--state-change-teardown" "--state-change-teardown --state-change-as-query"; do
    # shellcheck disable=SC2086  # the flags are words
    record official "$OFFICIAL_PACT_CLI" $flags
    # shellcheck disable=SC2086
    record ours "$OUR_PACT_CLI" --concurrency 1 $flags
    CHECKS=$((CHECKS + 1))
    diff "$WORK/official.calls" "$WORK/ours.calls" || fail "with '$flags' our calls differ from the official verifier's (above: < official, > ours)"
    echo "same calls with '$flags':"
    cat "$WORK/ours.calls"
    rm -f "$WORK/official.calls" "$WORK/ours.calls"
done
passed
