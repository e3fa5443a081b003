/**
 * Where the time from ingress to SubjectScreened goes, at a fixed offered rate: from the send to
 * the handler's transaction (processed_event.processed_at, the transaction's start), from there to
 * the relay's mark (outbox_message.published_at, after the broker acknowledged), to the record's
 * timestamp on the wire and to its arrival at a watcher. Not part of `npm run bench`.
 *
 *   npx ts-node --transpile-only -r tsconfig-paths/register -P tsconfig.base.json tools/bench/latency-stages.ts [events] [rate]
 *
 * Needs a broker at KAFKA_BROKERS, PostgreSQL (POSTGRES_URL or 127.0.0.1:5432) and the built
 * services. The database's clock and this process's are the same machine's. Each event is sent on
 * its own, as in the benchmark's latency section.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { withProbeStack } from './probe-stack';
import { percentiles } from './report';
import { screeningMessages } from './screenings';
import { TRIAL } from './stack';

const WARM_UP = 500;

async function main() {
  const events = Number(process.argv[2] ?? 2000);
  const rate = Number(process.argv[3] ?? 200);
  await withProbeStack({ name: 'lat', firstPort: 3401 }, async ({ tag, watch, load, db, ingress }) => {
    const warmUp = watch.phase('w', WARM_UP);
    await load.sendAll(ingress, screeningMessages(TRIAL, tag, 'w', WARM_UP));
    await watch.settle(warmUp, { stallMs: 30_000, maxMs: 120_000, graceMs: 500 });

    const messages = screeningMessages(TRIAL, tag, 'l', events);
    const phase = watch.phase('l', events);
    const sentAt = new Float64Array(events);
    const sends: Promise<unknown>[] = [];
    const started = Date.now();
    for (const [i, message] of messages.entries()) {
      const wait = started + (i * 1000) / rate - Date.now();
      if (wait > 0) await sleep(wait);
      sentAt[i] = Date.now();
      const send = load.send(ingress, [message]);
      send.catch(() => undefined); // awaited below, after the last send; not an unhandled rejection meanwhile
      sends.push(send);
    }
    await Promise.all(sends);
    const outcome = await watch.settle(phase, { stallMs: 30_000, maxMs: 120_000 + events * 20, graceMs: 1_000 });
    if (outcome !== 'complete') console.log(`${outcome}: ${phase.missing} of ${events} missing`);
    if (watch.deadLetters.length > 0) console.log(`${watch.deadLetters.length} dead-lettered: ${watch.deadLetters[0].kind} ${watch.deadLetters[0].reason}`);

    const rows: { key: string; handled: number; published: number }[] = (
      await db.query(
        `SELECT o.message_key AS key, extract(epoch FROM p.processed_at) * 1000 AS handled, extract(epoch FROM o.published_at) * 1000 AS published
           FROM outbox_message o JOIN processed_event p ON p.event_id = (o.envelope->>'causationId')::uuid
          WHERE o.event_type = 'SubjectScreened' AND o.message_key LIKE $1 AND o.published_at IS NOT NULL`,
        [`${tag}-l-%`],
      )
    ).rows;
    const indexOf = (key: string) => Number(key.slice(`${tag}-l-`.length)); // subjectId(tag, 'l', i)
    const toHandler = rows.map((r) => Number(r.handled) - sentAt[indexOf(r.key)]);
    const handlerToMark = rows.map((r) => Number(r.published) - Number(r.handled));
    const toRecord: number[] = [];
    const toArrival: number[] = [];
    for (let i = 0; i < events; i++) {
      if (phase.copies[i] === 0) continue;
      toRecord.push(phase.recordTimestamp[i] - sentAt[i]);
      toArrival.push(phase.receivedAt[i] - sentAt[i]);
    }
    console.log(`${events} screenings at ${rate}/s (ms)          p50     p99     max`);
    for (const [stage, values] of [
      ['send -> handler transaction', toHandler],
      ['handler transaction -> marked sent', handlerToMark],
      ['send -> record timestamp', toRecord],
      ['send -> arrival', toArrival],
    ] as const) {
      const p = percentiles(values);
      console.log(`${stage.padEnd(36)} ${[p.p50, p.p99, p.max].map((v) => v.toFixed(1).padStart(7)).join(' ')}`);
    }
  });
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
