#!/usr/bin/env bash
# npm run test:containers: the platform from its images, checked as an operator would. Brings it up
# with up.sh (images built, broker and services started, each ready), then checks that every
# container runs as a user other than root, that a screening submitted over HTTP comes out as
# SubjectScreened on the broker, that a SIGTERM to enrollment in the middle of a stream of
# screenings loses and doubles none once it is back, and that SIGTERM stops each service within its
# grace period after it finished its work and left Kafka. Prints image sizes and start-up times; stops the platform.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
source "$ROOT/infra/scripts/common.sh"
source "$ROOT/infra/scripts/services.sh"
ensure_kcat
GRACE_SECONDS=30
failures=0
check() { if "$@"; then echo "  ok    $CHECK"; else echo "  FAIL  $CHECK"; failures=$((failures + 1)); fi; }
cleanup() { bash "$here/down.sh" >/dev/null 2>&1 || true; }
trap cleanup EXIT

bash "$here/up.sh"
container() { echo "trialstream_${1}_1"; }
token() { (cd "$ROOT" && npm run -s token -- "$@"); }

say "non-root, and the services on a read-only root file system"
for name in kafka "${SERVICES[@]}"; do
  uid=$(podman exec "$(container "$name")" id -u)
  CHECK="$name runs as uid $uid" check test "$uid" != 0
done
for name in "${SERVICES[@]}"; do
  read_only=$(podman inspect --format '{{.HostConfig.ReadonlyRootfs}}' "$(container "$name")")
  CHECK="$name has a read-only root file system ($read_only)" check test "$read_only" = true
done

say "a screening over HTTP comes out as SubjectScreened"
subject="SMOKE-$(date +%s)"
screening=$(cd "$ROOT" && npx ts-node --transpile-only -r tsconfig-paths/register -P tsconfig.base.json \
  -e "process.stdout.write(JSON.stringify(require('@trialstream/testing').eligibleScreening('$subject')))")
sponsor=$(token --role sponsor-system)
curl -fs -o /dev/null -X POST -H "Authorization: Bearer $sponsor" -H 'Content-Type: application/json' \
  -d '{"status":"RECRUITING","reason":"container smoke test"}' http://127.0.0.1:3001/trials/NCT02491658/status || true
status=""
for _ in $(seq 1 60); do
  status=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H "Authorization: Bearer $sponsor" -H 'Content-Type: application/json' \
    -d "$screening" http://127.0.0.1:3002/trials/NCT02491658/screenings)
  [ "$status" = 201 ] && break
  sleep 1 # enrollment learns the trial is recruiting from the registry's event
done
CHECK="POST /screenings answered $status" check test "$status" = 201
screened=""
for _ in $(seq 1 60); do
  screened=$(kcat -C -b 127.0.0.1:9092 -t trialstream.enrollment.events.v1 -o beginning -e -q -f '%k %h\n' 2>/dev/null \
    | grep "^$subject " | grep -o 'event-type=SubjectScreened' || true)
  [ -n "$screened" ] && break
  sleep 1
done
CHECK="SubjectScreened for $subject on trialstream.enrollment.events.v1" check test -n "$screened"

say "SIGTERM to enrollment with screenings in flight: none lost, none doubled"
batch=2000
run="INFLIGHT-$(date +%s)" # subjects of this run only: the host's databases outlive the containers
wire_screened() {
  kcat -C -b 127.0.0.1:9092 -t trialstream.enrollment.events.v1 -o beginning -e -q -f '%k %h\n' 2>/dev/null \
    | grep "^$run-" | grep 'event-type=SubjectScreened' | grep -o 'event-id=[^,]*' | sort -u | wc -l
}
(cd "$ROOT" && npx ts-node --transpile-only -r tsconfig-paths/register -P tsconfig.base.json -e "
  const { eligibleScreening, sampleEnvelope } = require('@trialstream/testing');
  for (let i = 0; i < $batch; i++) {
    const subjectId = '$run-' + String(i).padStart(4, '0');
    console.log(JSON.stringify(sampleEnvelope(eligibleScreening(subjectId), { type: 'ScreeningSubmitted', trialId: 'NCT02491658', subjectId })));
  }" | npm run -s trialctl -- publish - >/dev/null)
podman stop -t "$GRACE_SECONDS" "$(container enrollment)" 2>/dev/null >/dev/null # (see down.sh)
echo "  (SIGTERM came with $(wire_screened) of $batch screened on the wire)"
compose up -d --no-deps enrollment >/dev/null 2>&1
wait_until enrollment 120 curl -fs http://127.0.0.1:3002/ready -o /dev/null
for _ in $(seq 1 90); do [ "$(wire_screened)" -ge "$batch" ] && break; sleep 1; done
CHECK="$(wire_screened) distinct SubjectScreened events on the wire for $batch screenings" check test "$(wire_screened)" = "$batch"
recorded=$(psql -h 127.0.0.1 -U postgres -d trialstream_enrollment -Atc "SELECT count(*) FROM subject WHERE subject_id LIKE '$run-%'")
CHECK="$recorded subjects recorded" check test "$recorded" = "$batch"
outbox=$(psql -h 127.0.0.1 -U postgres -d trialstream_enrollment -Atc \
  "SELECT count(*) || ' ' || count(*) FILTER (WHERE published_at IS NULL) FROM outbox_message WHERE event_type = 'SubjectScreened' AND message_key LIKE '$run-%'")
CHECK="one SubjectScreened written per subject, all published (rows, unpublished: $outbox)" check test "$outbox" = "$batch 0"

say "SIGTERM: each service stops within ${GRACE_SECONDS} s, after leaving Kafka with its work done"
for name in registry "${SERVICES[@]:0:3}"; do
  started=$(date +%s%N)
  podman stop -t "$GRACE_SECONDS" "$(container "$name")" 2>/dev/null >/dev/null # (see down.sh)
  took_ms=$((($(date +%s%N) - started) / 1000000))
  code=$(podman inspect --format '{{.State.ExitCode}}' "$(container "$name")")
  CHECK="$name exited $code after SIGTERM in ${took_ms} ms" check test "$code" = 0 -a "$took_ms" -lt $((GRACE_SECONDS * 1000))
  CHECK="$name logged its orderly stop" check bash -c "podman logs $(container "$name") 2>&1 | grep -q 'stopped consuming, flushed the outbox and disconnected from Kafka'"
done

say "image sizes (a service image under 250 MB)"
for name in kafka "${SERVICES[@]}"; do
  megabytes=$(podman image inspect --format '{{.Size}}' "$(image_of "$name")" | awk '{printf "%.0f", $1/1e6}')
  printf '  %-46s %s MB\n' "$(image_of "$name")" "$megabytes"
  if [ "$name" != kafka ]; then CHECK="$name image is $megabytes MB" check test "$megabytes" -lt 250; fi
done
echo
if [ "$failures" -gt 0 ]; then echo "container smoke test: $failures check(s) failed"; exit 1; fi
echo "container smoke test: every check passed"
