#!/usr/bin/env bash
# The browser end-to-end test drives Debian's Chromium (/usr/bin/chromium, from install-dependencies.sh)
# with playwright-core from the npm registry, installed into tests/browse/node_modules (ignored by git).
set -euo pipefail
cd "$(dirname "$0")/../tests/browse"
if [ ! -f node_modules/playwright-core/package.json ]; then
  # Without the registry the browser test skips itself with a message; the rest of the suite still runs.
  npm install --no-audit --no-fund --silent >/dev/null || echo "playwright-core could not be installed: browser_e2e will be skipped"
fi
echo "playwright-core: $(pwd)/node_modules/playwright-core"
