import { setTimeout as sleep } from 'node:timers/promises';
import { deadLetterTopic, TOPICS, TrialRegistered, type EventOf, type TrialRegisteredPayload } from '@trialstream/contracts';
import {
  dropDatabases, KafkaProbe, kafkaBrokers, POSTGRES_URL, sampleEnvelope, sampleTrialRegistered, uniqueSuffix, waitFor,
  type ReceivedMessage,
} from '@trialstream/testing';
import { DataSource, type EntityManager } from 'typeorm';
import { ensureDatabase } from '../database/ensure-database';
import { MessagingTables1764000000000 } from '../database/messaging-tables.migration';
import { runMigrationsLocked } from '../database/migrations';
import { ServiceMetrics } from '../metrics/metrics';
import { EventConsumer } from './event-consumer';
import type { EventHandler } from './event-handler';
import { DeadLetterReplay } from './dead-letter-replay';
import { MessagingHousekeeping } from './housekeeping';
import { KafkaConnection } from './kafka-connection';
import { Outbox } from './outbox';
import { OutboxRelay } from './outbox-relay';

/**
 * Records every call in handled_effect (no unique key, so a second effect would show) and fails
 * on demand: titles containing "always fails" throw every time, "fails once" on the first attempt,
 * "slow" takes a second.
 */
class RecordingHandler implements EventHandler<TrialRegisteredPayload> {
  readonly contract = TrialRegistered;
  readonly started = new Set<string>();
  /** Titles that fail every attempt until removed (a bug, then its fix). */
  readonly blockedTitles = new Set<string>();
  private readonly failedOnce = new Set<string>();

  async handle(event: EventOf<typeof TrialRegistered>, tx: EntityManager): Promise<void> {
    this.started.add(event.eventId);
    await tx.query('INSERT INTO handled_effect (event_id) VALUES ($1)', [event.eventId]);
    const title = event.payload.briefTitle;
    if (title.includes('slow')) await sleep(1000);
    if (title.includes('always fails') || this.blockedTitles.has(title)) throw new Error('simulated outage');
    if (title.includes('fails once') && !this.failedOnce.has(event.eventId)) {
      this.failedOnce.add(event.eventId);
      throw new Error('simulated hiccup');
    }
  }
}

describe('messaging against a real Kafka broker and PostgreSQL', () => {
  const suffix = uniqueSuffix();
  const prefix = `it-${suffix}.`;
  const database = `trialstream_it_${suffix}`;
  const probe = new KafkaProbe();
  const handler = new RecordingHandler();
  const metrics = new ServiceMetrics('integration-test');
  const outbox = new Outbox('integration-test');
  let dataSource: DataSource;
  let kafka: KafkaConnection;
  let relay: OutboxRelay;
  let consumer: EventConsumer;
  let registryTopic: ReceivedMessage[];
  let deadLetters: ReceivedMessage[];
  const registryTopicName = `${prefix}${TOPICS.registryEvents.name}`;

  const effects = async (eventId: string) =>
    Number((await dataSource.query('SELECT count(*) AS n FROM handled_effect WHERE event_id = $1', [eventId]))[0].n);
  const processed = async (eventId: string) =>
    Number((await dataSource.query('SELECT count(*) AS n FROM processed_event WHERE event_id = $1', [eventId]))[0].n);
  const enqueue = (nctId: string, briefTitle = `Trial ${nctId}`) =>
    dataSource.transaction((tx) =>
      outbox.enqueue(tx, TrialRegistered, { trialId: nctId, payload: { ...sampleTrialRegistered(nctId), briefTitle } }),
    );
  const produceRaw = (key: string, value: string | object) =>
    probe.produce(registryTopicName, [{ key, value: typeof value === 'string' ? value : JSON.stringify(value) }]);

  beforeAll(async () => {
    const url = `${POSTGRES_URL}/${database}`;
    await ensureDatabase(url);
    dataSource = await new DataSource({ type: 'postgres', url, migrations: [MessagingTables1764000000000] }).initialize();
    await runMigrationsLocked(dataSource);
    await dataSource.query('CREATE TABLE handled_effect (event_id uuid NOT NULL)');
    kafka = new KafkaConnection({ clientId: 'integration-test', brokers: kafkaBrokers(), topicPrefix: prefix });
    await kafka.connect();
    relay = new OutboxRelay(dataSource, kafka, metrics, { pollIntervalMs: 60_000, batchSize: 100 });
    consumer = new EventConsumer(dataSource, kafka, metrics, { service: 'enrollment', maxAttempts: 3, retryBackoffMs: 20 });
    await consumer.start([handler]);
    registryTopic = await probe.watch(registryTopicName);
    deadLetters = await probe.watch(kafka.topic(deadLetterTopic('enrollment')));
  });

  afterAll(async () => {
    await consumer?.stop();
    await kafka?.disconnect();
    await dataSource?.destroy();
    await probe.close();
    await probe.deleteTopicsWithPrefix(prefix);
    await dropDatabases([database]);
  });

  it('creates every platform topic with its partition count on the Kafka 4 broker (auto-create is off)', async () => {
    expect(await probe.partitionCount(registryTopicName)).toBe(TOPICS.registryEvents.partitions);
    expect(await probe.partitionCount(`${prefix}${TOPICS.enrollmentEvents.name}`)).toBe(TOPICS.enrollmentEvents.partitions);
  });

  it('publishes committed outbox events, keyed and with headers, and nothing from a rolled-back transaction', async () => {
    const committed = await enqueue('NCT00000001');
    await expect(
      dataSource.transaction(async (tx) => {
        await outbox.enqueue(tx, TrialRegistered, { trialId: 'NCT00000002', payload: sampleTrialRegistered('NCT00000002') });
        throw new Error('the state change failed');
      }),
    ).rejects.toThrow('the state change failed');

    expect(await relay.publishPending()).toBe(1);
    const message = await waitFor('the published event', async () => registryTopic.find((m) => m.headers['event-id'] === committed.eventId));
    expect(message.key).toBe('NCT00000001');
    expect(message.headers).toMatchObject({ 'event-type': 'TrialRegistered', 'event-version': '1', 'content-type': 'application/json' });
    expect(JSON.parse(message.value!)).toMatchObject({ eventId: committed.eventId, producer: 'integration-test', trialId: 'NCT00000001' });
    expect(await relay.publishPending()).toBe(0);
    expect(registryTopic.some((m) => m.key === 'NCT00000002')).toBe(false);
  });

  it('refuses to enqueue an event that breaks its contract', async () => {
    await expect(
      dataSource.transaction((tx) =>
        outbox.enqueue(tx, TrialRegistered, { trialId: 'NCT1', payload: { ...sampleTrialRegistered('NCT1'), phases: [] } }),
      ),
    ).rejects.toThrow('refusing to publish an invalid TrialRegistered: payload.nctId');
  });

  it('re-sends after a crash between publish and mark, and the consumer applies the event once', async () => {
    const event = await enqueue('NCT00000003');
    await relay.publishPending();
    // The relay "crashed" before its mark committed: the row is pending again.
    await dataSource.query('UPDATE outbox_message SET published_at = NULL WHERE event_id = $1', [event.eventId]);
    await relay.publishPending();

    await waitFor('both copies on the topic', async () =>
      registryTopic.filter((m) => m.headers['event-id'] === event.eventId).length === 2 ? true : undefined,
    );
    await waitFor('the duplicate to be seen', async () => {
      const values = await metrics.eventsConsumed.get();
      return values.values.some((v) => v.labels.outcome === 'duplicate' && v.value >= 1) ? true : undefined;
    });
    expect(await effects(event.eventId)).toBe(1);
    expect(await processed(event.eventId)).toBe(1);
  });

  it('dead-letters malformed, unknown, wrong-version and invalid messages with a reason, and handles the good one behind them', async () => {
    const key = 'NCT00000009';
    const good = sampleEnvelope(sampleTrialRegistered(key));
    await produceRaw(key, '{"eventId": "broken');
    await produceRaw(key, sampleEnvelope(sampleTrialRegistered(key), { version: 2 }));
    await produceRaw(key, sampleEnvelope(sampleTrialRegistered(key), { type: 'TrialTeleported' }));
    await produceRaw(key, sampleEnvelope({ ...sampleTrialRegistered(key), nctId: 'psoriasis-1' }));
    await produceRaw(key, good);

    await waitFor('the good event to be handled', async () => ((await effects(good.eventId)) === 1 ? true : undefined));
    const mine = await waitFor('four dead letters', async () => {
      const found = deadLetters.filter((m) => m.key === key);
      return found.length === 4 ? found : undefined;
    });
    expect(mine.map((m) => m.headers['dead-letter-kind'])).toEqual(['MALFORMED_JSON', 'UNSUPPORTED_VERSION', 'UNKNOWN_TYPE', 'INVALID_PAYLOAD']);
    expect(mine[0].value).toBe('{"eventId": "broken');
    expect(mine[1].headers['dead-letter-reason']).toContain('TrialRegistered version 2 is not supported (supported: 1)');
    expect(mine[3].headers['dead-letter-reason']).toContain('payload.nctId: nctId must look like NCT followed by 8 digits [matches]');
    expect(mine[3].headers).toMatchObject({
      'dead-letter-source-topic': registryTopicName,
      'dead-letter-consumer-group': `${prefix}trialstream.enrollment`,
    });
  });

  it('retries a failing handler with backoff, dead-letters it after the last attempt, and keeps none of its writes', async () => {
    const key = 'NCT00000010';
    const failing = sampleEnvelope({ ...sampleTrialRegistered(key), briefTitle: 'always fails' });
    const flaky = sampleEnvelope({ ...sampleTrialRegistered(key), briefTitle: 'fails once' });
    await produceRaw(key, failing);
    await produceRaw(key, flaky);

    await waitFor('the flaky event to be handled', async () => ((await processed(flaky.eventId)) === 1 ? true : undefined));
    expect(await effects(flaky.eventId)).toBe(1);
    const dead = await waitFor('the failing event dead-lettered', async () => deadLetters.find((m) => m.key === key));
    expect(JSON.parse(dead.value!).eventId).toBe(failing.eventId);
    expect(dead.headers['dead-letter-kind']).toBe('HANDLER_FAILED');
    expect(dead.headers['dead-letter-reason']).toBe('handler failed after 3 attempts: simulated outage');
    expect(await effects(failing.eventId)).toBe(0);
    expect(await processed(failing.eventId)).toBe(0);
  });

  it('replays dead letters to their source topic once the cause is fixed; they are then handled once', async () => {
    const key = 'NCT00000030';
    const blocked = sampleEnvelope({ ...sampleTrialRegistered(key), briefTitle: 'blocked until fixed' });
    handler.blockedTitles.add('blocked until fixed');
    await produceRaw(key, blocked);
    await waitFor('the blocked event dead-lettered', async () => deadLetters.find((m) => m.key === key));

    handler.blockedTitles.clear(); // the cause is fixed
    const result = await new DeadLetterReplay(kafka, 'enrollment').replay('HANDLER_FAILED');
    // The two handler failures so far (the still-failing one of the previous test and this one) go back; the other kinds wait.
    expect(result).toEqual({ replayed: 2, skipped: 4, byTopic: { [registryTopicName]: 2 } });
    await waitFor('the replayed event handled', async () => ((await processed(blocked.eventId)) === 1 ? true : undefined));
    expect(await effects(blocked.eventId)).toBe(1);
    const replayed = registryTopic.filter((m) => m.key === key);
    expect(replayed).toHaveLength(2);
    expect(Object.keys(replayed[1].headers).some((name) => name.startsWith('dead-letter-'))).toBe(false);

    // The still-failing event is dead-lettered anew; a second replay takes only that one.
    await waitFor('the still-failing event dead-lettered again', async () =>
      deadLetters.filter((m) => m.key === 'NCT00000010').length === 2 ? true : undefined,
    );
    expect(await new DeadLetterReplay(kafka, 'enrollment').replay()).toEqual({ replayed: 1, skipped: 0, byTopic: { [registryTopicName]: 1 } });
  });

  it('prunes published outbox rows and old ledger entries past their retention, never an unpublished row', async () => {
    const old = await enqueue('NCT00000020');
    const unpublishedOld = await enqueue('NCT00000021');
    await relay.publishPending();
    await dataSource.query(`UPDATE outbox_message SET published_at = now() - interval '8 days' WHERE event_id = $1`, [old.eventId]);
    await dataSource.query(`UPDATE outbox_message SET published_at = NULL, created_at = now() - interval '90 days' WHERE event_id = $1`, [unpublishedOld.eventId]);
    const [[{ event_id: agedEntry }]] = await dataSource.query(
      `UPDATE processed_event SET processed_at = now() - interval '31 days' WHERE event_id = (SELECT event_id FROM processed_event LIMIT 1) RETURNING event_id`,
    );

    const pruned = await new MessagingHousekeeping(dataSource, { outboxDays: 7, processedEventDays: 30 }).prune();

    expect(pruned).toEqual({ outbox: 1, processedEvents: 1 });
    const remaining = (await dataSource.query('SELECT event_id FROM outbox_message')).map((r: { event_id: string }) => r.event_id);
    expect(remaining).not.toContain(old.eventId);
    expect(remaining).toContain(unpublishedOld.eventId);
    expect(await processed(agedEntry)).toBe(0);
  });

  it('on shutdown flushes the outbox and finishes the message in hand before it stops', async () => {
    relay.start();
    const pending = await enqueue('NCT00000011');
    const slow = sampleEnvelope({ ...sampleTrialRegistered('NCT00000012'), briefTitle: 'slow' });
    await produceRaw('NCT00000012', slow);
    await waitFor('the slow handler to start', async () => (handler.started.has(slow.eventId) ? true : undefined));

    await consumer.stop();
    await relay.stop();

    expect(await processed(slow.eventId)).toBe(1);
    expect(await effects(slow.eventId)).toBe(1);
    const [row] = await dataSource.query('SELECT published_at FROM outbox_message WHERE event_id = $1', [pending.eventId]);
    expect(row.published_at).not.toBeNull();
  });
});
