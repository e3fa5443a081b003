import { setTimeout as sleep } from 'node:timers/promises';
import { Controller, type INestApplication } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import {
  deadLetterTopic, EnrollmentClosed, PrerequisiteMissingError, RuleViolationError, TOPICS, TrialRegistered, TrialStatusChanged, type EventEnvelope, type EventOf,
} from '@trialstream/contracts';
import { dropDatabases, kafkaBrokers, KafkaProbe, POSTGRES_URL, type ReceivedMessage, sampleEnvelope, sampleTrialRegistered, TEST_AUTH_ENV, uniqueSuffix, waitFor } from '@trialstream/testing';
import { type Consumer, Partitioners } from 'kafkajs';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { DataSource } from 'typeorm';
import { auditTables } from '../audit/audited-tables';
import { ServiceMetrics } from '../metrics/metrics';
import { ServiceRuntimeModule } from '../service-runtime.module';
import { DeadLettersController } from './dead-letters.controller';
import { KafkaEventTransport } from './event-transport';
import { KafkaConnection } from './kafka-connection';
import { EventContext, HandlesEvent, HandlesEventBatch } from './handles-event';
import { Outbox } from './outbox';

class HandledEffects1764000009000 implements MigrationInterface {
  async up(runner: QueryRunner) {
    // No unique key: a second effect of one event would show as a second row.
    await runner.query('CREATE TABLE handled_effect (seq bigserial PRIMARY KEY, event_id uuid NOT NULL, trial_id text NOT NULL, title text NOT NULL)');
    await auditTables(runner, [{ table: 'handled_effect' }]);
  }

  async down(runner: QueryRunner) {
    await runner.query('DROP TABLE handled_effect');
  }
}

/**
 * Records each TrialRegistered in handled_effect and announces it with a TrialStatusChanged in the
 * outbox; its title says how to misbehave: "always fails", "fails once", "breaks a rule", "slow",
 * "after NCT…" (a prerequisite: that trial handled first).
 */
@Controller()
class RecordingHandler {
  readonly started = new Set<string>();
  readonly blockedTitles = new Set<string>();
  /** Titles whose handling waits, inside its transaction, until the gate opens. */
  readonly gates = new Map<string, Promise<void>>();
  private readonly failedOnce = new Set<string>();

  constructor(private readonly outbox: Outbox) {}

  @HandlesEvent(TrialRegistered)
  async record(@Payload() event: EventOf<typeof TrialRegistered>, @Ctx() context: EventContext): Promise<void> {
    const tx = context.transaction;
    const { trialId, briefTitle: title } = event.payload;
    this.started.add(event.eventId);
    const prerequisite = /^after (NCT\d{8})/.exec(title)?.[1];
    if (prerequisite && (await tx.query('SELECT 1 FROM handled_effect WHERE trial_id = $1', [prerequisite])).length === 0) {
      throw new PrerequisiteMissingError('briefTitle', 'prerequisiteFirst', `${prerequisite} has not been handled yet`);
    }
    await tx.query('INSERT INTO handled_effect (event_id, trial_id, title) VALUES ($1, $2, $3)', [event.eventId, trialId, title]);
    await this.outbox.enqueue(tx, TrialStatusChanged, {
      trialId: trialId,
      payload: { trialId, from: 'NOT_YET_RECRUITING' as const, to: 'RECRUITING' as const, reason: 'recorded', changedBy: 'test', changedAt: new Date().toISOString() },
    });
    if (title.includes('slow')) await sleep(1000);
    await this.gates.get(title);
    if (title.includes('always fails') || this.blockedTitles.has(title)) throw new Error('simulated outage');
    if (title.includes('breaks a rule')) throw RuleViolationError.of('briefTitle', 'sensible', 'briefTitle must be sensible');
    if (title.includes('fails once') && !this.failedOnce.has(event.eventId)) {
      this.failedOnce.add(event.eventId);
      throw new Error('simulated hiccup');
    }
  }
}

/** Records each EnrollmentClosed: an event on another topic, keyed like the trials of RecordingHandler. */
@Controller()
class ClosingHandler {
  @HandlesEvent(EnrollmentClosed)
  async record(@Payload() event: EventOf<typeof EnrollmentClosed>, @Ctx() context: EventContext): Promise<void> {
    await context.transaction.query('INSERT INTO handled_effect (event_id, trial_id, title) VALUES ($1, $2, $3)', [event.eventId, event.trialId, 'enrollment closed']);
  }
}

/** Takes TrialStatusChanged a batch at a time: records each, and answers each with an event naming its cause. */
@Controller()
class BatchRecordingHandler {
  readonly callSizes: number[] = [];

  constructor(private readonly outbox: Outbox) {}

  @HandlesEventBatch(TrialStatusChanged)
  async record(@Payload() events: EventOf<typeof TrialStatusChanged>[], @Ctx() context: EventContext): Promise<void> {
    this.callSizes.push(events.length);
    for (const event of events) {
      await context.transaction.query('INSERT INTO handled_effect (event_id, trial_id, title) VALUES ($1, $2, $3)', [event.eventId, event.payload.trialId, event.payload.reason]);
      await this.outbox.enqueue(context.transaction, TrialRegistered, { trialId: event.payload.trialId, payload: sampleTrialRegistered(event.payload.trialId), causedBy: event });
    }
  }
}

describe('the Kafka event transport, on a real broker and PostgreSQL', () => {
  const suffix = uniqueSuffix();
  const prefix = `it-${suffix}.`;
  const database = `trialstream_it_${suffix}`;
  const registryTopicName = `${prefix}${TOPICS.registryEvents.name}`;
  const probe = new KafkaProbe();
  let app: INestApplication;
  let dataSource: DataSource;
  let handler: RecordingHandler;
  let deadLetters: ReceivedMessage[];
  let onSourceTopic: ReceivedMessage[];

  const effects = async (eventId: string) => Number((await dataSource.query('SELECT count(*) AS n FROM handled_effect WHERE event_id = $1', [eventId]))[0].n);
  const processed = async (eventId: string) => Number((await dataSource.query('SELECT count(*) AS n FROM processed_event WHERE event_id = $1', [eventId]))[0].n);
  const announced = async (trialId: string) => Number((await dataSource.query(`SELECT count(*) AS n FROM outbox_message WHERE message_key = $1`, [trialId]))[0].n);
  const trialsInOrder = async (like: string) =>
    (await dataSource.query('SELECT trial_id, title FROM handled_effect WHERE trial_id LIKE $1 ORDER BY seq', [like])).map((r: { title: string }) => r.title);
  const event = (trialId: string, briefTitle = `Trial ${trialId}`, producer = 'test') => sampleEnvelope({ ...sampleTrialRegistered(trialId), briefTitle }, { producer });
  /** Who and which correlation the audit trail names for what handling the event changed. */
  const auditedAs = (eventId: string) =>
    dataSource.query(`SELECT actor_subject, actor_role, correlation_id FROM audit_record WHERE entity = 'handled_effect' AND after->>'event_id' = $1`, [eventId]);
  const asHandled = (e: EventEnvelope) => [{ actor_subject: e.producer, actor_role: 'service', correlation_id: e.correlationId }];
  const produce = (key: string, ...values: (string | object)[]) =>
    probe.produce(registryTopicName, values.map((value) => ({ key, value: typeof value === 'string' ? value : JSON.stringify(value) })));
  const consumed = async (labels: Record<string, string>) =>
    (await app.get(ServiceMetrics).eventsConsumed.get()).values.filter((v) => Object.entries(labels).every(([k, l]) => (v.labels as Record<string, unknown>)[k] === l)).reduce((n, v) => n + v.value, 0);

  beforeAll(async () => {
    Object.assign(process.env, {
      ...TEST_AUTH_ENV,
      DATABASE_URL: `${POSTGRES_URL}/${database}`,
      KAFKA_BROKERS: kafkaBrokers().join(','),
      KAFKA_TOPIC_PREFIX: prefix,
      OUTBOX_RELAY_ENABLED: 'false',
      CONSUMER_MAX_ATTEMPTS: '3',
      CONSUMER_RETRY_BACKOFF_MS: '20',
      PARKED_EVENT_RETRY_MS: '100',
      PARKED_EVENT_TIMEOUT_SECONDS: '3',
      CONSUMER_COMMIT_INTERVAL_MS: '500',
    });
    const moduleRef = await Test.createTestingModule({
      imports: [ServiceRuntimeModule.forRoot({ service: 'enrollment', defaultHttpPort: 0, migrations: [HandledEffects1764000009000] })],
      controllers: [RecordingHandler, BatchRecordingHandler, ClosingHandler],
    }).compile();
    app = moduleRef.createNestApplication({ logger: ['error'] });
    app.connectMicroservice({ strategy: app.get(KafkaEventTransport) });
    await app.init();
    await app.startAllMicroservices();
    dataSource = app.get(DataSource);
    handler = app.get(RecordingHandler);
    deadLetters = await probe.watch(`${prefix}${deadLetterTopic('enrollment').name}`);
    onSourceTopic = await probe.watch(registryTopicName);
  });

  afterAll(async () => {
    await app?.close();
    await probe.close();
    await probe.deleteTopicsWithPrefix(prefix);
    await dropDatabases([database]);
  });

  it('handles a fetched batch in one transaction: ledger rows, handler writes and outbox rows, each once', async () => {
    const batch = Array.from({ length: 40 }, (_, i) => event(`NCT100000${String(i).padStart(2, '0')}`, undefined, `producer-${i % 3}`));
    await produce('NCT10000000', ...batch);

    await waitFor('the whole batch handled', async () => ((await trialsInOrder('NCT100000%')).length === 40 ? true : undefined));
    const [{ transactions }] = await dataSource.query(`SELECT count(DISTINCT xmin::text)::int AS transactions FROM handled_effect WHERE trial_id LIKE 'NCT100000%'`);
    expect(transactions).toBe(1);
    expect(await trialsInOrder('NCT100000%')).toEqual(batch.map((e) => (e.payload as { briefTitle: string }).briefTitle));
    for (const e of batch) expect(await processed(e.eventId)).toBe(1);
    for (const e of batch) expect(await auditedAs(e.eventId)).toEqual(asHandled(e));
    expect(await announced('NCT10000039')).toBe(1);
  });

  it('hands a batch handler the consecutive events of its contract at once, in order, each answer naming its own cause', async () => {
    const statusChange = (reason: string) =>
      sampleEnvelope(
        { trialId: 'NCT11000001', from: 'RECRUITING', to: 'SUSPENDED', reason, changedBy: 'test', changedAt: new Date().toISOString() },
        { type: 'TrialStatusChanged' },
      );
    const batchHandler = app.get(BatchRecordingHandler);
    const [a, b, c, d] = ['first', 'second', 'third', 'fourth'].map(statusChange);
    const between = event('NCT11000001', 'registered between the changes');
    batchHandler.callSizes.length = 0;
    await produce('NCT11000001', a, b, c, between, d);

    await waitFor('every event handled', async () => ((await trialsInOrder('NCT11000001')).length === 5 ? true : undefined));
    expect(await trialsInOrder('NCT11000001')).toEqual(['first', 'second', 'third', 'registered between the changes', 'fourth']);
    expect(batchHandler.callSizes).toEqual([3, 1]);
    const causes = await dataSource.query(
      `SELECT envelope->>'causationId' AS cause, envelope->>'correlationId' AS correlation FROM outbox_message WHERE event_type = 'TrialRegistered' AND message_key = 'NCT11000001' ORDER BY position`,
    );
    expect(causes).toEqual([a, b, c, d].map((e) => ({ cause: e.eventId, correlation: e.correlationId })));
  });

  it('with a poison message in the middle, handles the rest once each and dead-letters the poison', async () => {
    const before = batchOf('NCT200000', 10);
    const poison = event('NCT20000099', 'always fails');
    const after = batchOf('NCT200001', 10);
    await produce('NCT20000000', ...before, poison, ...after);

    const dead = await waitFor('the poison dead-lettered', async () => deadLetters.find((m) => m.headers['event-id'] === poison.eventId || JSON.parse(m.value!).eventId === poison.eventId));
    expect(dead.headers['dead-letter-kind']).toBe('HANDLER_FAILED');
    expect(dead.headers['dead-letter-reason']).toBe('handler failed after 3 attempts: simulated outage');
    await waitFor('the rest handled', async () => ((await trialsInOrder('NCT2000%')).length === 20 ? true : undefined));
    expect(await trialsInOrder('NCT2000%')).toEqual([...before, ...after].map((e) => (e.payload as { briefTitle: string }).briefTitle));
    expect(await effects(poison.eventId)).toBe(0);
    expect(await processed(poison.eventId)).toBe(0);
    expect(await announced('NCT20000099')).toBe(0);
    for (const e of [...before, ...after]) expect(await announced(e.trialId)).toBe(1);
    // Handled one at a time after the batch failed: each in its own correlation.
    for (const e of [...before, ...after]) expect(await auditedAs(e.eventId)).toEqual(asHandled(e));
  });

  it('handles small batches fetched together from several partitions in one transaction', async () => {
    const keys = keysOnDistinctPartitions('NCT21', TOPICS.registryEvents.partitions);
    const events = keys.flatMap((key) => [event(key, `${key} first`), event(key, `${key} second`)]);
    await whileConsumerPaused(async () => {
      for (const key of keys) await produce(key, ...events.filter((e) => e.trialId === key));
    });

    await waitFor('every event handled', async () => ((await trialsInOrder('NCT21%')).length === events.length ? true : undefined));
    const [{ transactions }] = await dataSource.query(`SELECT count(DISTINCT xmin::text)::int AS transactions FROM handled_effect WHERE trial_id LIKE 'NCT21%'`);
    expect(transactions).toBe(1);
    for (const key of keys) expect(await trialsInOrder(key)).toEqual([`${key} first`, `${key} second`]);
  });

  it('with a poison message in one of them, handles the other partitions once each and dead-letters the poison', async () => {
    const [poisoned, ...healthy] = keysOnDistinctPartitions('NCT22', TOPICS.registryEvents.partitions);
    const good = healthy.map((key) => event(key));
    const poison = event(poisoned, 'always fails');
    await whileConsumerPaused(async () => {
      for (const e of [poison, ...good]) await produce(e.trialId, e);
    });

    await waitFor('the poison dead-lettered', async () => deadLetters.find((m) => JSON.parse(m.value!).eventId === poison.eventId));
    // The healthy partitions may have come in a later fetch than the poison's: wait for them, then count.
    await waitFor('every healthy partition handled', async () => ((await Promise.all(good.map((e) => effects(e.eventId)))).every((n) => n > 0) ? true : undefined));
    for (const e of good) {
      expect(await effects(e.eventId)).toBe(1);
      expect(await announced(e.trialId)).toBe(1);
    }
    expect(await effects(poison.eventId)).toBe(0);
    expect(await processed(poison.eventId)).toBe(0);
  });

  it('commits the offsets it has handled once no more messages come', async () => {
    await produce('NCT23000001', event('NCT23000001'));
    await waitFor('the event handled', async () => ((await trialsInOrder('NCT23000001')).length === 1 ? true : undefined));
    const groupId = app.get(KafkaEventTransport).consumerGroup;
    await waitFor('the committed offsets at the end of every partition', async () => {
      const positions = await app.get(KafkaConnection).positions(registryTopicName, groupId);
      return positions.every((p) => p.committed === p.high) ? true : undefined;
    }, 5_000);
  });

  it('dead-letters a broken rule at once, without retrying', async () => {
    const rejected = event('NCT30000001', 'breaks a rule');
    await produce('NCT30000001', rejected);
    const dead = await waitFor('the rejected event dead-lettered', async () => deadLetters.find((m) => m.key === 'NCT30000001'));
    expect(dead.headers['dead-letter-kind']).toBe('REJECTED');
    expect(dead.headers['dead-letter-reason']).toBe('rejected by the handler: briefTitle: briefTitle must be sensible [sensible]');
    expect([...handler.started].filter((id) => id === rejected.eventId)).toHaveLength(1);
  });

  it('parks an event whose prerequisite has not arrived, keeps its key in order behind it, and handles both once it arrives', async () => {
    const waiting = event('NCT40000001', 'after NCT40000009');
    const behind = event('NCT40000001', 'second event of the parked key');
    const other = event('NCT40000002', 'another key flows past');
    await produce('NCT40000001', waiting, behind);
    await produce('NCT40000002', other);
    await waitFor('the other key handled', async () => ((await effects(other.eventId)) === 1 ? true : undefined));
    await waitFor('both events of the key parked', async () => ((await dataSource.query('SELECT id FROM parked_event')).length === 2 ? true : undefined));
    expect(await effects(behind.eventId)).toBe(0);

    await produce('NCT40000009', event('NCT40000009', 'the prerequisite'));

    await waitFor('the parked events handled', async () => ((await effects(behind.eventId)) === 1 ? true : undefined));
    expect((await trialsInOrder('NCT4000000%')).filter((t: string) => t !== 'another key flows past')).toEqual([
      'the prerequisite',
      'after NCT40000009',
      'second event of the parked key',
    ]);
    expect(await effects(waiting.eventId)).toBe(1);
    expect(await dataSource.query('SELECT id FROM parked_event')).toEqual([]);
  });

  it('holds back the events of a parked key on its own topic only', async () => {
    const waiting = event('NCT41000001', 'after NCT41000009');
    await produce('NCT41000001', waiting);
    await waitFor('the event parked', async () => ((await dataSource.query(`SELECT id FROM parked_event WHERE message_key = 'NCT41000001'`)).length === 1 ? true : undefined));
    const closing = sampleEnvelope({ enrolled: 30, target: 30, reason: 'TARGET_REACHED' }, { type: 'EnrollmentClosed', trialId: 'NCT41000001' });
    await probe.produce(`${prefix}${EnrollmentClosed.topic.name}`, [{ key: 'NCT41000001', value: JSON.stringify(closing) }]);

    await waitFor('the same key handled on the other topic', async () => ((await effects(closing.eventId)) === 1 ? true : undefined));
    expect(await consumed({ type: 'EnrollmentClosed', outcome: 'parked' })).toBe(0);
    expect(await effects(waiting.eventId)).toBe(0);
    await produce('NCT41000009', event('NCT41000009', 'the prerequisite'));
    await waitFor('the parked event handled', async () => ((await effects(waiting.eventId)) === 1 ? true : undefined));
  });

  it('dead-letters a parked event whose prerequisite never comes, after the configured wait', async () => {
    const orphan = event('NCT50000001', 'after NCT50000009');
    await produce('NCT50000001', orphan);
    const dead = await waitFor('the orphan dead-lettered', async () => deadLetters.find((m) => m.key === 'NCT50000001'), 15_000);
    expect(dead.headers['dead-letter-kind']).toBe('PREREQUISITE_MISSING');
    expect(dead.headers['dead-letter-reason']).toMatch(/^waited \d+ s, still: briefTitle: NCT50000009 has not been handled yet/);
    expect(await effects(orphan.eventId)).toBe(0);
  });

  it('reads tolerantly: skips event types it does not know or does not handle, unjudged, and drops fields a newer minor version added', async () => {
    const unknownBefore = await consumed({ type: 'unknown', outcome: 'ignored' });
    const notMineBefore = await consumed({ type: 'SubjectScreened', outcome: 'ignored' });
    const newer = sampleEnvelope({ ...sampleTrialRegistered('NCT60000001'), addedInV1_1: 'a field this service does not know' }, { traceState: 'x' } as object);
    // Another service's event with an envelope this one would refuse: not this service's to judge.
    const notMine = sampleEnvelope({}, { type: 'SubjectScreened', eventId: 'not-a-uuid' });
    await produce('NCT60000001', sampleEnvelope(sampleTrialRegistered('NCT60000002'), { type: 'TrialTeleported' }), notMine, newer);

    await waitFor('the newer event handled', async () => ((await effects(newer.eventId)) === 1 ? true : undefined));
    expect(deadLetters.some((m) => m.key === 'NCT60000001')).toBe(false);
    expect(await consumed({ type: 'unknown', outcome: 'ignored' })).toBe(unknownBefore + 1);
    expect(await consumed({ type: 'SubjectScreened', outcome: 'ignored' })).toBe(notMineBefore + 1);
    // A type name from the wire never becomes a metric label of its own.
    expect(await consumed({ type: 'TrialTeleported' })).toBe(0);
  });

  it('dead-letters malformed, wrong-version and invalid messages with a reason, and handles the good one behind them', async () => {
    const key = 'NCT70000001';
    const good = event(key);
    await produce(key, '{"eventId": "broken', sampleEnvelope(sampleTrialRegistered(key), { version: 2 }), sampleEnvelope({ ...sampleTrialRegistered(key), trialId: 'psoriasis-1' }), good);

    await waitFor('the good event to be handled', async () => ((await effects(good.eventId)) === 1 ? true : undefined));
    const mine = await waitFor('three dead letters', async () => {
      const found = deadLetters.filter((m) => m.key === key);
      return found.length === 3 ? found : undefined;
    });
    expect(mine.map((m) => m.headers['dead-letter-kind'])).toEqual(['MALFORMED_JSON', 'UNSUPPORTED_VERSION', 'INVALID_PAYLOAD']);
    expect(mine[0].value).toBe('{"eventId": "broken');
    expect(mine[2].headers['dead-letter-reason']).toContain('payload.trialId: trialId must look like NCT followed by 8 digits [matches]');
    expect(mine[2].headers).toMatchObject({ 'dead-letter-source-topic': registryTopicName, 'dead-letter-consumer-group': `${prefix}trialstream.enrollment` });
  });

  it('retries a flaky handler and applies a redelivered event once', async () => {
    const flaky = event('NCT80000001', 'fails once');
    await produce('NCT80000001', flaky, flaky);
    await waitFor('the flaky event handled and its copy seen', async () => ((await consumed({ type: 'TrialRegistered', outcome: 'duplicate' })) >= 1 && (await effects(flaky.eventId)) === 1 ? true : undefined));
    expect(await processed(flaky.eventId)).toBe(1);
    expect(await effects(flaky.eventId)).toBe(1);
  });

  it('replays the dead letters of one failure kind to this service only, before later events of their key; each is handled once', async () => {
    const key = 'NCT90000001';
    const blocked = event(key, 'blocked until fixed');
    handler.blockedTitles.add('blocked until fixed');
    await produce(key, blocked);
    await waitFor('the blocked event dead-lettered', async () => deadLetters.find((m) => m.key === key));
    const failures = deadLetters.filter((m) => m.headers['dead-letter-kind'] === 'HANDLER_FAILED').length;
    const others = deadLetters.length - failures;

    handler.blockedTitles.clear(); // the cause is fixed
    let openGate = () => undefined as void;
    handler.gates.set('blocked until fixed', new Promise<void>((open) => (openGate = open)));
    const result = await app.get(DeadLettersController).replay('HANDLER_FAILED');
    const later = event(key, 'sent after the replay');
    await produce(key, later);
    // While the replayed event is being handled, the later one of its key waits behind it.
    await waitFor('the later event parked behind the replayed one', async () =>
      (await dataSource.query('SELECT id FROM parked_event WHERE message_key = $1', [key])).length === 2 ? true : undefined,
    );
    openGate();

    expect(result).toMatchObject({ replayed: failures, skipped: others, byTopic: { [registryTopicName]: failures } });
    await waitFor('the later event handled', async () => ((await effects(later.eventId)) === 1 ? true : undefined));
    expect(await effects(blocked.eventId)).toBe(1);
    expect((await trialsInOrder(key)).slice(-2)).toEqual(['blocked until fixed', 'sent after the replay']);
    // Not re-published: the source topic, shared with other consumers, still holds the one original.
    expect(onSourceTopic.filter((m) => m.value?.includes(blocked.eventId))).toHaveLength(1);
  });

  it('on shutdown finishes the message in hand before it stops', async () => {
    const slow = event('NCT99000001', 'slow');
    await produce('NCT99000001', slow);
    await waitFor('the slow handler to start', async () => (handler.started.has(slow.eventId) ? true : undefined));

    await app.get(KafkaEventTransport).close();

    expect(await processed(slow.eventId)).toBe(1);
    expect(await effects(slow.eventId)).toBe(1);
  });

  /** Trial ids, one per partition of the registry topic as the default partitioner places them. */
  function keysOnDistinctPartitions(prefixOfIds: string, partitions: number): string[] {
    const partitionOf = Partitioners.DefaultPartitioner();
    const partitionMetadata = Array.from({ length: partitions }, (_, partitionId) => ({ partitionId, partitionErrorCode: 0, leader: 0, replicas: [0], isr: [0] }));
    const byPartition = new Map<number, string>();
    for (let i = 0; byPartition.size < partitions; i++) {
      const key = `${prefixOfIds}${String(i).padStart(11 - prefixOfIds.length, '0')}`;
      const partition = partitionOf({ topic: registryTopicName, partitionMetadata, message: { key, value: null } });
      if (!byPartition.has(partition)) byPartition.set(partition, key);
    }
    return [...byPartition.values()];
  }

  /** Produces while the service's consumer is paused, so that what was produced is fetched at once. */
  async function whileConsumerPaused(send: () => Promise<void>) {
    const consumer = app.get(KafkaEventTransport).unwrap<Consumer>();
    consumer.pause([{ topic: registryTopicName }]);
    await send();
    await sleep(300);
    consumer.resume([{ topic: registryTopicName }]);
  }

  function batchOf(prefixOfIds: string, count: number) {
    return Array.from({ length: count }, (_, i) => event(`${prefixOfIds}${String(i).padStart(2, '0')}`));
  }
});
