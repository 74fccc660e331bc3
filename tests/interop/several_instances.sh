#!/usr/bin/env bash
# Several broker instances on one database behind a round-robin balancer (nginx), driven by the official
# Pact CLI: a webhook on contract_published fires exactly once per publish however many instances run,
# and every publish any instance acknowledged is seen by all of them. On SQLite the instances share one
# file (as in a rolling restart); under the CTest fixture `postgres`, one PostgreSQL database.
#   several_instances.sh official
source "$(dirname "$0")/lib.sh"

choose_client "${1:-}"
export BROKER_INSTANCES=2
start_broker --webhook-host-whitelist 127.0.0.1 --webhook-retry-schedule 1

# The webhook's receiver: one line per request it gets. It answers slowly, so that deliveries are still
# queued or in flight when the other instance looks at the queue.
RECEIVED="$WORK/received"
: >"$RECEIVED"
cat >"$WORK/receiver.py" <<'PY'
import http.server, sys, time
class Receiver(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        time.sleep(0.4)
        with open(sys.argv[1], "a") as received:
            received.write(body.decode() + "\n")
        self.send_response(200)
        self.end_headers()
    def log_message(self, *arguments):
        pass
server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
print("listening on %d" % server.server_address[1], flush=True)
server.serve_forever()
PY
python3 "$WORK/receiver.py" "$RECEIVED" >"$WORK/receiver.log" 2>&1 &
STARTED_PIDS+=("$!")
RECEIVER_PORT="$(wait_for_port "$WORK/receiver.log" "listening on " "$!")" || fail "the webhook receiver did not start"

run "create-webhook on contract_published" broker create-webhook "http://127.0.0.1:$RECEIVER_PORT/hook" --request POST \
    --data '{"version":"${pactbroker.consumerVersionNumber}"}' --contract-published --description "counts publishes"
expect_status 0

write_order_pact "$WORK/pacts/payment-service-order-service.json"
PUBLISHES=20
for number in $(seq 1 "$PUBLISHES"); do
    run "publish 1.0.$number" broker publish "$WORK/pacts" --consumer-app-version "1.0.$number" --branch main
    expect_status 0
done

# Every instance sees every publish (each listing goes to the next instance in turn).
for _ in 1 2; do
    run "list the consumer's versions" curl -sf "$BROKER_URL/pacticipants/payment-service/versions"
    expect_status 0
    CHECKS=$((CHECKS + 1))
    [ "$(grep -o '"number":"1\.0\.[0-9]*"' <<<"$OUTPUT" | sort -u | wc -l)" = "$PUBLISHES" ] || fail "an instance does not see all $PUBLISHES versions"
done

# Wait for the deliveries, then long enough for every instance to have looked at the queue again (it
# polls every 5 s), so a second delivery of any event would have arrived.
for _ in $(seq 1 600); do
    [ "$(wc -l <"$RECEIVED")" -ge "$PUBLISHES" ] && break
    sleep 0.1
done
sleep 7
DELIVERED="$(wc -l <"$RECEIVED")"
DISTINCT="$(sort -u "$RECEIVED" | wc -l)"
printf '\n%s deliveries for %s publishes, %s distinct\n' "$DELIVERED" "$PUBLISHES" "$DISTINCT"
CHECKS=$((CHECKS + 1))
[ "$DELIVERED" = "$PUBLISHES" ] || fail "the webhook fired $DELIVERED times for $PUBLISHES publishes"
CHECKS=$((CHECKS + 1))
[ "$DISTINCT" = "$PUBLISHES" ] || fail "the webhook did not fire once for each of the $PUBLISHES publishes"
# Both instances took part in delivering (claims move between them) or at least both served requests.
for log in "$WORK"/broker-*.log; do
    CHECKS=$((CHECKS + 1))
    grep -q "listening on" "$log" || fail "an instance did not run: $log"
done
echo "PASS: $CHECKS checks"
