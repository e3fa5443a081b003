import { deadLetterTopic, TOPICS } from '@trialstream/contracts';
import { waitFor, type ReceivedMessage } from '@trialstream/testing';
import { consumedWithOutcome, PlatformUnderTest, testPort } from './platform-under-test';
import { eligibleScreening, screeningEvent } from './screenings';
import type { ServiceProcess } from './service-process';

const TRIAL = 'NCT02491658';

describe('enrollment end to end: screening, consent, the cap and withdrawal', () => {
  const platform = new PlatformUnderTest();
  const { registry, probe } = platform;
  const [{ service: enrollment }, { service: infusion }] = platform.downstream;
  const secondEnrollment: ServiceProcess = platform.service('enrollment', testPort(5));
  let enrollmentEvents: ReceivedMessage[];
  let enrollmentStatus: ReceivedMessage[];
  let registryEvents: ReceivedMessage[];
  let deadLetters: ReceivedMessage[];
  const ingress = platform.topic(TOPICS.sponsorIngress);
  const eventsOf = (type: string, subjectId?: string) =>
    [...enrollmentEvents, ...enrollmentStatus].filter((m) => m.headers['event-type'] === type && (!subjectId || m.key === subjectId));

  const consentAndEnroll = async (subjectId: string, via = enrollment) => {
    await enrollment.postJson(`/trials/${TRIAL}/subjects/${subjectId}/consent`, { consentVersion: '1.0', consentDate: '2015-05-30' });
    return via.postJson(`/trials/${TRIAL}/subjects/${subjectId}/enrollment`, { plannedFirstInfusionDate: '2015-06-08' });
  };

  beforeAll(async () => {
    await platform.startAll();
    enrollmentEvents = await probe.watch(platform.topic(TOPICS.enrollmentEvents));
    enrollmentStatus = await probe.watch(platform.topic(TOPICS.enrollmentStatus));
    registryEvents = await probe.watch(platform.registryTopic);
    deadLetters = await probe.watch(platform.topic(deadLetterTopic('enrollment')));
    await waitFor('the reference protocol in enrollment', async () =>
      (await enrollment.getJson(`/trials/${TRIAL}/enrollment-policy`)).status === 200 ? true : undefined,
    );
    await registry.postJson(`/trials/${TRIAL}/status`, { status: 'RECRUITING', reason: 'recruitment opens' });
    await waitFor('enrollment to see the trial recruiting', async () =>
      (await enrollment.getJson(`/trials/${TRIAL}`)).body.overallStatus === 'RECRUITING' ? true : undefined,
    );
  });

  afterAll(async () => {
    await secondEnrollment.stop('SIGKILL');
    await platform.cleanUp();
  });

  it('screens a subject from the ingress topic and publishes SubjectScreened with every rule result', async () => {
    await probe.produce(ingress, [
      { key: 'S-100', value: JSON.stringify(screeningEvent(eligibleScreening('S-100'))) },
      { key: 'S-199', value: JSON.stringify(screeningEvent({ ...eligibleScreening('S-199'), baselinePasi: 7.9 })) },
    ]);
    const [eligible] = await waitFor('S-100 screened', async () => (eventsOf('SubjectScreened', 'S-100').length ? eventsOf('SubjectScreened', 'S-100') : undefined));
    expect(JSON.parse(eligible.value!).payload).toMatchObject({ eligible: true, protocolVersion: 1 });

    const [excluded] = await waitFor('S-199 screened', async () => (eventsOf('SubjectScreened', 'S-199').length ? eventsOf('SubjectScreened', 'S-199') : undefined));
    const decision = JSON.parse(excluded.value!).payload;
    expect(decision.eligible).toBe(false);
    expect(decision.ruleResults.filter((r: { outcome: string }) => r.outcome === 'FAIL')).toEqual([
      { ruleId: 'IN-BASELINE-PASI', description: 'baseline PASI >= 8', observed: 'PASI 7.9', outcome: 'FAIL' },
    ]);
    expect((await enrollment.getJson(`/trials/${TRIAL}/subjects/S-199`)).body).toMatchObject({ status: 'SCREENED', eligible: false });
  });

  it('refuses to screen for a trial that has no executable protocol', async () => {
    const response = await enrollment.postJson('/trials/NCT03745417/screenings', eligibleScreening('S-997'));
    expect(response).toMatchObject({ status: 409, body: { violations: [{ field: 'trialId', rule: 'hasProtocol' }] } });
  });

  it('documents the screening request in OpenAPI from the same rules that validate it', async () => {
    const { body } = await enrollment.getJson('/docs-json');
    expect(body.paths['/trials/{trialId}/screenings'].post.requestBody.content['application/json'].schema.$ref).toBe('#/components/schemas/ScreeningData');
    expect(body.components.schemas.ScreeningData.properties.baselinePasi).toMatchObject({ minimum: 0, maximum: 72 });
    const invalid = await enrollment.postJson(`/trials/${TRIAL}/screenings`, { ...eligibleScreening('S-998'), baselinePasi: 73, nickname: 'x' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.violations).toEqual([
      { field: 'nickname', rule: 'unknownField', message: 'nickname is not a known field' },
      { field: 'baselinePasi', rule: 'max', message: 'baselinePasi must not be greater than 72' },
    ]);
  });

  it('applies a duplicate screening event once', async () => {
    const event = JSON.stringify(screeningEvent(eligibleScreening('S-101')));
    const duplicatesBefore = await consumedWithOutcome(enrollment, 'duplicate');
    await probe.produce(ingress, [{ key: 'S-101', value: event }, { key: 'S-101', value: event }]);
    await waitFor('the duplicate to be seen', async () => ((await consumedWithOutcome(enrollment, 'duplicate')) > duplicatesBefore ? true : undefined));
    await waitFor('S-101 screened', async () => (eventsOf('SubjectScreened', 'S-101').length ? true : undefined));
    expect(eventsOf('SubjectScreened', 'S-101')).toHaveLength(1);
  });

  it('dead-letters an invalid screening payload, and one that contradicts itself, with the reason', async () => {
    await probe.produce(ingress, [
      { key: 'S-900', value: JSON.stringify(screeningEvent({ ...eligibleScreening('S-900'), baselinePasi: 80 })) },
      {
        key: 'S-901',
        value: JSON.stringify(
          screeningEvent({ ...eligibleScreening('S-901'), pasiComponents: [{ region: 'TRUNK', erythema: 1, induration: 1, desquamation: 1, area: 1 }] }),
        ),
      },
    ]);
    const [invalid, contradictory] = await waitFor('two dead letters', async () => {
      const found = ['S-900', 'S-901'].map((key) => deadLetters.find((m) => m.key === key));
      return found.every(Boolean) ? (found as ReceivedMessage[]) : undefined;
    });
    expect(invalid.headers['dead-letter-kind']).toBe('INVALID_PAYLOAD');
    expect(invalid.headers['dead-letter-reason']).toBe('payload.baselinePasi: baselinePasi must not be greater than 72 [max]');
    expect(contradictory.headers['dead-letter-kind']).toBe('REJECTED');
    expect(contradictory.headers['dead-letter-reason']).toContain('baselinePasi 14.2 does not match its components (0.9)');
    expect((await enrollment.getJson(`/trials/${TRIAL}/subjects/S-900`)).status).toBe(404);

    // Replaying only the rejected one sends it back to the ingress topic, where it is rejected again.
    const replay = await enrollment.postJson('/operations/dead-letters/replay?kind=REJECTED', {});
    expect(replay).toMatchObject({ status: 200, body: { replayed: 1, skipped: 1, byTopic: { [ingress]: 1 } } });
    await waitFor('the replayed screening rejected again', async () =>
      deadLetters.filter((m) => m.key === 'S-901').length === 2 ? true : undefined,
    );
  });

  it('enrolls only with consent to the current form; infusion tracking plans the visits; withdrawal cancels the rest', async () => {
    const noConsent = await enrollment.postJson(`/trials/${TRIAL}/subjects/S-100/enrollment`, { plannedFirstInfusionDate: '2015-06-08' });
    expect(noConsent).toMatchObject({ status: 409, body: { violations: [{ field: 'consent', rule: 'currentVersion' }] } });
    const oldForm = await enrollment.postJson(`/trials/${TRIAL}/subjects/S-100/consent`, { consentVersion: '0.9', consentDate: '2015-05-30' });
    expect(oldForm).toMatchObject({ status: 400, body: { violations: [{ field: 'consentVersion', rule: 'currentVersion' }] } });
    expect((await consentAndEnroll('S-199')).body.violations[0].rule).toBe('eligible');

    const enrolled = await consentAndEnroll('S-100');
    expect(enrolled).toMatchObject({ status: 200, body: { status: 'ENROLLED', enrollmentNumber: 1 } });
    const [event] = await waitFor('SubjectEnrolled', async () => (eventsOf('SubjectEnrolled', 'S-100').length ? eventsOf('SubjectEnrolled', 'S-100') : undefined));
    expect(JSON.parse(event.value!).payload).toMatchObject({ baselinePasi: 14.2, baselineDlqi: 12, bodyWeightKg: 64, consentVersion: '1.0', plannedFirstInfusionDate: '2015-06-08' });

    const visits = await waitFor('planned visits', async () => {
      const { body } = await infusion.getJson(`/trials/${TRIAL}/subjects/S-100/visits`);
      return body.length === 11 ? body : undefined;
    });
    expect(visits[0]).toMatchObject({ kind: 'INFUSION', number: 1, plannedDate: '2015-06-08', doseCells: '64000000', status: 'PLANNED' });

    const withdrawn = await enrollment.postJson(`/trials/${TRIAL}/subjects/S-100/withdrawal`, {
      withdrawnBy: 'SUBJECT',
      reason: 'moved away',
      withdrawalDate: '2015-06-20',
    });
    expect(withdrawn).toMatchObject({ status: 200, body: { status: 'WITHDRAWN' } });
    await waitFor('future visits cancelled', async () => {
      const { body } = await infusion.getJson(`/trials/${TRIAL}/subjects/S-100/visits`);
      const statuses = body.map((v: { status: string }) => v.status);
      return statuses.filter((s: string) => s === 'CANCELLED').length === 9 ? statuses : undefined;
    });
  });

  it('holds the cap of 30 with two instances racing, refuses the rest, closes enrollment once, and the registry stops recruiting', async () => {
    const subjects = Array.from({ length: 31 }, (_, i) => `S-${200 + i}`);
    for (const subjectId of subjects) {
      expect((await enrollment.postJson(`/trials/${TRIAL}/screenings`, eligibleScreening(subjectId))).status).toBe(201);
    }
    await secondEnrollment.start();
    const answers = await Promise.all(subjects.map((subjectId, i) => consentAndEnroll(subjectId, i % 2 ? secondEnrollment : enrollment)));

    // S-100 (withdrawn) holds number 1: 29 places were left for 31 subjects.
    expect(answers.filter((a) => a.status === 200)).toHaveLength(29);
    const refusals = answers.filter((a) => a.status !== 200);
    expect(refusals.map((a) => a.status)).toEqual([409, 409]);
    for (const refusal of refusals) expect(refusal.body.message).toMatch(/enrollment is closed: 30 of 30 subjects enrolled|not recruiting/);

    const { body: listed } = await enrollment.getJson(`/trials/${TRIAL}/subjects?limit=40`);
    expect(listed).toMatchObject({ total: 34, limit: 40, offset: 0 }); // S-100, S-101, S-199 and these 31
    const numbers = listed.items.filter((s: { enrollmentNumber: number | null }) => s.enrollmentNumber !== null).map((s: { enrollmentNumber: number }) => s.enrollmentNumber);
    expect(numbers).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));

    await waitFor('the registry to stop recruiting', async () =>
      (await registry.getJson(`/trials/${TRIAL}`)).body.overallStatus === 'ACTIVE_NOT_RECRUITING' ? true : undefined,
    );
    expect(eventsOf('EnrollmentClosed')).toHaveLength(1);
    // On the trial-keyed status topic, which the registry reads, not among the subjects' events.
    expect(enrollmentStatus.map((m) => [m.headers['event-type'], m.key])).toEqual([['EnrollmentClosed', TRIAL]]);
    const closed = JSON.parse(eventsOf('EnrollmentClosed')[0].value!);
    expect(closed.payload).toEqual({ enrolled: 30, target: 30, reason: 'TARGET_REACHED', protocolVersion: 1 });
    // The registry's status change names the event that caused it and keeps its correlation id.
    const statusChange = await waitFor('the registry\'s TrialStatusChanged', async () =>
      registryEvents.map((m) => JSON.parse(m.value!)).find((e) => e.type === 'TrialStatusChanged' && e.payload.to === 'ACTIVE_NOT_RECRUITING'),
    );
    expect(statusChange).toMatchObject({ causationId: closed.eventId, correlationId: closed.correlationId });
    expect(statusChange.payload.reason).toBe('enrollment target reached (30 of 30 subjects)');
    const late = await enrollment.postJson(`/trials/${TRIAL}/screenings`, eligibleScreening('S-300'));
    expect(late.status).toBe(201);
    await waitFor('enrollment to see the trial active, not recruiting', async () =>
      (await enrollment.getJson(`/trials/${TRIAL}`)).body.overallStatus === 'ACTIVE_NOT_RECRUITING' ? true : undefined,
    );
    expect((await consentAndEnroll('S-300')).body.violations[0].rule).toBe('recruiting');
  });
});
