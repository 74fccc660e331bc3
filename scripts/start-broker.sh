#!/usr/bin/env bash
# Installs what is missing, builds, and starts the broker on its SQLite default.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-dependencies.sh --build-only
scripts/build.sh pact-broker pact  # only what it starts (and the CLI to talk to it)
port="${PACT_BROKER_PORT:-9292}"
echo "Pact broker: browse http://127.0.0.1:${port}/"
exec build/bin/pact-broker --port "$port" --database "${PACT_BROKER_DATABASE:-pact_broker.sqlite}" "$@"
