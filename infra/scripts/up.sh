#!/usr/bin/env bash
# Brings the whole platform up on this machine: dependencies, Kafka, databases and migrations,
# the four services, and the reference trial (the registry loads it on first start).
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
source "$ROOT/infra/scripts/services.sh"

ensure_node_modules
require_postgres
start_kafka
say "local token-signing key"
jwks_file=$(npm run -s auth:key)
[ -n "${AUTH_JWKS_URL:-}" ] || export AUTH_JWKS_FILE=$jwks_file
# A local platform is for demos: its clock may be moved (npm run simulate rehearses a year in minutes).
export CLOCK_ADJUSTABLE=${CLOCK_ADJUSTABLE:-true}
say "building the services"
npx nx run-many -t build --output-style=static >/dev/null

mkdir -p "$RUN_DIR/logs" "$RUN_DIR/pids"
for app in "${SERVICES[@]}"; do
  pid_file=$RUN_DIR/pids/$app.pid
  if [ -f "$pid_file" ] && kill -0 "$(cat "$pid_file")" 2>/dev/null; then
    echo "$app: already running (pid $(cat "$pid_file"))"
    continue
  fi
  say "starting $app"
  HTTP_PORT=${SERVICE_PORT[$app]} nohup node "dist/apps/$app/apps/$app/src/main.js" >>"$RUN_DIR/logs/$app.log" 2>&1 &
  echo $! >"$pid_file"
  for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:${SERVICE_PORT[$app]}/ready" >/dev/null && break
    kill -0 "$(cat "$pid_file")" 2>/dev/null || { echo "$app failed to start; see $RUN_DIR/logs/$app.log" >&2; tail -5 "$RUN_DIR/logs/$app.log" >&2; exit 1; }
    sleep 0.5
  done
  curl -fs "http://127.0.0.1:${SERVICE_PORT[$app]}/ready" >/dev/null || { echo "$app did not become ready" >&2; exit 1; }
done

echo
echo "Trialstream is up (logs in $RUN_DIR/logs, stop with: npm run down)"
printf '  %-18s %-24s %s\n' service url api-docs
for app in registry "${SERVICES[@]:0:3}"; do
  printf '  %-18s %-24s %s\n' "$app" "http://127.0.0.1:${SERVICE_PORT[$app]}" "http://127.0.0.1:${SERVICE_PORT[$app]}/docs"
done
printf '  %-18s %s\n' kafka "${KAFKA_BROKERS:-127.0.0.1:9092}"
echo
echo "Every request but /health and /ready needs a bearer token; get one for a role (8 hours):"
echo "  npm run -s token -- --role sponsor-system | data-manager | safety-monitor | dsmb | operations"
echo "  npm run -s token -- --role site --site BJ-01        (a site sees its own subjects only)"
echo "  simulate the reference trial (a copy of it, 30 subjects, a year of follow-up): npm run simulate -- --seed 7"
echo "  reference trial:   curl -H \"Authorization: Bearer \$(npm run -s token -- --role data-manager)\" http://127.0.0.1:${SERVICE_PORT[registry]}/trials/NCT02491658"
echo "The command line (publish, tail, timeline, dead-letters, token): npm run -s trialctl -- --help"
