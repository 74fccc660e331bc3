#!/usr/bin/env bash
# Installs what is missing, builds, and runs the whole test suite (unit, specification cases,
# component tests over loopback, and interop tests that drive the official Pact CLI).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-dependencies.sh
scripts/install-official-cli.sh
scripts/install-browser-test.sh
scripts/build.sh
cd build
ctest --output-on-failure --parallel "$(nproc)" --timeout 600
