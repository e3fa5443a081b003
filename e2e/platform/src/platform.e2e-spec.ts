import { deadLetterTopic, type ConsumingService } from '@trialstream/contracts';
import { sampleEnvelope, sampleTrialRegistered, waitFor, type ReceivedMessage } from '@trialstream/testing';
import { consumedWithOutcome, header, PlatformUnderTest } from './platform-under-test';

const REFERENCE_TRIAL = 'NCT02491658';

describe('the platform end to end: four services, a real Kafka broker, real databases', () => {
  const platform = new PlatformUnderTest();
  const { registry, downstream, probe } = platform;
  let onRegistryTopic: ReceivedMessage[];
  let referenceEventIds: string[];

  beforeAll(async () => {
    await Promise.all(downstream.map(({ service }) => service.start()));
    onRegistryTopic = await probe.watch(platform.registryTopic);
  });

  afterAll(() => platform.cleanUp());

  it('loses nothing when the registry dies between committing the trial and publishing its events', async () => {
    await registry.start({ OUTBOX_RELAY_ENABLED: 'false' });
    const pending = await platform.query<{ event_id: string; event_type: string; published_at: Date | null }>(
      'registry',
      `SELECT event_id, event_type, published_at FROM outbox_message WHERE message_key = $1 ORDER BY position`,
      [REFERENCE_TRIAL],
    );
    expect(pending.map((row) => [row.event_type, row.published_at])).toEqual([
      ['TrialRegistered', null],
      ['ProtocolVersionPublished', null],
    ]);
    referenceEventIds = pending.map((row) => row.event_id);

    expect(await registry.stop('SIGKILL')).toEqual({ code: null, signal: 'SIGKILL' });
    await registry.start();

    for (const { service, part } of downstream) {
      await waitFor(`${service.app} to hold the reference protocol`, async () =>
        (await service.getJson(`/trials/${REFERENCE_TRIAL}/${part}`)).status === 200 ? true : undefined,
      );
      const processed = await platform.query(service.app, 'SELECT event_id FROM processed_event WHERE event_id = ANY($1::uuid[])', [referenceEventIds]);
      expect(processed).toHaveLength(2);
    }
    await waitFor('both events on the topic', async () =>
      referenceEventIds.every((id) => onRegistryTopic.some((m) => m.headers['event-id'] === id)) ? true : undefined,
    );
    for (const id of referenceEventIds) expect(onRegistryTopic.filter((m) => m.headers['event-id'] === id)).toHaveLength(1);
  });

  it('gives each downstream service the trial and the part of the protocol it runs on', async () => {
    const [enrollment, infusion, safety] = await Promise.all(
      downstream.map(({ service, part }) => service.getJson(`/trials/${REFERENCE_TRIAL}/${part}`).then((r) => r.body)),
    );
    expect(enrollment).toMatchObject({ protocolVersion: 1, enrollmentTarget: 30, eligibility: { age: { minYears: 18, maxYears: 65 }, minimumBaselinePasi: 8 } });
    expect(enrollment.eligibility.criteriaText).toContain('Baseline Psoriasis Area and Severity Index (PASI) score >= 8');
    expect(infusion).toMatchObject({ dosing: { cellsPerKg: 1_000_000 }, followUpDayOffsets: [79, 140, 231, 322, 414] });
    expect(infusion.infusions.map((i: { dayOffset: number }) => i.dayOffset)).toEqual([0, 7, 14, 21, 35, 49]);
    expect(safety).toMatchObject({ expeditedReporting: { fatalOrLifeThreateningDays: 7, otherSusarDays: 15 } });
    for (const { service } of downstream) {
      expect((await service.getJson(`/trials/${REFERENCE_TRIAL}`)).body).toMatchObject({ overallStatus: 'UNKNOWN' });
    }
  });

  it('puts plain JSON on the wire that kcat reads, in the one envelope, with no direct identifiers', () => {
    const message = platform.readWithKcat(platform.registryTopic).find((m) => header(m, 'event-type') === 'TrialRegistered' && m.key === REFERENCE_TRIAL)!;
    const envelope = JSON.parse(message.payload);
    expect(envelope).toMatchObject({
      eventId: referenceEventIds[0],
      type: 'TrialRegistered',
      version: 1,
      producer: 'registry',
      trialId: REFERENCE_TRIAL,
      correlationId: expect.any(String),
      occurredAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      payload: { trialId: REFERENCE_TRIAL, orgStudyId: '307-PV-MSC', phases: ['PHASE1', 'PHASE2'] },
    });
    expect(envelope.subjectId).toBeUndefined();
    expect(header(message, 'event-version')).toBe('1');
    expect(header(message, 'event-id')).toBe(referenceEventIds[0]);
  });

  it('applies the same event delivered twice more only once', async () => {
    const original = platform.readWithKcat(platform.registryTopic).find((m) => header(m, 'event-id') === referenceEventIds[1])!;
    const copy = { key: REFERENCE_TRIAL, value: original.payload };
    await probe.produce(platform.registryTopic, [copy, copy]);

    for (const { service } of downstream) {
      await waitFor(`${service.app} to see both copies`, async () => ((await consumedWithOutcome(service, 'duplicate', 'ProtocolVersionPublished')) >= 2 ? true : undefined));
      // The handler ran once for the one protocol version published so far; the copies stopped at the ledger.
      expect(await consumedWithOutcome(service, 'handled', 'ProtocolVersionPublished')).toBe(1);
    }
  });

  it('dead-letters a malformed and a wrong-version message with a readable reason and still processes the good one behind them', async () => {
    const trial = 'NCT09999999';
    await probe.produce(platform.registryTopic, [
      { key: trial, value: 'this is not json' },
      { key: trial, value: JSON.stringify(sampleEnvelope(sampleTrialRegistered(trial), { version: 7 })) },
      { key: trial, value: JSON.stringify(sampleEnvelope(sampleTrialRegistered(trial))) },
    ]);

    for (const { service } of downstream) {
      await waitFor(`${service.app} to process the good event`, async () =>
        (await service.getJson(`/trials/${trial}`)).status === 200 ? true : undefined,
      );
      const deadLetters = await waitFor(`${service.app}'s dead letters`, async () => {
        const found = platform.readWithKcat(platform.topic(deadLetterTopic(service.app as ConsumingService))).filter((m) => m.key === trial);
        return found.length === 2 ? found : undefined;
      });
      expect(header(deadLetters[0], 'dead-letter-reason')).toMatch(/^message is not valid JSON/);
      expect(header(deadLetters[1], 'dead-letter-reason')).toBe('version: TrialRegistered version 7 is not supported (supported: 1) [supportedVersion]');
      expect(deadLetters[0].payload).toBe('this is not json');
    }
  });

  it('answers the operations endpoints: nothing set aside, a clock fixed to real time unless configured otherwise', async () => {
    for (const service of [registry, ...downstream.map((d) => d.service)]) {
      expect(await service.getJson('/operations/outbox/set-aside')).toEqual({ status: 200, body: { items: [], total: 0, limit: 50, offset: 0 } });
      expect((await service.postJson('/operations/outbox/set-aside/7c9e6679-7425-40de-944b-e07fc1f90ae7/retry', {})).status).toBe(404);
      const clock = await service.getJson('/operations/clock');
      expect(clock.body).toMatchObject({ adjustable: false, offsetMs: 0 });
      expect(Math.abs(Date.parse(clock.body.now) - Date.now())).toBeLessThan(60_000);
      expect((await service.postJson('/operations/clock/advance', { days: 1 })).status).toBe(403);
    }
  });

  it('shuts every service down cleanly on SIGTERM, flushing the outbox and leaving Kafka before the database', async () => {
    for (const service of [registry, ...downstream.map((d) => d.service)]) {
      // Nest exits 0 once its shutdown hooks have run (useProcessExit, bootstrap.ts).
      await service.stopCleanly();
      expect(service.logs).toContain('stopped consuming, flushed the outbox and disconnected from Kafka');
    }
  });
});
