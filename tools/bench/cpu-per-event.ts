/**
 * CPU time per screening, per process: the enrollment service, its PostgreSQL backends, the
 * registry, the broker and this load generator. Wall-clock rates are noisy on a shared 2-core
 * machine; CPU seconds (utime + stime from /proc/<pid>/stat) divided by events are not.
 *
 *   npx ts-node --transpile-only -r tsconfig-paths/register -P tsconfig.base.json tools/bench/cpu-per-event.ts [events] [rounds]
 *
 * Needs a broker at KAFKA_BROKERS and the built services (run `npm run bench` or build first).
 * Each round sends `events` screenings at once and waits for every SubjectScreened on the wire.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { withProbeStack } from './probe-stack';
import { screeningMessages } from './screenings';
import { TRIAL, WORKSPACE } from './stack';

const TICKS = 100; // USER_HZ: clock ticks per second in /proc/<pid>/stat on Linux

/** CPU seconds and minor page faults so far (a fault costs some 10 µs in a virtual machine like CI's). */
function usage(pid: number): { seconds: number; faults: number } {
  try {
    // Fields after the command (which may hold spaces) start at state; minflt is 10, utime and stime 14 and 15.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { seconds: (Number(fields[11]) + Number(fields[12])) / TICKS, faults: Number(fields[7]) };
  } catch {
    return { seconds: 0, faults: 0 }; // the process is gone (a pool connection closed): its time is not counted
  }
}

const cpuSeconds = (pid: number) => usage(pid).seconds;

/** The service process started with this database (its environment names it). */
function servicePid(database: string): number {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0').some((v) => v.startsWith('DATABASE_URL=') && v.endsWith(`/${database}`))) return Number(entry);
    } catch {
      // not ours to read, or gone
    }
  }
  throw new Error(`no process with DATABASE_URL .../${database}`);
}

async function main() {
  const events = Number(process.argv[2] ?? 5000);
  const rounds = Number(process.argv[3] ?? 3);
  // CPU_WORKSPACE: measure the services built in another checkout (e.g. a `git archive` of an earlier commit).
  await withProbeStack({ name: 'cpu', firstPort: 3301, workspace: process.env.CPU_WORKSPACE, keepDatabases: Boolean(process.env.CPU_KEEP_DATABASES) }, async ({ stack, tag, watch, load, db, ingress }) => {
    const enrollment = servicePid(stack.database('enrollment'));
    const registry = servicePid(stack.database('registry'));
    const brokerPid = Number(readFileSync(join(process.env.TRIALSTREAM_RUN ?? join(WORKSPACE, '.run'), 'kafka/broker.pid'), 'utf8'));
    const backends = async () => (await db.query(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`)).rows.map((r) => r.pid as number);
    const stats = async () => (await db.query(`SELECT xact_commit::bigint AS commits, tup_inserted::bigint AS inserted, tup_updated::bigint AS updated, tup_deleted::bigint AS deleted, tup_fetched::bigint AS fetched, tup_returned::bigint AS returned FROM pg_stat_database WHERE datname = current_database()`)).rows[0];
    const send = async (phase: string, n: number) => {
      const p = watch.phase(phase, n);
      await load.sendAll(ingress, screeningMessages(TRIAL, tag, phase, n));
      await watch.settle(p, { stallMs: 60_000, maxMs: 600_000, graceMs: 1_000 });
      if (p.missing > 0 || p.surplus > 0 || watch.deadLetters.length > 0) throw new Error(`phase ${phase}: ${p.missing} missing, ${p.surplus} surplus, ${watch.deadLetters.length} dead letters`);
    };
    await send('w', 1000);
    // When the round's last handling transaction began and its last event was relayed, from the send:
    // the gap between them is the relay's backlog at the end of a round.
    const lastHandledAndRelayed = async (since: number) =>
      (await db.query(`SELECT extract(epoch FROM max(created_at)) * 1000 - $1 AS handled, extract(epoch FROM max(published_at)) * 1000 - $1 AS relayed FROM outbox_message WHERE created_at >= to_timestamp($1 / 1000.0)`, [since])).rows[0];
    const faults = (pids: number[]) => pids.reduce((sum, pid) => sum + usage(pid).faults, 0);
    console.log('round  enrollment  pg-backends  registry  broker  loadgen   (µs CPU per event)   wall ev/s  handled/relayed s  faults/ev (enrollment pg)  commits/ev  statements');
    for (let round = 1; round <= rounds; round++) {
      await sleep(1500); // the relay's last pass and stats flushes of the previous round
      const pids = await backends();
      const before = { ef: faults([enrollment]), pgf: faults(pids), e: cpuSeconds(enrollment), r: cpuSeconds(registry), b: cpuSeconds(brokerPid), pg: pids.map(cpuSeconds), self: process.cpuUsage(), s: await stats(), t: Date.now() };
      // CPU_PERF=FILE: the last round's PostgreSQL backends under `perf record` (for `perf report -i FILE`).
      const perf = process.env.CPU_PERF && round === rounds ? spawn('perf', ['record', '-g', '-o', process.env.CPU_PERF, '-p', pids.join(',')], { stdio: 'ignore' }) : undefined;
      await send(`t${round}`, events);
      if (perf) {
        perf.kill('SIGINT');
        await new Promise((resolve) => perf.on('exit', resolve));
      }
      await sleep(1500);
      const after = { ef: faults([enrollment]), pgf: faults(pids), e: cpuSeconds(enrollment), r: cpuSeconds(registry), b: cpuSeconds(brokerPid), pg: pids.map(cpuSeconds), self: process.cpuUsage(before.self), s: await stats() };
      const pg = after.pg.reduce((sum, v, i) => sum + Math.max(0, v - before.pg[i]), 0);
      const us = (seconds: number) => ((seconds * 1e6) / events).toFixed(0).padStart(6);
      const wall = events / ((Date.now() - before.t - 2500) / 1000);
      const per = (k: string) => ((Number(after.s[k]) - Number(before.s[k])) / events).toFixed(2);
      const { handled, relayed } = await lastHandledAndRelayed(before.t);
      const lag = `${(handled / 1000).toFixed(2)}/${(relayed / 1000).toFixed(2)}`.padStart(17);
      console.log(`${String(round).padStart(5)}  ${us(after.e - before.e)}      ${us(pg)}     ${us(after.r - before.r)}  ${us(after.b - before.b)}  ${us((after.self.user + after.self.system) / 1e6)}    ${wall.toFixed(0).padStart(8)}  ${lag}   ${((after.ef - before.ef) / events).toFixed(1).padStart(10)} ${((after.pgf - before.pgf) / events).toFixed(1).padStart(5)}         ${per('commits')}  ins ${per('inserted')} upd ${per('updated')} del ${per('deleted')} fetched ${per('fetched')} (${pids.length} backends)`);
    }
    // What the rows cost to store: values over ~2 kB are compressed (TOAST) on every insert.
    const sizes = await db.query(`SELECT
        (SELECT round(avg(pg_column_size(envelope))) || ' (' || coalesce(max(pg_column_compression(envelope)), 'none') || ')' FROM outbox_message) AS outbox_envelope,
        (SELECT round(avg(octet_length(envelope::text))) FROM outbox_message) AS outbox_envelope_text,
        (SELECT round(avg(pg_column_size(screening))) || ' (' || coalesce(max(pg_column_compression(screening)), 'none') || ')' FROM subject) AS subject_screening,
        (SELECT round(avg(pg_column_size(rule_results))) || ' (' || coalesce(max(pg_column_compression(rule_results)), 'none') || ')' FROM subject) AS subject_rule_results,
        (SELECT round(avg(pg_column_size(after))) || ' (' || coalesce(max(pg_column_compression(after)), 'none') || ')' FROM audit_record) AS audit_after,
        (SELECT round(avg(octet_length(after::text))) FROM audit_record) AS audit_after_text`);
    console.log(sizes.rows[0]);
    // A row still over the limit after compression goes out of line: a second heap and index insert.
    const toast = await db.query(`SELECT relname, pg_relation_size(oid) AS heap, pg_relation_size(reltoastrelid) AS toast FROM pg_class
                                   WHERE relname IN ('outbox_message', 'subject', 'audit_record', 'audit_pending', 'processed_event') ORDER BY relname`);
    console.log(toast.rows.map((r) => `${r.relname}: heap ${r.heap}, toast ${r.toast}`).join('; '));
    const inserts = await db.query(`SELECT coalesce((SELECT c.relname || ' (toast)' FROM pg_class c WHERE c.reltoastrelid = s.relid), s.relname) AS relname, s.n_tup_ins AS ins, s.n_tup_upd AS upd, s.n_tup_del AS del FROM pg_stat_all_tables s WHERE s.n_tup_ins > 100 ORDER BY s.n_tup_ins DESC`);
    console.log(inserts.rows.map((r) => `${r.relname} ${r.ins}/${r.upd}/${r.del}`).join('; '), '(rows inserted/updated/deleted since the database was made)');
  });
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
