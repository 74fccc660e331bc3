#!/usr/bin/env bash
# The broker over HTTP on a seeded history (50 pacticipants, 20,000 versions, 5,000 pact versions, 100,000
# verification results; with --large 100,000 versions and 1,000,000 verification results, which takes a while
# to seed), in three configurations one after the other, each on a database of its own holding the same history:
#   sqlite           one broker on a SQLite file
#   postgresql       one broker on a PostgreSQL 15 database
#   postgresql x2    two brokers sharing one PostgreSQL database
# For each: can-i-deploy and pacts-for-verification latency (median and p99, one request at a time, alternating
# between the brokers), publishes per second from 64 concurrent clients (dealt out evenly among the brokers) and
# each broker's peak RSS; then a table of all three side by side.
#
# PostgreSQL is a throwaway server (scripts/postgres-test-server.sh start --durable) with fsync and synchronous
# commit on, PostgreSQL's defaults: the broker answers a publish once it is on disk on either store, so both are
# measured durable. The server's own memory is not in the brokers' RSS. The seeded database is vacuumed and
# analysed once, as autovacuum would soon after such a bulk load, and each configuration gets a copy of it.
#   bash bench/broker_http_benchmark.sh [--large] [build-dir]
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
size_flag=
if [[ ${1:-} == --large ]]; then
  size_flag=--large
  shift
fi
build=${1:-$repository_root/build}
broker="$build/bin/pact-broker"
benchmark="$build/bin/broker-http-benchmark"
postgres_server="$repository_root/scripts/postgres-test-server.sh"
[ -x "$broker" ] && [ -x "$benchmark" ] || { echo "build first: cmake --build build --target pact-broker broker-http-benchmark" >&2; exit 2; }

work=$(mktemp -d)
# A directory of its own: the server's user must own it, and its path must be short enough for a Unix socket.
postgres_dir=$(mktemp -d)
broker_pids=()
summary=()
cleanup() {
  local pid
  for pid in "${broker_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  bash "$postgres_server" stop "$postgres_dir" >/dev/null 2>&1 || rm -rf "$postgres_dir"
  rm -rf "$work"
}
trap cleanup EXIT

megabytes() {  # pid field (VmRSS, VmHWM)
  awk -v field="$2:" '$1 == field { printf "%d", $2 / 1024 }' "/proc/$1/status"
}

# wait_for_broker LOG PID -> prints the port the broker took (it is started on port 0, so no two can race for one).
wait_for_broker() {
  local log=$1 pid=$2 deadline=$((SECONDS + 120)) port
  until port=$(sed -n 's/^Pact broker listening on .*:\([0-9][0-9]*\) (database.*/\1/p' "$log") && [[ -n $port ]]; do
    kill -0 "$pid" 2>/dev/null || { echo "the broker exited; its log:" >&2; tail -20 "$log" >&2; return 1; }
    ((SECONDS < deadline)) || { echo "the broker did not start listening within 120 s" >&2; return 1; }
    sleep 0.05
  done
  echo "$port"
}

# run_configuration LABEL INSTANCES BROKER_DATABASE_OPTION... -> prints the figures, adds a row to the summary.
run_configuration() {
  local label=$1 instances=$2
  shift 2
  local ports=() peaks=() index pid
  echo
  echo "=== $label: $instances broker$( ((instances == 1)) || echo s) ==="
  broker_pids=()
  # A log of each configuration's own: a log of the previous one, truncated only once the new broker's shell
  # has forked, could be read for the new broker's port.
  for ((index = 0; index < instances; ++index)); do
    "$broker" --port 0 "$@" >"$work/$label-broker-$index.log" 2>&1 &
    broker_pids+=($!)
  done
  for ((index = 0; index < instances; ++index)); do
    ports+=("$(wait_for_broker "$work/$label-broker-$index.log" "${broker_pids[index]}")")
    echo "broker $((index + 1)) on port ${ports[index]}: $(megabytes "${broker_pids[index]}" VmRSS) MB resident"
  done
  if ! "$benchmark" load $size_flag --figures "$work/figures" "${ports[@]}"; then
    for ((index = 0; index < instances; ++index)); do
      echo "broker $((index + 1))'s log:"
      tail -20 "$work/$label-broker-$index.log"
    done
    exit 1
  fi
  for pid in "${broker_pids[@]}"; do peaks+=("$(megabytes "$pid" VmHWM)"); done
  echo "broker peak RSS: $(IFS=/; echo "${peaks[*]}") MB"
  for pid in "${broker_pids[@]}"; do kill "$pid"; done
  for pid in "${broker_pids[@]}"; do wait "$pid" || true; done
  broker_pids=()
  summary+=("$label $(cat "$work/figures") $(IFS=/; echo "${peaks[*]}")")
}

echo "seeding SQLite"
"$benchmark" seed $size_flag "$work/broker.sqlite"
run_configuration "sqlite" 1 --database "$work/broker.sqlite"

echo
echo "starting PostgreSQL (durable: fsync and synchronous_commit on)"
admin_url=$(bash "$postgres_server" start "$postgres_dir" --durable)
postgres() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }
seeded_url=$(bash "$postgres_server" create-database "$postgres_dir" seeded_history)
"$benchmark" seed $size_flag "$seeded_url"
postgres "$seeded_url" -c "VACUUM ANALYZE"
# Every configuration starts from the same history (a publish twice would conflict) and a fresh checkpoint.
copy_of_seeded() {  # name -> prints its URL
  postgres "$admin_url" -c "CREATE DATABASE $1 TEMPLATE seeded_history" -c "CHECKPOINT"
  echo "${admin_url%/*}/$1"
}
run_configuration "postgresql" 1 --database-url "$(copy_of_seeded one_broker)"
run_configuration "postgresql-x2" 2 --database-url "$(copy_of_seeded two_brokers)"

echo
echo "=== summary ($( [[ -n $size_flag ]] && echo "large history" || echo "default history")) ==="
printf '%-15s  %-21s  %-27s  %11s  %s\n' "" "can-i-deploy (ms)" "pacts for verification (ms)" "" ""
printf '%-15s  %10s %10s  %13s %13s  %11s  %s\n' "configuration" "median" "p99" "median" "p99" "publishes/s" "peak RSS per broker (MB)"
for row in "${summary[@]}"; do
  read -r label can_i_deploy_median can_i_deploy_p99 for_verification_median for_verification_p99 publishes peaks <<<"$row"
  printf '%-15s  %10s %10s  %13s %13s  %11s  %s\n' "$label" "$can_i_deploy_median" "$can_i_deploy_p99" "$for_verification_median" \
    "$for_verification_p99" "$publishes" "$peaks"
done
