#!/usr/bin/env bash
# Stub server throughput: wrk (8 connections) against our `pact stub` and the official one, on generated
# order pacts, requests spread over every interaction. Prints requests per second and peak RSS.
#   bash bench/stub_benchmark.sh [build-dir]
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
build=${1:-$repository_root/build}
ours="$build/bin/pact"
generator="$build/bin/generate-order-pact"
[ -x "$ours" ] && [ -x "$generator" ] || { echo "build first: cmake --build build" >&2; exit 2; }

work=$(mktemp -d)
stub_pid=
trap 'kill "$stub_pid" 2>/dev/null; rm -rf "$work"' EXIT

# wrk asks for /orders/1 .. /orders/N in turn, with the header the pact's requests carry.
write_wrk_script() {  # count
  cat >"$work/rotate.lua" <<LUA
local next_id = 0
request = function()
  next_id = next_id % $1 + 1
  return wrk.format("GET", "/orders/" .. next_id, { ["Accept"] = "application/json" })
end
LUA
}

measure() {  # label count command...
  local label=$1 count=$2; shift 2
  local port; port=$(free_port)
  "$@" -p "$port" >"$work/stub.log" 2>&1 &
  stub_pid=$!
  wait_for_port "$port" 60
  curl -sf -H 'Accept: application/json' "http://127.0.0.1:$port/orders/1" >/dev/null ||
    { echo "$label stub does not answer /orders/1:"; tail -5 "$work/stub.log"; exit 1; }
  write_wrk_script "$count"
  local rate
  rate=$(wrk -t2 -c8 -d10s -s "$work/rotate.lua" "http://127.0.0.1:$port" | awk '/Requests\/sec/ { print $2 }')
  local peak_kb; peak_kb=$(awk '/VmHWM/ { print $2 }' "/proc/$stub_pid/status")
  printf '%-8s %-10s %14s %12s\n' "$count" "$label" "$rate" "$((peak_kb / 1024))"
  kill "$stub_pid"; wait "$stub_pid" 2>/dev/null || true; stub_pid=
}

printf '%-8s %-10s %14s %12s\n' N stub "requests/s" "peak RSS MB"
for count in 100 1000; do
  "$generator" "$count" "$work/pact-$count"
  measure ours "$count" "$ours" stub -f "$work/pact-$count/pact.json"
  if [ "$count" = 100 ] && [ -x "$official_cli" ]; then
    measure official "$count" "$official_cli" stub -f "$work/pact-$count/pact.json"
  fi
done
