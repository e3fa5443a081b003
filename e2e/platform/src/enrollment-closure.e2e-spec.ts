import { TOPICS, type EventEnvelope } from '@trialstream/contracts';
import { waitFor, type ReceivedMessage } from '@trialstream/testing';
import { enrollmentClosed } from './enrollment-events';
import { PlatformUnderTest } from './platform-under-test';

describe('EnrollmentClosed at the registry: only a recruiting trial stops recruiting', () => {
  const platform = new PlatformUnderTest();
  const { registry, probe } = platform;
  let registryEvents: ReceivedMessage[];

  const publish = (event: EventEnvelope) => probe.produce(platform.topic(TOPICS.enrollmentStatus), [{ key: event.trialId, value: JSON.stringify(event) }]);
  const changeStatus = (trialId: string, status: string, reason: string, role: 'sponsor-system' | 'dsmb') => registry.postJson(`/trials/${trialId}/status`, { status, reason }, {}, { role });
  const closureOf = (trialId: string) =>
    waitFor(`the registry to record EnrollmentClosed for ${trialId}`, async () => (await registry.getJson(`/trials/${trialId}/enrollment-closures`)).body.items[0]);

  beforeAll(async () => {
    await registry.start();
    registryEvents = await probe.watch(platform.registryTopic);
  });

  afterAll(() => platform.cleanUp());

  it('leaves a trial the safety board suspended SUSPENDED, and records the closure as not applied', async () => {
    const trial = 'NCT02491658';
    expect((await changeStatus(trial, 'RECRUITING', 'recruitment opens', 'sponsor-system')).status).toBe(200);
    expect((await changeStatus(trial, 'SUSPENDED', 'grade 4 infusion reaction under review', 'dsmb')).status).toBe(200);

    const event = enrollmentClosed(trial);
    await publish(event);

    expect(await closureOf(trial)).toMatchObject({
      eventId: event.eventId,
      enrolled: 30,
      target: 30,
      trialStatus: 'SUSPENDED',
      outcome: 'NOT_APPLIED',
      reason: 'the trial is SUSPENDED; only a person lifts a suspension',
    });
    expect((await registry.getJson(`/trials/${trial}`)).body.overallStatus).toBe('SUSPENDED');
    const history = (await registry.getJson(`/trials/${trial}/status-history`)).body.items;
    expect(history.map((change: { to: string }) => change.to)).toEqual(['RECRUITING', 'SUSPENDED']);
    expect(registry.logs).toContain('enrollment closed; trial status not changed');
  });

  it('moves a recruiting trial to ACTIVE_NOT_RECRUITING, naming the event as the cause', async () => {
    const trial = 'NCT05000011';
    expect((await registry.postJson('/trials', { trialId: trial, briefTitle: 'UC-MSCs, third site', overallStatus: 'RECRUITING' })).status).toBe(201);

    const event = enrollmentClosed(trial);
    await publish(event);

    expect(await closureOf(trial)).toMatchObject({ eventId: event.eventId, trialStatus: 'RECRUITING', outcome: 'APPLIED', reason: null });
    expect((await registry.getJson(`/trials/${trial}`)).body.overallStatus).toBe('ACTIVE_NOT_RECRUITING');
    const changed = await waitFor('TrialStatusChanged on the registry topic', async () =>
      registryEvents.map((m) => JSON.parse(m.value!)).find((e) => e.type === 'TrialStatusChanged' && e.trialId === trial),
    );
    expect(changed).toMatchObject({
      causationId: event.eventId,
      payload: { from: 'RECRUITING', to: 'ACTIVE_NOT_RECRUITING', reason: 'enrollment target reached (30 of 30 subjects)', changedBy: 'enrollment service' },
    });
  });
});
