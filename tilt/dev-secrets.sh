#!/usr/bin/env bash
# The Secrets values-dev.yaml names, made from development values only: the secret store's file (the embedded
# profile's components/embedded/secrets.json) and random Dapr API and app API tokens per app, kept across runs.
set -euo pipefail
namespace="${1:-space-of-sport}"
root="$(cd "$(dirname "$0")/.." && pwd)"
kubectl create namespace "$namespace" --dry-run=client -o yaml | kubectl apply -f -
kubectl -n "$namespace" create secret generic space-of-sport-dev-secrets \
  --from-file=secrets.json="$root/components/embedded/secrets.json" --dry-run=client -o yaml | kubectl apply -f -
# One pair per app of dapr.yaml (the chart's dapr.tokenSecretPrefix is space-of-sport).
for app in $(sed -n 's/^  - appID: //p' "$root/dapr.yaml"); do
  for name in "space-of-sport-$app-dapr-api-token" "space-of-sport-$app-app-api-token"; do
    kubectl -n "$namespace" get secret "$name" >/dev/null 2>&1 ||
      kubectl -n "$namespace" create secret generic "$name" --from-literal=token="$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  done
done
