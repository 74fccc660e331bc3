#!/usr/bin/env bash
# Configures and builds into build/ (executables in build/bin/): everything, or only the targets named.
# Usage: scripts/build.sh [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/compiler-cache.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_FLAGS_RELEASE="-O2 -DNDEBUG" >/dev/null  # -O2 without debug info: the quickest build that is still fast to run
cmake --build build --parallel "$(nproc)" ${1:+--target "$@"}
