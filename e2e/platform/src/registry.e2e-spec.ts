import { waitFor, type ReceivedMessage } from '@trialstream/testing';
import { PlatformUnderTest, testPort } from './platform-under-test';
import { reference, referenceProtocolDraft } from './reference-trial';

/** A new trial shaped like the reference one, imported the way a sponsor would. */
const TRIAL = 'NCT05000001';
function importedStudy() {
  const study = reference('nct02491658.ctgov.json');
  study.protocolSection.identificationModule = { nctId: TRIAL, briefTitle: 'UC-MSCs in plaque psoriasis, second site' };
  study.protocolSection.statusModule.overallStatus = 'NOT_YET_RECRUITING';
  return study;
}
const protocolDraft = referenceProtocolDraft();

describe('the registry over HTTP, with the real broker and the services that follow it', () => {
  const platform = new PlatformUnderTest();
  const { registry, downstream, probe } = platform;
  let onRegistryTopic: ReceivedMessage[];
  const eventsFor = (type: string) => onRegistryTopic.filter((m) => m.key === TRIAL && m.headers['event-type'] === type);

  // A second instance starting at the same moment on the same fresh database.
  const secondRegistry = platform.service('registry', testPort(5));

  beforeAll(async () => {
    await Promise.all(downstream.map(({ service }) => service.start()));
    await Promise.all([registry.start(), secondRegistry.start()]);
    onRegistryTopic = await probe.watch(platform.registryTopic);
  });

  afterAll(async () => {
    await secondRegistry.stop('SIGKILL');
    await platform.cleanUp();
  });

  it('starts two instances at once on a fresh database: migrations run once, reference data is loaded once', async () => {
    const registered = await platform.query('registry', `SELECT event_type FROM outbox_message WHERE message_key = 'NCT02491658' ORDER BY position`);
    expect(registered.map((r) => r.event_type)).toEqual(['TrialRegistered', 'ProtocolVersionPublished']);
    expect(await platform.query('registry', 'SELECT trial_id FROM trial')).toHaveLength(6);
    expect((await secondRegistry.getJson('/trials/NCT02491658')).status).toBe(200);
    expect((await registry.getJson('/trials')).body.total).toBe(6);
    expect(await registry.getJson('/health')).toMatchObject({ status: 200, body: { status: 'ok' } });
  });

  it('imports a ClinicalTrials.gov record and publishes TrialRegistered; the services learn of the trial', async () => {
    const response = await registry.postJson('/trials/import', importedStudy());
    expect(response).toMatchObject({ status: 201, body: { trialId: TRIAL, overallStatus: 'NOT_YET_RECRUITING', phases: ['PHASE1', 'PHASE2'] } });

    const [event] = await waitFor('TrialRegistered', async () => (eventsFor('TrialRegistered').length ? eventsFor('TrialRegistered') : undefined));
    expect(JSON.parse(event.value!).payload).toMatchObject({ trialId: TRIAL, overallStatus: 'NOT_YET_RECRUITING' });
    for (const { service, part } of downstream) {
      await waitFor(`${service.app} to know ${TRIAL}`, async () => ((await service.getJson(`/trials/${TRIAL}`)).status === 200 ? true : undefined));
      expect((await service.getJson(`/trials/${TRIAL}/${part}`)).status).toBe(404);
    }
    expect((await registry.postJson('/trials/import', importedStudy())).status).toBe(409);
  });

  it('publishes a protocol and an amendment; every service acts on the newest version, and the old one stays readable', async () => {
    const first = await registry.postJson(`/trials/${TRIAL}/protocol-versions`, { ...protocolDraft });
    expect(first).toMatchObject({ status: 201, body: { version: 1 } });
    expect(first.body.protocol.eligibility.criteriaText).toContain('Inclusion Criteria');

    const unexplained = await registry.postJson(`/trials/${TRIAL}/protocol-versions`, { ...protocolDraft });
    expect(unexplained).toMatchObject({ status: 400, body: { violations: [{ field: 'amendmentReason', rule: 'required' }] } });

    const amendment = await registry.postJson(`/trials/${TRIAL}/protocol-versions`, {
      ...protocolDraft,
      effectiveDate: '2016-01-15',
      enrollmentTarget: 40,
      amendmentReason: 'second site joins; cohort raised to 40',
    });
    expect(amendment).toMatchObject({ status: 201, body: { version: 2, amendmentReason: 'second site joins; cohort raised to 40' } });

    await waitFor('two ProtocolVersionPublished events', async () => (eventsFor('ProtocolVersionPublished').length === 2 ? true : undefined));
    for (const { service, part } of downstream) {
      const projection = await waitFor(`${service.app} to act on version 2`, async () => {
        const { status, body } = await service.getJson(`/trials/${TRIAL}/${part}`);
        return status === 200 && body.protocolVersion === 2 ? body : undefined;
      });
      if (part === 'enrollment-policy') expect(projection.enrollmentTarget).toBe(40);
    }
    const versions = await registry.getJson(`/trials/${TRIAL}/protocol-versions`);
    expect(versions.body.items.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    expect((await registry.getJson(`/trials/${TRIAL}/protocol-versions/1`)).body.protocol.enrollmentTarget).toBe(30);
  });

  it('moves the trial through its statuses, with reason and actor, and refuses a transition the registry does not allow', async () => {
    const recruiting = await registry.postJson(
      `/trials/${TRIAL}/status`,
      { status: 'RECRUITING', reason: 'ethics approval received' },
      { 'x-correlation-id': 'ticket-4711' },
      { role: 'sponsor-system', subject: 'trial manager' },
    );
    expect(recruiting).toMatchObject({ status: 200, body: { from: 'NOT_YET_RECRUITING', to: 'RECRUITING' } });
    expect(recruiting.headers.get('x-correlation-id')).toBe('ticket-4711');
    const suspended = await registry.postJson(`/trials/${TRIAL}/status`, {
      status: 'SUSPENDED',
      reason: 'DSMB recommendation after a grade 4 infusion reaction',
    }, {}, { role: 'dsmb', subject: 'DSMB chair' });
    expect(suspended).toMatchObject({ status: 200, body: { from: 'RECRUITING', to: 'SUSPENDED' } });

    const refused = await registry.postJson(`/trials/${TRIAL}/status`, { status: 'COMPLETED', reason: 'x' });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toContain('a trial cannot move from SUSPENDED to COMPLETED');

    const changes = await waitFor('two TrialStatusChanged events', async () =>
      eventsFor('TrialStatusChanged').length === 2 ? eventsFor('TrialStatusChanged') : undefined,
    );
    // The caller's correlation id travels from the HTTP request into the event.
    expect(JSON.parse(changes[0].value!).correlationId).toBe('ticket-4711');
    expect(JSON.parse(changes[1].value!).payload).toMatchObject({
      from: 'RECRUITING',
      to: 'SUSPENDED',
      reason: 'DSMB recommendation after a grade 4 infusion reaction',
      changedBy: 'DSMB chair',
    });
    // The actor comes from the token, and a person's request names them in the event's envelope too.
    expect(JSON.parse(changes[1].value!).actor).toEqual({ subject: 'DSMB chair', role: 'dsmb' });
    for (const { service } of downstream) {
      await waitFor(`${service.app} to see the trial suspended`, async () =>
        (await service.getJson(`/trials/${TRIAL}`)).body.overallStatus === 'SUSPENDED' ? true : undefined,
      );
    }
    const history = await registry.getJson(`/trials/${TRIAL}/status-history`);
    expect(history.body.items.map((c: { to: string; changedBy: string }) => [c.to, c.changedBy])).toEqual([
      ['RECRUITING', 'trial manager'],
      ['SUSPENDED', 'DSMB chair'],
    ]);
  });

  it('answers a malformed import with 400 naming the field and rule, and publishes nothing', async () => {
    const outboxBefore = await platform.query('registry', 'SELECT event_id FROM outbox_message');
    const study = importedStudy();
    study.protocolSection.identificationModule.nctId = 'NCT0500000X';
    delete study.protocolSection.statusModule;

    const response = await registry.postJson('/trials/import', study);
    expect(response.status).toBe(400);
    expect(response.body.violations).toEqual([
      { field: 'protocolSection.identificationModule.nctId', rule: 'matches', message: 'nctId must look like NCT followed by 8 digits' },
      { field: 'protocolSection.statusModule', rule: 'isDefined', message: 'statusModule should not be null or undefined' },
    ]);
    expect(await platform.query('registry', 'SELECT event_id FROM outbox_message')).toHaveLength(outboxBefore.length);
    expect((await registry.getJson('/trials/NCT0500000X')).status).toBe(404);
  });

  it('keeps the related trials of the reference record as entries without a protocol, which no service acts on', async () => {
    const related = await registry.getJson('/trials/NCT03745417');
    expect(related.body).toMatchObject({ briefTitle: 'Efficacy and Safety of Expanded UCMSCs On Patients With Moderate to Severe Psoriasis', registryRecord: null });
    expect((await registry.getJson('/trials/NCT03745417/protocol-versions')).body).toMatchObject({ items: [], total: 0 });
    for (const { service, part } of downstream) {
      await waitFor(`${service.app} to know the related trial`, async () =>
        (await service.getJson('/trials/NCT03745417')).status === 200 ? true : undefined,
      );
      expect((await service.getJson(`/trials/NCT03745417/${part}`)).status).toBe(404);
    }
  });
});
