#!/usr/bin/env bash
# Verifier throughput: our `pact verifier` beside the official one, on the same generated order pacts and
# the same nginx provider. Prints interactions per second, the ratio, peak RSS and RSS per interaction.
# Ours runs three times at each N and the median run counts (a run on this virtual machine can take twice as
# long as the next one); every run's time is printed. The official verifier runs once (45 s at N = 1000).
#   bash bench/verifier_benchmark.sh [build-dir]
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
build=${1:-$repository_root/build}
ours="$build/bin/pact"
generator="$build/bin/generate-order-pact"
[ -x "$ours" ] && [ -x "$generator" ] || { echo "build first: cmake --build build" >&2; exit 2; }

work=$(mktemp -d)
chmod 755 "$work"  # nginx workers do not run as root: they must be able to read what it serves
trap 'kill "${nginx_pid:-}" 2>/dev/null; rm -rf "$work"' EXIT

for count in 100 1000 10000; do "$generator" "$count" "$work/pact-$count"; done
# One document root holding the largest set serves every pact (ids 1..N are shared).
start_nginx "$work/pact-10000/www" "$work"

echo "provider ceiling (wrk, 2 threads, 8 connections, 5 s, GET /orders/1):"
wrk -t2 -c8 -d5s "http://127.0.0.1:$nginx_port/orders/1" | grep -E "Requests/sec|Latency"
echo

printf '%-8s %-10s %12s %14s %12s %14s\n' N verifier seconds "interactions/s" "peak RSS MB" "RSS B/interaction"
declare -A ours_rate official_rate
for count in 100 1000 10000; do
  runs=()
  for run in 1 2 3; do
    timed "$ours" verifier -f "$work/pact-$count/pact.json" -h 127.0.0.1 -p "$nginx_port"
    [ "$command_status" = 0 ] || { echo "our verifier failed at N=$count:"; tail -20 "$work/last.log"; exit 1; }
    runs+=("$elapsed_seconds $peak_rss_kb")
  done
  read -r elapsed_seconds peak_rss_kb < <(printf '%s\n' "${runs[@]}" | sort -n | sed -n 2p)
  ours_rate[$count]=$(per_second "$count" "$elapsed_seconds")
  printf '%-8s %-10s %12s %14s %12s %14s   (runs: %s s)\n' "$count" ours "$elapsed_seconds" "${ours_rate[$count]}" \
    "$((peak_rss_kb / 1024))" "$((peak_rss_kb * 1024 / count))" "$(printf '%s\n' "${runs[@]}" | cut -d' ' -f1 | paste -sd' ')"
  if [ "$count" -le 1000 ] && [ -x "$official_cli" ]; then
    timed "$official_cli" verifier -f "$work/pact-$count/pact.json" -h 127.0.0.1 -p "$nginx_port"
    [ "$command_status" = 0 ] || { echo "official verifier failed at N=$count:"; tail -20 "$work/last.log"; exit 1; }
    official_rate[$count]=$(per_second "$count" "$elapsed_seconds")
    printf '%-8s %-10s %12s %14s %12s %14s\n' "$count" official "$elapsed_seconds" "${official_rate[$count]}" \
      "$((peak_rss_kb / 1024))" "$((peak_rss_kb * 1024 / count))"
  fi
done
echo
for count in 100 1000; do
  [ -n "${official_rate[$count]:-}" ] &&
    echo "N=$count: ours / official = $(awk -v a="${ours_rate[$count]}" -v b="${official_rate[$count]}" 'BEGIN { printf "%.1f", a / b }')x"
done
