#!/usr/bin/env bash
# The storefront's command in dapr.yaml: install and build only when the sources changed since the last build
# (scripts/build.sh), then serve the build on APP_PORT (3000), on loopback unless APP_LISTEN_ADDRESS names another
# address (a container sets 0.0.0.0), like every app of the shop.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
export NEXT_TELEMETRY_DISABLED=1
exec node_modules/.bin/next start --port "${APP_PORT:-3000}" --hostname "${APP_LISTEN_ADDRESS:-127.0.0.1}"
