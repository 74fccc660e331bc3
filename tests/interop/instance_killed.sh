#!/usr/bin/env bash
# Two broker instances on one database behind a round-robin balancer; 16 clients publish through it while
# one instance is killed with SIGKILL. Every publish answered 2xx (by either instance) must be there
# afterwards, read through the balancer from the instance left. On SQLite the instances share one file;
# under the CTest fixture `postgres`, one PostgreSQL database.
source "$(dirname "$0")/lib.sh"

export BROKER_INSTANCES=2
start_broker

ACKNOWLEDGED="$WORK/acknowledged"
: >"$ACKNOWLEDGED"
publisher() {
    local consumer="consumer-$1" version=0 pact body status
    while [ ! -e "$WORK/stop" ]; do
        version=$((version + 1))
        pact="$(printf '{"consumer":{"name":"%s"},"provider":{"name":"provider"},"interactions":[{"description":"request %s","request":{"method":"GET","path":"/"},"response":{"status":200}}],"metadata":{"pactSpecification":{"version":"2.0.0"}}}' "$consumer" "$version")"
        body="$(printf '{"pacticipantName":"%s","pacticipantVersionNumber":"%s","branch":"main","contracts":[{"consumerName":"%s","providerName":"provider","specification":"pact","contentType":"application/json","content":"%s"}]}' \
            "$consumer" "$version" "$consumer" "$(printf '%s' "$pact" | base64 -w0)")"
        status="$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' --data "$body" "$BROKER_URL/contracts/publish")"
        case "$status" in
            2*) echo "/pacts/provider/provider/consumer/$consumer/version/$version request $version" >>"$ACKNOWLEDGED" ;;
            502|503|000) ;;  # the killed instance's requests: not acknowledged
            *) echo "unexpected $status" >>"$WORK/unexpected" ;;
        esac
    done
}
PUBLISHER_PIDS=()
for index in $(seq 1 16); do
    publisher "$index" &
    PUBLISHER_PIDS+=("$!")
done
sleep 3
BEFORE_KILL="$(wc -l <"$ACKNOWLEDGED")"
kill -9 "${BROKER_INSTANCE_PIDS[0]}"
sleep 3
touch "$WORK/stop"
wait "${PUBLISHER_PIDS[@]}"
TOTAL="$(wc -l <"$ACKNOWLEDGED")"
printf '\n%s publishes acknowledged, %s of them before the kill\n' "$TOTAL" "$BEFORE_KILL"
CHECKS=$((CHECKS + 1))
[ "$BEFORE_KILL" -gt 0 ] && [ "$TOTAL" -gt "$BEFORE_KILL" ] || fail "the publishers did not get answers both before and after the kill"
CHECKS=$((CHECKS + 1))
[ ! -e "$WORK/unexpected" ] || fail "unexpected answers: $(sort "$WORK/unexpected" | uniq -c)"

MISSING=0
while read -r path description; do
    stored="$(curl -sf "$BROKER_URL$path")" || { MISSING=$((MISSING + 1)); echo "missing: $path"; continue; }
    grep -qF "\"$description\"" <<<"$stored" || { MISSING=$((MISSING + 1)); echo "wrong content: $path"; }
done <"$ACKNOWLEDGED"
CHECKS=$((CHECKS + 1))
[ "$MISSING" = 0 ] || fail "$MISSING acknowledged publishes are missing after the kill"
echo "PASS: $CHECKS checks, every one of $TOTAL acknowledged publishes is there"
