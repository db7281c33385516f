#!/usr/bin/env bash
# Installs the Dapr control plane into the current cluster once (dapr init -k), and waits until it runs.
set -euo pipefail
if kubectl get deployment dapr-operator -n dapr-system >/dev/null 2>&1; then
  echo "dapr: control plane already installed"
else
  command -v dapr >/dev/null || { echo "tilt/dapr-init.sh: the Dapr CLI is needed (https://docs.dapr.io/getting-started/install-dapr-cli/)" >&2; exit 1; }
  dapr init -k --wait --timeout 600
fi
kubectl wait --for=condition=Available deployment --all -n dapr-system --timeout=300s
