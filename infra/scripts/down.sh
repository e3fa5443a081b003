#!/usr/bin/env bash
# Stops the services (SIGTERM: they finish the message in hand and flush their outbox), then Kafka.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
source "$ROOT/infra/scripts/services.sh"

for app in registry "${SERVICES[@]:0:3}"; do
  pid_file=$RUN_DIR/pids/$app.pid
  [ -f "$pid_file" ] || continue
  pid=$(cat "$pid_file")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    echo "$app: stopped"
  fi
  rm -f "$pid_file"
done
bash "$ROOT/infra/kafka/kafka.sh" stop
