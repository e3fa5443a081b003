#!/usr/bin/env bash
# npm run up:containers: builds the images and starts the platform from docker-compose.yml with
# Podman (through its Docker-compatible API): the broker in a container, the host's PostgreSQL, the four services
# (each migrates its database at start; the registry loads the reference trial). Waits until each
# is ready and prints how long that took.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
source "$ROOT/infra/scripts/common.sh"
source "$ROOT/infra/scripts/services.sh"
require_postgres
if (exec 3<>/dev/tcp/127.0.0.1/9092) 2>/dev/null && ! podman container exists trialstream_kafka_1; then
  echo "port 9092 is taken (a broker from npm run up?): stop it first (npm run down)" >&2
  exit 1
fi
bash "$here/build-images.sh"
# A local demo platform: its clock may be moved (trialctl simulate), as npm run up's may.
export CLOCK_ADJUSTABLE=${CLOCK_ADJUSTABLE:-true}
say "local token-signing key"
export TRIALSTREAM_JWKS_FILE; TRIALSTREAM_JWKS_FILE=$(cd "$ROOT" && npm run -s auth:key)

started=$(date +%s)
# seconds_since <epoch ms>: how long ago, to a tenth of a second.
seconds_since() { local ms=$(($(date +%s%3N) - $1)); printf '%d.%d' $((ms / 1000)) $((ms % 1000 / 100)); }
say "starting kafka"
since=$(date +%s%3N)
compose up -d kafka >/dev/null
wait_until "kafka" 120 bash -c '(exec 3<>/dev/tcp/127.0.0.1/9092) 2>/dev/null'
echo "kafka: ready in $(seconds_since "$since") s"
for app in "${SERVICES[@]}"; do
  say "starting $app"
  since=$(date +%s%3N)
  compose up -d --no-deps "$app" >/dev/null
  wait_until "$app" 120 curl -fs "http://127.0.0.1:${SERVICE_PORT[$app]}/ready" -o /dev/null
  echo "$app: ready in $(seconds_since "$since") s (migrations included)"
done
printf '\nThe platform runs in containers (%d s from start to ready); stop it with npm run down:containers\n' $(($(date +%s) - started))
podman ps --filter label=com.docker.compose.project=trialstream --format '  {{.Names}}  {{.Image}}  {{.Status}}'
