#!/usr/bin/env bash
# The official Pact CLI is the reference client our interop tests drive. It comes from the npm registry
# into tests/interop/node_modules (ignored by git); the tests find it at the path printed here.
set -euo pipefail
cd "$(dirname "$0")/../tests/interop"
binary=node_modules/@pact-foundation/pact-cli-linux-x64/standalone/pact
if [ ! -x "$binary" ]; then
  npm install --no-audit --no-fund --silent >/dev/null
fi
echo "official Pact CLI: $(pwd)/$binary"
