#!/usr/bin/env bash
# Builds the broker's and the four services' images with Podman from the same Dockerfiles a Docker
# user builds, on the local base images (base-images.sh), and prints their sizes.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
source "$ROOT/infra/scripts/services.sh"
bash "$here/base-images.sh"

# --format docker keeps HEALTHCHECK (OCI images have none); the build stages fetch packages over
# the host's network.
build() { podman build --format docker --network host --quiet "$@" "$ROOT" >/dev/null; }

say "image trialstream/kafka"
build -f "$ROOT/infra/kafka/Dockerfile" -t "$(image_of kafka)" \
  --build-arg MAVEN_IMAGE="$KAFKA_JARS_IMAGE" --build-arg JAVA_IMAGE="$JAVA_RUNTIME_IMAGE"
for app in "${SERVICES[@]}"; do
  say "image trialstream/$app"
  build -f "$ROOT/infra/docker/Dockerfile" -t "$(image_of "$app")" --build-arg SERVICE="$app" \
    --build-arg NODE_BUILD_IMAGE="$NODE_BUILD_IMAGE" --build-arg NODE_IMAGE="$NODE_RUNTIME_IMAGE"
done
say "image sizes"
for name in kafka "${SERVICES[@]}"; do
  printf '  %-46s %s\n' "$(image_of "$name")" "$(podman image inspect --format '{{.Size}}' "$(image_of "$name")" | awk '{printf "%.0f MB", $1/1e6}')"
done
