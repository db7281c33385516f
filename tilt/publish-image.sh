#!/usr/bin/env bash
# Tilt's custom_build for a .NET service: dotnet publish straight to a container image (no Dockerfile; the container
# properties in Directory.Build.props and the project pick the chiseled base and the non-root user), named as Tilt
# expects ($EXPECTED_REF). Without a registry in the reference the image goes to the local Docker daemon (kind: Tilt
# loads it into the node); with one (k3d's) it is pushed there.
#   EXPECTED_REF=space-of-sport/catalog:tilt-1 tilt/publish-image.sh services/Catalog
set -euo pipefail
project="$1"
repository="${EXPECTED_REF%:*}"
tag="${EXPECTED_REF##*:}"
registry=""
first="${repository%%/*}"
if [[ "$repository" == */* && ( "$first" == *.* || "$first" == *:* || "$first" == localhost ) ]]; then
  registry="$first"
  repository="${repository#*/}"
fi
dotnet publish "$project" -c Release -t:PublishContainer --nologo -v q \
  -p:ContainerRepository="$repository" -p:ContainerImageTag="$tag" ${registry:+-p:ContainerRegistry="$registry"}
