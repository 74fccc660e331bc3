#!/usr/bin/env bash
# Builds the libFuzzer harnesses (fuzz/) in a separate clang build with address and undefined-behaviour
# sanitizers, then runs them side by side, each for a bounded time from a seed corpus generated at run
# time. Prints the executions and crashes per harness; exits non-zero on any crash, leak, timeout or
# sanitizer report.
#
# Usage: scripts/run-fuzzers.sh [--seconds N] [--build-dir DIR] [--shared-dir DIR] [FUZZER...]
#   --seconds N     time each harness runs (default 60)
#   --build-dir     the clang build (default build/fuzz-build)
#   --shared-dir    the shared folder with pact-spec/ and upstream-pacts/ (default ../shared)
#   FUZZER          run only these (default: every harness the build has)
# A crashing input is kept in BUILD_DIR/fuzz-artifacts; rerun it with `BUILD_DIR/bin/FUZZER FILE`.
set -euo pipefail
repository="$(cd "$(dirname "$0")/.." && pwd)"
seconds=60
build_dir="$repository/build/fuzz-build"
shared_dir="$repository/../shared"
selected=()
while (($#)); do
  case "$1" in
    --seconds) seconds="$2"; shift 2 ;;
    --build-dir) build_dir="$2"; shift 2 ;;
    --shared-dir) shared_dir="$2"; shift 2 ;;
    -*) echo "unknown option $1" >&2; exit 2 ;;
    *) selected+=("$1"); shift ;;
  esac
done

source "$repository/scripts/compiler-cache.sh"
compiler="${PACT_FUZZ_CXX:-clang++-19}"
command -v "$compiler" >/dev/null || { echo "$compiler not found: run scripts/install-dependencies.sh" >&2; exit 2; }
# -O1 with line tables: fast enough to fuzz, readable stack traces, and a quicker build than -O2 -g.
cmake -S "$repository" -B "$build_dir" -G Ninja -DCMAKE_CXX_COMPILER="$compiler" -DPACT_BUILD_FUZZERS=ON \
  -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_FLAGS_RELEASE="-O1 -gline-tables-only" >/dev/null
cmake --build "$build_dir" --parallel 2 --target fuzzers

if ((${#selected[@]} == 0)); then
  for binary in "$build_dir"/bin/fuzz_*; do selected+=("$(basename "$binary")"); done
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
artifacts="$build_dir/fuzz-artifacts"
mkdir -p "$artifacts"
# The harnesses run at once: the time limit is then the step's wall time, whatever the number of cores.
declare -A running
for fuzzer in "${selected[@]}"; do
  corpus="$work/$fuzzer"
  python3 "$repository/fuzz/seed_corpus.py" "$fuzzer" "$shared_dir" "$corpus" >/dev/null
  # -timeout: an input taking 10 s is a hang; -rss_limit_mb: a runaway allocation is a failure too.
  ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
    "$build_dir/bin/$fuzzer" "$corpus" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -dict="$repository/fuzz/pact.dict" -print_final_stats=1 -artifact_prefix="$artifacts/$fuzzer-" \
    >"$work/$fuzzer.log" 2>&1 &
  running[$fuzzer]=$!
done
failed=0
for fuzzer in "${selected[@]}"; do
  log="$work/$fuzzer.log"
  status=0
  wait "${running[$fuzzer]}" || status=$?
  executions="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)"
  if ((status == 0)); then
    echo "$fuzzer: ${executions:-0} executions in ${seconds} s, 0 crashes"
  else
    failed=1
    echo "$fuzzer: FAILED (exit $status) after ${executions:-?} executions; the input is in $artifacts:"
    grep -E -A40 '^==[0-9]+==ERROR|runtime error|^(Fuzzer|==).*(deadly signal|timeout|out-of-memory)' "$log" | head -60
  fi
done
exit "$failed"
