import { execFileSync } from 'node:child_process';
import { deadLetterTopic, TOPICS, type ConsumingService } from '@trialstream/contracts';
import {
  dropDatabases, KafkaProbe, kafkaBrokers, POSTGRES_URL, queryDatabase, sampleEnvelope, sampleTrialRegistered, uniqueSuffix,
  waitFor, type ReceivedMessage,
} from '@trialstream/testing';
import { ServiceProcess } from './service-process';

const REFERENCE_TRIAL = 'NCT02491658';
const suffix = uniqueSuffix();
const prefix = `e2e-${suffix}.`;
const registryTopic = `${prefix}${TOPICS.registryEvents.name}`;
const databaseOf = (app: string) => `trialstream_e2e_${suffix}_${app.replace(/-/g, '_')}`;

function service(app: ConsumingService, port: number): ServiceProcess {
  return new ServiceProcess(app, port, {
    DATABASE_URL: `${POSTGRES_URL}/${databaseOf(app)}`,
    KAFKA_BROKERS: kafkaBrokers().join(','),
    KAFKA_TOPIC_PREFIX: prefix,
    OUTBOX_POLL_INTERVAL_MS: '100',
    CONSUMER_RETRY_BACKOFF_MS: '50',
  });
}

const registry = service('registry', 3101);
/** Each downstream service and the path where it shows its part of a trial's protocol. */
const downstream = [
  { service: service('enrollment', 3102), part: 'enrollment-policy' },
  { service: service('infusion-tracking', 3103), part: 'treatment-plan' },
  { service: service('safety', 3104), part: 'safety-policy' },
];

/** Reads a topic with kcat, a Kafka client outside the monorepo, and returns its messages. */
function readWithKcat(topic: string): { key: string; payload: string; headers: string[] }[] {
  const out = execFileSync('kcat', ['-C', '-b', kafkaBrokers()[0], '-t', topic, '-o', 'beginning', '-e', '-q', '-J'], {
    encoding: 'utf8',
  });
  return out.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line));
}

async function duplicatesSeen(target: ServiceProcess): Promise<number> {
  const metrics = await (await fetch(`${target.url}/metrics`)).text();
  const line = metrics.split('\n').find((l) => l.startsWith('trialstream_events_consumed_total{') && l.includes('outcome="duplicate"'));
  return line ? Number(line.split(' ').pop()) : 0;
}

describe('the platform end to end: four services, a real Kafka broker, real databases', () => {
  const probe = new KafkaProbe();
  let onRegistryTopic: ReceivedMessage[];
  let trialRegisteredEventId: string;

  beforeAll(async () => {
    await Promise.all(downstream.map(({ service: s }) => s.start()));
    onRegistryTopic = await probe.watch(registryTopic);
  });

  afterAll(async () => {
    await Promise.all([registry, ...downstream.map((d) => d.service)].map((s) => s.stop('SIGKILL')));
    await probe.close();
    await probe.deleteTopicsWithPrefix(prefix);
    await dropDatabases(['registry', 'enrollment', 'infusion-tracking', 'safety'].map(databaseOf));
  });

  it('loses nothing when the registry dies between committing the trial and publishing the event', async () => {
    await registry.start({ OUTBOX_RELAY_ENABLED: 'false' });
    const [pending] = await queryDatabase<{ event_id: string; published_at: Date | null }>(
      databaseOf('registry'),
      `SELECT event_id, published_at FROM outbox_message WHERE event_type = 'TrialRegistered'`,
    );
    expect(pending.published_at).toBeNull();
    trialRegisteredEventId = pending.event_id;

    expect(await registry.stop('SIGKILL')).toEqual({ code: null, signal: 'SIGKILL' });
    expect(onRegistryTopic).toHaveLength(0);

    await registry.start();
    for (const { service: s, part } of downstream) {
      await waitFor(`${s.app} to know the reference trial`, async () =>
        (await s.getJson(`/trials/${REFERENCE_TRIAL}/${part}`)).status === 200 ? true : undefined,
      );
      const rows = await queryDatabase(databaseOf(s.app), 'SELECT * FROM processed_event WHERE event_id = $1', [trialRegisteredEventId]);
      expect(rows).toHaveLength(1);
    }
    expect(onRegistryTopic.filter((m) => m.headers['event-id'] === trialRegisteredEventId)).toHaveLength(1);
  });

  it('gives each downstream service the part of the protocol it runs on', async () => {
    const [enrollment, infusion, safety] = await Promise.all(
      downstream.map(({ service: s, part }) => s.getJson(`/trials/${REFERENCE_TRIAL}/${part}`).then((r) => r.body)),
    );
    expect(enrollment).toMatchObject({ enrollmentTarget: 30, eligibility: { age: { minYears: 18, maxYears: 65 }, minimumBaselinePasi: 8 } });
    expect(infusion).toMatchObject({ dosing: { cellsPerKg: 1_000_000 }, followUpDayOffsets: [79, 140, 231, 322, 414] });
    expect((infusion as { infusions: { dayOffset: number }[] }).infusions.map((i) => i.dayOffset)).toEqual([0, 7, 14, 21, 35, 49]);
    expect(safety).toMatchObject({ expeditedReporting: { fatalOrLifeThreateningDays: 7, otherSusarDays: 15 } });
  });

  it('puts plain JSON on the wire that kcat reads, in the one envelope, with no direct identifiers', () => {
    const [message] = readWithKcat(registryTopic).filter((m) => m.key === REFERENCE_TRIAL);
    const envelope = JSON.parse(message.payload);
    expect(envelope).toMatchObject({
      eventId: trialRegisteredEventId,
      type: 'TrialRegistered',
      version: 1,
      producer: 'registry',
      trialId: REFERENCE_TRIAL,
      correlationId: expect.any(String),
      occurredAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      payload: { nctId: REFERENCE_TRIAL, protocol: { enrollmentTarget: 30 } },
    });
    expect(envelope.subjectId).toBeUndefined();
    expect(message.headers).toEqual(expect.arrayContaining(['event-type', 'TrialRegistered', 'event-version', '1']));
  });

  it('applies the same event delivered twice more only once', async () => {
    const [original] = readWithKcat(registryTopic).filter((m) => m.key === REFERENCE_TRIAL);
    const copy = { key: REFERENCE_TRIAL, value: original.payload };
    await probe.produce(registryTopic, [copy, copy]);

    for (const { service: s } of downstream) {
      await waitFor(`${s.app} to see both copies`, async () => ((await duplicatesSeen(s)) >= 2 ? true : undefined));
      const rows = await queryDatabase(databaseOf(s.app), 'SELECT * FROM processed_event WHERE event_id = $1', [trialRegisteredEventId]);
      expect(rows).toHaveLength(1);
    }
  });

  it('dead-letters a malformed and a wrong-version message with a readable reason and still processes the good one behind them', async () => {
    const trial = 'NCT09999999';
    await probe.produce(registryTopic, [
      { key: trial, value: 'this is not json' },
      { key: trial, value: JSON.stringify(sampleEnvelope(sampleTrialRegistered(trial), { version: 7 })) },
      { key: trial, value: JSON.stringify(sampleEnvelope(sampleTrialRegistered(trial))) },
    ]);

    for (const { service: s, part } of downstream) {
      await waitFor(`${s.app} to process the good event`, async () =>
        (await s.getJson(`/trials/${trial}/${part}`)).status === 200 ? true : undefined,
      );
      const deadLetters = await waitFor(`${s.app}'s dead letters`, async () => {
        const found = readWithKcat(`${prefix}${deadLetterTopic(s.app as ConsumingService).name}`).filter((m) => m.key === trial);
        return found.length === 2 ? found : undefined;
      });
      const reasons = deadLetters.map((m) => m.headers[m.headers.indexOf('dead-letter-reason') + 1]);
      expect(reasons[0]).toMatch(/^message is not valid JSON/);
      expect(reasons[1]).toBe('version: TrialRegistered version 7 is not supported (supported: 1) [supportedVersion]');
      expect(deadLetters[0].payload).toBe('this is not json');
    }
  });

  it('shuts every service down cleanly on SIGTERM, flushing the outbox and leaving Kafka before the database', async () => {
    for (const s of [registry, ...downstream.map((d) => d.service)]) {
      // Nest re-raises the signal once its shutdown hooks have run.
      expect(await s.stop('SIGTERM')).toEqual({ code: null, signal: 'SIGTERM' });
      expect(s.logs).toContain('stopped consuming, flushed the outbox and disconnected from Kafka');
    }
  });
});
