#!/usr/bin/env bash
# The broker over HTTP on a seeded database (50 pacticipants, 20,000 versions, 5,000 pact versions, 100,000
# verification results): can-i-deploy and pacts-for-verification latency, publishes per second from 64
# concurrent clients, and the broker's peak RSS.
#   bash bench/broker_http_benchmark.sh [build-dir]
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
build=${1:-$repository_root/build}
broker="$build/bin/pact-broker"
benchmark="$build/bin/broker-http-benchmark"
[ -x "$broker" ] && [ -x "$benchmark" ] || { echo "build first: cmake --build build --target pact-broker broker-http-benchmark" >&2; exit 2; }

work=$(mktemp -d)
broker_pid=
trap 'kill "$broker_pid" 2>/dev/null; rm -rf "$work"' EXIT

"$benchmark" seed "$work/broker.sqlite"
port=$(free_port)
"$broker" --port "$port" --database "$work/broker.sqlite" >"$work/broker.log" 2>&1 &
broker_pid=$!
wait_for_port "$port" 60
echo "broker started: $(awk '/VmRSS/ { printf "%d MB", $2 / 1024 }' "/proc/$broker_pid/status") resident"
"$benchmark" load "$port" || { echo "broker log:"; tail -20 "$work/broker.log"; exit 1; }
echo "broker peak RSS: $(awk '/VmHWM/ { printf "%d MB", $2 / 1024 }' "/proc/$broker_pid/status")"
