#!/usr/bin/env bash
# npm run down:containers: stops the services (SIGTERM, 30 s to finish the message in hand and flush
# the outbox), then the broker, and removes the containers (the broker's volume stays), and stops
# the Podman API service compose used.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
source "$ROOT/infra/scripts/services.sh"
for name in registry "${SERVICES[@]:0:3}" kafka; do
  container=trialstream_${name}_1
  podman container exists "$container" || continue
  # Podman without systemd cannot remove the healthcheck timer it never made, and says so: not news.
  podman stop -t 30 "$container" 2>/dev/null >/dev/null && echo "$name: stopped (exit $(podman inspect --format '{{.State.ExitCode}}' "$container"))"
  podman rm "$container" >/dev/null
done
# The API service compose talked to.
if [ -f "$CONTAINERS_RUN/podman-service.pid" ]; then
  kill "$(cat "$CONTAINERS_RUN/podman-service.pid")" 2>/dev/null || true
  rm -f "$CONTAINERS_RUN/podman-service.pid"
fi
