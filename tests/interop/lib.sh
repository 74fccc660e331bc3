# Shared by the interop and story scripts: temp folder, our broker and the order-service provider on
# free loopback ports, running clients, and assertions on exit codes and printed text.
# Sourced by each script; it stops everything it started when the script exits.

set -uo pipefail
: "${PACT_BIN_DIR:?PACT_BIN_DIR must name the folder with pact and pact-broker (build/bin)}"
: "${INTEROP_DIR:?INTEROP_DIR must name tests/interop}"
OFFICIAL_PACT_CLI="${OFFICIAL_PACT_CLI:-$INTEROP_DIR/node_modules/@pact-foundation/pact-cli-linux-x64/standalone/pact}"
OUR_PACT_CLI="$PACT_BIN_DIR/pact"

# The official verifier reports usage to a public endpoint unless told not to; no test sends traffic out.
export PACT_DO_NOT_TRACK=true
# Settings from the caller's shell must not leak into the clients or the broker.
unset PACT_BROKER_BASE_URL PACT_BROKER_USERNAME PACT_BROKER_PASSWORD PACT_BROKER_TOKEN PACT_BROKER_HTTP_RETRIES \
      PACT_BROKER_PORT PACT_BROKER_DATABASE PACT_BROKER_HOST PACT_BROKER_CAN_I_DEPLOY_DRY_RUN \
      PACT_BROKER_CAN_I_DEPLOY_IGNORE
export PACT_BROKER_HTTP_RETRIES=2

WORK="$(mktemp -d "${TMPDIR:-/tmp}/pact-interop.XXXXXX")"
STARTED_PIDS=()
CHECKS=0

cleanup() {
    for pid in "${STARTED_PIDS[@]}"; do
        kill "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
    done
    rm -rf "$WORK"
}
trap cleanup EXIT

fail() {
    echo "FAIL: $*"
    echo "---- broker log (last lines) ----"
    tail -n 20 "$WORK/broker.log" 2>/dev/null
    exit 1
}

require_official_cli() {
    if [ ! -x "$OFFICIAL_PACT_CLI" ]; then
        echo "SKIP: the official Pact CLI is not installed at $OFFICIAL_PACT_CLI (run scripts/install-official-cli.sh)"
        exit 77
    fi
}

# The client a script written for both drives, from its first argument: `official` (the official Pact CLI)
# or `ours`; sets CLIENT. The second argument names the script's further arguments in its usage line.
choose_client() {
    case "${1:-}" in
        official) require_official_cli; CLIENT="$OFFICIAL_PACT_CLI" ;;
        ours) CLIENT="$OUR_PACT_CLI" ;;
        *) echo "usage: $0 official|ours${2:+ $2}"; exit 2 ;;
    esac
}

# `broker ARGS...`: the chosen client's broker command against the broker start_broker started.
broker() { "$CLIENT" broker "$@" -b "$BROKER_URL"; }

# Waits until a process we started prints "<prefix>PORT" in its log; echoes PORT.
wait_for_port() {
    local log="$1" pattern="$2" pid="$3"
    for _ in $(seq 1 600); do
        local port
        port="$(grep -oE "$pattern[0-9]+" "$log" 2>/dev/null | head -n 1 | grep -oE '[0-9]+$')"
        if [ -n "$port" ]; then
            echo "$port"
            return 0
        fi
        kill -0 "$pid" 2>/dev/null || return 1
        sleep 0.05
    done
    return 1
}

# The fresh database every broker of this script shares: a SQLite file, or, when the CTest fixture
# `postgres` runs (PACT_BROKER_TEST_POSTGRES_DIR), a database of its own on that PostgreSQL server.
# Sets BROKER_DATABASE_ARGUMENTS.
choose_database() {
    [ -n "${BROKER_DATABASE_ARGUMENTS+set}" ] && return 0
    if [ -n "${PACT_BROKER_TEST_POSTGRES_DIR:-}" ]; then
        local url
        url="$(bash "$INTEROP_DIR/../../scripts/postgres-test-server.sh" create-database "$PACT_BROKER_TEST_POSTGRES_DIR" "interop_$$_$RANDOM")" ||
            fail "could not create a PostgreSQL database"
        BROKER_DATABASE_ARGUMENTS=(--database-url "$url")
    else
        BROKER_DATABASE_ARGUMENTS=(--database "$WORK/broker.sqlite")
    fi
}

# start_broker_instance LOG [ARGS...]: one pact-broker on a free port on the shared database; sets
# INSTANCE_PORT and INSTANCE_PID.
start_broker_instance() {
    local log="$1"
    shift
    choose_database
    "$PACT_BIN_DIR/pact-broker" --host 127.0.0.1 --port 0 "${BROKER_DATABASE_ARGUMENTS[@]}" "$@" >"$log" 2>&1 &
    INSTANCE_PID=$!
    STARTED_PIDS+=("$INSTANCE_PID")
    INSTANCE_PORT="$(wait_for_port "$log" "listening on 127\.0\.0\.1:" "$INSTANCE_PID")" ||
        fail "the broker did not start: $(cat "$log")"
}

# Starts our broker on a free port with a fresh database; sets BROKER_URL. With BROKER_INSTANCES=2 (or
# more), that many brokers share the database behind an nginx that sends requests to them in turn, as a
# load balancer does, and BROKER_URL is nginx's. Extra arguments go to every broker.
start_broker() {
    local instances="${BROKER_INSTANCES:-1}"
    if [ "$instances" = 1 ]; then
        start_broker_instance "$WORK/broker.log" "$@"
        BROKER_PID=$INSTANCE_PID
        BROKER_URL="http://127.0.0.1:$INSTANCE_PORT"
        return 0
    fi
    BROKER_INSTANCE_PIDS=()
    local upstreams="" index
    for index in $(seq 1 "$instances"); do
        start_broker_instance "$WORK/broker-$index.log" "$@"
        BROKER_INSTANCE_PIDS+=("$INSTANCE_PID")
        upstreams+="    server 127.0.0.1:$INSTANCE_PORT max_fails=0;"$'\n'
    done
    # The logs of all instances, for fail().
    ln -sf "$WORK/broker-1.log" "$WORK/broker.log"
    start_balancer "$upstreams"
    BROKER_URL="http://127.0.0.1:$BALANCER_PORT"
}

# start_balancer UPSTREAM_LINES: nginx on a free port, round robin over the servers, passing the Host
# header through so that the brokers' links name the balancer. Sets BALANCER_PORT.
start_balancer() {
    mkdir -p "$WORK/nginx"
    # nginx cannot listen on port 0 and say which it got: find a free one first.
    BALANCER_PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    cat >"$WORK/nginx/nginx.conf" <<CONF
daemon off;
worker_processes 1;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx/body;
  proxy_temp_path $WORK/nginx/proxy;
  client_max_body_size 20m;
  upstream brokers {
$1  }
  server {
    listen 127.0.0.1:$BALANCER_PORT;
    location / {
      proxy_pass http://brokers;
      proxy_set_header Host \$http_host;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_next_upstream error;
    }
  }
}
CONF
    nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" >"$WORK/nginx/stdout.log" 2>&1 &
    STARTED_PIDS+=("$!")
    for _ in $(seq 1 200); do
        (echo >"/dev/tcp/127.0.0.1/$BALANCER_PORT") 2>/dev/null && return 0
        sleep 0.05
    done
    fail "nginx did not start: $(cat "$WORK/nginx/error.log" 2>/dev/null)"
}

# Starts the order-service provider (with --rename it sends total_cents); sets PROVIDER_PORT.
start_provider() {
    "$PACT_BIN_DIR/interop_order_service" "$@" >"$WORK/provider.log" 2>&1 &
    PROVIDER_PID=$!
    STARTED_PIDS+=("$PROVIDER_PID")
    PROVIDER_PORT="$(wait_for_port "$WORK/provider.log" "listening on " "$PROVIDER_PID")" ||
        fail "the provider did not start: $(cat "$WORK/provider.log")"
}

stop_provider() {
    kill "$PROVIDER_PID" 2>/dev/null
    wait "$PROVIDER_PID" 2>/dev/null
}

# run LABEL COMMAND...: runs it, keeps stdout and stderr in OUTPUT and the exit code in STATUS.
run() {
    local label="$1"
    shift
    OUTPUT="$("$@" 2>&1)"
    STATUS=$?
    printf '\n$ %s\n%s\n(exit %s)\n' "$label" "$OUTPUT" "$STATUS"
}

expect_status() {
    CHECKS=$((CHECKS + 1))
    [ "$STATUS" = "$1" ] || fail "expected exit code $1, got $STATUS"
}

expect_output() {
    CHECKS=$((CHECKS + 1))
    grep -qF -- "$1" <<<"$OUTPUT" || fail "expected the output to contain '$1'"
}

expect_no_output() {
    CHECKS=$((CHECKS + 1))
    if grep -qF -- "$1" <<<"$OUTPUT"; then fail "expected the output not to contain '$1'"; fi
}

# can_i_deploy LABEL ARGS...: can-i-deploy through the script's `broker` (the client under test); when that is not
# ours, ours is asked the same and must give the same exit code. OUTPUT and STATUS stay the client's.
can_i_deploy() {
    local label="$1"
    shift
    run "$label" broker can-i-deploy "$@"
    if [ "$CLIENT" != "$OUR_PACT_CLI" ]; then
        local client_status="$STATUS" client_output="$OUTPUT"
        run "$label (our client, same question)" "$OUR_PACT_CLI" can-i-deploy "$@" -b "$BROKER_URL"
        CHECKS=$((CHECKS + 1))
        [ "$STATUS" = "$client_status" ] || fail "our can-i-deploy answered $STATUS, the official one $client_status"
        OUTPUT="$client_output"
        STATUS="$client_status"
    fi
}

passed() {
    echo
    echo "PASS: $CHECKS checks"
}

# Writes the pact payment-service (consumer) has with order-service (provider) to $1; the field the
# consumer relies on is $2 (total_amount by default), the consumer is $3 (payment-service by default).
write_order_pact() {
    local file="$1" consumer="${3:-payment-service}" field="${2:-total_amount}"
    mkdir -p "$(dirname "$file")"
    cat >"$file" <<JSON
{
  "consumer": {"name": "$consumer"},
  "provider": {"name": "order-service"},
  "interactions": [{
    "description": "a request for order 1",
    "providerStates": [{"name": "order 1 exists"}],
    "request": {"method": "GET", "path": "/orders/1"},
    "response": {
      "status": 200,
      "headers": {"Content-Type": "application/json"},
      "body": {"id": 1, "$field": 1250},
      "matchingRules": {"body": {"\$.id": {"matchers": [{"match": "integer"}]},
                                 "\$.$field": {"matchers": [{"match": "integer"}]}}}
    }
  }],
  "metadata": {"pactSpecification": {"version": "3.0.0"}}
}
JSON
}
