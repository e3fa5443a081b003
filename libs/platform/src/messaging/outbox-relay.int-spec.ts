import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { TOPICS, TrialRegistered } from '@trialstream/contracts';
import { dropDatabases, KafkaProbe, kafkaBrokers, POSTGRES_URL, sampleTrialRegistered, uniqueSuffix, waitFor, type ReceivedMessage } from '@trialstream/testing';
import { DataSource } from 'typeorm';
import { ensureDatabase } from '../database/ensure-database';
import { PageQuery } from '../http/pagination';
import { EventRuntime1764000000002 } from '../database/event-runtime.migration';
import { MessagingTables1764000000000 } from '../database/messaging-tables.migration';
import { OutboxEnvelopeJson1764000000006 } from '../database/outbox-envelope-json.migration';
import { OutboxIndexWalk1764000000008 } from '../database/outbox-index-walk.migration';
import { runMigrationsLocked } from '../database/migrations';
import { moveUnpublishedEvents } from '../database/outbox-topic-move';
import { DurableTimers1764000000001 } from '../timers/timers.migration';
import { ServiceMetrics } from '../metrics/metrics';
import { MessagingHousekeeping } from './housekeeping';
import { KafkaConnection } from './kafka-connection';
import { Outbox, OUTBOX_WRITTEN } from './outbox';
import { OutboxRelay } from './outbox-relay';

describe('the outbox relay, on a real broker and PostgreSQL', () => {
  const suffix = uniqueSuffix();
  const prefix = `it-${suffix}.`;
  const database = `trialstream_it_${suffix}`;
  const url = `${POSTGRES_URL}/${database}`;
  const registryTopicName = `${prefix}${TOPICS.registryEvents.name}`;
  const probe = new KafkaProbe();
  const outbox = new Outbox('integration-test');
  const metrics = new ServiceMetrics('integration-test');
  /** Two instances of one service: each with its own connection pool and relay, sharing the database. */
  let instances: { dataSource: DataSource; relay: OutboxRelay }[];
  let kafka: KafkaConnection;
  let registryTopic: ReceivedMessage[];

  const relayOf = (dataSource: DataSource, pollIntervalMs = 60_000) =>
    new OutboxRelay(dataSource, kafka, metrics, { databaseUrl: url, pollIntervalMs, batchSize: 100, leaderRetryMs: 100 });
  const enqueue = (dataSource: DataSource, trialId: string, briefTitle = `Trial ${trialId}`) =>
    dataSource.transaction((tx) => outbox.enqueue(tx, TrialRegistered, { trialId: trialId, payload: { ...sampleTrialRegistered(trialId), briefTitle } }));
  const onWire = (key: string) => registryTopic.filter((m) => m.key === key).map((m) => JSON.parse(m.value!).payload.briefTitle as string);

  beforeAll(async () => {
    await ensureDatabase(url);
    kafka = new KafkaConnection({ clientId: 'integration-test', brokers: kafkaBrokers(), topicPrefix: prefix });
    await kafka.connect();
    instances = [];
    for (let i = 0; i < 2; i++) {
      const dataSource = await new DataSource({ type: 'postgres', url, migrations: [MessagingTables1764000000000, DurableTimers1764000000001, EventRuntime1764000000002, OutboxEnvelopeJson1764000000006, OutboxIndexWalk1764000000008] }).initialize();
      await runMigrationsLocked(dataSource);
      instances.push({ dataSource, relay: relayOf(dataSource) });
    }
    registryTopic = await probe.watch(registryTopicName);
  });

  afterAll(async () => {
    for (const { relay, dataSource } of instances ?? []) {
      await relay.stop();
      await dataSource.destroy();
    }
    await kafka?.disconnect();
    await probe.close();
    await probe.deleteTopicsWithPrefix(prefix);
    await dropDatabases([database]);
  });

  it('publishes committed outbox events, keyed and with headers, and nothing from a rolled-back transaction', async () => {
    const { dataSource, relay } = instances[0];
    const committed = await enqueue(dataSource, 'NCT00000001');
    await expect(
      dataSource.transaction(async (tx) => {
        await outbox.enqueue(tx, TrialRegistered, { trialId: 'NCT00000002', payload: sampleTrialRegistered('NCT00000002') });
        throw new Error('the state change failed');
      }),
    ).rejects.toThrow('the state change failed');

    expect(await relay.publishPending()).toBe(1);
    const message = await waitFor('the published event', async () => registryTopic.find((m) => m.headers['event-id'] === committed.eventId));
    expect(message.key).toBe('NCT00000001');
    expect(message.headers).toMatchObject({ 'event-type': 'TrialRegistered', 'event-version': '1', 'content-type': 'application/json', 'correlation-id': committed.correlationId });
    expect(JSON.parse(message.value!)).toEqual(committed);
    expect(await relay.publishPending()).toBe(0);
    expect(registryTopic.some((m) => m.key === 'NCT00000002')).toBe(false);
  });

  it("publishes a row the previous build wrote (no version or correlation column) with those headers from its envelope", async () => {
    const { dataSource, relay } = instances[0];
    const envelope = { ...(await enqueue(dataSource, 'NCT00000003')), eventId: randomUUID(), correlationId: randomUUID() };
    await relay.publishPending();
    await dataSource.query(
      `INSERT INTO outbox_message (event_id, event_type, topic, message_key, envelope) VALUES ($1, 'TrialRegistered', $2, 'NCT00000003', $3)`,
      [envelope.eventId, TOPICS.registryEvents.name, JSON.stringify(envelope)],
    );
    expect(await relay.publishPending()).toBe(1);
    const message = await waitFor('the published event', async () => registryTopic.find((m) => m.headers['event-id'] === envelope.eventId));
    expect(message.headers).toMatchObject({ 'event-type': 'TrialRegistered', 'event-version': '1', 'correlation-id': envelope.correlationId });
  });

  it('refuses to enqueue an event that breaks its contract', async () => {
    await expect(
      instances[0].dataSource.transaction((tx) =>
        outbox.enqueue(tx, TrialRegistered, { trialId: 'NCT1', payload: { ...sampleTrialRegistered('NCT1'), trialId: 'NCT1' } }),
      ),
    ).rejects.toThrow('refusing to publish an invalid TrialRegistered: payload.trialId');
  });

  it('re-sends after a crash between publish and mark (consumers deduplicate by eventId)', async () => {
    const { dataSource, relay } = instances[0];
    const event = await enqueue(dataSource, 'NCT00000003');
    await relay.publishPending();
    // The relay "crashed" before its mark committed: the row is pending again.
    await dataSource.query('UPDATE outbox_message SET published_at = NULL WHERE event_id = $1', [event.eventId]);
    await relay.publishPending();
    await waitFor('both copies on the topic', async () => (registryTopic.filter((m) => m.headers['event-id'] === event.eventId).length === 2 ? true : undefined));
  });

  it("keeps a row's first mark when a relay that lost the race sends it again and marks it later (the alert stream resumes by the mark)", async () => {
    const [{ dataSource, relay: slow }, { relay: fast }] = instances;
    const event = await enqueue(dataSource, 'NCT00000012');
    const markOf = async () => (await dataSource.query('SELECT published_at::text AS mark FROM outbox_message WHERE event_id = $1', [event.eventId]))[0].mark as string | null;
    // The slow relay has read the row and is held in its send (to the real broker) while the other one passes.
    const send = kafka.send.bind(kafka);
    let release = () => undefined as void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const sends = jest.spyOn(kafka, 'send').mockImplementationOnce(async (messages) => held.then(() => send(messages)));
    let slowPass: Promise<number> | undefined;
    try {
      slowPass = slow.publishPending();
      await waitFor('the slow relay to send', async () => (sends.mock.calls.length === 1 ? true : undefined));
      expect(await fast.publishPending()).toBe(1);
      const firstMark = await markOf();
      expect(firstMark).not.toBeNull();
      await sleep(5);
      release();
      await slowPass;
      expect(await markOf()).toBe(firstMark);
      await waitFor('both copies on the topic', async () => (registryTopic.filter((m) => m.headers['event-id'] === event.eventId).length === 2 ? true : undefined));
    } finally {
      release();
      await slowPass?.catch(() => undefined);
      sends.mockRestore();
    }
  });

  it('marks the transactions that wrote to the outbox, so a relay in the same process wakes on their commit', async () => {
    const { dataSource } = instances[0];
    const marks: unknown[] = [];
    await dataSource.transaction(async (tx) => {
      await outbox.enqueue(tx, TrialRegistered, { trialId: 'NCT00000004', payload: sampleTrialRegistered('NCT00000004') });
      marks.push(OUTBOX_WRITTEN.isSet(tx));
    });
    await dataSource.transaction(async (tx) => marks.push(OUTBOX_WRITTEN.isSet(tx)));
    expect(marks).toEqual([true, false]);
  });

  it('runs one relay at a time, which wakes on commits from any instance and publishes one key in commit order; another takes over when it stops', async () => {
    const [a, b] = instances;
    a.relay.start();
    await waitFor('the first relay to lead', async () => (a.relay.isLeader ? true : undefined));
    b.relay.start();

    // Polling is a minute: only the commit notification can bring these out in time.
    const titles = Array.from({ length: 30 }, (_, i) => `step ${i}`);
    for (const [i, title] of titles.entries()) await enqueue(instances[i % 2].dataSource, 'NCT00000005', title);
    await waitFor('every step on the wire', async () => (onWire('NCT00000005').length === 30 ? true : undefined), 10_000);
    expect(onWire('NCT00000005')).toEqual(titles);
    expect(b.relay.isLeader).toBe(false);

    await a.relay.stop();
    await waitFor('the second relay to take over', async () => (b.relay.isLeader ? true : undefined), 5_000);
    await enqueue(a.dataSource, 'NCT00000005', 'after the take-over');
    await waitFor('the event relayed by the new leader', async () => (onWire('NCT00000005').length === 31 ? true : undefined), 10_000);
    expect(onWire('NCT00000005').at(-1)).toBe('after the take-over');
    await b.relay.stop();
    instances[0].relay = relayOf(a.dataSource);
    instances[1].relay = relayOf(b.dataSource);
  });

  it('looks once per commit through its own DataSource (its own notification does not send it round again) and wakes on the notification of another', async () => {
    const [a, b] = instances;
    const passes = jest.spyOn(a.relay, 'publishPending');
    a.relay.start();
    await waitFor('the relay to lead and make its first pass', async () => (a.relay.isLeader && passes.mock.calls.length > 0 ? true : undefined));
    await sleep(300);
    passes.mockClear();

    await enqueue(a.dataSource, 'NCT00000030', 'through its own DataSource');
    await waitFor('the event on the wire', async () => (onWire('NCT00000030').length === 1 ? true : undefined), 5_000);
    await sleep(500); // the notification of that commit has long arrived
    expect(passes).toHaveBeenCalledTimes(1);

    // b's relay is not running: only the notification can wake a's (its polling is a minute).
    await enqueue(b.dataSource, 'NCT00000030', 'through another');
    await waitFor('the second event on the wire', async () => (onWire('NCT00000030').length === 2 ? true : undefined), 5_000);
    expect(passes).toHaveBeenCalledTimes(2);
    await a.relay.stop();
    instances[0].relay = relayOf(a.dataSource);
  });

  it('sends an event type\'s waiting rows to the topic a migration moved it to, leaving published rows and other types alone', async () => {
    const { dataSource, relay } = instances[0];
    const oldTopic = 'trialstream.registry.events.v0';
    const published = await enqueue(dataSource, 'NCT00000040', 'published before the move');
    expect(await relay.publishPending()).toBe(1);
    const waiting = await enqueue(dataSource, 'NCT00000040', 'waiting at the move');
    await dataSource.query(`UPDATE outbox_message SET topic = $1 WHERE event_id = ANY($2::uuid[])`, [oldTopic, [published.eventId, waiting.eventId]]);

    const runner = dataSource.createQueryRunner();
    expect(await moveUnpublishedEvents(runner, 'TrialStatusChanged', oldTopic, TOPICS.registryEvents.name)).toBe(0);
    expect(await moveUnpublishedEvents(runner, 'TrialRegistered', oldTopic, TOPICS.registryEvents.name)).toBe(1);
    await runner.release();

    expect(await relay.publishPending()).toBe(1);
    await waitFor('the waiting event on the new topic', async () => (onWire('NCT00000040').length === 2 ? true : undefined));
    expect(onWire('NCT00000040')).toEqual(['published before the move', 'waiting at the move']);
    expect(await dataSource.query(`SELECT topic FROM outbox_message WHERE event_id = $1`, [published.eventId])).toEqual([{ topic: oldTopic }]);
  });

  it('publishes a pass larger than the broker takes in one batch, in order, with nothing refused', async () => {
    const { dataSource } = instances[0];
    const titles = Array.from({ length: 600 }, (_, i) => `large ${String(i).padStart(3, '0')} ${'x'.repeat(2000)}`);
    await dataSource.transaction(async (tx) => {
      for (const briefTitle of titles) await outbox.enqueue(tx, TrialRegistered, { trialId: 'NCT00000008', payload: { ...sampleTrialRegistered('NCT00000008'), briefTitle } });
    });
    const relayOfBatch = new OutboxRelay(dataSource, kafka, metrics, { databaseUrl: url, pollIntervalMs: 60_000, batchSize: 600, leaderRetryMs: 100 });

    expect(await relayOfBatch.publishPending()).toBe(600);
    await waitFor('every large event on the wire', async () => (onWire('NCT00000008').length === 600 ? true : undefined));
    expect(onWire('NCT00000008')).toEqual(titles);
    expect(await relayOfBatch.setAside(new PageQuery())).toMatchObject({ items: [], total: 0 });
  });

  it('sets aside a row the broker refuses, keeps the rows of other keys flowing, and holds the rest of its key behind it', async () => {
    const { dataSource, relay } = instances[0];
    const tooLarge = { ...(await enqueue(dataSource, 'NCT00000006', 'too large')), padding: 'x'.repeat(1_100_000) };
    await dataSource.query(`UPDATE outbox_message SET envelope = $2 WHERE event_id = $1`, [tooLarge.eventId, JSON.stringify(tooLarge)]);
    await enqueue(dataSource, 'NCT00000006', 'waits behind the refused one');
    await enqueue(dataSource, 'NCT00000007', 'another key');

    expect(await relay.publishPending()).toBe(1);
    expect(await relay.publishPending()).toBe(0);
    await waitFor('the other key on the wire', async () => (onWire('NCT00000007').length === 1 ? true : undefined));
    expect(onWire('NCT00000006')).toEqual([]);
    const { items: [setAside], total } = await relay.setAside(new PageQuery());
    expect(total).toBe(1);
    expect(setAside).toMatchObject({ eventId: tooLarge.eventId, type: 'TrialRegistered', key: 'NCT00000006' });
    expect(setAside.reason).toMatch(/^the broker refused the event: .*(too large|larger)/i);
    expect((await metrics.outboxSetAside.get()).values[0].value).toBe(1);

    // Once fixed (here: the oversized field removed), the row goes out first, then the one behind it.
    await dataSource.query(`UPDATE outbox_message SET envelope = (envelope::jsonb - 'padding')::json WHERE event_id = $1`, [tooLarge.eventId]);
    expect(await relay.retrySetAside(tooLarge.eventId)).toBe(true);
    expect(await relay.publishPending()).toBe(2);
    await waitFor('the held key on the wire', async () => (onWire('NCT00000006').length === 2 ? true : undefined));
    expect(onWire('NCT00000006')).toEqual(['too large', 'waits behind the refused one']);
  });

  it('passes rows already published without reading them again, though no VACUUM has removed them', async () => {
    const { dataSource } = instances[0];
    await dataSource.query(
      `INSERT INTO outbox_message (event_id, event_type, topic, message_key, envelope)
       SELECT gen_random_uuid(), 'TrialRegistered', 'published-long-ago', 'k' || i, json_build_object('padding', repeat('x', 2000)) FROM generate_series(1, 2000) i`,
    );
    await dataSource.query(`UPDATE outbox_message SET published_at = now() WHERE topic = 'published-long-ago'`);
    const tablePagesRead = (query: string, ...settings: string[]) =>
      dataSource.transaction(async (tx) => {
        for (const setting of settings) await tx.query(`SET LOCAL ${setting}`);
        const pagesSoFar = async () => Number((await tx.query(`SELECT pg_stat_get_xact_blocks_fetched('outbox_message'::regclass) AS pages`))[0].pages);
        await tx.query(query); // the first pass over the dead index entries may read them
        const before = await pagesSoFar();
        await tx.query(query);
        return (await pagesSoFar()) - before;
      });
    // Without an index walk (the planner's bitmap scan while there are no statistics), a pass reads
    // the pages of all 2,000 rows again every time; the index walk, none of them.
    const unwalked = await tablePagesRead('SELECT count(*) FROM outbox_message WHERE published_at IS NULL', 'enable_indexscan = off', 'enable_indexonlyscan = off');
    expect(unwalked).toBeGreaterThan(20);
    expect(await tablePagesRead('SELECT * FROM outbox_unpublished(100)')).toBeLessThan(5);
    expect(await tablePagesRead('SELECT * FROM outbox_backlog()')).toBeLessThan(5);
  });

  it('prunes published outbox rows, fired timers and old ledger entries past their retention, never a pending one', async () => {
    const { dataSource, relay } = instances[0];
    const old = await enqueue(dataSource, 'NCT00000020');
    const unpublishedOld = await enqueue(dataSource, 'NCT00000021');
    await relay.publishPending();
    await dataSource.query(`UPDATE outbox_message SET published_at = now() - interval '8 days' WHERE event_id = $1`, [old.eventId]);
    await dataSource.query(`UPDATE outbox_message SET published_at = NULL, created_at = now() - interval '90 days' WHERE event_id = $1`, [unpublishedOld.eventId]);
    const agedEntry = randomUUID();
    await dataSource.query(`INSERT INTO processed_event (consumer_group, event_id, event_type, processed_at) VALUES ('g', $1, 'T', now() - interval '31 days'), ('g', $2, 'T', now())`, [agedEntry, randomUUID()]);

    await dataSource.query(`INSERT INTO scheduled_event (timer_key, due_at, event_type, event_version, trial_id, payload, created_at, fired_at, cancelled_at)
      VALUES ('old fired', now(), 'T', 1, 'NCT1', '{}', now(), now() - interval '8 days', NULL), ('old cancelled', now(), 'T', 1, 'NCT1', '{}', now(), NULL, now() - interval '9 days'),
             ('recent', now(), 'T', 1, 'NCT1', '{}', now(), now(), NULL), ('pending', now() - interval '90 days', 'T', 1, 'NCT1', '{}', now(), NULL, NULL)`);
    const pruned = await new MessagingHousekeeping(dataSource, { outboxDays: 7, processedEventDays: 30 }).prune();

    expect(pruned).toEqual({ outbox: 1, timers: 2, processedEvents: 1 });
    expect((await dataSource.query('SELECT timer_key FROM scheduled_event ORDER BY id')).map((r: { timer_key: string }) => r.timer_key)).toEqual(['recent', 'pending']);
    const remaining = (await dataSource.query('SELECT event_id FROM outbox_message')).map((r: { event_id: string }) => r.event_id);
    expect(remaining).not.toContain(old.eventId);
    expect(remaining).toContain(unpublishedOld.eventId);
  });

  it('on stop publishes what is still pending, even a row whose notification was lost', async () => {
    const { dataSource, relay } = instances[0];
    relay.start();
    await waitFor('the relay to lead', async () => (relay.isLeader ? true : undefined));
    // A row written without a notification: with a one-minute poll, only the flush on stop sends it.
    const eventId = randomUUID();
    const envelope = { ...(await enqueue(dataSource, 'NCT00000011')), eventId };
    await dataSource.query(
      `INSERT INTO outbox_message (event_id, event_type, event_version, correlation_id, topic, message_key, envelope) VALUES ($1, 'TrialRegistered', $2, $3, $4, 'NCT00000011', $5)`,
      [eventId, envelope.version, envelope.correlationId, TOPICS.registryEvents.name, JSON.stringify(envelope)],
    );
    await relay.stop();
    const [row] = await dataSource.query('SELECT published_at FROM outbox_message WHERE event_id = $1', [eventId]);
    expect(row.published_at).not.toBeNull();
  });
});
