/**
 * Timer lateness, in its own process: the platform library's durable timers as a service runs them
 * (the compiled library of the built enrollment service, its migrations, scheduler, outbox and relay
 * on a database of its own), with TIMER_COUNT pending timers falling due evenly over TIMER_WINDOW_MS.
 * Lateness is measured twice per timer: when it fired (its row's fired_at minus due_at) and when
 * its event was on the wire (received by a plain kafkajs consumer, minus due_at).
 *
 * Started by bench.ts; prints one JSON line: { fired: number[], onWire: number[], missing, doubled }.
 */
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { DataSource } from 'typeorm';
import type * as Platform from '../../libs/platform/src';
import type * as Contracts from '../../libs/contracts/src';

const { BENCH_ROOT = '', TIMER_DATABASE_URL = '', TIMER_BROKERS = '', TIMER_PREFIX = '', TIMER_COUNT = '10000', TIMER_WINDOW_MS = '10000' } = process.env;
const platform: typeof Platform = require(join(BENCH_ROOT, 'dist/apps/enrollment/libs/platform/src/index.js'));
const contracts: typeof Contracts = require(join(BENCH_ROOT, 'dist/apps/enrollment/libs/contracts/src/index.js'));

const count = Number(TIMER_COUNT);
const windowMs = Number(TIMER_WINDOW_MS);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main() {
  await platform.ensureDatabase(TIMER_DATABASE_URL);
  const dataSource = await new DataSource({
    type: 'postgres',
    url: TIMER_DATABASE_URL,
    migrations: [platform.MessagingTables1764000000000, platform.DurableTimers1764000000001, platform.EventRuntime1764000000002, platform.OutboxEnvelopeJson1764000000006, platform.OutboxIndexWalk1764000000008],
  }).initialize();
  await platform.runMigrationsLocked(dataSource);

  const clock = new platform.SystemClock();
  const metrics = new platform.ServiceMetrics('bench-timers');
  const kafka = new platform.KafkaConnection({ clientId: 'bench-timers', brokers: TIMER_BROKERS.split(','), topicPrefix: TIMER_PREFIX });
  await kafka.connect();
  const outbox = new platform.Outbox('bench-timers', () => clock.now());
  const timers = new platform.DurableTimers(dataSource, clock);
  const scheduler = new platform.TimerScheduler(dataSource, outbox, clock, { pollIntervalMs: 1000, batchSize: 500 });
  timers.onScheduled((dueAt) => scheduler.wake(dueAt));
  const relay = new platform.OutboxRelay(dataSource, kafka, metrics, { databaseUrl: TIMER_DATABASE_URL, pollIntervalMs: 1000, batchSize: 500, leaderRetryMs: 1000 });

  const received = new Map<string, number[]>();
  const consumer = new Kafka({ clientId: 'bench-timers-watch', brokers: TIMER_BROKERS.split(','), logLevel: logLevel.NOTHING }).consumer({ groupId: `${TIMER_PREFIX}watch`, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topic: kafka.topic(contracts.TOPICS.registryEvents), fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const at = Date.now();
      const { payload } = JSON.parse(String(message.value));
      received.set(payload.reason, [...(received.get(payload.reason) ?? []), at - Date.parse(payload.changedAt)]);
    },
  });

  // Every timer is pending before the first falls due: the window opens 5 s after scheduling ends.
  const scheduled = Date.now();
  const opens = scheduled + 5_000 + count / 2; // about 2 ms per timer to schedule, in batches of 500
  for (let i = 0; i < count; i += 500) {
    await dataSource.transaction(async (tx) => {
      for (let j = i; j < Math.min(i + 500, count); j++) {
        const dueAt = new Date(opens + Math.floor((j * windowMs) / count));
        const trialId = `NCT${String(10_000_000 + (j % 1000)).padStart(8, '0')}`;
        await timers.schedule(tx, {
          key: `bench-timer-${j}`,
          dueAt,
          contract: contracts.TrialStatusChanged,
          event: { trialId: trialId, payload: { trialId, from: 'RECRUITING' as const, to: 'ACTIVE_NOT_RECRUITING' as const, reason: `timer ${j}`, changedBy: 'bench', changedAt: dueAt.toISOString() } },
        });
      }
    });
  }
  if (Date.now() > opens) throw new Error(`scheduling ${count} timers took longer than planned; the window opened before all were pending`);
  relay.start();
  scheduler.start();

  const deadline = opens + windowMs + 60_000;
  while (received.size < count && Date.now() < deadline) await sleep(200);
  const fired: { lateness: number }[] = await dataSource.query(
    `SELECT (extract(epoch FROM fired_at - due_at) * 1000)::float8 AS lateness FROM scheduled_event WHERE fired_at IS NOT NULL`,
  );
  const onWire = [...received.values()].map((copies) => copies[0]);
  const doubled = [...received.values()].filter((copies) => copies.length > 1).length;
  console.log(JSON.stringify({ fired: fired.map((r) => r.lateness), onWire, missing: count - received.size, doubled }));

  await scheduler.stop();
  await relay.stop();
  await consumer.disconnect();
  await kafka.disconnect();
  await dataSource.destroy();
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(`timer-lateness: ${(error as Error).message}`);
    process.exit(1);
  },
);
