#!/usr/bin/env bash
# Runs every test: lint (module boundaries), type checks, unit tests, then the integration and
# end-to-end tests against a real Kafka broker and real PostgreSQL (starting the broker if none is
# running and stopping it afterwards), a quick benchmark and a quick fault run, and last the container
# smoke test.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

ensure_node_modules
ensure_kcat
ensure_chromium
require_postgres

started_kafka=false
if ! kafka_running; then
  start_kafka
  started_kafka=true
fi
cleanup() { if $started_kafka; then bash "$ROOT/infra/kafka/kafka.sh" stop; fi; }
trap cleanup EXIT

summary=$RUN_DIR/test-summary.jsonl
mkdir -p "$RUN_DIR"
rm -f "$summary"
export TRIALSTREAM_TEST_SUMMARY=$summary

status=0
say "lint, type checks and unit tests"
npx nx run-many -t lint typecheck test --skip-nx-cache --output-style=static || status=1
say "integration and end-to-end tests (real Kafka, real PostgreSQL)"
npx nx run-many -t integration --parallel=1 --skip-nx-cache --output-style=static || status=1
# Keeps the benchmark from rotting: fails only on lost or duplicated events or a service not starting.
say "benchmark (quick run, figures not asserted)"
npm run bench -- --quick --out "$RUN_DIR/bench" || status=1
# The platform's promises under faults: fails on any event lost or duplicated, any invariant broken.
say "faults (quick run: one fault per phase, PostgreSQL crashed included, then the invariant checker)"
# The PostgreSQL crash runs a server of the run's own as the postgres user (runuser), so it needs root.
postgres_crash=(); if [ "$(id -u)" = 0 ]; then postgres_crash=(--postgres-restart); else echo "not root: the PostgreSQL crash phase is left out"; fi
npm run faults -- --quick "${postgres_crash[@]}" --out "$RUN_DIR/faults" || status=1
say "faults on a three-broker cluster (quick: a broker SIGKILLed mid-stream, alone and with an instance killed; as root, a broker cut off)"
# Brokers in network namespaces of their own (root only) can be cut off, not only killed.
cluster_phases=(--phases broker,overlap); if [ "$(id -u)" = 0 ]; then cluster_phases=(--netns --phases broker,overlap,partition); fi
npm run faults -- --quick --cluster "${cluster_phases[@]}" --out "$RUN_DIR/faults-cluster" || status=1

# Stop the broker before the summary, so the run ends on its closing line (and before the
# containers, whose broker takes the same port).
cleanup
trap - EXIT
say "the platform from its container images (Podman; builds the local base images on first run)"
bash "$ROOT/infra/containers/smoke-test.sh" || status=1
node "$ROOT/tools/test-summary.mjs" "$summary" || status=1
exit $status
