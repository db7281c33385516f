#!/usr/bin/env bash
# Installs and builds the storefront only when needed: `npm ci` when package-lock.json changed since the last install
# (node_modules/.lock-hash), `next build` when a source changed since the last build (.next/.build-stamp, a hash of
# every source and the lock file). A warm re-run costs one hash of a few dozen files. Used by scripts/serve.sh (the
# shop's command in dapr.yaml) and by tests/Storefront.Tests before it runs the storefront's tests.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "storefront: Node.js 20.9+ and npm are needed (e.g. apt-get install nodejs npm)" >&2
  exit 1
fi

lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
if [[ ! -f node_modules/.lock-hash || "$(cat node_modules/.lock-hash)" != "$lock_hash" ]]; then
  echo "storefront: npm ci"
  # No install scripts: the only one is sharp's, and the shop's images need no resizing.
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
  echo "$lock_hash" > node_modules/.lock-hash
fi

source_hash=$(find app components lib middleware.ts next.config.ts tsconfig.json package-lock.json -type f \
  | LC_ALL=C sort | xargs sha256sum | sha256sum | cut -d' ' -f1)
if [[ ! -f .next/.build-stamp || "$(cat .next/.build-stamp)" != "$source_hash" || ! -f .next/BUILD_ID ]]; then
  echo "storefront: next build"
  node_modules/.bin/next build
  echo "$source_hash" > .next/.build-stamp
fi
